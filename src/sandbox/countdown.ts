/**
 * A pausable countdown: it expires once `budgetMs` of running time has passed.
 * It starts paused; RequestClocks decides when it runs. Pausing and running are
 * idempotent, so the caller states what should be true, not how to get there.
 */
/** setTimeout fires at once for delays past 2^31 − 1 ms (about 24.8 days): longer ones wait that long. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class Countdown {
  private remainingMs: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    budgetMs: number,
    private readonly onExpire: () => void,
  ) {
    this.remainingMs = budgetMs;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  run(): void {
    if (this.done || this.timer !== undefined) return;
    this.startedAt = performance.now();
    this.timer = setTimeout(
      () => {
        this.done = true;
        this.timer = undefined;
        this.onExpire();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, this.remainingMs)),
    );
  }

  pause(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.remainingMs -= performance.now() - this.startedAt;
  }

  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
