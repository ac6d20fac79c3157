/**
 * The host's clocks for the requests it sends one REPL (executions, and the
 * namespace and variable requests that may run user code). Deadlines live here,
 * on the host; nothing the REPL says can stop a clock that the host's own
 * picture says should run (docs/sandbox-protocol.md, "Timeouts").
 *
 * The REPL runs requests on one main thread, like a stack: it takes the next
 * queued request when nothing runs, or while the innermost request is blocked on
 * host calls (a child RLM's execution runs nested above its parent). So at any
 * moment at most one request is charged:
 *   - the innermost started request, unless the host is serving one of its host
 *     calls and nothing is queued (then the REPL only waits for the host);
 *   - with nothing started, the first queued request.
 * An innermost request that waits on the host while requests are queued is
 * charged: the REPL owes work, and the code that should be serving the queue is
 * the only code that can be running. Requests below the innermost one, and
 * queued ones behind a running one, are not charged.
 *
 * What the REPL reports only moves the charge between its own requests: a
 * `started` frame moves a request from the queue to the stack, and a host call
 * pauses the clock only while the host itself serves it, for the innermost
 * request. Code that fakes either gains at most the time the host really spends
 * serving its calls, and every request also has a wall-clock cap that never
 * pauses.
 */
import { Countdown, MAX_TIMER_MS } from './countdown.js';

export interface ClockedRequest {
  id: number;
  namespace: string;
  /** What the request does, when it is not an execution of code (for the timeout message). */
  operation?: string;
  /** Running time allowed (the execution timeout). */
  timeoutMs: number;
  /** Wall-clock time allowed from sending, host-call waits included. */
  wallCapMs: number;
}

export type Expiry = 'timeout' | 'wall_cap';

interface Clock {
  request: ClockedRequest;
  budget: Countdown;
  wall: NodeJS.Timeout;
  /** Host calls of this request the host is serving now (validated, from the innermost request). */
  served: number;
}

export class RequestClocks {
  private readonly queued: Clock[] = [];
  /** Started requests, innermost last. */
  private readonly stack: Clock[] = [];
  private closed = false;

  constructor(private readonly onExpire: (request: ClockedRequest, expiry: Expiry) => void) {}

  /** The request was sent: it waits in the REPL's queue. */
  sent(request: ClockedRequest): void {
    if (this.closed) return;
    const clock: Clock = {
      request,
      budget: new Countdown(request.timeoutMs, () => this.expire(request, 'timeout')),
      wall: setTimeout(() => this.expire(request, 'wall_cap'), Math.min(MAX_TIMER_MS, request.wallCapMs)),
      served: 0,
    };
    this.queued.push(clock);
    this.recharge();
  }

  /** The REPL says its main thread took the request: it runs nested above the others. */
  started(id: number): void {
    const index = this.queued.findIndex((clock) => clock.request.id === id);
    if (index < 0) return;
    const [clock] = this.queued.splice(index, 1);
    if (clock !== undefined) this.stack.push(clock);
    this.recharge();
  }

  isStarted(id: number): boolean {
    return this.stack.some((clock) => clock.request.id === id);
  }

  /**
   * The host begins serving a validated host call that blocks request `id`. Returns
   * the function that ends it, or null when the call cannot pause anything (the
   * request is not the innermost started one, so it is not the code that waits).
   */
  serving(id: number): (() => void) | null {
    const clock = this.stack.at(-1);
    if (clock === undefined || clock.request.id !== id) return null;
    clock.served++;
    this.recharge();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      clock.served--;
      this.recharge();
    };
  }

  finished(id: number): void {
    for (const list of [this.queued, this.stack]) {
      const index = list.findIndex((clock) => clock.request.id === id);
      if (index < 0) continue;
      const [clock] = list.splice(index, 1);
      if (clock !== undefined) stop(clock);
    }
    this.recharge();
  }

  /** The id of the request whose clock runs now, if any. */
  get charged(): number | null {
    return this.chargeable()?.request.id ?? null;
  }

  /** Stops every clock (the session ended). */
  close(): void {
    this.closed = true;
    for (const clock of [...this.queued, ...this.stack]) stop(clock);
    this.queued.length = 0;
    this.stack.length = 0;
  }

  private chargeable(): Clock | null {
    const innermost = this.stack.at(-1);
    if (innermost === undefined) return this.queued[0] ?? null;
    if (innermost.served > 0 && this.queued.length === 0) return null;
    return innermost;
  }

  private recharge(): void {
    const charged = this.chargeable();
    for (const clock of [...this.queued, ...this.stack]) {
      if (clock === charged) clock.budget.run();
      else clock.budget.pause();
    }
  }

  private expire(request: ClockedRequest, expiry: Expiry): void {
    if (this.closed) return;
    this.onExpire(request, expiry);
  }
}

function stop(clock: Clock): void {
  clock.budget.clear();
  clearTimeout(clock.wall);
}
