/** Test definitions and their steps; each belongs to one user, and every read filters by that user. */
import type { Db } from './database.js';
import { matchesRef, newId, refParams } from './ids.js';
import type { DefinitionRow, NewDefinition, StepDefinitionRow } from './types.js';

const SELECT_DEFINITION = `
  SELECT d.*, (SELECT COUNT(*) FROM step_definitions s WHERE s.test_definition_id = d.id) AS total_steps
  FROM test_definitions d`;

type RawDefinition = Omit<DefinitionRow, 'is_active'> & { is_active: number };

const toDefinition = (raw: RawDefinition): DefinitionRow => ({ ...raw, is_active: raw.is_active === 1 });

/** LIKE with the user's % and _ taken literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class DefinitionRepository {
  constructor(private readonly db: Db) {}

  create(owner: string, input: NewDefinition): string {
    const now = new Date().toISOString();
    const id = newId();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO test_definitions (id, owner_user, name, description, target_url, test_type, explorer_prompt, max_credit_spend, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, owner, input.name, input.description ?? null, input.targetUrl, input.testType, input.explorerPrompt ?? null, input.maxCreditSpend ?? null, now, now);
      const insertStep = this.db.prepare(
        'INSERT INTO step_definitions (test_definition_id, step_number, step_text, step_type) VALUES (?, ?, ?, ?)',
      );
      input.steps.forEach((step, index) => insertStep.run(id, index + 1, step.text, step.stepType));
    })();
    return id;
  }

  /** By UUID, or by the whole-number id of a definition made before ids were UUIDs; another user's reads as missing. */
  get(owner: string, ref: string): DefinitionRow | undefined {
    const raw = this.db.prepare(`${SELECT_DEFINITION} WHERE ${matchesRef('d')} AND d.owner_user = @owner`).get({ ...refParams(ref), owner }) as RawDefinition | undefined;
    return raw && toDefinition(raw);
  }

  steps(definitionId: string): StepDefinitionRow[] {
    return this.db
      .prepare('SELECT id, step_number, step_text, step_type FROM step_definitions WHERE test_definition_id = ? ORDER BY step_number')
      .all(definitionId) as StepDefinitionRow[];
  }

  /** Newest first; search matches name, description or URL, case-insensitively. */
  list(owner: string, options: { offset: number; limit: number; search?: string }): { rows: DefinitionRow[]; total: number } {
    const matches = options.search ? ` AND (d.name LIKE @p ESCAPE '\\' OR d.description LIKE @p ESCAPE '\\' OR d.target_url LIKE @p ESCAPE '\\')` : '';
    const where = `WHERE d.owner_user = @owner${matches}`;
    const params = { owner, ...(options.search ? { p: likePattern(options.search) } : {}) };
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM test_definitions d ${where}`).get(params) as { n: number }).n;
    const rows = (
      this.db.prepare(`${SELECT_DEFINITION} ${where} ORDER BY d.created_at DESC, d.rowid DESC LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit: options.limit,
        offset: options.offset,
      }) as RawDefinition[]
    ).map(toDefinition);
    return { rows, total };
  }

  setActive(id: string, active: boolean): void {
    this.db.prepare('UPDATE test_definitions SET is_active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, new Date().toISOString(), id);
  }
}
