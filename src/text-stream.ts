/**
 * `rlm.completionStream(task)`: the run as text, for `for await (const chunk of stream)
 * process.stdout.write(chunk)`. Chunks are the root model's text as it streams, then
 * the final answer after a blank line; the RLMResult is `await stream.result`.
 * A retried model request restarts its reply, so its discarded text is not taken back.
 */
import type { RLMResult, RunEvent } from './rlm-options.js';

export class TextStream implements AsyncIterable<string> {
  /** The run's result, once the stream has been read to the end (rejects if the run threw). */
  readonly result: Promise<RLMResult>;
  private settle!: { resolve: (result: RLMResult) => void; reject: (error: unknown) => void };
  private started = false;

  constructor(private readonly events: AsyncIterable<RunEvent>) {
    this.result = new Promise<RLMResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Nobody may await `result`; an unhandled rejection must not crash the process for it.
    this.result.catch(() => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.started) throw new Error('completionStream() can be read once; call it again for another run');
    this.started = true;
    let streamed = false;
    let finished = false;
    try {
      for await (const event of this.events) {
        if (event.type === 'model_text' && event.depth === 0 && event.delta !== '') {
          streamed = true;
          yield event.delta;
        } else if (event.type === 'final') {
          const answer = event.result.response;
          if (answer !== '') yield streamed ? `\n\n${answer}\n` : `${answer}\n`;
          this.settle.resolve(event.result);
          finished = true;
        }
      }
      if (!finished) throw new Error('the run ended without a final event');
    } catch (error) {
      this.settle.reject(error);
      throw error;
    }
  }
}
