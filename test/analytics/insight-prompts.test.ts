/** The prompts analyze-product-quality and prep-meeting, and testio://knowledge/playbook, through a real MCP client. */
import { startHarness, type Harness } from '../helpers/harness.js';

describe('insight prompts and the playbook', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('lists both prompts with their arguments', async () => {
    const { prompts } = await h.client.listPrompts();
    const byName = Object.fromEntries(prompts.map((p) => [p.name, p.arguments?.map((a) => [a.name, a.required ?? false])]));
    expect(byName['analyze-product-quality']).toEqual([['product', true], ['period', false], ['focus', false]]);
    expect(byName['prep-meeting']).toEqual([['product', true], ['period', false], ['audience', false]]);
  });

  it('leads through the right tool calls for the focus and the audience', async () => {
    const analyze = await h.client.getPrompt({ name: 'analyze-product-quality', arguments: { product: 'Acme Online Banking', period: 'this quarter', focus: 'triage' } });
    const text = (analyze.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(/list_products.*sync_data.*generate_quality_report.*start_date "this quarter".*query_metrics.*reject_reason.*testio:\/\/knowledge\/playbook/s);
    const meeting = await h.client.getPrompt({ name: 'prep-meeting', arguments: { product: '25073', audience: 'qa' } });
    const brief = (meeting.messages[0]!.content as { text: string }).text;
    expect(brief).toMatch(/last 90 days/);
    expect(brief).toMatch(/audience is qa.*auto-accepts/s);
  });

  it('states the playbook thresholds of the issue, with why and what to do', async () => {
    const { contents } = await h.client.readResource({ uri: 'testio://knowledge/playbook' });
    const text = (contents[0] as { text: string; mimeType: string }).text;
    expect(contents[0]!.mimeType).toBe('text/markdown');
    expect(text).toMatch(/Rejection rate.*warn: ≥ 20%.*critical: ≥ 35%/s);
    expect(text).toMatch(/Auto-acceptance rate.*warn: ≥ 20%.*critical: ≥ 40%/s);
    expect(text).toMatch(/Review rate.*warn: < 80%.*critical: < 60%/s);
    expect(text).toMatch(/null \(unknown\) when there are no bugs/);
  });
});
