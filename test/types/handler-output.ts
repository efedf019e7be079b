/**
 * Type-level tests, checked by `npm run typecheck` (never run): a handler's return type is held to
 * its outputSchema by the compiler. Each `@ts-expect-error` fails the typecheck if the line
 * below it ever compiles.
 */
import { z } from 'zod';
import { defineTool, type ToolDefinition } from '../../src/kit/tool.js';

const annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const common = { title: 'Probe', description: 'Type probe.', annotations };

export const matching = defineTool({
  ...common,
  name: 'matching',
  inputSchema: { id: z.number() },
  outputSchema: { bar: z.number(), label: z.string().optional() },
  handler: ({ id }) => ({ bar: id }),
});

export const asynchronous = defineTool({
  ...common,
  name: 'asynchronous',
  inputSchema: {},
  outputSchema: z.object({ bar: z.number() }),
  handler: async () => ({ bar: 1 }),
});

export const wrongField = defineTool({
  ...common,
  name: 'wrong_field',
  inputSchema: {},
  outputSchema: { bar: z.number() },
  // @ts-expect-error `foo` is not what the outputSchema describes (`bar` is missing)
  handler: () => ({ foo: 1 }),
});

export const wrongType = defineTool({
  ...common,
  name: 'wrong_type',
  inputSchema: {},
  outputSchema: { bar: z.number() },
  // @ts-expect-error `bar` must be a number
  handler: async () => ({ bar: 'one' }),
});

export const textWithSchema = defineTool({
  ...common,
  name: 'text_with_schema',
  inputSchema: {},
  outputSchema: { bar: z.number() },
  // @ts-expect-error with an outputSchema a bare string is not a valid answer
  handler: () => 'done',
});

// Without an outputSchema any ToolReturn goes.
export const free: ToolDefinition = defineTool({ ...common, name: 'free', inputSchema: {}, handler: () => 'done' });
