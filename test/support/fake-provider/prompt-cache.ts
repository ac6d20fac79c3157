/**
 * Anthropic prompt caching as the provider documents it, for the fake
 * server: the prompt is rendered as tools, system, then messages, one content
 * block after another. A block with `cache_control` is a breakpoint (at most
 * 4). For each breakpoint the server looks for a cached prefix ending at that
 * block or at any of the 20 block boundaries before it; the longest one found
 * is read from the cache (cache_read_input_tokens). The rest of the prompt up
 * to the last breakpoint is written (cache_creation_input_tokens), and
 * whatever follows the last breakpoint is plain input. A prefix shorter than
 * the model's minimum (1024 tokens for Sonnet and Opus) is never cached.
 * Entries live 5 minutes, refreshed by every hit. Tokens are counted at 4
 * characters per token, like the fake's other usage figures.
 */
import { createHash } from 'node:crypto';
import type { FakeUsage } from './types.js';

export interface PromptCacheOptions {
  /** Shortest prefix that is cached, in tokens. Default 1024. */
  minTokens?: number;
  /** Lifetime of an entry since its last use. Default 5 minutes. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

const LOOKBACK_BLOCKS = 20;
const MAX_BREAKPOINTS = 4;

interface Block {
  /** tool, system, user or assistant: part of the cache key, not of the token count. */
  role: string;
  text: string;
  breakpoint: boolean;
}

export class PromptCacheError extends Error {}

export class PromptCache {
  private readonly entries = new Map<string, number>();
  private readonly minTokens: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: PromptCacheOptions = {}) {
    this.minTokens = options.minTokens ?? 1024;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The input side of the usage of one Messages API request body; caches what it writes. */
  usageOf(body: Record<string, unknown>): Pick<FakeUsage, 'input' | 'cacheRead' | 'cacheWrite'> {
    const blocks = renderBlocks(body);
    const breakpoints = blocks.flatMap((block, index) => (block.breakpoint ? [index] : []));
    if (breakpoints.length > MAX_BREAKPOINTS) {
      throw new PromptCacheError(
        `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided.`,
      );
    }
    const model = typeof body.model === 'string' ? body.model : '';
    const keys: string[] = [];
    const tokensThrough: number[] = [];
    let hash = createHash('sha256').update(model).digest('hex');
    let tokens = 0;
    for (const block of blocks) {
      hash = createHash('sha256').update(`${hash}\u0000${block.role}\u0000`).update(block.text).digest('hex');
      keys.push(hash);
      tokens += Math.ceil(block.text.length / 4);
      tokensThrough.push(tokens);
    }
    const total = tokens;
    const now = this.now();
    for (const [key, expires] of this.entries) if (expires <= now) this.entries.delete(key);

    // The longest cached prefix ending at a breakpoint or within the 20 blocks before one.
    let readThrough = -1;
    for (const breakpoint of breakpoints) {
      for (let index = breakpoint; index >= 0 && index > breakpoint - LOOKBACK_BLOCKS; index--) {
        if (this.entries.has(keys[index] as string)) {
          readThrough = Math.max(readThrough, index);
          break;
        }
      }
    }
    const read = readThrough >= 0 ? (tokensThrough[readThrough] ?? 0) : 0;
    if (readThrough >= 0) this.entries.set(keys[readThrough] as string, now + this.ttlMs);

    const lastBreakpoint = breakpoints[breakpoints.length - 1];
    let written = 0;
    if (lastBreakpoint !== undefined && lastBreakpoint > readThrough) {
      const through = tokensThrough[lastBreakpoint] ?? 0;
      if (through >= this.minTokens) {
        written = through - read;
        for (const breakpoint of breakpoints) {
          if ((tokensThrough[breakpoint] ?? 0) >= this.minTokens)
            this.entries.set(keys[breakpoint] as string, now + this.ttlMs);
        }
      }
    }
    return { input: total - read - written, cacheRead: read, cacheWrite: written };
  }

  /** Entries alive now (for tests). */
  get size(): number {
    return this.entries.size;
  }
}

/** tools, system, messages: every content block in rendering order, role-marked so roles count. */
function renderBlocks(body: Record<string, unknown>): Block[] {
  const blocks: Block[] = [];
  const tools = Array.isArray(body.tools) ? (body.tools as unknown[]) : [];
  for (const tool of tools)
    blocks.push({ role: 'tool', text: JSON.stringify(tool), breakpoint: hasCacheControl(tool) });
  const system = body.system;
  if (typeof system === 'string') blocks.push({ role: 'system', text: system, breakpoint: false });
  else if (Array.isArray(system)) for (const block of system) blocks.push(contentBlock('system', block));
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    const { role, content } = message as { role?: unknown; content?: unknown };
    const who = typeof role === 'string' ? role : '?';
    if (typeof content === 'string') blocks.push({ role: who, text: content, breakpoint: false });
    else if (Array.isArray(content)) for (const block of content) blocks.push(contentBlock(who, block));
  }
  return blocks;
}

function contentBlock(role: string, block: unknown): Block {
  const text =
    typeof block === 'object' && block !== null && typeof (block as { text?: unknown }).text === 'string'
      ? (block as { text: string }).text
      : JSON.stringify(block);
  return { role, text, breakpoint: hasCacheControl(block) };
}

function hasCacheControl(block: unknown): boolean {
  return typeof block === 'object' && block !== null && 'cache_control' in block;
}
