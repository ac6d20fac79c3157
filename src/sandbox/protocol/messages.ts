/**
 * Messages on the channel (docs/sandbox-protocol.md). Everything the REPL sends
 * is untrusted: parseReplMessage checks every field before the host uses it.
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

function requireObject(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object`);
  return value as Fields;
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
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number };
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
