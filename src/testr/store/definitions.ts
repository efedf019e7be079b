/** Test definitions and their steps; each belongs to one user, and every read filters by that user. */
import { sql } from 'kysely';
import type { TestrDb } from './connection.js';
import { matchesRef, newId } from './ids.js';
import { all, exec, first, ilike } from './sql.js';
import type { DefinitionRow, NewDefinition, StepDefinitionRow } from './types.js';

const SELECT_DEFINITION = sql`
  SELECT d.id, d.legacy_id, d.owner_user, d.name, d.description, d.target_url, d.test_type, d.explorer_prompt, d.max_credit_spend,
         d.is_active, d.created_at, d.updated_at,
         (SELECT COUNT(*) FROM step_definitions s WHERE s.test_definition_id = d.id) AS total_steps
  FROM test_definitions d`;

type RawDefinition = Omit<DefinitionRow, 'is_active'> & { is_active: number };

const toDefinition = (raw: RawDefinition): DefinitionRow => ({ ...raw, total_steps: Number(raw.total_steps), is_active: raw.is_active === 1 });

/** LIKE with the user's % and _ taken literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class DefinitionRepository {
  constructor(private readonly store: TestrDb) {}

  async create(owner: string, input: NewDefinition): Promise<string> {
    const now = new Date().toISOString();
    const id = newId();
    await this.store.write(async (tx) => {
      await exec(
        tx,
        sql`INSERT INTO test_definitions (id, owner_user, name, description, target_url, test_type, explorer_prompt, max_credit_spend, created_at, updated_at)
            VALUES (${id}, ${owner}, ${input.name}, ${input.description ?? null}, ${input.targetUrl}, ${input.testType}, ${input.explorerPrompt ?? null},
                    ${input.maxCreditSpend ?? null}, ${now}, ${now})`,
      );
      for (const [index, step] of input.steps.entries()) {
        await exec(
          tx,
          sql`INSERT INTO step_definitions (test_definition_id, step_number, step_text, step_type) VALUES (${id}, ${index + 1}, ${step.text}, ${step.stepType})`,
        );
      }
    });
    return id;
  }

  /** By UUID, or by the whole-number id of a definition made before ids were UUIDs; another user's reads as missing. */
  async get(owner: string, ref: string): Promise<DefinitionRow | undefined> {
    const raw = await first<RawDefinition>(this.store.db, sql`${SELECT_DEFINITION} WHERE ${matchesRef('d', ref)} AND d.owner_user = ${owner}`);
    return raw && toDefinition(raw);
  }

  steps(definitionId: string): Promise<StepDefinitionRow[]> {
    return all<StepDefinitionRow>(
      this.store.db,
      sql`SELECT id, step_number, step_text, step_type FROM step_definitions WHERE test_definition_id = ${definitionId} ORDER BY step_number`,
    );
  }

  /** Newest first; search matches name, description or URL, case-insensitively. */
  async list(owner: string, options: { offset: number; limit: number; search?: string }): Promise<{ rows: DefinitionRow[]; total: number }> {
    const like = ilike(this.store.dialect);
    const pattern = options.search ? likePattern(options.search) : undefined;
    const matches = pattern
      ? sql` AND (d.name ${like} ${pattern} ESCAPE '\\' OR d.description ${like} ${pattern} ESCAPE '\\' OR d.target_url ${like} ${pattern} ESCAPE '\\')`
      : sql``;
    const where = sql`WHERE d.owner_user = ${owner}${matches}`;
    const counted = await first<{ n: number }>(this.store.db, sql`SELECT COUNT(*) AS n FROM test_definitions d ${where}`);
    const rows = await all<RawDefinition>(
      this.store.db,
      sql`${SELECT_DEFINITION} ${where} ORDER BY d.created_at DESC, d.rowid DESC LIMIT ${options.limit} OFFSET ${options.offset}`,
    );
    return { rows: rows.map(toDefinition), total: Number(counted?.n ?? 0) };
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await exec(this.store.db, sql`UPDATE test_definitions SET is_active = ${active ? 1 : 0}, updated_at = ${new Date().toISOString()} WHERE id = ${id}`);
  }
}
