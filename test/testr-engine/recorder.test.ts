import { countGifFrames } from '../../src/testr/engine/gif.js';
import { Recorder } from '../../src/testr/engine/recorder.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function solid(width: number, height: number, shade: number): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = shade;
    data[i + 1] = (i / 4) % 256;
    data[i + 2] = 255 - shade;
    data[i + 3] = 255;
  }
  return { data, width, height };
}

describe('recorder', () => {
  it('downscales, caps the frame count by dropping middle frames, and writes a valid GIF', async () => {
    const recorder = new Recorder({ maxFrames: 5, maxWidth: 100 });
    for (let i = 0; i < 9; i++) recorder.add(solid(200, 120, i * 25));
    expect(recorder.frameCount).toBe(5);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rec-')), 'deep', 'er', 'run.gif');
    expect(await recorder.write(file)).toBe(5);
    const gif = readFileSync(file);
    expect(gif.subarray(0, 6).toString('ascii')).toBe('GIF89a');
    expect(gif.readUInt16LE(6)).toBe(100);
    expect(gif.readUInt16LE(8)).toBe(60);
    expect(countGifFrames(gif)).toBe(5);
  });

  it('caps the total size', () => {
    const recorder = new Recorder({ maxBytes: 1, maxWidth: 50 });
    for (let i = 0; i < 6; i++) recorder.add(solid(50, 30, i * 40));
    expect(recorder.frameCount).toBe(2);
  });

  it('writes nothing when no frame was taken', async () => {
    expect(await new Recorder().write(path.join(tmpdir(), 'never.gif'))).toBe(0);
  });
});
