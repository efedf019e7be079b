/**
 * Run-time safety against the real Chromium: WebRTC cannot send UDP past the egress proxy, a page
 * that locks its JS thread fails its step after the action timeout (the run slot is freed), and
 * passwords typed into a type=password field never show in captions or results, whatever the
 * language of the step's field names. Creation refuses what the runner always refuses, for the
 * same reason.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { runTest } from '../../src/testr/engine/index.js';
import { readStep, describeProblem, isProblem } from '../../src/testr/engine/grammar/read.js';
import { stepCaption } from '../../src/testr/engine/outcome.js';
import { staticRefusal } from '../../src/testr/engine/url-safety.js';
import type { FixtureSite } from './fixture-site.js';
import { request, useFixtureSite } from './helpers.js';

const fixture = useFixtureSite();
let site: FixtureSite;
beforeAll(() => {
  site = fixture();
});

describe('WebRTC', () => {
  let udp: Socket;
  const datagrams: Buffer[] = [];
  beforeAll(async () => {
    udp = createSocket('udp4');
    udp.on('message', (message) => datagrams.push(message));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  });
  afterAll(() => udp.close());

  it('sends no datagram to a STUN server on a loopback UDP listener', async () => {
    const { port } = udp.address() as AddressInfo;
    const outcome = await runTest(request(`${site.url}webrtc?port=${port}`, { type: 'step', steps: ['wait for "ICE finished"'] }, { options: { actionTimeoutMs: 10_000 } }));
    // The page did run its ICE gathering (so the check below is not vacuous)...
    expect(outcome.status).toBe('completed');
    // ...and not one STUN binding request reached the listener.
    expect(datagrams).toEqual([]);
  });
});

describe('a page that locks its JS thread', () => {
  it.each([
    // Locked by the click itself, and locked just after a click that passed (the next step's
    // page reads have no timeout of their own).
    [['click "Freeze"', 'click "Fine"'], 1],
    [['click "Freeze soon"', 'wait 1 second', 'verify the page contains "never there"', 'click "Fine"'], 3],
  ])('fails the step after the action timeout, not after the run timeout: %j', async (steps, failedStep) => {
    const outcome = await runTest(request(`${site.url}busy`, { type: 'step', steps }, { options: { actionTimeoutMs: 1_500, runTimeoutMs: 10 * 60_000 } }));
    expect(outcome).toMatchObject({ status: 'failed', failedStep });
    expect(outcome.error).toMatch(/stopped responding/);
    expect(outcome.error).not.toMatch(/time limit of/);
    expect(outcome.steps.map((s) => s.status).slice(failedStep - 1)).toEqual(['failed', 'skipped']);
    // A locked page makes the closing screenshot wait for its own timeout: room for a loaded machine.
  }, 60_000);

  it('fails a run whose target page locks while loading, after the action timeout', async () => {
    const outcome = await runTest(request(`${site.url}frozen`, { type: 'step', steps: ['verify the page contains "Frozen"'] }, { options: { actionTimeoutMs: 1_500, runTimeoutMs: 10 * 60_000 } }));
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/Could not open the target URL/);
    expect(outcome.error).not.toMatch(/time limit of/);
  }, 60_000);
});

describe('passwords typed into a password field', () => {
  it.each([
    ['German', 'type "geheim-Wort-42" into the Kennwort field', 'geheim-Wort-42'],
    ['French', 'fill in "Mot de passe" with "motdepasse-secret"', 'motdepasse-secret'],
  ])('are masked in results and captions (%s field names)', async (_language, step, secret) => {
    const req = request(`${site.url}login`, { type: 'step', steps: ['type "ada" into the Benutzername field', step, `verify the page does not contain "${secret}"`] });
    const outcome = await runTest(req);
    expect(outcome.status).toBe('completed');
    const shown = JSON.stringify([outcome.steps, req.reported, outcome.steps.map((s) => stepCaption(s, 3))]);
    expect(shown).not.toContain(secret);
    expect(shown).toContain('••••••');
    // The other field is no secret: its value is shown as written.
    expect(outcome.steps[0]?.stepText).toContain('"ada"');
  });
});

describe('addresses refused at creation', () => {
  it.each([
    ['navigate to //169.254.169.254/', 'http://169.254.169.254/'],
    ['navigate to //user:pw@example.com/', 'http://user:pw@example.com/'],
    ['go to http://metadata.google.internal/computeMetadata/v1/', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['open metadata.google.internal', 'http://metadata.google.internal/'],
  ])('%s, with the reason the runner gives', async (step, url) => {
    const read = readStep(step, 1);
    expect(isProblem(read)).toBe(true);
    const reason = staticRefusal(url, { blockPrivateNetworks: false });
    expect(reason).toBeTruthy();
    if (isProblem(read)) expect(describeProblem(read)).toContain(`it ${reason}`);
    // The runner refuses the same address, with the same words.
    const run = await runTest(request(url, { type: 'step', steps: ['verify the page contains "x"'] }));
    expect(run.status).toBe('failed');
    expect(run.error).toContain(reason);
  });
});
