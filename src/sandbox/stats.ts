/** Counts of API calls served and faults injected, by route pattern (`GET /exploratory_tests/:id`). */

export interface SandboxStats {
  requests: number;
  faults: number;
  byRoute: Record<string, number>;
}

export class StatsRecorder {
  private requests = 0;
  private faults = 0;
  private byRoute: Record<string, number> = {};

  recordRequest(routeKey: string): void {
    this.requests++;
    this.byRoute[routeKey] = (this.byRoute[routeKey] ?? 0) + 1;
  }

  recordFault(): void {
    this.faults++;
  }

  snapshot(): SandboxStats {
    return { requests: this.requests, faults: this.faults, byRoute: { ...this.byRoute } };
  }

  reset(): void {
    this.requests = 0;
    this.faults = 0;
    this.byRoute = {};
  }
}
