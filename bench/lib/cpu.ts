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
