/**
 * The tool index on its own: written from compiled plugins, read back only while every file it
 * was written from is unchanged. (The built server reading the real index is checked in
 * tools-registry.test.ts and drop-in.test.ts.)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readToolIndex, TOOL_INDEX_FILE } from '../../src/platform/tool-index.js';
import { importGraph, writeToolIndex } from '../../src/platform/write-tool-index.js';

const plugin = (name: string, body = '') => `import { NOTE } from '../../lib/note.js';
${body}
export default {
  name: '${name}',
  title: 'The ${name} tool',
  description: NOTE,
  inputSchema: {},
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: () => 'ok',
};
`;

describe('the tool index', () => {
  let root: string;
  let compiled: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'tool-index-'));
    compiled = path.join(root, 'dist', 'plugins');
    write('dist/lib/note.js', "export { NOTE } from './words.js';\n");
    write('dist/lib/words.js', "export const NOTE = 'Says hello.';\n");
    write('dist/plugins/alpha/tool.js', plugin('alpha'));
    write('dist/plugins/beta/tool.js', plugin('wrong_name'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists the valid plugins, leaves out the others with the reason, and reads back while unchanged', async () => {
    const report = await writeToolIndex(compiled, root);
    expect(report.indexed).toEqual(['alpha']);
    expect(report.leftOut).toEqual([expect.stringMatching(/^beta\/tool\.js: tool name "wrong_name" must equal its folder name "beta"/)]);
    const document = JSON.parse(readFileSync(path.join(compiled, TOOL_INDEX_FILE), 'utf8')) as { files: string[] };
    expect(document.files).toEqual(['dist/lib/note.js', 'dist/lib/words.js', 'dist/plugins/alpha/tool.js']);

    const index = readToolIndex(compiled, root);
    expect([...index.keys()]).toEqual([path.join(compiled, 'alpha', 'tool.js')]);
    expect(index.get(path.join(compiled, 'alpha', 'tool.js'))!.listing).toMatchObject({
      name: 'alpha',
      title: 'The alpha tool',
      description: 'Says hello.',
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      annotations: { title: 'The alpha tool', readOnlyHint: true },
    });
  });

  it.each([
    ['a file a plugin imports changed', () => write('dist/lib/words.js', "export const NOTE = 'Says goodbye.';\n")],
    ['the plugin itself changed', () => write('dist/plugins/alpha/tool.js', plugin('alpha', '// edited'))],
    ['a file it imports is gone', () => rmSync(path.join(root, 'dist/lib/words.js'))],
    ['the index is not JSON', () => write(`dist/plugins/${TOOL_INDEX_FILE}`, '{"format": 2, "entr')],
    ['the index is of another format', () => write(`dist/plugins/${TOOL_INDEX_FILE}`, '{"format": 1, "entries": []}')],
  ])('is ignored as a whole when %s', async (_what, change) => {
    await writeToolIndex(compiled, root);
    expect(readToolIndex(compiled, root).size).toBe(1);
    change();
    expect(readToolIndex(compiled, root).size).toBe(0);
  });

  it('is empty when there is no index', () => {
    expect(readToolIndex(compiled, root).size).toBe(0);
  });

  it('follows static relative imports and re-exports, not packages or dynamic imports', () => {
    write('dist/a.js', "import fg from 'fast-glob';\nimport './side.js';\nexport * from \"./b.js\";\nimport {\n  x,\n} from '../dist/c.js';\nconst later = () => import('./lazy.js');\n");
    for (const file of ['side', 'b', 'c', 'lazy']) write(`dist/${file}.js`, 'export const x = 1;\n');
    expect(importGraph([path.join(root, 'dist', 'a.js')]).map((f) => path.relative(root, f))).toEqual(['dist/a.js', 'dist/b.js', 'dist/c.js', 'dist/side.js']);
  });
});
