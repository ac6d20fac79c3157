/**
 * State shared by every node of one run: settings, ports, the ledger, the
 * global concurrency cap, the stop flag, ids and the event/trajectory outlets.
 * Nodes and sub-calls only talk to the outside world through this object.
 */
import type { LimitName, RunEvent } from '../rlm-options.js';
import type { ModelClient } from '../models/types.js';
import type { Sandbox } from '../sandbox/types.js';
import type { CallRecord, CodeExecutionRecord, TrajectorySink } from '../trajectory/types.js';
import { costCapsFor, type CostCap } from './cost-caps.js';
import { UsageLedger, type CostFunction } from './ledger.js';
import { Semaphore } from './semaphore.js';
import type { EngineSettings } from './settings.js';
import {
  RUN_WIDE_LIMITS,
  stopConditionsFor,
  type StopCondition,
  type StopReason,
} from './stop-conditions.js';
import type { ToolRegistry } from './tool-registry.js';

export interface EnginePorts {
  model: ModelClient;
  sandbox: Sandbox;
  sink: TrajectorySink;
  costOf: CostFunction;
  tools: ToolRegistry;
  /** Milliseconds, monotonic. */
  now: () => number;
  /** Removes secrets from anything that leaves the engine as an event. */
  redact: <T>(value: T) => T;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventBody = DistributiveOmit<RunEvent, 'trajectoryId' | 'elapsedMs'>;

/** Raised inside the loop when the run was stopped (timeout, cancel, a run-wide limit) while waiting. */
export class RunHalted extends Error {
  constructor(readonly reason: StopReason) {
    super(reason.message);
  }
}

export class RunContext {
  readonly ledger: UsageLedger;
  /** Caps on the spending at one depth or on one model. */
  readonly costCaps: readonly CostCap[];
  readonly modelSlots: Semaphore;
  readonly stopCondition: StopCondition;
  readonly abort = new AbortController();
  readonly startedAt: number;
  readonly limitsHit = new Set<LimitName>();
  readonly warnings: string[] = [];
  /** The first run-wide stop; every node winds down once it is set. */
  haltReason: StopReason | null = null;
  /** An error that ends the run with its own exit code (Docker, model API, config). */
  fatalError: unknown = null;
  subCalls = 0;
  maxDepthReached = 0;
  private callCounter = 0;
  private subCallCounter = 0;
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(
    readonly trajectoryId: string,
    readonly settings: EngineSettings,
    readonly ports: EnginePorts,
    private readonly emitEvent: (event: RunEvent) => void,
  ) {
    this.startedAt = ports.now();
    this.costCaps = costCapsFor(settings);
    this.ledger = new UsageLedger(ports.costOf, { ...settings, costCaps: this.costCaps });
    this.modelSlots = new Semaphore(settings.maxConcurrency);
    this.stopCondition = stopConditionsFor({ ...settings, costCaps: this.costCaps });
  }

  get elapsedMs(): number {
    return this.ports.now() - this.startedAt;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  nextCallId(): string {
    this.callCounter += 1;
    return `c${this.callCounter}`;
  }

  nextSubCallId(): string {
    this.subCallCounter += 1;
    return `s${this.subCallCounter}`;
  }

  emit(body: EventBody): void {
    const event = {
      ...body,
      trajectoryId: this.trajectoryId,
      elapsedMs: Math.round(this.elapsedMs),
    } as RunEvent;
    try {
      this.emitEvent(this.ports.redact(event));
    } catch {
      // A throwing listener must not break the run it is watching.
    }
  }

  /** Notes a limit that fired (for the result and an event) without stopping anything by itself. */
  noteLimit(reason: StopReason, nodeId: string, depth: number): void {
    const first = !this.limitsHit.has(reason.limit);
    this.limitsHit.add(reason.limit);
    if (first) this.emit({ type: 'limit_hit', limit: reason.limit, message: reason.message, nodeId, depth });
  }

  /**
   * Stops the whole run. Timeout and cancellation also abort what is in
   * flight (model requests, the waiting exec); budget limits let in-flight
   * calls finish, since their cost is already committed.
   */
  halt(reason: StopReason, nodeId: string, depth: number): void {
    this.noteLimit(reason, nodeId, depth);
    if (this.haltReason !== null) return;
    this.haltReason = reason;
    if (reason.limit === 'timeout' || reason.limit === 'cancelled') this.abort.abort(new RunHalted(reason));
  }

  /** Ends the run with an error (DockerError, ModelApiError, ...) and aborts everything in flight. */
  fail(error: unknown): void {
    if (this.fatalError === null) this.fatalError = error;
    if (!this.abort.signal.aborted) this.abort.abort(error);
  }

  /** Whether a limit applies to the whole run or to the node that hit it. */
  isRunWide(limit: LimitName): boolean {
    return RUN_WIDE_LIMITS.has(limit);
  }

  /** Stops the whole run for a run-wide limit; for a local one (a depth or model cap) only notes it. */
  stopFor(reason: StopReason, nodeId: string, depth: number): void {
    if (this.isRunWide(reason.limit)) this.halt(reason, nodeId, depth);
    else this.noteLimit(reason, nodeId, depth);
  }

  /** Trajectory writes are queued, never awaited by the loop: the writer keeps their order. */
  recordCall(record: CallRecord): void {
    this.track(this.ports.sink.recordCall(record));
  }

  recordExecution(callId: string, execution: CodeExecutionRecord): void {
    this.track(this.ports.sink.addExecution(callId, execution));
  }

  async flushWrites(): Promise<void> {
    await Promise.allSettled([...this.pendingWrites]);
  }

  private track(write: Promise<void>): void {
    const tracked = write.catch(() => undefined).finally(() => this.pendingWrites.delete(tracked));
    this.pendingWrites.add(tracked);
  }

  noteDepth(depth: number): void {
    if (depth > this.maxDepthReached) this.maxDepthReached = depth;
  }
}
