/**
 * The write tools on the team server: a server per request, so the confirmation token is what
 * carries the decision from one request to the next; it is bound to the key's user, so another
 * key's call cannot use it. A client declaring elicitation over HTTP gets the token path too
 * (a per-request server cannot wait for the client's answer).
 */
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { connectClient, startTestServer, type TestServer } from './helpers.js';

type Answer = { status: string; confirmation?: string; results?: Array<{ ok: boolean; bug?: { status: string } }> };

describe('write tools over the team server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TESTIO_WRITE_TOOLS: 'true' } });
  });
  afterAll(() => server.close());

  it("applies with the token on a later request, and refuses another key's use of it", async () => {
    const bug = server.sandbox.data.bugs.find((b) => b.status === 'forwarded')!;
    const ann = await connectClient(server.url, { 'x-api-key': server.keys.add({ user: 'ann' }).key });
    const ben = await connectClient(server.url, { 'x-api-key': server.keys.add({ user: 'ben' }).key });
    try {
      const preview = (await ann.client.callTool({ name: 'accept_bug', arguments: { bug_id: bug.id } })).structuredContent as Answer;
      expect(preview.status).toBe('confirmation_required');
      const stolen = await ben.client.callTool({ name: 'accept_bug', arguments: { bug_id: bug.id, confirmation: preview.confirmation } });
      expect(stolen.isError).toBe(true);
      expect(JSON.stringify(stolen.content)).toMatch(/issued for other arguments \(or another tool or caller\)/);
      expect(server.sandbox.data.bugs.find((b) => b.id === bug.id)!.status).toBe('forwarded');
      const done = (await ann.client.callTool({ name: 'accept_bug', arguments: { bug_id: bug.id, confirmation: preview.confirmation } })).structuredContent as Answer;
      expect(done).toMatchObject({ status: 'applied', results: [{ ok: true, bug: { status: 'accepted' } }] });
    } finally {
      await ann.client.close();
      await ben.client.close();
    }
  });

  it('answers a client that declares elicitation with the preview and token, without asking', async () => {
    const bug = server.sandbox.data.bugs.find((b) => b.status === 'forwarded')!;
    const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { 'x-api-key': server.keys.add({ user: 'cy' }).key } } });
    const client = new Client({ name: 'http-elicit', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    let asked = 0;
    client.setRequestHandler(ElicitRequestSchema, () => {
      asked += 1;
      return { action: 'accept', content: { confirm: true } };
    });
    await client.connect(transport);
    try {
      const preview = (await client.callTool({ name: 'accept_bug', arguments: { bug_id: bug.id } })).structuredContent as Answer;
      expect(preview.status).toBe('confirmation_required');
      expect(asked).toBe(0);
      expect(server.sandbox.data.bugs.find((b) => b.id === bug.id)!.status).toBe('forwarded');
    } finally {
      await client.close();
    }
  });
});
