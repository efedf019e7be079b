/**
 * PNG → RGBA for recording frames. Chromium's screenshots are always 8-bit RGB(A) and not
 * interlaced; those are decoded here with native zlib and a tight unfilter loop (pngjs's generic
 * stream decoder costs ~10x more per frame, which adds up at one frame per step). Anything else
 * goes through pngjs.
 */
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import type { RgbaImage } from './gif.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(png: Buffer): RgbaImage {
  return fastDecode(png) ?? viaPngjs(png);
}

function viaPngjs(png: Buffer): RgbaImage {
  const image = PNG.sync.read(png);
  return { data: image.data, width: image.width, height: image.height };
}

function fastDecode(png: Buffer): RgbaImage | undefined {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const depth = png[24];
  const colorType = png[25];
  const interlace = png[28];
  if (depth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) return undefined;
  const idat: Buffer[] = [];
  for (let i = 8; i + 8 <= png.length; ) {
    const length = png.readUInt32BE(i);
    const type = png.toString('ascii', i + 4, i + 8);
    if (type === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + length));
    if (type === 'IEND') break;
    i += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  if (raw.length < height * (stride + 1)) return undefined;
  const pixels = unfilter(raw, height, stride, bpp);
  if (!pixels) return undefined;
  if (bpp === 4) return { data: pixels, width, height };
  const rgba = new Uint8Array(width * height * 4);
  for (let s = 0, d = 0; s < pixels.length; s += 3, d += 4) {
    rgba[d] = pixels[s] as number;
    rgba[d + 1] = pixels[s + 1] as number;
    rgba[d + 2] = pixels[s + 2] as number;
    rgba[d + 3] = 255;
  }
  return { data: rgba, width, height };
}

/** Reverses the per-row PNG filters (None, Sub, Up, Average, Paeth); one loop per filter type. */
function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): Uint8Array | undefined {
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    const hasUp = y > 0;
    if (filter === 0) {
      out.set(raw.subarray(src, src + stride), row);
    } else if (filter === 1) {
      for (let x = 0; x < stride; x++) out[row + x] = ((raw[src + x] as number) + (x >= bpp ? (out[row + x - bpp] as number) : 0)) & 0xff;
    } else if (filter === 2) {
      for (let x = 0; x < stride; x++) out[row + x] = ((raw[src + x] as number) + (hasUp ? (out[prev + x] as number) : 0)) & 0xff;
    } else if (filter === 3) {
      for (let x = 0; x < stride; x++) {
        const left = x >= bpp ? (out[row + x - bpp] as number) : 0;
        const up = hasUp ? (out[prev + x] as number) : 0;
        out[row + x] = ((raw[src + x] as number) + ((left + up) >> 1)) & 0xff;
      }
    } else if (filter === 4) {
      for (let x = 0; x < stride; x++) {
        const left = x >= bpp ? (out[row + x - bpp] as number) : 0;
        const up = hasUp ? (out[prev + x] as number) : 0;
        const upLeft = x >= bpp && hasUp ? (out[prev + x - bpp] as number) : 0;
        const p = left + up - upLeft;
        const pa = p > left ? p - left : left - p;
        const pb = p > up ? p - up : up - p;
        const pc = p > upLeft ? p - upLeft : upLeft - p;
        out[row + x] = ((raw[src + x] as number) + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)) & 0xff;
      }
    } else {
      return undefined;
    }
  }
  return out;
}
