/**
 * Dataset sizes: how many bulk tests are added to the hand-shaped dataset. `default` is the data
 * every test relies on; `large` adds history to the regular products until the set holds about
 * 10,000 tests and 200,000 bugs (for the analytics store and its benchmarks). The bulk is drawn
 * after the default plans, so the landmarks (pinned tests, the main and daily products) are the
 * same in every size. No imports: the CLI reads this to validate --size without loading the data.
 */
export const SANDBOX_SIZES = { default: 0, large: 9_800 } as const;
export type SandboxSize = keyof typeof SANDBOX_SIZES;
