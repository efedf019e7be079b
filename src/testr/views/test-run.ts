/**
 * The get-test-run-status view (browser): status and credits, the step timeline (the same chart
 * as the image block), each step's result, and the GIF recording read from the server's
 * testr://recordings resource through the host.
 */
import type { App } from '@modelcontextprotocol/ext-apps';
import { chart, element, figures, sortableTable, startView } from '../../apps/view-kit.js';
import { runPicture } from '../charts/run.js';
import type { RunStatusOutput } from '../tool-schemas.js';

async function showRecording(app: App, run: RunStatusOutput, root: HTMLElement): Promise<void> {
  if (!run.gif_url) return;
  const uri = `testr://recordings/run-${run.id}.gif`;
  try {
    const { contents } = await app.readServerResource({ uri });
    const gif = contents.find((content) => 'blob' in content && typeof content.blob === 'string') as { blob: string; mimeType?: string } | undefined;
    if (!gif) return;
    const image = element('img', undefined, 'recording');
    image.alt = `Recording of run ${run.id}`;
    image.src = `data:${gif.mimeType ?? 'image/gif'};base64,${gif.blob}`;
    root.append(image);
  } catch {
    root.append(element('p', 'The recording could not be loaded here; ask for it by its resource URI.'));
  }
}

startView<RunStatusOutput>('testr-run', (run, root, app) => {
  root.append(
    element('h1', `${run.name}: ${run.status}`),
    figures([
      ['status', run.status, 'status'],
      ['steps done', `${run.completed_steps} / ${run.total_steps}`, 'steps'],
      ['credits used', String(run.credits_used), 'credits_used'],
      ['console errors', String(run.console_errors.length), 'console_errors'],
    ]),
    chart(runPicture(run)),
    sortableTable(
      ['#', 'Step', 'Result', 'ms', 'Matched', 'Error'],
      run.steps.map((step) => [step.step_number, step.step_text, step.status, step.duration_ms, step.matched, step.error]),
      (row) => String(row[2]),
    ),
  );
  void showRecording(app, run, root);
});
