/**
 * Runs side by side (the compare page and `rlm compare`): per-run figures, per-model figures across the
 * runs, and the guide's "Model Comparison … Winner" summary.
 */
import { costTable } from '../../trajectory/render/cost-table.js';
import { formatCount, formatDuration, formatUsd } from '../../trajectory/render/format.js';
import { roundUsd } from '../../trajectory/summary.js';
import type { Trajectory } from '../../trajectory/types.js';
import { summarizeRun, type RunSummary } from './run-summary.js';

export interface ModelFigures {
  model: string;
  runs: number;
  succeeded: number;
  calls: number;
  tokens: number;
  /** null when any of its calls has an unknown price. */
  cost_usd: number | null;
  /** Mean over the runs whose root model this is; null for models used only in sub-calls. */
  mean_duration_ms: number | null;
}

export interface Comparison {
  runs: RunSummary[];
  models: ModelFigures[];
  /** The guide's block: "Model Comparison:" lines and "Winner: … (fastest, cheapest)". */
  summary: string;
  winner: { model: string; reasons: string[] } | null;
}

export function compareRuns(trajectories: readonly Trajectory[]): Comparison {
  const runs = trajectories.map(summarizeRun);
  const byModel = new Map<string, ModelFigures & { durations: number[] }>();
  const entry = (model: string): ModelFigures & { durations: number[] } => {
    let figures = byModel.get(model);
    if (!figures) {
      figures = {
        model,
        runs: 0,
        succeeded: 0,
        calls: 0,
        tokens: 0,
        cost_usd: 0,
        mean_duration_ms: null,
        durations: [],
      };
      byModel.set(model, figures);
    }
    return figures;
  };
  trajectories.forEach((trajectory, index) => {
    const root = entry(trajectory.model);
    root.runs += 1;
    if (runs[index]?.status === 'ok') root.succeeded += 1;
    root.durations.push(trajectory.duration_ms);
    for (const row of costTable(trajectory).rows) {
      const figures = entry(row.model);
      figures.calls += row.calls;
      figures.tokens += row.tokens_in + row.tokens_out;
      figures.cost_usd =
        figures.cost_usd === null || row.cost_usd === null ? null : roundUsd(figures.cost_usd + row.cost_usd);
    }
  });
  const models = [...byModel.values()].map(({ durations, ...figures }) => ({
    ...figures,
    mean_duration_ms:
      durations.length === 0 ? null : durations.reduce((sum, value) => sum + value, 0) / durations.length,
  }));
  const winner = pickWinner(runs);
  return { runs, models, summary: summaryText(runs, winner), winner };
}

/**
 * Among the runs that succeeded (a cheap failure wins nothing): the one that is best on most of speed,
 * cost and tokens; ties go to the faster run. Its root model is the winner.
 */
function pickWinner(runs: readonly RunSummary[]): Comparison['winner'] {
  const contenders = runs.filter((run) => run.status === 'ok');
  if (contenders.length === 0) return null;
  const best = (value: (run: RunSummary) => number | null): Set<RunSummary> => {
    const known = contenders.filter((run) => value(run) !== null);
    const min = known.reduce((low, run) => Math.min(low, value(run) ?? Infinity), Infinity);
    return new Set(known.filter((run) => value(run) === min));
  };
  const fastest = best((run) => run.duration_ms);
  const cheapest = best((run) => run.cost_usd);
  const leanest = best((run) => run.tokens);
  const scored = contenders.map((run) => {
    const reasons: string[] = [];
    if (fastest.has(run)) reasons.push('fastest');
    if (cheapest.has(run)) reasons.push('cheapest');
    if (leanest.has(run)) reasons.push('fewest tokens');
    return { run, reasons };
  });
  scored.sort((a, b) => b.reasons.length - a.reasons.length || a.run.duration_ms - b.run.duration_ms);
  const top = scored[0];
  if (!top) return null;
  return { model: top.run.model, reasons: top.reasons.length > 0 ? top.reasons : ['only successful run'] };
}

function summaryText(runs: readonly RunSummary[], winner: Comparison['winner']): string {
  const lines = ['Model Comparison:'];
  for (const run of runs) {
    const failed = run.status === 'ok' ? '' : ` (${run.status})`;
    lines.push(
      `- ${run.model}: ${formatCount(run.tokens)} tokens, ${formatDuration(run.duration_ms)}, ${formatUsd(run.cost_usd)}${failed}`,
    );
  }
  lines.push('');
  lines.push(
    winner === null
      ? 'Winner: none (no run succeeded)'
      : `Winner: ${winner.model} (${winner.reasons.join(', ')})`,
  );
  return lines.join('\n');
}
