/** A Testr run as a picture: each step passed, failed or not run, in order. */
import { stepTimeline, svgDocument, type TimelineStep } from '../../charts/index.js';
import type { RunStatusOutput } from '../tool-schemas.js';

export function runTimeline(run: Pick<RunStatusOutput, 'name' | 'status' | 'steps' | 'total_steps'>) {
  const steps: TimelineStep[] = run.steps.map((step) => ({ number: step.step_number, label: step.step_text, status: step.status }));
  // Steps not reached yet (a running or pending run) show as empty blocks.
  for (let n = steps.length + 1; n <= Math.min(run.total_steps, 60); n++) steps.push({ number: n, label: 'not run yet', status: 'pending' });
  return stepTimeline(`${run.name}: ${run.status}`, steps);
}

export function runPicture(run: Pick<RunStatusOutput, 'name' | 'status' | 'steps' | 'total_steps'>): string {
  const timeline = runTimeline(run);
  return svgDocument(480, timeline.height, `Run ${run.name}: ${run.status}`, [timeline.body]);
}
