/**
 * Prometheus metrics (prom-client, one registry per server): HTTP requests, tool calls by tool and
 * outcome with durations (from the app's onToolCall hook), upstream requests and cache hits and
 * misses (read from the TestIO area at scrape time, once its services exist), process defaults.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ToolCallEvent } from '../platform/registry.js';
import type { SharedStateStatus } from '../platform/shared-redis.js';

export interface AreaFigures {
  upstreamRequests: number;
  cacheHits: number;
  cacheMisses: number;
}

/** Testr runs in the store, by status (every user's); undefined until the store was opened. */
export type RunFigures = Record<string, number>;

/** Always exported, 0 when none, so a dashboard's series never vanish. */
export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;

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

  /** What the areas count themselves, read when Prometheus scrapes. */
  observeAreas(read: () => AreaFigures | undefined): void {
    const figure = (name: string, help: string, pick: (f: AreaFigures) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const figures = read();
          if (figures) this.set(pick(figures));
        },
      });
    figure('testio_mcp_upstream_requests', 'TestIO API requests made so far, retries included', (f) => f.upstreamRequests);
    figure('testio_mcp_cache_hits', 'Answer cache hits so far (tenants held now)', (f) => f.cacheHits);
    figure('testio_mcp_cache_misses', 'Answer cache misses so far (tenants held now)', (f) => f.cacheMisses);
  }

  /** testio_mcp_testr_runs{status}: the Testr runs of the store by status, read at scrape time. */
  observeRuns(read: () => RunFigures | undefined | Promise<RunFigures | undefined>): void {
    new Gauge({
      name: 'testio_mcp_testr_runs',
      help: 'Testr runs in the store, by status (all users)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const runs = await read();
        if (!runs) return;
        this.reset();
        for (const status of new Set([...RUN_STATUSES, ...Object.keys(runs)])) this.set({ status }, runs[status] ?? 0);
      },
    });
  }

  request(route: string, status: number): void {
    this.requests.inc({ route, status: String(status) });
  }

  toolCall = (event: ToolCallEvent): void => {
    this.toolCalls.inc({ tool: event.tool, outcome: event.outcome });
    this.toolSeconds.observe({ tool: event.tool, outcome: event.outcome }, event.ms / 1000);
  };

  /** testio_mcp_redis_up: 1 connected, 0 down; absent without REDIS_URL. */
  watchRedis(status: () => SharedStateStatus): void {
    if (status() === 'off') return;
    new Gauge({ name: 'testio_mcp_redis_up', help: 'Shared Redis reachable (1) or not (0)', registers: [this.registry], collect() { this.set(status() === 'ok' ? 1 : 0); } });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
