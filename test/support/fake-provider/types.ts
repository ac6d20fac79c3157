/** What a test tells the fake provider to do with one request. */

export interface FakeUsage {
  /** Uncached input tokens (OpenAI: prompt_tokens minus cached). */
  input: number;
  output: number;
  cacheRead: number;
  /** Anthropic only: cache_creation_input_tokens. */
  cacheWrite: number;
}

export type FakeStep =
  /** A successful answer, streamed as SSE when the request asked for a stream. */
  | {
      type: 'reply';
      text?: string;
      usage?: Partial<FakeUsage>;
      /** Anthropic stop_reason / OpenAI finish_reason; defaults end_turn / stop. */
      stopReason?: string;
      /** Model name reported back; defaults to the requested one. */
      model?: string;
      /** Text deltas of the stream; defaults to the text cut in pieces of about 8 characters. */
      chunks?: string[];
    }
  /** An HTTP error in the provider's error format. */
  | { type: 'error'; status: number; errorType?: string; message?: string; headers?: Record<string, string> }
  /** A 200 stream that starts, sends some text, then an error event (Anthropic `event: error`, OpenAI `data: {"error":...}`). */
  | { type: 'stream-error'; afterText?: string; errorType: string; message?: string }
  /** Holds the response back for `ms` (then answers with `then`, default a reply): slower than a client timeout. */
  | { type: 'slow'; ms: number; then?: FakeStep }
  /** A stream that sends its first events and then goes silent until the client gives up. */
  | { type: 'stall-stream'; afterText?: string }
  /** 200 with a body that is not JSON (or an SSE stream whose data is not JSON). */
  | { type: 'malformed' }
  /** The TCP connection is destroyed without a response. */
  | { type: 'reset' };

export interface RecordedRequest {
  api: 'anthropic' | 'openai';
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
  stream: boolean;
  model: string;
  /** Text of the last user message, flattened from content blocks. */
  lastUserText: string;
  /** Order of arrival, from 0. */
  index: number;
}

export type Responder = (request: RecordedRequest) => FakeStep;
