/**
 * Prometheus metrics (prom-client, one registry per server): HTTP requests, tool calls by tool and
 * outcome with durations (from the app's onToolCall hook), plus the process defaults.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ToolCallEvent } from '../platform/registry.js';

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'testio_mcp_http_requests_total', help: 'HTTP requests answered, by route and status', labelNames: ['route', 'status'], registers: [this.registry] });
  private readonly toolCalls = new Counter({ name: 'testio_mcp_tool_calls_total', help: 'Tool calls, by tool and outcome', labelNames: ['tool', 'outcome'], registers: [this.registry] });
  private readonly toolSeconds = new Histogram({
    name: 'testio_mcp_tool_call_duration_seconds',
    help: 'Tool call durations, by tool and outcome',
    labelNames: ['tool', 'outcome'],
    buckets: [0.005, 0.02, 0.1, 0.5, 1, 2.5, 10, 60],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  request(route: string, status: number): void {
    this.requests.inc({ route, status: String(status) });
  }

  toolCall = (event: ToolCallEvent): void => {
    this.toolCalls.inc({ tool: event.tool, outcome: event.outcome });
    this.toolSeconds.observe({ tool: event.tool, outcome: event.outcome }, event.ms / 1000);
  };

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
