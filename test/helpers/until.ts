/** Polls `check` until it returns a value (not undefined), failing after `deadlineMs` with what it waited for. */
export async function until<T>(check: () => Promise<T | undefined>, deadlineMs = 15_000, what = 'the condition', everyMs = 50): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
