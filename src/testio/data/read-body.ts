/**
 * Reads a response body as a stream with a size cap: an answer larger than the cap is abandoned
 * the moment it passes it (or before reading, when Content-Length says so), so one runaway answer
 * costs at most the cap in memory instead of the whole body several times over.
 */
import type { Response } from 'undici';

export type BodyRead = { kind: 'text'; text: string } | { kind: 'too_large' };

export async function readCappedText(response: Response, maxBytes: number): Promise<BodyRead> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'too_large' };
  }
  if (!response.body) return { kind: 'text', text: '' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { kind: 'too_large' };
    }
    chunks.push(value);
  }
  return { kind: 'text', text: Buffer.concat(chunks, size).toString('utf8') };
}
