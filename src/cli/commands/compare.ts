/** `rlm compare A B ...`: runs side by side in the terminal, or as one JSON object. */
import { ConfigError } from '../../errors.js';
import { findTrajectory, readTrajectories } from '../../trajectory/reader.js';
import { formatCount, formatDuration, formatUsd } from '../../trajectory/render/format.js';
import type { Trajectory } from '../../trajectory/types.js';
import { compareRuns, type Comparison } from '../../viz/data/compare.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';
import { userPath } from '../user-path.js';

export interface CompareOptions {
  ids: string[];
  format: string;
  logDir?: string;
  configFlag: string | undefined;
}

export async function compareCommand(io: CliIo, options: CompareOptions): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new ConfigError(`--format: '${options.format}' is not one of text, json`, {
      fix: 'Use --format text or --format json.',
    });
  }
  if (options.ids.length < 2) {
    throw new ConfigError('compare needs at least two run ids', {
      fix: 'Run `rlm logs` to list the ids, then `rlm compare A B`.',
    });
  }
  const settings = loadSettings(
    io,
    options.logDir === undefined ? {} : { log_dir: options.logDir },
    options.configFlag,
  );
  const logDir = userPath(io, settings.logDir);
  const all = await readTrajectories(logDir, {
    onWarning: (message) => io.stderr.write(`rlm: warning: ${message}\n`),
  });
  const runs: Trajectory[] = [];
  for (const id of options.ids) {
    const run = findTrajectory(all, id);
    if (!run) {
      throw new ConfigError(`no trajectory with id (or unique id prefix) '${id}' in ${logDir}`, {
        fix: 'Run `rlm logs` to list the ids, or pass --log-dir where the runs are.',
      });
    }
    runs.push(run);
  }
  const comparison = compareRuns(runs);
  io.stdout.write(
    options.format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparisonText(comparison),
  );
  return 0;
}

const ROWS: ReadonlyArray<[string, (run: Comparison['runs'][number]) => string]> = [
  ['status', (run) => run.status],
  ['model', (run) => run.model],
  ['backend', (run) => run.backend],
  ['tokens', (run) => formatCount(run.tokens)],
  ['cost', (run) => formatUsd(run.cost_usd)],
  ['duration', (run) => formatDuration(run.duration_ms)],
  ['model calls', (run) => formatCount(run.calls)],
  ['iterations', (run) => formatCount(run.iterations)],
  ['depth', (run) => formatCount(run.depth)],
];

export function renderComparisonText(comparison: Comparison): string {
  const header = ['', ...comparison.runs.map((run) => run.id.slice(0, 12))];
  const rows = [header, ...ROWS.map(([label, value]) => [label, ...comparison.runs.map(value)])];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const table = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const models = comparison.models.map(
    (model) =>
      `  ${model.model}: ${formatCount(model.calls)} calls, ${formatCount(model.tokens)} tokens, ${formatUsd(model.cost_usd)}${model.runs > 0 ? `, ${model.succeeded}/${model.runs} runs succeeded` : ''}`,
  );
  return [...table, '', 'Per model:', ...models, '', comparison.summary, ''].join('\n');
}
