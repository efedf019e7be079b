/**
 * Run recordings on disk: <dataDir>/recordings/run-<id>.gif. Listing and reading go by the file
 * system alone, so serving the MCP resource list never opens the database.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../platform/errors.js';

export const RECORDING_URI_TEMPLATE = 'testr://recordings/run-{runId}.gif';
const FILE_NAME = /^run-(\d+)\.gif$/;

export interface RecordingInfo {
  runId: number;
  uri: string;
  name: string;
  title: string;
  mimeType: 'image/gif';
}

export const recordingsDir = (dataDir: string) => path.join(dataDir, 'recordings');
export const recordingPath = (dataDir: string, runId: number) => path.join(recordingsDir(dataDir), `run-${runId}.gif`);
export const recordingUri = (runId: number) => RECORDING_URI_TEMPLATE.replace('{runId}', String(runId));

/** Every recording, newest run first. */
export async function listRecordings(dataDir: string): Promise<RecordingInfo[]> {
  const files = await readdir(recordingsDir(dataDir)).catch(() => [] as string[]);
  return files
    .flatMap((file) => {
      const match = FILE_NAME.exec(file);
      return match ? [Number(match[1])] : [];
    })
    .sort((a, b) => b - a)
    .map((runId) => ({ runId, uri: recordingUri(runId), name: `run-${runId}.gif`, title: `Recording of Testr run ${runId}`, mimeType: 'image/gif' }));
}

/** One recording, base64 encoded for an MCP blob resource. */
export async function readRecording(dataDir: string, runId: number): Promise<{ uri: string; mimeType: 'image/gif'; blob: string }> {
  const data = await readFile(recordingPath(dataDir, runId)).catch(() => undefined);
  if (!data) throw new NotFoundError('Recording of test run', runId, 'A recording exists once the run has finished; check get-test-run-status.');
  return { uri: recordingUri(runId), mimeType: 'image/gif', blob: data.toString('base64') };
}
