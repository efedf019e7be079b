/** Resident set size of another process, in MB (Linux /proc first, `ps` elsewhere). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: fall through to ps.
  }
  const kb = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  return Number(kb) / 1024;
}
