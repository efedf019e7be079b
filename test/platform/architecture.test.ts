/**
 * The platform knows no area: the ESLint rule that says so must fire on a deliberate
 * platform → area import (and stay quiet on a platform-internal one).
 */
import { ESLint } from 'eslint';

describe('platform boundary', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath }))[0]!.messages;

  it('refuses an import from src/platform/ into an area or the composition root', async () => {
    for (const target of ['../testio/area.js', '../testr/service.js', '../areas.js', '../sandbox/index.js', '../../plugins/get_test_status/tool.js']) {
      const messages = await lint(`import * as area from '${target}';\nexport const probe = area;\n`, 'src/platform/boundary-probe.ts');
      expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('src/platform/ never imports an area') })]);
    }
  });

  it('allows platform-internal and package imports', async () => {
    const messages = await lint(`import { z } from 'zod';\nimport { localCaller } from './caller.js';\nexport const probe = [z, localCaller];\n`, 'src/platform/boundary-probe.ts');
    expect(messages).toEqual([]);
  });

  it('holds a plugin to src/kit/', async () => {
    const plugin = 'plugins/boundary_probe/tool.ts';
    expect(await lint(`import { defineTool } from '../../src/kit/tool.js';\nexport const probe = defineTool;\n`, plugin)).toEqual([]);
    expect(await lint(`import { idParam } from '../../src/platform/params.js';\nexport const probe = idParam;\n`, plugin)).toEqual([
      expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('A plugin imports only from src/kit/') }),
    ]);
  });
});
