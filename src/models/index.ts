/** Public surface of the model layer. */
export { createModelClient } from './factory.js';
export { API_KEY_ENV, apiKeyRequired, resolveApiKey } from './api-key.js';
export { DEFAULT_MODELS } from './default-models.js';
export {
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type ModelClientOptions,
  type RetryInfo,
  type ScriptSource,
} from './options.js';
export { costOf, priceFor, PRICE_TABLE, type ModelPrice, type PriceOverrides } from './pricing.js';
export { SCRIPTED_MODEL } from './scripted/scripted-client.js';
export type { ScriptDefinition, SubResponseRule } from './scripted/script-types.js';
export { validateScript } from './scripted/script-validation.js';
export { estimateTokens } from './token-estimate.js';
export * from './types.js';
