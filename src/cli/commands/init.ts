/** `rlm init`: writes the commented default config; never overwrites one without --force. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { userPath } from '../user-path.js';
import { configFilePath } from '../../config/config-file.js';
import { defaultConfigText } from '../../config/template.js';
import { ConfigError } from '../../errors.js';
import type { CliIo } from '../io.js';

export function initCommand(io: CliIo, options: { force: boolean; configFlag: string | undefined }): number {
  const path = userPath(io, options.configFlag ?? configFilePath(io.env, io.home));
  if (existsSync(path) && !options.force) {
    throw new ConfigError(`${path} already exists; not overwriting it`, {
      fix: 'Edit it, or run `rlm init --force` to replace it with the defaults.',
    });
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, defaultConfigText(), 'utf8');
  io.stdout.write(`${path}\n`);
  io.stderr.write(`rlm: wrote the default config to ${path}\n`);
  return 0;
}
