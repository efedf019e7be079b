/**
 * The model rewrite at creation (only when TESTR_LLM_* is set): a step the grammar cannot read is
 * sent to an OpenAI-compatible /chat/completions endpoint, which answers with grammar steps. The
 * answer is kept only if the grammar reads every step of it (so the model can only produce the
 * same safe actions), and is stored with the definition, so runs stay deterministic and the model
 * is never asked at run time. Any failure leaves the step refused as before.
 */
import { isProblem, readStep } from './read.js';

export interface ModelConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
}

const TIMEOUT_MS = 20_000;
const MAX_STEPS = 5;

function prompt(step: string, forms: string): string {
  return [
    `Rewrite this browser test step into one or more steps of the grammar below, keeping its meaning: ${JSON.stringify(step)}`,
    forms,
    `Answer with only a JSON array of at most ${MAX_STEPS} step strings. If the step cannot be done with these forms (it needs knowledge of the application you do not have), answer [].`,
  ].join('\n\n');
}

/** Grammar steps meaning `step`, or undefined. */
export async function rewriteWithModel(model: ModelConfig, step: string, forms: string): Promise<string[] | undefined> {
  try {
    const response = await fetch(`${model.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(model.apiKey ? { authorization: `Bearer ${model.apiKey}` } : {}) },
      body: JSON.stringify({
        model: model.model,
        temperature: 0,
        messages: [
          { role: 'system', content: 'You translate test steps into a fixed step grammar. Reply with a JSON array of strings only.' },
          { role: 'user', content: prompt(step, forms) },
        ],
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return undefined;
    const json = /\[[\s\S]*\]/.exec(content)?.[0];
    const steps: unknown = json ? JSON.parse(json) : undefined;
    if (!Array.isArray(steps) || steps.length === 0 || steps.length > MAX_STEPS) return undefined;
    if (!steps.every((s): s is string => typeof s === 'string' && s.trim() !== '' && s.length <= 500)) return undefined;
    // Re-checked by the parser: a rewrite the grammar does not read (or refuses) is no rewrite.
    return steps.every((s) => !isProblem(readStep(s, 1))) ? steps.map((s) => s.trim()) : undefined;
  } catch {
    return undefined;
  }
}
