/**
 * Reads a recording through the Testr view of the user a link was signed for, so the route serves
 * only what that user could read with get-test-run-status: another user's run reads as missing.
 */
import type { App } from '../platform/app.js';
import { tenantIdOf } from '../platform/caller.js';
import { isToolError } from '../platform/errors.js';
import type { RecordingReader } from './recording-route.js';

export function readUserRecording(app: App): RecordingReader {
  return async (userId, runId) => {
    const ctx = await app.contextFor({ userId, tenantId: tenantIdOf(undefined) });
    try {
      return (await ctx.testr.readRecording(runId)).data;
    } catch (error) {
      if (isToolError(error) && error.toolErrorKind === 'not_found') return undefined;
      throw error;
    }
  };
}
