/**
 * Records a run as an animated GIF: a screenshot after every step (and on failure), password
 * fields masked, downscaled, encoded at once. Caps frames and bytes by dropping middle frames,
 * so the first and the latest frames (where failures show) always survive. Each screenshot is
 * also handed to an optional listener as it is taken (the live frame of a running run).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assembleGif, downscale, encodeFrame, setDelay, type EncodedFrame } from './gif.js';
import { decodePng } from './png.js';

export interface RecorderLimits {
  maxFrames: number;
  maxBytes: number;
  maxWidth: number;
}

const DEFAULT_LIMITS: RecorderLimits = { maxFrames: 60, maxBytes: 8 * 1024 * 1024, maxWidth: 800 };
const FRAME_DELAY_MS = 1_000;
const LAST_FRAME_DELAY_MS = 3_000;

const MAX_CAPTION = 160;

/**
 * A stylesheet that draws the caption as a bar at the bottom of the viewport. Playwright applies
 * it only while the screenshot is taken, so the page under test never sees it.
 */
export function captionStyle(caption: string): string {
  const oneLine = caption.replace(/\s+/g, ' ').trim();
  const clipped = oneLine.length > MAX_CAPTION ? `${oneLine.slice(0, MAX_CAPTION - 1)}…` : oneLine;
  const css = clipped.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `body::after { content: "${css}" !important; position: fixed !important; left: 0 !important; right: 0 !important; bottom: 0 !important; z-index: 2147483647 !important; display: block !important; padding: 10px 16px !important; background: rgba(17, 24, 39, 0.9) !important; color: #fff !important; font: 600 18px/1.4 system-ui, sans-serif !important; white-space: nowrap !important; overflow: hidden !important; text-overflow: ellipsis !important; }`;
}

export class Recorder {
  private readonly frames: EncodedFrame[] = [];
  private bytes = 0;
  private readonly limits: RecorderLimits;

  constructor(
    limits: Partial<RecorderLimits> = {},
    private readonly onFrame?: (png: Buffer) => void,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get frameCount(): number {
    return this.frames.length;
  }

  /**
   * Takes one frame, with an optional caption bar (what the step did and how it went); never
   * throws (a lost frame must not fail the test).
   */
  async capture(page: Page, caption?: string): Promise<boolean> {
    try {
      if (page.isClosed()) return false;
      const png = await page.screenshot({
        type: 'png',
        timeout: 5_000,
        animations: 'disabled',
        caret: 'hide',
        mask: [page.locator('input[type=password]')],
        maskColor: '#3a3a3a',
        ...(caption ? { style: captionStyle(caption) } : {}),
      });
      this.add(decodePng(png));
      this.onFrame?.(png);
      return true;
    } catch {
      return false;
    }
  }

  /** Adds an RGBA image (exposed for tests of the caps). */
  add(image: { data: Uint8Array; width: number; height: number }): void {
    const frame = encodeFrame(downscale({ data: image.data, width: image.width, height: image.height }, this.limits.maxWidth), FRAME_DELAY_MS);
    this.frames.push(frame);
    this.bytes += frame.bytes.length;
    while (this.frames.length > 2 && (this.frames.length > this.limits.maxFrames || this.bytes > this.limits.maxBytes)) {
      const [dropped] = this.frames.splice(Math.floor(this.frames.length / 2), 1);
      this.bytes -= dropped?.bytes.length ?? 0;
    }
  }

  /** Writes the GIF (creating folders); returns the frame count, 0 when nothing was recorded. */
  async write(file: string): Promise<number> {
    if (this.frames.length === 0) return 0;
    this.frames.forEach((frame, i) => setDelay(frame, i === this.frames.length - 1 ? LAST_FRAME_DELAY_MS : FRAME_DELAY_MS));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, assembleGif(this.frames));
    return this.frames.length;
  }
}
