/**
 * The mixed workload of cached calls used by the throughput and memory figures: a spread of
 * read tools an assistant calls repeatedly. Each call is tried once first (which also fills the
 * cache); a call the server refuses is dropped and reported rather than silently counted.
 */
import { mustCall, type BenchServer } from './servers.js';

export interface ToolCall {
  name: string;
  args: Record<string, unknown>;
}

export const MIXED_CALLS: ToolCall[] = [
  { name: 'get_test_status', args: { test_id: 109363 } },
  { name: 'get_test_status', args: { test_id: 109364 } },
  { name: 'list_products', args: {} },
  { name: 'list_tests', args: { product_id: 25073 } },
  { name: 'get_test_bugs', args: { test_id: 109363, page_size: 25 } },
  { name: 'get_valid_bug_filters', args: {} },
  { name: 'get_cache_stats', args: {} },
];

export interface PreparedMix {
  calls: ToolCall[];
  dropped: string[];
}

export async function prepareMix(server: BenchServer): Promise<PreparedMix> {
  const calls: ToolCall[] = [];
  const dropped: string[] = [];
  for (const call of MIXED_CALLS) {
    try {
      await mustCall(server, call.name, call.args);
      calls.push(call);
    } catch (error) {
      dropped.push((error as Error).message);
    }
  }
  if (calls.length === 0) throw new Error(`no call of the mixed workload succeeded:\n${dropped.join('\n')}`);
  return { calls, dropped };
}

/** The i-th call of the workload, round robin. */
export const nth = (mix: PreparedMix, i: number): ToolCall => mix.calls[i % mix.calls.length];
