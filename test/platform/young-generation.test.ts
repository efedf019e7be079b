/**
 * keepYoungGenerationSmall (src/cli/young-generation.ts), in fresh Node processes: with it the
 * young generation keeps its initial size under an allocation load that makes it grow without it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, assertBuilt } from '../helpers/stdio.js';

const MODULE = pathToFileURL(path.join(ROOT, 'dist', 'src', 'cli', 'young-generation.js')).href;

/** MB of young generation after allocating a stream of objects, some kept alive for a while. */
function youngGenerationMb(keepSmall: boolean): number {
  const script = `
    import v8 from 'node:v8';
    const { keepYoungGenerationSmall } = await import(${JSON.stringify(MODULE)});
    if (${keepSmall}) keepYoungGenerationSmall();
    const kept = [];
    for (let i = 0; i < 2e6; i++) {
      const item = { i, text: 'call ' + i, list: [i, i + 1] };
      kept.push(item);
      if (kept.length > 5000) kept.splice(0, 2500);
    }
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(space.space_size / 2 ** 20);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('keepYoungGenerationSmall', () => {
  beforeAll(() => assertBuilt());

  it('keeps the young generation at its initial size where it would otherwise grow', () => {
    const grown = youngGenerationMb(false);
    const kept = youngGenerationMb(true);
    expect(kept).toBeLessThan(grown);
    expect(kept).toBeLessThanOrEqual(4);
  });
});
