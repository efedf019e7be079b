/**
 * CPU time another process has used so far, in ms, summed over its threads (Linux: the ns
 * counters in /proc/<pid>/task/<tid>/schedstat). Unlike wall time it barely moves when other
 * jobs load the machine, so it backs the wall-clock figures on a busy host. undefined elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function cpuMs(pid: number): number | undefined {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Resolves once a process has stopped using CPU (under 1 ms in 100 ms, twice running), or after
 * `maxMs`. Timing starts there, so a server's own background work after start-up (its warm-up
 * imports, JIT compilation of start-up code) is not counted as per-call cost. Resolves at once
 * where CPU time cannot be read.
 */
export async function cpuSettled(pid: number, maxMs = 5_000): Promise<void> {
  const end = performance.now() + maxMs;
  let last = cpuMs(pid);
  let quiet = 0;
  while (last !== undefined && quiet < 2 && performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = cpuMs(pid);
    if (now === undefined) return;
    quiet = now - last < 1 ? quiet + 1 : 0;
    last = now;
  }
}
