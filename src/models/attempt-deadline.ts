/**
 * The per-attempt timeout. Non-streaming: the whole request must finish in
 * time. Streaming: `touch()` on every event makes it the longest silence
 * allowed, so a long but steady generation is never cut. The caller's own
 * signal aborts the attempt too, and `timedOut` tells the two apart.
 */
export class AttemptDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timedOutFlag = false;
  private readonly onParentAbort = (): void => this.controller.abort(this.parent?.reason);

  constructor(
    private readonly timeoutMs: number,
    private readonly parent: AbortSignal | undefined,
  ) {
    if (parent?.aborted) this.controller.abort(parent.reason);
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.timedOutFlag;
  }

  /** Restarts the clock: progress was made. */
  touch(): void {
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timedOutFlag = true;
      this.controller.abort(new Error(`timeout after ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}
