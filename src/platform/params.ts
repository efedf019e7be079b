/**
 * Parameter schemas shared by every tool, so the same input gets the same rules and messages.
 */
import { z } from 'zod';

/** Assistants often send numbers as strings ("109363"): take the digits, leave anything else to the schema. */
const fromDigits = (value: unknown) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value);

/**
 * A positive integer id that also accepts a numeric string ("109363"). The advertised JSON schema
 * is `integer` (zod-to-json-schema describes a preprocess by its inner schema).
 */
export function idParam(description: string) {
  return z.preprocess(
    fromDigits,
    z
      .number({ invalid_type_error: 'must be a positive whole number such as 109363' })
      .int('must be a whole number, not a decimal')
      .positive('must be a positive number')
      .max(Number.MAX_SAFE_INTEGER, 'is too large to be an id'),
  ).describe(description);
}

/** A whole number in [min, max] (a page, a page size) that also accepts a numeric string ("20"), like idParam. */
export function wholeNumberParam(description: string, min: number, max: number) {
  return z.preprocess(
    fromDigits,
    z
      .number({ invalid_type_error: `must be a whole number from ${min} to ${max}` })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  ).describe(description);
}

/** A list of ids (1..max), each accepting a numeric string; a single id is accepted as a list of one. */
export function idListParam(description: string, max: number) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : value === undefined ? value : [value]),
    z
      .array(idParam('An id'))
      .min(1, 'needs at least one id')
      .max(max, `accepts at most ${max} ids; split the request`),
  ).describe(description);
}

/** The one-time token of a write tool's preview (see confirmation.ts): omit it on the first call. */
export function confirmationParam() {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'is too long to be a token from this server')
    .optional()
    .describe('Omit on the first call. Without elicitation the first call answers with a preview and a one-time token; show the preview to the user and, once they agree, repeat the call with the same arguments and this token (valid 5 minutes, once).');
}
