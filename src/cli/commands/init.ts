/**
 * `rlm init`: writes the commented default config; never overwrites one without --force.
 * Running it again is fine (the guide's set-up steps may): an existing file is left as it is,
 * checked like every command checks it, and reported.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { userPath } from '../user-path.js';
import { configFilePath } from '../../config/config-file.js';
import { defaultConfigText } from '../../config/template.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';

export function initCommand(io: CliIo, options: { force: boolean; configFlag: string | undefined }): number {
  const path = userPath(io, options.configFlag ?? configFilePath(io.env, io.home));
  if (existsSync(path) && !options.force) {
    // A broken file fails here (exit 5, naming the key), as it would on the next command.
    loadSettings(io, {}, options.configFlag);
    io.stdout.write(`${path}\n`);
    io.stderr.write(
      `rlm: ${path} already exists and is valid; left unchanged (\`rlm init --force\` replaces it with the defaults)\n`,
    );
    return 0;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, defaultConfigText(), 'utf8');
  io.stdout.write(`${path}\n`);
  io.stderr.write(`rlm: wrote the default config to ${path}\n`);
  return 0;
}
