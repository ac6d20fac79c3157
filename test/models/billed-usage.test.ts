import { billedOnFailure, sumUsage } from '../../src/models/billed-usage.js';
import { ZERO_USAGE } from '../../src/models/types.js';

const seen = { inputTokens: 1000, outputTokens: 1, cacheReadTokens: 500, cacheWriteTokens: 0 };

describe('billedOnFailure', () => {
  it('takes the usage events seen, raising the output to the streamed text and marking that as an estimate', () => {
    expect(billedOnFailure({ kind: 'connection' }, { usage: seen, streamedChars: 400 }, 9999)).toEqual({
      usage: { ...seen, outputTokens: 100 },
      estimated: true,
    });
    const final = { ...seen, outputTokens: 150 };
    expect(billedOnFailure({ kind: 'connection' }, { usage: final, streamedChars: 400 }, 9999)).toEqual({
      usage: final,
      estimated: false,
    });
  });

  it('bills nothing for an error answer before any usage or text', () => {
    const none = { usage: null, streamedChars: 0 };
    expect(billedOnFailure({ kind: 'http', status: 429 }, none, 4000)).toEqual({
      usage: ZERO_USAGE,
      estimated: false,
    });
    expect(billedOnFailure({ kind: 'stream', errorType: 'overloaded_error' }, none, 4000)).toEqual({
      usage: ZERO_USAGE,
      estimated: false,
    });
  });

  it('estimates the prompt and the streamed text when no answer or no usage came', () => {
    const expected = { usage: { ...ZERO_USAGE, inputTokens: 1000, outputTokens: 20 }, estimated: true };
    const progress = { usage: null, streamedChars: 80 };
    expect(billedOnFailure({ kind: 'timeout' }, progress, 4000)).toEqual(expected);
    expect(billedOnFailure(null, progress, 4000)).toEqual(expected);
    // An OpenAI stream reports usage only at its end: an error event after text was still billed.
    expect(billedOnFailure({ kind: 'stream', errorType: 'server_error' }, progress, 4000)).toEqual(expected);
  });

  it('sums usages field by field', () => {
    expect(sumUsage([seen, seen])).toEqual({
      inputTokens: 2000,
      outputTokens: 2,
      cacheReadTokens: 1000,
      cacheWriteTokens: 0,
    });
    expect(sumUsage([])).toEqual(ZERO_USAGE);
  });
});
