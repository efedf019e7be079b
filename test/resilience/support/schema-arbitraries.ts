/**
 * fast-check arbitraries derived from a tool's advertised JSON inputSchema (what tools/list shows a
 * client), so the fuzz suite follows each tool's own contract instead of a hand-written copy.
 *
 * - `validArgs`: values the advertised schema allows, mixed with hostile-but-allowed ones (huge and
 *   odd strings, extreme ids). The server may answer with a result or a tool error.
 * - `invalidCases`: for each parameter, values the advertised schema certainly forbids (wrong type,
 *   out of range, unknown enum value, too long, wrong items), plus a missing required parameter and
 *   an unknown key. The server must answer `isError` naming that parameter.
 */
import * as fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** Resolves the local `$ref`s zod-to-json-schema emits for reused schemas ("#/properties/a/..."). */
export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 10; depth++) {
    const parts = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => decodeURIComponent(p.replace(/~1/g, '/').replace(/~0/g, '~')));
    let target: unknown = root;
    for (const part of parts) target = (target as Record<string, unknown> | undefined)?.[part];
    if (!target || typeof target !== 'object') throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target as JsonSchema;
  }
  return current;
}

const types = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const branches = (s: JsonSchema): JsonSchema[] | undefined => s.anyOf ?? s.oneOf;

function lowerBound(s: JsonSchema): number | undefined {
  if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + (types(s).includes('integer') ? 1 : Number.EPSILON);
  return s.minimum;
}

function upperBound(s: JsonSchema): number | undefined {
  if (typeof s.exclusiveMaximum === 'number') return s.exclusiveMaximum - (types(s).includes('integer') ? 1 : Number.EPSILON);
  return s.maximum;
}

/** Ids the sandbox knows, so some generated calls reach real data instead of a 404. */
const KNOWN_IDS = [25073, 109363, 109364, 120000, 1];

const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(20_000),
  "'; DROP TABLE tests; --",
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '\u0000\u0001\u001f',
  '🙂 ünïcødé ✓ 中文',
  '${process.env.TESTIO_CUSTOMER_API_TOKEN}',
  'null',
  '-1',
];

function stringArb(s: JsonSchema): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 200;
  if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uri' || s.format === 'url') return fc.webUrl();
  const fitting = HOSTILE_STRINGS.filter((v) => v.length >= min && v.length <= max);
  const random = fc.string({ minLength: min, maxLength: Math.min(max, min + 40), unit: 'grapheme' });
  return fitting.length ? fc.oneof({ arbitrary: random, weight: 3 }, { arbitrary: fc.constantFrom(...fitting), weight: 1 }) : random;
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const min = lowerBound(s) ?? -1e9;
  const max = upperBound(s) ?? 1e9;
  if (!integer) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const lo = Math.ceil(Math.max(min, Number.MIN_SAFE_INTEGER));
  const hi = Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER));
  const edges = [lo, hi, ...KNOWN_IDS].filter((v) => v >= lo && v <= hi);
  return fc.oneof({ arbitrary: fc.integer({ min: lo, max: hi }), weight: 2 }, { arbitrary: fc.constantFrom(...edges), weight: 2 });
}

/** A value the schema allows (hostile ones included). */
export function validValue(schema: JsonSchema, root: JsonSchema): fc.Arbitrary<unknown> {
  const s = resolveRef(schema, root);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = branches(s);
  if (union) return fc.oneof(...union.map((b) => validValue(b, root)));
  if (s.allOf?.length === 1) return validValue(s.allOf[0], root);
  const kinds = types(s).filter((t) => t !== 'null');
  const kind = kinds[0];
  switch (kind) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items ? validValue(s.items, root) : fc.string(), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, (s.minItems ?? 0) + 4) });
    case 'object':
      return objectArb(s, root);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
}

/**
 * Realistic values for well-known parameter names (ids that exist, dates in an accepted form, a
 * reachable URL), mixed half and half with the schema-derived ones so calls also reach the
 * handlers' happy paths instead of stopping at "not found". They must be valid input: allowed by
 * the schema or a documented accepted form (an id as a numeric string).
 */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

function objectArb(s: JsonSchema, root: JsonSchema, hints: Hints = {}): fc.Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(properties)) model[key] = hints[key] ? fc.oneof(validValue(prop, root), hints[key]) : validValue(prop, root);
  return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
}

