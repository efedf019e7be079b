/**
 * The plugin contract: a tool is a plain object default-exported from plugins/<name>/tool.ts.
 * `defineTool` only adds type inference; the loader validates the shape at runtime.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z, ZodObject, ZodRawShape } from 'zod';
import type { ToolContext } from './context.js';

/** All four hints are required so every tool states its safety profile. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export type ToolReturn = string | Record<string, unknown> | CallToolResult;

type ShapeOf<S> = S extends ZodObject<infer Shape> ? Shape : S extends ZodRawShape ? S : never;
export type ArgsOf<S> = z.infer<ZodObject<ShapeOf<S>>>;
export type OutputOf<S> = z.infer<ZodObject<ShapeOf<S>>>;
/** What the outputSchema accepts (before its defaults and transforms): what a handler must return. */
export type OutputInputOf<S> = z.input<ZodObject<ShapeOf<S>>>;

/**
 * What a handler may return. With an outputSchema: an object the schema accepts, checked by the
 * compiler (a handler returning `{ foo: 1 }` against `outputSchema: { bar }` does not compile), or
 * a full CallToolResult. Without one (Output left at its default): anything a ToolReturn allows.
 */
export type HandlerReturn<Output> = [ZodRawShape | ZodObject<ZodRawShape>] extends [Output]
  ? ToolReturn
  : [ZodRawShape] extends [Output]
    ? ToolReturn
    : OutputInputOf<Output> | CallToolResult;

export interface ToolDefinition<
  Input extends ZodRawShape | ZodObject<ZodRawShape> = ZodRawShape | ZodObject<ZodRawShape>,
  Output extends ZodRawShape | ZodObject<ZodRawShape> = ZodRawShape | ZodObject<ZodRawShape>,
> {
  /** Equals the plugin folder name; matches ^[a-zA-Z0-9_-]{1,64}$. */
  name: string;
  title: string;
  /** Template: what it answers, when to use it, limits, an example question. */
  description: string;
  inputSchema: Input;
  outputSchema?: Output;
  annotations: ToolAnnotations;
  /**
   * The toolset it belongs to (TOOLSETS serves whole toolsets; see toolsets.ts), e.g. `testio`,
   * `testio-write`, `testr`, `admin`. Without one a tool is in `custom`.
   */
  toolset?: string;
  handler(args: ArgsOf<Input>, ctx: ToolContext): HandlerReturn<Output> | Promise<HandlerReturn<Output>>;
  /**
   * Optional: turns the structured result into the readable text block (markdown welcome).
   * Without it a generic renderer is used. It (and `pictures`) must depend on its two arguments
   * only, not on the clock or other state: an answer whose data and arguments equal a recent
   * call's reuses that call's text (platform/answer-memo.ts).
   */
  render?(output: OutputOf<Output>, args: ArgsOf<Input>): string;
  /**
   * Optional: pictures of the structured result (e.g. SVG charts), sent as image blocks after the
   * text for clients that show images; CHARTS=false turns them off.
   */
  pictures?(output: OutputOf<Output>, args: ArgsOf<Input>): ToolPicture[];
  /** Optional: the `ui://` resource of an MCP App that shows this tool's result (listed in `_meta.ui`). */
  app?: string;
}

/** An image block's content: its MIME type and the bytes, base64-encoded. */
export interface ToolPicture {
  mimeType: string;
  data: string;
}

/** Identity helper for type inference in plugin files. */
export function defineTool<
  Input extends ZodRawShape | ZodObject<ZodRawShape>,
  Output extends ZodRawShape | ZodObject<ZodRawShape> = ZodRawShape,
>(definition: ToolDefinition<Input, Output>): ToolDefinition<Input, Output> {
  return definition;
}

export type AnyToolDefinition = ToolDefinition<ZodRawShape | ZodObject<ZodRawShape>, ZodRawShape | ZodObject<ZodRawShape>>;
