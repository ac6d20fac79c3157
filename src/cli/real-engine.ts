/** The real engine behind `rlm run`. */
import { ExecutionError } from '../errors.js';
import type { EngineFactory } from './engine.js';

export const createRlmEngine: EngineFactory = () => {
  throw new ExecutionError('the RLM engine is not built yet');
};
