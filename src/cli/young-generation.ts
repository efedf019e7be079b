/**
 * Keeps V8's young generation (where short-lived objects are allocated) at its initial size in the
 * stdio server, instead of letting it grow to its default maximum of 32 MB.
 *
 * Why: V8 doubles the young generation whenever enough bytes have survived its collections since
 * it last grew. Under a steady stream of calls that happens within a few hundred calls, and the
 * grown space stays resident: it was most of the difference between this server after 1,000
 * mixed calls and the bare SDK server after 1,000 echo calls (docs/PERFORMANCE.md). Each call
 * leaves little alive, so more frequent young collections cost no measurable CPU per call.
 *
 * The growth factor is read each time V8 considers growing, so setting it after start-up takes
 * effect (1 means "do not grow"; the maximum size itself can only be set by a command-line flag).
 */
import v8 from 'node:v8';

export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
