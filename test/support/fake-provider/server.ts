/**
 * A local HTTP server that speaks the Anthropic Messages API (POST
 * /v1/messages) and OpenAI Chat Completions (POST /v1/chat/completions),
 * non-streaming and SSE streaming, with scripted failures per request and a
 * fixed latency. Concurrent requests are served concurrently.
 *
 *   const fake = await startFakeProvider({ latencyMs: 200 });
 *   fake.enqueue({ type: 'error', status: 429, headers: { 'retry-after': '1' } }, { type: 'reply', text: 'hi' });
 *   new Anthropic({ baseURL: fake.anthropicBaseUrl, apiKey: 'k' });
 *   new OpenAI({ baseURL: fake.openaiBaseUrl, apiKey: 'k' });
 *
 * Each request takes the next enqueued step, else the responder's, else a
 * reply "ok" with usage derived from the prompt size.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  anthropicErrorBody,
  anthropicErrorType,
  anthropicMessage,
  anthropicStreamError,
  anthropicStreamHead,
  anthropicStreamTail,
  anthropicTextDelta,
  type ReplyShape,
} from './anthropic-wire.js';
import {
  openAiCompletion,
  openAiErrorBody,
  openAiErrorShape,
  openAiStreamError,
  openAiStreamHead,
  openAiStreamTail,
  openAiTextDelta,
} from './openai-wire.js';
import { PromptCache, PromptCacheError, type PromptCacheOptions } from './prompt-cache.js';
import { lastUserText, promptChars } from './request-text.js';
import type { FakeStep, RecordedRequest, Responder } from './types.js';

export type { FakeStep, FakeUsage, RecordedRequest, Responder } from './types.js';

export interface FakeProviderOptions {
  /** Added before every response (the engine benchmark uses 200 ms). */
  latencyMs?: number;
  /** Decides the step for requests with nothing enqueued. */
  responder?: Responder;
  /**
   * Simulate Anthropic prompt caching (see prompt-cache.ts): replies whose step sets no input usage report
   * cache reads and writes for the request's cache_control breakpoints. Off by default.
   */
  promptCache?: boolean | PromptCacheOptions;
  /**
   * Holds every request until this many are inside the server at once, then lets them all go.
   * A concurrency check that cannot depend on how fast a loaded machine sends them.
   */
  holdUntilInFlight?: number;
}

export interface FakeProvider {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** baseURL for the Anthropic SDK (same as url). */
  readonly anthropicBaseUrl: string;
  /** baseURL for the OpenAI SDK (url + /v1). */
  readonly openaiBaseUrl: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Steps for the next requests, in order. */
  enqueue(...steps: FakeStep[]): void;
  setResponder(responder: Responder | undefined): void;
  setLatency(ms: number): void;
  /** Requests being handled right now (for concurrency checks). */
  inFlight(): number;
  /** Most requests ever handled at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

const API_BY_PATH: Record<string, RecordedRequest['api']> = {
  '/v1/messages': 'anthropic',
  '/v1/chat/completions': 'openai',
  // OpenAI-compatible servers often serve at the root (base_url without /v1): one URL serves both SDKs.
  '/chat/completions': 'openai',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Resolves true after `ms`, or false as soon as the client goes away. */
function wait(ms: number, res: ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

function untilClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => (res.destroyed ? resolve() : res.once('close', () => resolve())));
}

