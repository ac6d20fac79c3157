/** The real engine behind `rlm run`. */
import { RLM } from '../rlm.js';
import type { EngineFactory } from './engine.js';

export const createRlmEngine: EngineFactory = (options) => new RLM(options);
