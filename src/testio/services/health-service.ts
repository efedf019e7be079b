/** health_check: a cheap uncached call that proves the token and the API answer. */
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import { isToolError, ToolError } from '../../platform/errors.js';
import type { TestioReadApi } from './api-port.js';

/** health_check's outputSchema; the report type below is inferred from it, never written twice. */
export const healthOutput = {
  status: z.literal('healthy'),
  api_reachable: z.literal(true),
  latency_ms: z.number().describe('Round trip of the check call, in milliseconds'),
  base_url: z.string(),
  sandbox: z.boolean().describe('true when serving the built-in sandbox API'),
  server_version: z.string(),
  checked_at: z.string(),
};

export type HealthReport = z.infer<z.ZodObject<typeof healthOutput>>;

export class HealthService {
  private readonly api: TestioReadApi;
  private readonly config: Config;
  private readonly version: string;
  constructor({ testioApi, config, version }: { testioApi: TestioReadApi; config: Config; version: string }) {
    this.api = testioApi;
    this.config = config;
    this.version = version;
  }

  /** Throws (as a tool error naming the base URL) when the API cannot be used. */
  async check(signal?: AbortSignal): Promise<HealthReport> {
    try {
      const { latencyMs } = await this.api.checkConnection(signal);
      return {
        status: 'healthy',
        api_reachable: true,
        latency_ms: Math.round(latencyMs),
        base_url: this.config.baseUrl,
        sandbox: this.config.sandbox,
        server_version: this.version,
        checked_at: new Date().toISOString(),
      };
    } catch (error) {
      // A missing token is not about the URL: keep that message as the data layer wrote it.
      if (!isToolError(error) || error.toolErrorKind === 'configuration' || error.toolErrorKind === 'cancelled') throw error;
      throw new ToolError(error.toolErrorKind, `TestIO API check failed (${this.config.baseUrl}, server ${this.version}): ${error.message}`, {
        hint: error.hint,
        parameter: error.parameter,
      });
    }
  }
}