function pieces(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 8) out.push(text.slice(i, i + 8));
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function startSse(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...headers,
  });
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  const queue: FakeStep[] = [];
  let responder = options.responder;
  let latencyMs = options.latencyMs ?? 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const promptCache =
    options.promptCache === undefined || options.promptCache === false
      ? null
      : new PromptCache(options.promptCache === true ? {} : options.promptCache);
  const cacheUsage = new WeakMap<RecordedRequest, ReturnType<PromptCache['usageOf']>>();
  let releaseHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (releaseHeld = resolve));

  const replyShape = (request: RecordedRequest, step: Extract<FakeStep, { type: 'reply' }>): ReplyShape => {
    const text = step.text ?? 'ok';
    const cached = step.usage?.input === undefined ? cacheUsage.get(request) : undefined;
    return {
      id: request.api === 'anthropic' ? `msg_fake_${request.index}` : `chatcmpl-fake-${request.index}`,
      model: step.model ?? request.model,
      text,
      chunks: step.chunks ?? pieces(text),
      usage: {
        input: step.usage?.input ?? cached?.input ?? Math.ceil(promptChars(request.body) / 4),
        output: step.usage?.output ?? Math.ceil(text.length / 4),
        cacheRead: step.usage?.cacheRead ?? cached?.cacheRead ?? 0,
        cacheWrite: step.usage?.cacheWrite ?? cached?.cacheWrite ?? 0,
      },
      stopReason: step.stopReason ?? (request.api === 'anthropic' ? 'end_turn' : 'stop'),
    };
  };

  const requestIdHeader = (request: RecordedRequest): Record<string, string> =>
    request.api === 'anthropic'
      ? { 'request-id': `req_fake_${request.index}` }
      : { 'x-request-id': `req_fake_${request.index}` };

  const writeReply = (request: RecordedRequest, res: ServerResponse, reply: ReplyShape): void => {
    const ids = requestIdHeader(request);
    if (!request.stream) {
      sendJson(
        res,
        200,
        request.api === 'anthropic' ? anthropicMessage(reply) : openAiCompletion(reply),
        ids,
      );
      return;
    }
    startSse(res, ids);
    if (request.api === 'anthropic') {
      for (const event of anthropicStreamHead(reply)) res.write(event);
      for (const piece of reply.chunks) res.write(anthropicTextDelta(piece));
      for (const event of anthropicStreamTail(reply)) res.write(event);
    } else {
      const options = request.body.stream_options as { include_usage?: boolean } | undefined;
      for (const event of openAiStreamHead(reply)) res.write(event);
      for (const piece of reply.chunks) res.write(openAiTextDelta(reply, piece));
      for (const event of openAiStreamTail(reply, options?.include_usage === true)) res.write(event);
    }
    res.end();
  };

  /** Stream head plus some text, the start of every failing stream. */
  const writeStreamStart = (request: RecordedRequest, res: ServerResponse, text: string): ReplyShape => {
    const reply = replyShape(request, { type: 'reply', text });
    startSse(res, requestIdHeader(request));
    if (request.api === 'anthropic') {
      for (const event of anthropicStreamHead(reply)) res.write(event);
      if (text) res.write(anthropicTextDelta(text));
    } else {
      for (const event of openAiStreamHead(reply)) res.write(event);
      if (text) res.write(openAiTextDelta(reply, text));
    }
    return reply;
  };

  const perform = async (request: RecordedRequest, res: ServerResponse, step: FakeStep): Promise<void> => {
    switch (step.type) {
      case 'reply':
        writeReply(request, res, replyShape(request, step));
        return;
      case 'error': {
        const headers = { ...requestIdHeader(request), ...step.headers };
        if (request.api === 'anthropic') {
          const errorType = step.errorType ?? anthropicErrorType(step.status);
          sendJson(
            res,
            step.status,
            anthropicErrorBody(errorType, step.message, `req_fake_${request.index}`),
            headers,
          );
        } else {
          const bearer = (request.headers.authorization ?? '').replace(/^Bearer /, '');
          const shape = openAiErrorShape(step.status, bearer);
          if (step.errorType) shape.code = step.errorType;
          if (step.message) shape.message = step.message;
          sendJson(res, step.status, openAiErrorBody(shape), headers);
        }
        return;
      }
      case 'stream-error':
        writeStreamStart(request, res, step.afterText ?? '');
        res.end(
          request.api === 'anthropic'
            ? anthropicStreamError(step.errorType, step.message)
            : openAiStreamError(step.errorType, step.message),
        );
        return;
      case 'slow':
        if (await wait(step.ms, res)) await perform(request, res, step.then ?? { type: 'reply' });
        return;
      case 'stall-stream':
        writeStreamStart(request, res, step.afterText ?? '');
        await untilClosed(res);
        return;
      case 'malformed':
        if (request.stream) {
          startSse(res, requestIdHeader(request));
          res.end(
            request.api === 'anthropic'
              ? 'event: message_start\ndata: {"type": "message_start", "mess\n\n'
              : 'data: {"id": "chatcmpl-\n\n',
          );
        } else {
          res.writeHead(200, { 'content-type': 'application/json', ...requestIdHeader(request) });
          res.end('{"id": "truncated", "content": [');
        }
        return;
      case 'reset':
        res.socket?.destroy();
        return;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const api = API_BY_PATH[path];
    const raw = await readBody(req);
    if (req.method !== 'POST' || api === undefined) {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } }, {});
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      sendJson(res, 400, { error: { message: 'request body is not JSON' } }, {});
      return;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: RecordedRequest = {
      api,
      method: req.method,
      path,
      headers,
      body,
      stream: body.stream === true,
      model: typeof body.model === 'string' ? body.model : '',
      lastUserText: lastUserText(body),
      index: requests.length,
    };
    requests.push(request);
    if (promptCache !== null && api === 'anthropic') {
      try {
        cacheUsage.set(request, promptCache.usageOf(body));
      } catch (error) {
        if (!(error instanceof PromptCacheError)) throw error;
        sendJson(
          res,
          400,
          anthropicErrorBody('invalid_request_error', error.message, `req_fake_${request.index}`),
          {},
        );
        return;
      }
    }
    const step = queue.shift() ?? responder?.(request) ?? { type: 'reply' };
    if (options.holdUntilInFlight !== undefined) await held;
    if (!(await wait(latencyMs, res))) return;
    await perform(request, res, step);
  };

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (options.holdUntilInFlight !== undefined && inFlight >= options.holdUntilInFlight) releaseHeld();
    res.once('close', () => inFlight--);
    req.socket.setNoDelay(true);
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } }, {});
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    anthropicBaseUrl: url,
    openaiBaseUrl: `${url}/v1`,
    requests,
    enqueue: (...steps) => void queue.push(...steps),
    setResponder: (next) => void (responder = next),
    setLatency: (ms) => void (latencyMs = ms),
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
