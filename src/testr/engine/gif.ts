/**
 * GIF building blocks: RGBA downscaling, one self-contained encoded frame (local palette), and
 * assembling frames into an animated GIF. Frames are encoded as they are captured, so the
 * recorder holds compressed bytes and can cap the total size.
 */
import gifenc from 'gifenc';

const { GIFEncoder, quantize, applyPalette } = gifenc;

export interface RgbaImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Box-filter downscale to at most `maxWidth` wide (text stays readable, unlike nearest). */
export function downscale(image: RgbaImage, maxWidth: number): RgbaImage {
  if (image.width <= maxWidth) return image;
  const src = image.data;
  const srcWidth = image.width;
  const scale = srcWidth / maxWidth;
  const width = maxWidth;
  const height = Math.max(1, Math.round(image.height / scale));
  // Source column span of each output column, computed once.
  const x0 = new Int32Array(width);
  const x1 = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    x0[x] = Math.floor(x * scale);
    x1[x] = Math.min(srcWidth, Math.max(x0[x] + 1, Math.floor((x + 1) * scale)));
  }
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy0 = Math.floor(y * scale);
    const sy1 = Math.min(image.height, Math.max(sy0 + 1, Math.floor((y + 1) * scale)));
    for (let x = 0; x < width; x++) {
      const a = x0[x] as number;
      const b = x1[x] as number;
      let r = 0;
      let g = 0;
      let bl = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        const row = sy * srcWidth;
        for (let sx = a; sx < b; sx++) {
          const i = (row + sx) << 2;
          r += src[i] as number;
          g += src[i + 1] as number;
          bl += src[i + 2] as number;
        }
      }
      const n = (sy1 - sy0) * (b - a);
      const o = (y * width + x) << 2;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = bl / n;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height };
}

export interface EncodedFrame {
  /** Graphic control extension + image descriptor + local palette + pixels. */
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Encodes one frame with its own palette; `delayMs` can be changed later with setDelay. */
export function encodeFrame(image: RgbaImage, delayMs: number): EncodedFrame {
  const palette = quantize(image.data, 256);
  const index = applyPalette(image.data, palette);
  const encoder = GIFEncoder({ auto: false });
  encoder.writeFrame(index, image.width, image.height, { palette, delay: delayMs, first: false });
  return { bytes: encoder.bytes(), width: image.width, height: image.height };
}

/** Rewrites the frame's delay in place (bytes 4-5 of the graphic control extension). */
export function setDelay(frame: EncodedFrame, delayMs: number): void {
  const centis = Math.min(0xffff, Math.round(delayMs / 10));
  frame.bytes[4] = centis & 0xff;
  frame.bytes[5] = centis >> 8;
}

/** Header, screen descriptor (no global palette), loop-forever extension, frames, trailer. */
export function assembleGif(frames: EncodedFrame[]): Uint8Array {
  const width = Math.max(...frames.map((f) => f.width));
  const height = Math.max(...frames.map((f) => f.height));
  const header = [
    ...Buffer.from('GIF89a', 'ascii'),
    width & 0xff, width >> 8, height & 0xff, height >> 8,
    0x70, 0, 0, // colour resolution 8 bits, no global colour table
    0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'ascii'), 0x03, 0x01, 0x00, 0x00, 0x00,
  ];
  const total = header.length + frames.reduce((sum, f) => sum + f.bytes.length, 0) + 1;
  const out = new Uint8Array(total);
  out.set(header, 0);
  let offset = header.length;
  for (const frame of frames) {
    out.set(frame.bytes, offset);
    offset += frame.bytes.length;
  }
  out[offset] = 0x3b;
  return out;
}

/** Counts the image descriptors of a GIF (used by tests and sanity checks). */
export function countGifFrames(gif: Uint8Array): number {
  if (Buffer.from(gif.subarray(0, 6)).toString('ascii') !== 'GIF89a' && Buffer.from(gif.subarray(0, 6)).toString('ascii') !== 'GIF87a') {
    throw new Error('not a GIF');
  }
  const packed = gif[10] ?? 0;
  let i = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  let frames = 0;
  const skipSubBlocks = (): void => {
    while (i < gif.length && gif[i] !== 0) i += (gif[i] ?? 0) + 1;
    i += 1;
  };
  while (i < gif.length) {
    const byte = gif[i];
    if (byte === 0x3b) break;
    if (byte === 0x21) {
      i += 2;
      skipSubBlocks();
    } else if (byte === 0x2c) {
      frames++;
      const flags = gif[i + 9] ?? 0;
      i += 10 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
      i += 1; // LZW minimum code size
      skipSubBlocks();
    } else {
      throw new Error(`unexpected GIF block 0x${(byte ?? 0).toString(16)} at ${i}`);
    }
  }
  return frames;
}
