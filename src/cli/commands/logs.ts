/** `rlm logs [id]`: recent trajectories as a list, or one rendered for reading. */
import { userPath } from '../user-path.js';
import { ConfigError } from '../../errors.js';
import { loadOutputImages } from '../../trajectory/output-files.js';
import { readTrajectories, readTrajectory } from '../../trajectory/reader.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';
import { importTrajectoryFile } from './logs-import.js';
import { renderTrajectoryForTerminal, renderTrajectoryList } from '../trajectory-view.js';

export interface LogsOptions {
  id: string | undefined;
  limit: string;
  format: string;
  logDir?: string;
  configFlag: string | undefined;
}

const FORMATS = ['text', 'markdown', 'html', 'json'] as const;
type LogsFormat = (typeof FORMATS)[number];

export async function logsCommand(io: CliIo, options: LogsOptions): Promise<number> {
  const format = parseFormat(options.format);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ConfigError(`--limit: '${options.limit}' is not a positive integer`, {
      fix: 'Use e.g. --limit 10.',
    });
  }
  const settings = loadSettings(
    io,
    options.logDir === undefined ? {} : { log_dir: options.logDir },
    options.configFlag,
  );
  const logDir = userPath(io, settings.logDir);
  const warn = (message: string) => io.stderr.write(`rlm: warning: ${message}\n`);

  if (options.id === undefined) {
    const trajectories = await readTrajectories(logDir, { limit, onWarning: warn });
    if (format === 'json') io.stdout.write(`${JSON.stringify(trajectories)}\n`);
    else if (trajectories.length === 0) io.stderr.write(`rlm: no trajectories in ${logDir}\n`);
    else io.stdout.write(renderTrajectoryList(trajectories));
    return 0;
  }
  const trajectory = await readTrajectory(logDir, options.id, { onWarning: warn });
  if (trajectory === undefined) {
    throw new ConfigError(`no trajectory with id (or unique id prefix) '${options.id}' in ${logDir}`, {
      fix: 'Run `rlm logs` to list the ids, or pass --log-dir where the run wrote its trajectory.',
    });
  }
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(trajectory, null, 2)}\n`);
    return 0;
  }
  // The HTML page shows image outputs inline; they are read from the log dir, never through a symlink.
  const images = format === 'html' ? await loadOutputImages(logDir, trajectory) : new Map<string, Buffer>();
  io.stdout.write(renderTrajectoryForTerminal(trajectory, format, { logDir, images }));
  return 0;
}

function parseFormat(value: string): LogsFormat {
  const match = FORMATS.find((format) => format === value);
  if (match === undefined) {
    throw new ConfigError(`--format: '${value}' is not one of ${FORMATS.join(', ')}`, {
      fix: 'Use --format text.',
    });
  }
  return match;
}

/** `rlm logs import FILE`: see logs-import.ts. Prints the ids imported and where they went. */
export async function logsImportCommand(
  io: CliIo,
  options: { file: string | undefined; logDir?: string; configFlag: string | undefined },
): Promise<number> {
  if (options.file === undefined) {
    throw new ConfigError('`rlm logs import` needs a file', {
      fix: 'Use `rlm logs import path/to/trajectories.jsonl`.',
    });
  }
  const settings = loadSettings(
    io,
    options.logDir === undefined ? {} : { log_dir: options.logDir },
    options.configFlag,
  );
  const result = await importTrajectoryFile(userPath(io, options.file), userPath(io, settings.logDir));
  for (const id of result.ids) io.stdout.write(`${id}\n`);
  io.stderr.write(`rlm: imported ${result.ids.length} run(s) into ${result.path}\n`);
  return 0;
}
