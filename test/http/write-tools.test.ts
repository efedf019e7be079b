/**
 * The write tools on the team server: a server per request, so the confirmation token is what
 * carries the decision from one request to the next; it is bound to the key's user, so another
 * key's call cannot use it. A client that declared elicitation at initialize is asked instead,
 * over the tool call's SSE response, on every later request of its session (accept, decline, and
 * two calls of one session asking at once, each answer reaching the call that asked).
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

  it('asks a client that declared elicitation, on a later request: accept applies, decline changes nothing', async () => {
    const [accepted, declined] = server.sandbox.data.bugs.filter((b) => b.status === 'forwarded').slice(-2);
    const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { 'x-api-key': server.keys.add({ user: 'cy' }).key } } });
    const client = new Client({ name: 'http-elicit', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      const message = request.params.message;
      asked.push(message);
      return message.includes(`bug ${accepted!.id}`) ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
    });
    await client.connect(transport);
    try {
      const [yes, no] = await Promise.all([
        client.callTool({ name: 'accept_bug', arguments: { bug_id: accepted!.id } }),
        client.callTool({ name: 'accept_bug', arguments: { bug_id: declined!.id } }),
      ]);
      expect(yes.structuredContent).toMatchObject({ status: 'applied', results: [{ ok: true, bug: { status: 'accepted' } }] });
      expect(no.structuredContent).toMatchObject({ status: 'declined', applied_count: 0 });
      expect((no.structuredContent as Answer).confirmation).toBeUndefined();
      expect(asked).toHaveLength(2);
      expect(server.sandbox.data.bugs.find((b) => b.id === accepted!.id)!.status).toBe('accepted');
      expect(server.sandbox.data.bugs.find((b) => b.id === declined!.id)!.status).toBe('forwarded');
    } finally {
      await client.close();
    }
  });
});
