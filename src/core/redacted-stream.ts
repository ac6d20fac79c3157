/**
 * Streams model text as events without letting a secret through in pieces.
 * Redacting each delta on its own misses a key that arrives split over two
 * deltas, so the text is redacted as a whole and the last HOLD_BACK
 * characters stay unsent until more text arrives or the call ends: a secret
 * (registered or token-shaped) shorter than that is replaced before any of
 * it goes out. What was sent is always a prefix of the redacted full text.
 */
export const HOLD_BACK = 256;
/** Re-redact the whole text at most once per this many new characters (keeps a long reply linear-ish). */
const STEP = 64;

export class RedactedStream {
  private raw = '';
  private sent = 0;
  private checkedAt = 0;

  constructor(
    private readonly redact: (text: string) => string,
    private readonly send: (delta: string) => void,
  ) {}

  push(delta: string): void {
    this.raw += delta;
    if (this.raw.length - this.checkedAt < STEP) return;
    this.checkedAt = this.raw.length;
    this.emitUpTo(HOLD_BACK);
  }

  /** The call ended: send what was held back. */
  flush(): void {
    this.emitUpTo(0);
  }

  /** A retry starts the reply over; returns how many characters of the failed attempt were sent. */
  reset(): number {
    const sent = this.sent;
    this.raw = '';
    this.sent = 0;
    this.checkedAt = 0;
    return sent;
  }

  private emitUpTo(holdBack: number): void {
    const clean = this.redact(this.raw);
    const end = Math.max(this.sent, clean.length - holdBack);
    if (end > this.sent) {
      this.send(clean.slice(this.sent, end));
      this.sent = end;
    }
  }
}
