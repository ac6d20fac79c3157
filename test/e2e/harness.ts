/**
 * Shared set-up of the engine end-to-end tests: a real RLM on the scripted
 * backend, the real Docker sandbox (TEST_IMAGE) and the real trajectory
 * writer in a temporary log directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RLM } from '../../src/rlm.js';
import type { RLMOptions } from '../../src/rlm-options.js';
import type { ScriptDefinition } from '../../src/models/scripted/script-types.js';
import { readTrajectories } from '../../src/trajectory/reader.js';
import type { Trajectory } from '../../src/trajectory/types.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';
import { TEST_IMAGE } from '../support/docker-image.js';

export const SCRIPTS_DIR = path.resolve('examples/scripts');

export interface Harness {
  logDir: string;
  rlm(options?: Partial<RLMOptions>): RLM;
  /** The one trajectory of the log directory, checked against the schema. */
  trajectory(): Promise<Trajectory>;
  cleanup(): Promise<void>;
}

export async function createHarness(script: ScriptDefinition | string): Promise<Harness> {
  const logDir = await mkdtemp(path.join(tmpdir(), 'rlm-e2e-'));
  return {
    logDir,
    rlm: (options = {}) =>
      new RLM({
        backend: 'scripted',
        script: typeof script === 'string' ? { file: path.join(SCRIPTS_DIR, script) } : { script },
        environment: 'docker',
        sandbox: { docker: { image: TEST_IMAGE, pull: false } },
        logDir,
        ...options,
      }),
    trajectory: async () => {
      const [trajectory, ...others] = await readTrajectories(logDir);
      if (trajectory === undefined || others.length > 0) {
        throw new Error(
          `expected exactly one trajectory in ${logDir}, found ${others.length + (trajectory ? 1 : 0)}`,
        );
      }
      const validation = validateTrajectory(trajectory);
      if (!validation.valid) throw new Error(`invalid trajectory: ${JSON.stringify(validation)}`);
      return trajectory;
    },
    cleanup: () => rm(logDir, { recursive: true, force: true }),
  };
}

/** A ```repl block, for building scripted replies. */
export function repl(code: string, prose = ''): string {
  return `${prose}\n\`\`\`repl\n${code}\n\`\`\`\n`;
}
