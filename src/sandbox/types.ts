/**
 * The Sandbox port: where model-written Python runs. Core code depends on this
 * interface only; adapters are `docker` (default, hardened container) and
 * `repl` (a local python3 process; unsafe for untrusted code).
 *
 * One sandbox serves one run. Inside it a persistent Python REPL keeps one
 * namespace per RLM node ("root" for depth 0; children get their own), so
 * variables persist across executions of the same node.
 */
import type { CollectedOutputs } from './outputs/types.js';

/** What the REPL variable `context` is built from. */
export type ContextInput =
  | { kind: 'text'; text: string }
  | { kind: 'json'; value: unknown }
  /**
   * Files and directories read on the host (trusted paths given by the user)
   * and shipped over the bridge. In Python `context` becomes a dict
   * {relative_path: text} (bytes that are not UTF-8 are decoded with
   * errors="replace").
   */
  | { kind: 'files'; paths: string[]; root?: string }
  /**
   * A Python object stashed in the REPL with `__rlm_stash__(value)` (returns a
   * token). Used by rlm_query so that a child's context never crosses the bridge.
   */
  | { kind: 'stash'; token: string };

/** Output kept from one stream: head and tail, with the size of the cut. */
export interface CappedOutput {
  text: string;
  totalBytes: number;
  truncatedBytes: number;
}

export type ExecStatus =
  /** Code ran to the end. */
  | 'ok'
  /** Code raised; `error` holds the traceback. State is kept. */
  | 'error'
  /** Per-execution timeout; the code was killed, a fresh REPL started. */
  | 'timeout'
  /** The REPL died (os._exit, segfault, killed). */
  | 'crashed'
  /** The REPL was OOM-killed. */
  | 'oom'
  /** The container sent invalid, oversized or forged frames. */
  | 'protocol_error';

export interface ExecResult {
  status: ExecStatus;
  stdout: CappedOutput;
  stderr: CappedOutput;
  /** Traceback for 'error'; a human-readable reason for the other non-ok statuses. */
  error?: string;
  /** True when the REPL was restarted: every variable of every namespace is gone (contexts are re-injected). */
  stateLost: boolean;
  durationMs: number;
  /**
   * The namespace's `answer` dict after the execution, when code has set it:
   * `answer = {"content": ..., "ready": bool}` is predefined in every namespace.
   */
  answer?: { content: string; ready: boolean };
}

export interface ExecOptions {
  /** Namespace to run in; default "root". */
  namespace?: string;
  /** Overrides the sandbox's per-execution timeout. */
  timeoutMs?: number;
}

/** A request made by Python code through `__rlm_host__.call(name, args)`. */
export interface HostCall {
  name: string;
  /** JSON value sent by Python. Untrusted: validate before use. */
  args: unknown;
  /** Namespace of the code that made the call. */
  namespace: string;
}

/**
 * Answers host calls. Resolve with any JSON-serialisable value (it becomes the
 * Python return value); reject to raise `HostCallError(message)` in Python.
 * Calls from one batch arrive concurrently. `signal` aborts when the execution
 * that made the call ends (timeout, crash, close).
 */
export type HostCallHandler = (call: HostCall, signal: AbortSignal) => Promise<unknown>;

export interface Sandbox {
  readonly kind: 'docker' | 'repl';
  /**
   * Cheap checks that must pass before anything is spent: for Docker, the engine answers a ping and
   * the image is present (pulled when missing and allowed). Idempotent; start() runs it too.
   */
  preflight(): Promise<void>;
  /** Starts the container/process and the REPL. Idempotent. */
  start(): Promise<void>;
  /**
   * Creates (or resets) a namespace with `context` set from `context` and the
   * prelude run in it. "root" is created by the first call or by `exec`.
   */
  createNamespace(namespace: string, context?: ContextInput): Promise<void>;
  /** Drops a namespace and frees its memory. */
  dropNamespace(namespace: string): Promise<void>;
  /**
   * Python code run in every namespace when it is created and again after a
   * REPL restart (the engine defines llm_query & co. with it).
   */
  setPrelude(code: string): void;
  setHostCallHandler(handler: HostCallHandler): void;
  exec(code: string, options?: ExecOptions): Promise<ExecResult>;
  /** `str(value)` of a namespace variable, capped like stdout; undefined when not defined. */
  getVariable(name: string, namespace?: string): Promise<string | undefined>;
  /**
   * The files model code left in the output directory (/output), read before close(). Absent where the
   * environment has none (the local REPL). Never throws.
   */
  collectOutputs?(): Promise<CollectedOutputs>;
  /** Stops and removes everything. Safe to call twice and after a failed start. */
  close(): Promise<void>;
}
