/**
 * Messages on the channel (docs/sandbox-protocol.md), both directions. Everything
 * the REPL sends is untrusted: parseReplMessage checks every field before the host
 * uses it. Each host request type has one reply type (ReplyTo), which the session
 * checks before it hands a reply to the caller.
 */
import type { CappedOutput } from '../types.js';
import { ProtocolViolation } from './protocol-violation.js';

export interface ReadyMessage {
  t: 'ready';
  pid: number;
  python: string;
}

export interface ExecDoneMessage {
  t: 'exec_done';
  id: number;
  status: 'ok' | 'error';
  stdout: CappedOutput;
  stderr: CappedOutput;
  error?: string;
  answer?: { content: string; ready: boolean };
  answerTruncated?: boolean;
}

export interface NamespaceDoneMessage {
  t: 'ns_done';
  id: number;
  ok: boolean;
  error?: string;
}

export interface VariableMessage {
  t: 'var';
  id: number;
  found: boolean;
  value?: string;
}

/** The REPL's main thread began working on a request (it may have waited in its queue until now). */
export interface StartedMessage {
  t: 'started';
  id: number;
}

/** The server failed to handle a request (a server bug, reported instead of hanging). */
export interface FailedMessage {
  t: 'failed';
  id: number;
  error: string;
}

export interface CallMessage {
  t: 'call';
  id: number;
  /** Request id of the execution that made the call; null outside any execution. */
  exec: number | null;
  /** True when the execution's main thread is blocked on this call (its timeout clock pauses). */
  wait: boolean;
  name: string;
  args: unknown;
}

export type ReplyMessage = ExecDoneMessage | NamespaceDoneMessage | VariableMessage;
export type ReplMessage = ReadyMessage | ReplyMessage | StartedMessage | FailedMessage | CallMessage;

// ---- host → REPL ----------------------------------------------------------

/** The first frame: the bounds the server applies on its side. */
export interface InitMessage {
  t: 'init';
  maxOutputBytes: number;
  maxFrameBytes: number;
  /** Bytes of host-call frames one batch may have in flight (the host's own bound). */
  maxCallBytes: number;
  rlimits: { fsize: number; nofile: number };
}

/** Creates (or resets) a namespace; `size` bytes of context follow in chunk frames. */
export interface ContextRequest {
  t: 'ctx';
  id: number;
  ns: string;
  kind: 'none' | 'text' | 'json' | 'files' | 'stash';
  size: number;
  prelude: string;
  /** files: [relative path, byte length] in the order their bytes follow. */
  manifest?: Array<[string, number]>;
  /** stash: the token of the stashed object. */
  token?: string;
  /** The context was staged: read `fileSize` bytes from this file of the staging mount (size is 0). */
  file?: string;
  fileSize?: number;
}

/** Part of a context: the frame's binary payload is written at `offset`. */
export interface ChunkMessage {
  t: 'chunk';
  id: number;
  offset: number;
}

export interface ExecRequest {
  t: 'exec';
  id: number;
  ns: string;
  code: string;
}

export interface GetVariableRequest {
  t: 'getvar';
  id: number;
  ns: string;
  name: string;
}

export interface DropRequest {
  t: 'drop';
  id: number;
  ns: string;
}

/** The answer to a host call. */
export type CallReplyMessage =
  { t: 'reply'; id: number; ok: true; value: unknown } | { t: 'reply'; id: number; ok: false; error: string };

/** Requests the REPL answers with one reply each. */
export type HostRequest = ContextRequest | ExecRequest | GetVariableRequest | DropRequest;
export type HostMessage = InitMessage | HostRequest | ChunkMessage | CallReplyMessage;

/** The reply each request type gets (or `failed`, when the server could not handle it). */
export interface ReplyTo {
  ctx: NamespaceDoneMessage;
  exec: ExecDoneMessage;
  getvar: VariableMessage;
  drop: NamespaceDoneMessage;
}

type ReplyGuards = { [K in keyof ReplyTo]: (message: ReplyMessage) => message is ReplyTo[K] };

const isNamespaceDone = (message: ReplyMessage): message is NamespaceDoneMessage => message.t === 'ns_done';

