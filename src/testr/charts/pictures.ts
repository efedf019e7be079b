/** The image blocks of Testr tools (server side): the run's step timeline, as SVG. */
import { svgPicture } from '../../charts/picture.js';
import type { RunStatusOutput } from '../tool-schemas.js';
import { runPicture } from './run.js';

export const runPictures = (run: RunStatusOutput) => [svgPicture(runPicture(run))];
