/**
 * What `tools/list` says of one tool, built exactly as the SDK's McpServer builds it (a test keeps
 * the two identical), plus the zod objects the call path validates with. The registry answers
 * tools/list itself so that tools from the tool index are listed without importing them.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z, type ZodObject, type ZodRawShape } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { AnyToolDefinition } from './define-tool.js';
import { isZodObject } from './plugin-shape.js';

export interface ToolSchemas {
  /** Strict: an unknown argument is an error naming it. */
  input: ZodObject<ZodRawShape>;
  output?: ZodObject<ZodRawShape>;
}

const asObject = (schema: ZodRawShape | ZodObject<ZodRawShape>): ZodObject<ZodRawShape> =>
  isZodObject(schema) ? schema : z.object(schema as ZodRawShape);

export function toolSchemas(definition: AnyToolDefinition): ToolSchemas {
  return {
    input: asObject(definition.inputSchema).strict(),
    output: definition.outputSchema ? asObject(definition.outputSchema) : undefined,
  };
}

export function toolListing(definition: AnyToolDefinition, schemas: ToolSchemas = toolSchemas(definition)): Tool {
  const listing: Tool = {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    inputSchema: zodToJsonSchema(schemas.input, { strictUnions: true, pipeStrategy: 'input' }) as Tool['inputSchema'],
    annotations: { title: definition.title, ...definition.annotations },
    // What McpServer.registerTool declares for a plain (non-task) tool.
    execution: { taskSupport: 'forbidden' },
  };
  // MCP Apps: the current key and the legacy flat one, as the ext-apps server helper writes both.
  if (definition.app) listing._meta = { ui: { resourceUri: definition.app }, 'ui/resourceUri': definition.app };
  if (schemas.output) listing.outputSchema = zodToJsonSchema(schemas.output, { strictUnions: true, pipeStrategy: 'output' }) as Tool['outputSchema'];
  return listing;
}
