/**
 * `rlm logs`: recent trajectories as a table (or JSONL, one object per line, so
 * `rlm logs --format json | jq '.total_tokens'` works), or one run rendered for
 * reading. The guide's spellings (`--tail N`, `--id ID`, `--failed`,
 * `--format json|table`) and the older ones (positional id, `--limit`) both work.
 */
import { userPath } from '../user-path.js';
import { ConfigError } from '../../errors.js';
import { loadOutputImages } from '../../trajectory/output-files.js';
import { readTrajectories, readTrajectory } from '../../trajectory/reader.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';
import { importTrajectoryFile } from './logs-import.js';
import { renderTrajectoryForTerminal, renderTrajectoryList } from '../trajectory-view.js';

export interface LogsOptions {
  /** The positional id. */
  id: string | undefined;
  /** `--id`, the guide's spelling of the same. */
  idFlag?: string;
  limit?: string;
  tail?: string;
  failed?: boolean;
  format: string;
  logDir?: string;
  configFlag: string | undefined;
}

/** `table` is the guide's name for the list view; `text` is the same view under its older name. */
const FORMATS = ['table', 'text', 'markdown', 'html', 'json'] as const;
type LogsFormat = (typeof FORMATS)[number];

export const DEFAULT_LIST_LENGTH = 20;

export async function logsCommand(io: CliIo, options: LogsOptions): Promise<number> {
  const format = parseFormat(options.format);
  const id = pickId(options.id, options.idFlag);
  const limit = pickLimit(options);
  const settings = loadSettings(
    io,
    options.logDir === undefined ? {} : { log_dir: options.logDir },
    options.configFlag,
  );
  const logDir = userPath(io, settings.logDir);
  const warn = (message: string) => io.stderr.write(`rlm: warning: ${message}\n`);

  if (id === undefined) {
    const all = await readTrajectories(logDir, { onWarning: warn });
    // --failed filters before counting, so `--failed --tail 5` is the last five failures.
    const trajectories = (options.failed === true ? all.filter((run) => !run.success) : all).slice(0, limit);
    if (format === 'json') {
      io.stdout.write(trajectories.map((trajectory) => `${JSON.stringify(trajectory)}\n`).join(''));
    } else if (trajectories.length === 0) {
      io.stderr.write(`rlm: no ${options.failed === true ? 'failed ' : ''}trajectories in ${logDir}\n`);
    } else io.stdout.write(renderTrajectoryList(trajectories));
    return 0;
  }
  const trajectory = await readTrajectory(logDir, id, { onWarning: warn });
  if (trajectory === undefined) {
    throw new ConfigError(`no trajectory with id (or unique id prefix) '${id}' in ${logDir}`, {
      fix: 'Run `rlm logs` to list the ids, or pass --log-dir where the run wrote its trajectory.',
    });
  }
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(trajectory, null, 2)}\n`);
    return 0;
  }
  // The HTML page shows image outputs inline; they are read from the log dir, never through a symlink.
  const images = format === 'html' ? await loadOutputImages(logDir, trajectory) : new Map<string, Buffer>();
  const view = format === 'table' ? 'text' : format;
  io.stdout.write(renderTrajectoryForTerminal(trajectory, view, { logDir, images }));
  return 0;
}

function pickId(positional: string | undefined, flag: string | undefined): string | undefined {
  if (positional !== undefined && flag !== undefined && positional !== flag) {
    throw new ConfigError(`two different ids: '${positional}' and --id '${flag}'`, {
      fix: 'Pass the id once: rlm logs --id ID (or rlm logs ID).',
    });
  }
  return flag ?? positional;
}

/** `--tail N` (the guide's) and `--limit N` (older) both mean "the N most recent". */
function pickLimit(options: LogsOptions): number {
  const named = [
    ['--tail', options.tail],
    ['--limit', options.limit],
  ].filter((entry): entry is [string, string] => entry[1] !== undefined);
  const values = named.map(([flag, value]) => positiveInteger(flag, value));
  if (values.length === 2 && values[0] !== values[1]) {
    throw new ConfigError(`--tail ${named[0]?.[1]} and --limit ${named[1]?.[1]} disagree`, {
      fix: 'Use one of them: rlm logs --tail 10.',
    });
  }
  return values[0] ?? DEFAULT_LIST_LENGTH;
}

function positiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new ConfigError(`${flag}: '${value}' is not a positive integer`, { fix: `Use e.g. ${flag} 10.` });
  }
  return number;
}

function parseFormat(value: string): LogsFormat {
  const match = FORMATS.find((format) => format === value);
  if (match === undefined) {
    throw new ConfigError(`--format: '${value}' is not one of ${FORMATS.join(', ')}`, {
      fix: 'Use --format table (the default) or --format json.',
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
