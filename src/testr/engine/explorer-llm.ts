/**
 * Optional LLM chooser for the explorer: an OpenAI-compatible /chat/completions call that picks one
 * of the deterministic candidates by number. Any failure (network, timeout, odd answer) returns
 * undefined and the caller keeps the deterministic choice, so the LLM can never widen what the
 * explorer may do.
 */
import type { EngineOptions } from './contract.js';
import type { PageSnapshot } from './explorer-page.js';
import type { PlanOption } from './explorer-plan.js';

const LLM_TIMEOUT_MS = 20_000;
const MAX_CHOICES = 25;

export function buildPrompt(goal: string, snapshot: PageSnapshot, options: PlanOption[], history: string[]): string {
  const list = options.slice(0, MAX_CHOICES).map((o, i) => `${i}. ${o.description}`).join('\n');
  const done = history.length ? history.slice(-10).map((h) => `- ${h}`).join('\n') : '- nothing yet';
  return [
    `Goal: ${goal}`,
    `Current page: ${snapshot.title} (${snapshot.url})`,
    `Actions taken so far:\n${done}`,
    `Possible next actions:\n${list}`,
    'Answer with only the number of the action that best moves toward the goal.',
  ].join('\n\n');
}

/** The chosen index into `options`, or undefined to fall back to the deterministic choice. */
export async function chooseWithLlm(
  llm: NonNullable<EngineOptions['llm']>,
  goal: string,
  snapshot: PageSnapshot,
  options: PlanOption[],
  history: string[],
  signal: AbortSignal,
): Promise<number | undefined> {
  if (options.length <= 1) return undefined;
  try {
    const response = await fetch(`${llm.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}) },
      body: JSON.stringify({
        model: llm.model,
        temperature: 0,
        max_tokens: 16,
        messages: [
          { role: 'system', content: 'You choose the next action of a careful website tester. Reply with a single number.' },
          { role: 'user', content: buildPrompt(goal, snapshot, options, history) },
        ],
      }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(LLM_TIMEOUT_MS)]),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return undefined;
    const match = /\d+/.exec(content);
    const index = match ? Number(match[0]) : NaN;
    return Number.isInteger(index) && index >= 0 && index < Math.min(options.length, MAX_CHOICES) ? index : undefined;
  } catch {
    return undefined;
  }
}
