/**
 * GET /recordings/<runId>.gif?sig=...: the GIF of a Testr run, for whoever holds the signed link
 * (no API key: an image viewer sends none). A bad or expired signature is 403; a run that is not
 * the signed user's, or has no recording, is 404, the same answer either way.
 */
import type { RequestHandler } from 'express';
import type { Logger } from '../platform/logger.js';
import { tenantIdOf } from '../platform/caller.js';
import { RUN_ID_PATTERN, type RecordingLinks } from './recording-links.js';

/** The recording bytes of this user's run, or undefined when there is none for that user. */
export type RecordingReader = (userId: string, runId: string) => Promise<Buffer | undefined>;

const EXPIRED = 'This recording link has expired. Call get-test-run-status again for a fresh gif_url.';
const INVALID = 'This recording link is not valid (its signature does not match). Use the gif_url from get-test-run-status unchanged.';
const NOT_FOUND = 'Recording not found. A recording exists once the run has finished; check get-test-run-status.';

export function recordingRoute(deps: { links: RecordingLinks; read: RecordingReader; logger: Logger }): RequestHandler {
  return async (req, res) => {
    const runId = /^(.+)\.gif$/.exec(String(req.params.file ?? ''))?.[1];
    if (!runId || !RUN_ID_PATTERN.test(runId)) return void res.status(404).json({ error: NOT_FOUND });
    const check = deps.links.check(runId, req.query.sig);
    if (!check.ok) return void res.status(403).json({ error: check.reason === 'expired' ? EXPIRED : INVALID });
    res.locals.caller = { userId: check.userId, tenantId: tenantIdOf(undefined) };
    let data: Buffer | undefined;
    try {
      data = await deps.read(check.userId, runId);
    } catch (error) {
      deps.logger.error('Recording could not be read', { runId, error: (error as Error).message });
      return void res.status(500).json({ error: 'The recording could not be read; try again.' });
    }
    if (!data) return void res.status(404).json({ error: NOT_FOUND });
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.type('image/gif').send(data);
  };
}
