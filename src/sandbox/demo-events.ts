/** What the demo site received, so browser tests can check a form really was submitted. */

export type DemoEventType = 'signup' | 'subscription' | 'account_deleted' | 'add_to_cart';

export interface DemoEvent {
  type: DemoEventType;
  email?: string;
  plan?: string;
  product?: string;
  at: string;
}

export class DemoEventLog {
  private events: DemoEvent[] = [];

  record(event: Omit<DemoEvent, 'at'>): void {
    this.events.push({ ...event, at: new Date().toISOString() });
  }

  list(): DemoEvent[] {
    return this.events.map((e) => ({ ...e }));
  }

  clear(): void {
    this.events = [];
  }
}