/** Arguments the advertised input schema allows. */
export function validArgs(inputSchema: JsonSchema, hints: Hints = {}): fc.Arbitrary<Record<string, unknown>> {
  return objectArb(inputSchema, inputSchema, hints);
}

const NOT_A_NUMBER = 'twelve';
const WEIRD_OBJECT = { '\u0000': [] };

/** Values that no reading of the schema accepts (empty when none can be built with certainty). */
export function invalidValues(schema: JsonSchema, root: JsonSchema): unknown[] {
  const s = resolveRef(schema, root);
  const kinds = types(s);
  const out: unknown[] = [];
  if (s.const !== undefined || s.enum) {
    out.push('definitely-not-a-valid-value', 12345, WEIRD_OBJECT);
    return out;
  }
  const union = branches(s);
  if (union) {
    const resolved = union.map((b) => resolveRef(b, root));
    if (!resolved.some((b) => types(b).includes('object') || types(b).length === 0)) out.push(WEIRD_OBJECT);
    return out;
  }
  if (!kinds.includes('null')) out.push(null);
  if (kinds.includes('integer') || kinds.includes('number')) {
    out.push(NOT_A_NUMBER, true, WEIRD_OBJECT, [1, 2]);
    if (kinds.includes('integer')) out.push(1.5);
    const lo = lowerBound(s);
    const hi = upperBound(s);
    if (lo !== undefined) out.push(Math.floor(lo) - 1, lo - 1e9);
    if (hi !== undefined) out.push(Math.ceil(hi) + 1, hi < 1e21 ? 1e21 : Infinity);
  } else if (kinds.includes('string')) {
    out.push(true, WEIRD_OBJECT, [WEIRD_OBJECT]);
    if (s.maxLength !== undefined) out.push('x'.repeat(Math.max(s.maxLength + 1, 100_000)));
    if ((s.minLength ?? 0) > 0) out.push('');
  } else if (kinds.includes('boolean')) {
    out.push('maybe', 7, WEIRD_OBJECT);
  } else if (kinds.includes('array')) {
    const items = s.items ? resolveRef(s.items, root) : undefined;
    const badItems = items ? invalidValues(items, root).filter((v) => v !== null) : [];
    // A non-array that is also a bad item: some params accept one value as a list of one.
    out.push(...badItems.slice(0, 3), ...badItems.slice(0, 2).map((v) => [v]));
    if ((s.minItems ?? 0) > 0) out.push([]);
    if (s.maxItems !== undefined && items && (types(items).includes('integer') || types(items).includes('string'))) {
      const filler = types(items).includes('integer') ? Math.max(1, Math.ceil(lowerBound(items) ?? 1)) : 'a';
      out.push(Array.from({ length: s.maxItems + 1 }, () => filler));
    }
  } else if (kinds.includes('object')) {
    out.push('not an object', 42, [WEIRD_OBJECT]);
  }
  return out;
}

export interface InvalidCase {
  /** The parameter the error message must name. */
  parameter: string;
  args: Record<string, unknown>;
  why: string;
}

/** Every way to make one argument invalid, on top of otherwise valid arguments. */
export function invalidCases(inputSchema: JsonSchema, hints: Hints = {}): fc.Arbitrary<InvalidCase> {
  const properties = inputSchema.properties ?? {};
  const mutations: fc.Arbitrary<(args: Record<string, unknown>) => InvalidCase>[] = [];
  for (const [key, prop] of Object.entries(properties)) {
    const bad = invalidValues(prop, inputSchema);
    if (bad.length) mutations.push(fc.constantFrom(...bad).map((value) => (args) => ({ parameter: key, args: { ...args, [key]: value }, why: `${key}=${JSON.stringify(value)?.slice(0, 80)}` })));
  }
  for (const key of inputSchema.required ?? []) {
    mutations.push(fc.constant((args) => {
      const rest = { ...args };
      delete rest[key];
      return { parameter: key, args: rest, why: `missing ${key}` };
    }));
  }
  const unknownKey = fc.constantFrom('colour', 'token', '__proto_', 'TESTIO_CUSTOMER_API_TOKEN', 'testId').filter((k) => !(k in properties));
  mutations.push(unknownKey.map((key) => (args) => ({ parameter: key, args: { ...args, [key]: 'x' }, why: `unknown key ${key}` })));
  return fc.tuple(validArgs(inputSchema, hints), fc.oneof(...mutations)).map(([args, mutate]) => mutate(args));
}
