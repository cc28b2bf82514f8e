import type { App } from '@slack/bolt';

/**
 * Counts requests whose listeners are still running (work after the ack included), so shutdown
 * can let them finish and tests can wait until the app is quiet.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  track(app: App): void {
    app.use(async ({ next }) => {
      this.count += 1;
      try {
        await next();
      } finally {
        this.count -= 1;
        if (this.count === 0) this.waiters.splice(0).forEach((wake) => wake());
      }
    });
  }

  get busy(): boolean {
    return this.count > 0;
  }

  /** Resolves when no listener is running, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
