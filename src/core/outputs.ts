/**
 * The run's outputs at the end of every run: the files model code left in /output are read from the
 * sandbox (before it closes) and handed to the trajectory sink, which saves them next to the trajectory
 * and returns what goes into the outcome and the result. Never throws: a failure is a warning.
 */
import type { RLMResult } from '../rlm-options.js';
import { NO_OUTPUTS, type CollectedOutputs } from '../sandbox/outputs/types.js';
import type { OutputsOutcome } from '../trajectory/types.js';
import type { RunContext } from './run-context.js';

export interface RunOutputs {
  outcome: OutputsOutcome;
  result: Pick<RLMResult, 'outputs' | 'outputsDir'>;
}

const NOTHING: RunOutputs = {
  outcome: { outputs: [], outputs_skipped: [], outputs_dir: null },
  result: { outputs: [], outputsDir: null },
};

export async function collectRunOutputs(run: RunContext): Promise<RunOutputs> {
  const { sandbox, sink } = run.ports;
  if (sandbox.collectOutputs === undefined) return NOTHING;
  let collected: CollectedOutputs;
  try {
    collected = await sandbox.collectOutputs();
  } catch (error) {
    collected = { ...NO_OUTPUTS, error: String(error) };
  }
  // A cancelled run's container is removed by the signal handler at once: nothing to say about it.
  if (collected.error !== undefined && !run.limitsHit.has('cancelled')) {
    run.warnings.push(`outputs were not collected: ${collected.error}`);
  }
  if (collected.truncated)
    run.warnings.push('outputs: reading /output stopped at a cap; later files were left out');
  if (collected.files.length === 0 && collected.skipped.length === 0) return NOTHING;
  if (sink.saveOutputs === undefined) return NOTHING;
  const saved = await sink.saveOutputs(collected);
  return {
    outcome: saved.outcome,
    result: { outputs: saved.outcome.outputs, outputsDir: saved.directory },
  };
}
