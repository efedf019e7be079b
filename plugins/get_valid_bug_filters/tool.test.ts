import type { Harness } from '../../test/helpers/harness.js';
import { startToolHarness, structured } from '../../test/testio-tools/tool-harness.js';
import type { BugFilterCatalog } from '../../src/testio/services/bug-filters.js';

describe('get_valid_bug_filters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startToolHarness();
  });
  afterAll(() => h.close());

  it('lists exactly the values get_test_bugs accepts, each with a one-line meaning', async () => {
    const result = await h.call('get_valid_bug_filters');
    const out = structured<BugFilterCatalog>(result, h.text(result));
    const bugsTool = (await h.client.listTools()).tools.find((t) => t.name === 'get_test_bugs')!;
    const props = bugsTool.inputSchema.properties as Record<string, { enum?: string[] }>;
    expect(out.bug_types.map((v) => v.value)).toEqual(props.bug_type.enum);
    expect(out.severities.map((v) => v.value)).toEqual(props.severity.enum);
    expect(out.statuses.map((v) => v.value)).toEqual(props.status.enum);
    for (const v of [...out.bug_types, ...out.severities, ...out.statuses]) {
      expect(v.meaning.length).toBeGreaterThan(10);
      expect(v.meaning).not.toContain('\n');
    }
    expect(h.text(result)).toContain('| `auto_accepted` |');
  });

  it('makes no API call and takes no arguments', async () => {
    const before = h.sandbox!.stats().requests;
    await h.call('get_valid_bug_filters');
    expect(h.sandbox!.stats().requests).toBe(before);
    const bad = await h.call('get_valid_bug_filters', { type: 'x' });
    expect(bad.isError).toBe(true);
    expect(h.text(bad)).toMatch(/Unknown parameter "type"/);
  });
});
