/**
 * The stable surface a plugin (plugins/<name>/tool.ts) builds on: the tool contract, shared
 * parameters, typed errors and text helpers. Plugins import from src/kit/* only, so files can move
 * inside the platform and the areas without breaking a tool (an ESLint rule enforces it).
 */
export { defineTool, type ToolAnnotations, type ToolDefinition, type ToolReturn } from '../platform/define-tool.js';
export type { ToolContext } from '../platform/context.js';
export { confirmationParam, idListParam, idParam, wholeNumberParam } from '../platform/params.js';
export { ConfigurationError, errorText, NotFoundError, ToolError, UpstreamError, UserInputError, withHint } from '../platform/errors.js';
export { EMPTY_CELL, escapeTableCell, plural } from '../platform/text.js';
