/**
 * Runtime check of a plugin's default export, with a message that says what is wrong.
 */
import { z, type ZodObject, type ZodRawShape } from 'zod';
import type { AnyToolDefinition } from './define-tool.js';

export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

const isZodType = (value: unknown) => typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';

/**
 * A zod object schema, by its type name rather than instanceof: a plugin loaded through tsx may
 * hold its own copy of zod.
 */
export const isZodObject = (value: unknown): value is ZodObject<ZodRawShape> =>
  isZodType(value) && (value as { _def?: { typeName?: string } })._def?.typeName === 'ZodObject';

const isZodObjectOrShape = (value: unknown) =>
  isZodType(value) ? isZodObject(value) : typeof value === 'object' && value !== null && Object.values(value).every(isZodType);

const pluginSchema = z.object({
  name: z.string().regex(TOOL_NAME_PATTERN, 'must match ^[a-zA-Z0-9_-]{1,64}$ (letters, digits, _ and -)'),
  title: z.string().trim().min(1, 'must be a non-empty string'),
  description: z.string().trim().min(1, 'must be a non-empty string'),
  inputSchema: z.custom((v) => isZodObjectOrShape(v), 'must be a zod object schema or a raw shape of zod types'),
  outputSchema: z.custom((v) => v === undefined || isZodObjectOrShape(v), 'must be a zod object schema or a raw shape').optional(),
  annotations: z.object({
    readOnlyHint: z.boolean(),
    destructiveHint: z.boolean(),
    idempotentHint: z.boolean(),
    openWorldHint: z.boolean(),
  }),
  toolset: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a toolset name: lower-case letters, digits and -').optional(),
  handler: z.custom((v) => typeof v === 'function', 'must be a function (args, ctx) => result'),
  render: z.custom((v) => v === undefined || typeof v === 'function', 'must be a function when given').optional(),
  pictures: z.custom((v) => v === undefined || typeof v === 'function', 'must be a function (output, args) => pictures when given').optional(),
  app: z.string().startsWith('ui://', 'must be a ui:// resource URI').optional(),
});

export type ShapeCheck = { ok: true; definition: AnyToolDefinition } | { ok: false; reason: string };

export function validatePluginShape(value: unknown, folderName: string): ShapeCheck {
  if (typeof value !== 'object' || value === null) {
    return { ok: false, reason: 'the module has no default export object; export default defineTool({...})' };
  }
  const parsed = pluginSchema.safeParse(value);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'export'} ${i.message}`).join('; ');
    return { ok: false, reason: `invalid tool definition: ${reason}` };
  }
  const definition = value as AnyToolDefinition;
  if (definition.name !== folderName) {
    return { ok: false, reason: `tool name "${definition.name}" must equal its folder name "${folderName}"` };
  }
  return { ok: true, definition };
}
