/**
 * The per-execution deadline. It only counts time the code itself runs: while
 * the execution's main thread is blocked on host calls (llm_query, child RLMs)
 * the clock is paused, so a slow model cannot make sandboxed code "time out".
 * Calls from background threads do not pause it: the main thread may be spinning.
 */
export class ExecTimer {
  private remainingMs: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private pauses = 0;
  private done = false;

  /**
   * With `startPaused`, the clock only starts at the first resume(): a request
   * queued in the REPL behind others must not spend its time waiting its turn.
   */
  constructor(
    timeoutMs: number,
    private readonly onExpire: () => void,
    options: { startPaused?: boolean } = {},
  ) {
    this.remainingMs = timeoutMs;
    if (options.startPaused === true) this.pauses = 1;
    else this.arm();
  }

  pause(): void {
    if (this.done || this.pauses++ > 0) return;
    clearTimeout(this.timer);
    this.remainingMs -= performance.now() - this.startedAt;
  }

  resume(): void {
    if (this.done || --this.pauses > 0) return;
    this.arm();
  }

  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    this.startedAt = performance.now();
    this.timer = setTimeout(
      () => {
        this.done = true;
        this.onExpire();
      },
      Math.max(0, this.remainingMs),
    );
  }
}
