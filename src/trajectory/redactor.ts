/**
 * Removes secrets from text before it is written anywhere (trajectory, rendering, artifact).
 *
 * Two sources: secrets registered by value (API keys, the GitHub token, anything the user marks secret)
 * and well-known token shapes, which catch keys the runtime was never told about (for example a key the
 * model found in the workspace and printed).
 */

export const REDACTED = '[REDACTED]';

/**
 * Registered secrets shorter than this are ignored: replacing every "abc" or "1234" would destroy the
 * text while protecting nothing (a value that short is not a credential worth the name).
 */
export const MIN_SECRET_LENGTH = 6;

interface TokenPattern {
  readonly pattern: RegExp;
  readonly replacement: string;
}

// Lengths are deliberately a little below the real token lengths so truncated or test keys are caught too,
// yet long enough that words like "sk-learn" or "ghp_" in prose survive.
const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { pattern: /sk-ant-[A-Za-z0-9_-]{16,}/g, replacement: REDACTED },
  { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, replacement: REDACTED },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g, replacement: REDACTED },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, replacement: REDACTED },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replacement: REDACTED },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, replacement: REDACTED },
  // Keep the scheme word so the reader still sees that an Authorization header was there.
  { pattern: /\b(Bearer)\s+[\w.~+/=-]{8,}/gi, replacement: `$1 ${REDACTED}` },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Rebuilt lazily after add(); longest secrets first so one that contains another is removed whole. */
  private secretsPattern: RegExp | null = null;

  constructor(secrets: readonly string[] = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Registers a secret value. Empty, undefined and too-short values are ignored (see MIN_SECRET_LENGTH). */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string') return;
    const value = secret.trim();
    if (value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.secretsPattern = null;
  }

  get size(): number {
    return this.secrets.size;
  }

  redact(text: string): string {
    let result = text;
    const registered = this.registeredPattern();
    if (registered) result = result.replace(registered, REDACTED);
    for (const { pattern, replacement } of TOKEN_PATTERNS) {
      pattern.lastIndex = 0;
      result = result.replace(pattern, replacement);
    }
    return result;
  }

  /** Redacts every string (object keys included) inside plain objects and arrays; other values pass through. */
  redactDeep<T>(value: T): T {
    return this.redactValue(value) as T;
  }

  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (value !== null && typeof value === 'object' && isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[this.redact(key)] = this.redactValue(item);
      return copy;
    }
    return value;
  }

  private registeredPattern(): RegExp | null {
    if (this.secrets.size === 0) return null;
    if (!this.secretsPattern) {
      const alternatives = [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.secretsPattern = new RegExp(alternatives.join('|'), 'g');
    }
    return this.secretsPattern;
  }
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
