/**
 * Run recordings on disk: <dataDir>/recordings/run-<runId>.gif. Only a file the server wrote for
 * a run it knows is served: the run's row names the file, and the file must be a regular file in
 * the recordings folder (a symlink or anything else planted there is refused).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

export const RECORDING_URI_TEMPLATE = 'testr://recordings/run-{runId}.gif';
export const RECORDING_MIME = 'image/gif';

export interface RecordingInfo {
  runId: string;
  uri: string;
  name: string;
  title: string;
  mimeType: typeof RECORDING_MIME;
}

export interface RecordingFile {
  runId: string;
  uri: string;
  mimeType: typeof RECORDING_MIME;
  data: Buffer;
}

export const recordingsDir = (dataDir: string) => path.join(dataDir, 'recordings');
export const recordingPath = (dataDir: string, runId: string) => path.join(recordingsDir(dataDir), `run-${runId}.gif`);
export const recordingUri = (runId: string) => RECORDING_URI_TEMPLATE.replace('{runId}', runId);

export const recordingInfo = (runId: string, runName: string): RecordingInfo => ({
  runId,
  uri: recordingUri(runId),
  name: `run-${runId}.gif`,
  title: `Recording of Testr run "${runName}"`,
  mimeType: RECORDING_MIME,
});

export type RecordingRead = { ok: true; data: Buffer } | { ok: false; reason: string };

/**
 * Reads the recording a run row points to. The file is looked up by its name in this server's
 * recordings folder (so a moved TESTR_DATA_DIR still works) and opened without following a
 * symlink; anything but a regular file is refused.
 */
export async function readRecordingFile(dataDir: string, gifPath: string): Promise<RecordingRead> {
  const file = path.join(recordingsDir(dataDir), path.basename(gifPath));
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ELOOP' ? 'the file is a symbolic link' : code === 'ENOENT' ? 'the file is gone' : `it cannot be read (${code})` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: 'it is not a regular file' };
    return { ok: true, data: await handle.readFile() };
  } finally {
    await handle.close();
  }
}
