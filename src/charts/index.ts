/** Charts drawn as SVG strings, the same on the server (image blocks) and in the MCP App views. */
export { barChart, type Bar, type BarChart } from './bars.js';
export { gaugeRow, percent, type Gauge, type Health } from './gauges.js';
export { lineChart, type LineChart, type LineSeries } from './line.js';
export { COLORS, escapeXml, stack, svgDocument } from './svg.js';
export { stepTimeline, type TimelineStep } from './timeline.js';
