/**
 * The ONE comment that answers a command: created (or found again by its hidden marker, e.g. on a re-run),
 * edited in place while the run progresses, and finally replaced by the result. Progress edits are
 * throttled (at most one per interval, never two in flight); the final edit always goes out.
 */
import type { CommentThread } from '../triggers/event.js';
import type { GitHubPort, PostedComment } from './github-port.js';
import { isMarkedByBot } from './markers.js';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface CommentSessionOptions {
  thread: CommentThread;
  /** Hidden marker that identifies this comment; added to every body. */
  marker: string;
  /** Review comments: the comment to reply to (keeps the answer in the review thread). */
  replyTo?: number;
  minIntervalMs: number;
  clock?: Clock;
  /** Applied to every body before it is sent (secret redaction). */
  sanitize?: (body: string) => string;
}

export class CommentSession {
  private comment: PostedComment | null = null;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  /** Progress edits that failed (the run goes on; the step fails at the end). */
  readonly failures: string[] = [];
  private readonly clock: Clock;

  constructor(
    private readonly github: Pick<GitHubPort, 'listComments' | 'createComment' | 'updateComment'>,
    private readonly options: CommentSessionOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  get url(): string | null {
    return this.comment?.url ?? null;
  }

  get id(): number | null {
    return this.comment?.id ?? null;
  }

  private render(body: string): string {
    const text = `${this.options.marker}\n${body}`;
    return this.options.sanitize ? this.options.sanitize(text) : text;
  }

  /** Finds the existing comment by its marker, or creates it. Throws on failure. */
  async open(body: string): Promise<PostedComment> {
    const existing = (await this.github.listComments(this.options.thread)).find((c) =>
      isMarkedByBot(c, this.options.marker),
    );
    this.comment = existing
      ? await this.github.updateComment(this.options.thread, existing.id, this.render(body))
      : await this.github.createComment(this.options.thread, this.render(body), this.options.replyTo);
    this.lastWriteAt = this.clock.now();
    return this.comment;
  }

  /** A throttled progress edit; returns whether it was sent. Never throws. */
  progress(body: string): boolean {
    const comment = this.comment;
    if (!comment || this.inFlight) return false;
    if (this.clock.now() - this.lastWriteAt < this.options.minIntervalMs) return false;
    this.lastWriteAt = this.clock.now();
    this.inFlight = this.github
      .updateComment(this.options.thread, comment.id, this.render(body))
      .then(
        () => undefined,
        (error: unknown) => {
          this.failures.push(error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    return true;
  }

  /** Waits for a pending progress edit, then writes the final body. Throws on failure. */
  async finish(body: string): Promise<PostedComment> {
    if (this.inFlight) await this.inFlight;
    if (!this.comment) return this.open(body);
    this.comment = await this.github.updateComment(this.options.thread, this.comment.id, this.render(body));
    this.lastWriteAt = this.clock.now();
    return this.comment;
  }
}
