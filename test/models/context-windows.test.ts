import {
  contextWindowFor,
  CONTEXT_WINDOWS,
  DEFAULT_CONTEXT_WINDOW,
  knownContextWindow,
} from '../../src/models/context-windows.js';
import { PRICE_TABLE } from '../../src/models/pricing.js';

describe('context windows', () => {
  it('knows every priced model, so no priced model plans with the default', () => {
    expect(Object.keys(PRICE_TABLE).filter((model) => CONTEXT_WINDOWS[model] === undefined)).toEqual([]);
  });

  it('finds dated snapshots and LiteLLM provider/ names like the price table does', () => {
    expect(knownContextWindow('claude-sonnet-4-5-20250929')).toBe(200_000);
    expect(knownContextWindow('anthropic/claude-sonnet-5-5')).toBe(1_000_000);
    expect(knownContextWindow('gpt-4o-2024-08-06')).toBe(128_000);
  });

  it('lists GPT-5.4 at its flat-price tier, not its full window', () => {
    expect(knownContextWindow('gpt-5.4')).toBe(272_000);
  });

  it('plans an unknown model with the safe default, and an override beats the table', () => {
    expect(knownContextWindow('my-local-llama')).toBeNull();
    expect(contextWindowFor('my-local-llama')).toBe(DEFAULT_CONTEXT_WINDOW);
    expect(contextWindowFor('claude-sonnet-5-5', 32_000)).toBe(32_000);
  });
});
