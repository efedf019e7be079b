/**
 * Expected numbers computed straight from the sandbox's own dataset, written independently of
 * the services so a tool test compares two separate computations.
 */
import type { SandboxData } from '../../src/sandbox/index.js';

type WireBug = SandboxData['bugs'][number];
type WireTest = SandboxData['tests'][number];

export function bugsOf(data: SandboxData, testId: number): WireBug[] {
  return data.bugs.filter((b) => b.test.id === testId);
}

export function testsOf(data: SandboxData, productId: number): WireTest[] {
  return data.tests.filter((t) => t.product.id === productId);
}

export function expectedSummary(bugs: readonly WireBug[]) {
  const n = (pred: (b: WireBug) => boolean) => bugs.filter(pred).length;
  const accepted = n((b) => b.status === 'accepted' && !b.auto_accepted);
  const auto = n((b) => b.status === 'accepted' && b.auto_accepted);
  const rejected = n((b) => b.status === 'rejected');
  const open = n((b) => b.status === 'forwarded');
  const total = bugs.length;
  return {
    total,
    by_severity: {
      critical: n((b) => b.severity === 'critical'),
      high: n((b) => b.severity === 'high'),
      low: n((b) => b.severity === 'low'),
      visual: n((b) => b.severity === 'visual'),
      content: n((b) => b.severity === 'content'),
      custom: n((b) => b.severity === 'custom'),
    },
    by_status: { accepted, auto_accepted: auto, rejected, open },
    known: n((b) => b.known),
    acceptance_rate: total ? (accepted + auto) / total : null,
    rejection_rate: total ? rejected / total : null,
    auto_acceptance_rate: accepted + auto ? auto / (accepted + auto) : null,
  };
}

/** Newest first by reported_at, then id, as the tools order bugs. */
export function newestFirst(bugs: readonly WireBug[]): WireBug[] {
  return [...bugs].sort((a, b) => Date.parse(b.reported_at) - Date.parse(a.reported_at) || b.id - a.id);
}
