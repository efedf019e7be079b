/** The image blocks of TestIO tools (server side): each a chart from this folder, as SVG. */
import { svgPicture } from '../../charts/picture.js';
import type { StatusReport } from '../services/status-report-service.js';
import { statusReportPicture } from './status-report.js';

export const statusReportPictures = (report: StatusReport) => [svgPicture(statusReportPicture(report))];