/** Checks that a reply is of the type its request expects. */
export const REPLY_GUARDS: ReplyGuards = {
  ctx: isNamespaceDone,
  exec: (message): message is ExecDoneMessage => message.t === 'exec_done',
  getvar: (message): message is VariableMessage => message.t === 'var',
  drop: isNamespaceDone,
};

/** The reply type's name, for protocol-violation messages. */
export const REPLY_TYPE: { [K in keyof ReplyTo]: ReplyTo[K]['t'] } = {
  ctx: 'ns_done',
  exec: 'exec_done',
  getvar: 'var',
  drop: 'ns_done',
};

// ---- parsing what the REPL sends -------------------------------------------

type Fields = Record<string, unknown>;

function fail(reason: string): never {
  throw new ProtocolViolation(reason);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function requireString(fields: Fields, key: string): string {
  const value = fields[key];
  return typeof value === 'string' ? value : fail(`field "${key}" must be a string`);
}

function optionalString(fields: Fields, key: string): string | undefined {
  return fields[key] === undefined ? undefined : requireString(fields, key);
}

function requireBoolean(fields: Fields, key: string): boolean {
  const value = fields[key];
  return typeof value === 'boolean' ? value : fail(`field "${key}" must be a boolean`);
}

function requireId(fields: Fields, key = 'id'): number {
  const value = fields[key];
  return isId(value) ? value : fail(`field "${key}" must be a non-negative integer`);
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireObject(value: unknown, what: string): Fields {
  return isFields(value) ? value : fail(`${what} must be an object`);
}

function cappedOutput(value: unknown, key: string): CappedOutput {
  const fields = requireObject(value, `field "${key}"`);
  const text = requireString(fields, 'text');
  const { totalBytes, truncatedBytes } = fields;
  if (!isCount(totalBytes) || !isCount(truncatedBytes) || truncatedBytes > totalBytes) {
    fail(`field "${key}" has invalid byte counts`);
  }
  return { text, totalBytes, truncatedBytes };
}

/** Iterative, so hostile nesting cannot overflow the host's stack here. */
export function depthWithin(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= limit) return false;
    const children = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children) stack.push({ value: child, depth: item.depth + 1 });
  }
  return true;
}

function parseExecDone(fields: Fields): ExecDoneMessage {
  const status = fields.status;
  if (status !== 'ok' && status !== 'error') fail('field "status" must be "ok" or "error"');
  const message: ExecDoneMessage = {
    t: 'exec_done',
    id: requireId(fields),
    status,
    stdout: cappedOutput(fields.stdout, 'stdout'),
    stderr: cappedOutput(fields.stderr, 'stderr'),
  };
  const error = optionalString(fields, 'error');
  if (error !== undefined) message.error = error;
  if (fields.answer !== undefined) {
    const answer = requireObject(fields.answer, 'field "answer"');
    message.answer = { content: requireString(answer, 'content'), ready: requireBoolean(answer, 'ready') };
  }
  if (fields.answerTruncated === true) message.answerTruncated = true;
  return message;
}

export function parseReplMessage(value: unknown): ReplMessage {
  const fields = requireObject(value, 'frame');
  switch (fields.t) {
    case 'ready':
      return { t: 'ready', pid: requireId(fields, 'pid'), python: requireString(fields, 'python') };
    case 'exec_done':
      return parseExecDone(fields);
    case 'ns_done': {
      const message: NamespaceDoneMessage = {
        t: 'ns_done',
        id: requireId(fields),
        ok: requireBoolean(fields, 'ok'),
      };
      const error = optionalString(fields, 'error');
      if (error !== undefined) message.error = error;
      return message;
    }
    case 'var': {
      const message: VariableMessage = {
        t: 'var',
        id: requireId(fields),
        found: requireBoolean(fields, 'found'),
      };
      const text = optionalString(fields, 'value');
      if (text !== undefined) message.value = text;
      return message;
    }
    case 'started':
      return { t: 'started', id: requireId(fields) };
    case 'failed':
      return { t: 'failed', id: requireId(fields), error: requireString(fields, 'error') };
    case 'call': {
      const exec = fields.exec === null ? null : requireId(fields, 'exec');
      return {
        t: 'call',
        id: requireId(fields),
        exec,
        wait: fields.wait === true,
        name: requireString(fields, 'name'),
        args: fields.args,
      };
    }
    default:
      return fail(`unknown frame type ${JSON.stringify(fields.t)}`);
  }
}
