/**
 * Context windows in tokens, next to the price table (same names, same
 * snapshot and `provider/` lookup), so a node's history budget follows the
 * model it talks to instead of one fixed size for every model.
 *
 * Checked 2026-11-30 against the providers' model pages as mirrored in the
 * docs corpus. Where a longer prompt costs more per token (GPT-5.4 and
 * GPT-5.5 charge double input above 272K tokens), the window listed is the
 * flat-price part: the price table assumes it, and a history that crossed it
 * would silently double the cost of every later turn.
 */
import { priceLookupNames } from './pricing.js';

/**
 * For a model missing from the table (a local server, a LiteLLM alias): small enough for the common hosted
 * and self-hosted models (GPT-4o has 128K), so an unknown model trims early rather than failing late.
 * Set `context_window` for such a model to use more.
 */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

const K = 1000;

export const CONTEXT_WINDOWS: Readonly<Record<string, number>> = Object.freeze({
  // Offline backend: nothing to overflow; the same as a large hosted model keeps trimming behaviour alike.
  scripted: 200 * K,

  // Anthropic: the 5.x models have a native 1M window; 4.x models 200K (1M only behind a beta header).
  'claude-opus-5-5': 1_000 * K,
  'claude-opus-5': 1_000 * K,
  'claude-sonnet-5-5': 1_000 * K,
  'claude-sonnet-5': 1_000 * K,
  'claude-opus-4-8': 200 * K,
  'claude-opus-4-7': 200 * K,
  'claude-opus-4-6': 200 * K,
  'claude-opus-4-5': 200 * K,
  'claude-opus-4-1': 200 * K,
  'claude-opus-4-0': 200 * K,
  'claude-opus-4': 200 * K,
  'claude-sonnet-4-6': 200 * K,
  'claude-sonnet-4-5': 200 * K,
  'claude-sonnet-4-0': 200 * K,
  'claude-sonnet-4': 200 * K,
  'claude-3-7-sonnet': 200 * K,
  'claude-haiku-4-5': 200 * K,
  'claude-3-5-haiku': 200 * K,
  'claude-3-haiku': 200 * K,

  // OpenAI
  'gpt-5.5': 272 * K,
  'gpt-5.4': 272 * K,
  'gpt-5.4-mini': 400 * K,
  'gpt-5.4-nano': 400 * K,
  'gpt-5.1': 400 * K,
  'gpt-5': 400 * K,
  'gpt-5-mini': 400 * K,
  'gpt-5-nano': 400 * K,
  'gpt-4.1': 1_047_576,
  'gpt-4.1-mini': 1_047_576,
  'gpt-4.1-nano': 1_047_576,
  'gpt-4o': 128 * K,
  'gpt-4o-mini': 128 * K,
  o3: 200 * K,
  'o4-mini': 200 * K,
});

/** The model's context window in tokens, or null when the table does not know it. */
export function knownContextWindow(model: string): number | null {
  for (const name of priceLookupNames(model)) {
    const window = CONTEXT_WINDOWS[name];
    if (window !== undefined) return window;
  }
  return null;
}

/** The window to plan with: the configured override, else the table, else DEFAULT_CONTEXT_WINDOW. */
export function contextWindowFor(model: string, override?: number): number {
  return override ?? knownContextWindow(model) ?? DEFAULT_CONTEXT_WINDOW;
}
