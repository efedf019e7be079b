/**
 * The write tools against a sandbox of their own, through a real client: with TESTIO_WRITE_TOOLS on,
 * logs captured (to read the audit lines), and optionally a client that answers elicitations.
 */
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { Bug } from '../../src/sandbox/index.js';
import type { Harness } from '../helpers/harness.js';
import { startToolHarness } from './tool-harness.js';

export interface WriteAnswer {
  status: string;
  summary: string;
  confirmation?: string;
  expires_at?: string;
  changes?: Array<{ bug_id: number; from: string | null; to: string; problem?: string }>;
  results?: Array<{ bug_id: number; ok: boolean; error?: string; bug?: { status: string; known: boolean; fixed: boolean; export_status: string | null; reject_reason: string | null } }>;
  applied_count?: number;
  failed_count?: number;
  preview?: Record<string, unknown>;
  test?: { id: number; status: string; title: string; timeline: { start_at: string | null; end_at: string | null; duration_hours: number | null } };
}

/** What the client answers the next elicitation: the test sets it before each call. */
export interface ElicitScript {
  next: ElicitResult;
  seen: ElicitRequest[];
}

export async function startWriteHarness(options: { elicit?: ElicitScript; seed?: number } = {}): Promise<Harness> {
  const script = options.elicit;
  return startToolHarness({
    sandbox: { seed: options.seed ?? 42 },
    env: { TESTIO_WRITE_TOOLS: 'true' },
    captureLogs: true,
    elicitation: script
      ? (request) => {
          script.seen.push(request);
          return script.next;
        }
      : undefined,
  });
}

export const answer = (result: { structuredContent?: unknown }) => result.structuredContent as WriteAnswer;

/** Forwarded bugs of the sandbox not used yet by this test file (each test takes its own). */
export function forwardedBugs(h: Harness, count: number, taken: Set<number>): Bug[] {
  const found = h.sandbox!.data.bugs.filter((b) => b.status === 'forwarded' && !taken.has(b.id)).slice(0, count);
  if (found.length < count) throw new Error(`the sandbox has only ${found.length} more forwarded bugs`);
  for (const bug of found) taken.add(bug.id);
  return found;
}

export const bugNow = (h: Harness, id: number) => h.sandbox!.data.bugs.find((b) => b.id === id)!;

/** The audit lines written so far (JSON log lines with audit: true). */
export function auditLines(h: Harness): Array<Record<string, unknown>> {
  return h
    .logs()
    .split('\n')
    .filter((line) => line.includes('"audit":true'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
