/** Settings for a CLI command: --config or RLM_CONFIG (must exist) or ~/.rlm/config.yaml (optional). */
import { userPath } from './user-path.js';
import { configFilePath } from '../config/config-file.js';
import { resolveSettings, type RawSettings, type Settings } from '../config/settings.js';
import type { CliIo } from './io.js';
import { flagNameOf } from './run-flags.js';

export function loadSettings(
  io: CliIo,
  flags: RawSettings,
  configFlag: string | undefined,
  /** How this command spells a key as a flag, for messages; default: `rlm run`'s flags. */
  flagName: (key: string) => string = flagNameOf,
): Settings {
  const named = configFlag ?? (io.env.RLM_CONFIG ? io.env.RLM_CONFIG : undefined);
  return resolveSettings({
    file: named === undefined ? configFilePath(io.env, io.home) : userPath(io, named),
    fileRequired: named !== undefined,
    env: io.env,
    flags,
    flagName,
  });
}
