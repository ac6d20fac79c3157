/**
 * After the run: the artifact, the result where the trigger wants it (comment / audit issue), the job
 * summary, the outputs, and the verdict of the step. Everything written goes through the redactor.
 */
import { join } from 'node:path';
import { RlmError } from '../../errors.js';
import type { RLMResult } from '../../rlm-options.js';
import type { Redactor } from '../../trajectory/redactor.js';
import type { Trajectory } from '../../trajectory/types.js';
import { prepareArtifactFiles, type ArtifactUploader, type TrajectoryRenderers } from './artifact.js';
import type { Spent } from '../run/budget.js';
import type { ResultChannel } from './channels.js';
import { resultSpentLine } from '../run/run-budget.js';
import type { ActionInputs } from '../run/inputs.js';
import type { ActionLog } from './progress.js';
import { renderFailure, renderResult, type ReportContext } from './report.js';

/** Where outputs, the summary and the verdict go (@actions/core in production). */
export interface ActionSink {
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  /** Masks a secret in the log (core.setSecret) that only became known during the run. */
  registerSecret(value: string): void;
  writeSummary(markdown: string): Promise<void>;
}

export interface RunRecord {
  task: string;
  result: RLMResult | null;
  /** Why there is no result (setup failed, engine threw). */
  failure: string | null;
  trajectory: Trajectory | undefined;
  /** Where the trajectory and its collected outputs are; null when the run never started. */
  logDir: string | null;
  cancelled: boolean;
  notes: string[];
  runUrl: string;
  /** Under a budget across runs: what this comment or issue carried before; the result adds this run. */
  spent: Spent | null;
}

export interface PublishDeps {
  inputs: ActionInputs;
  channel: ResultChannel;
  uploader: ArtifactUploader;
  renderers: TrajectoryRenderers & {
    callTreeText?(trajectory: Trajectory): string;
    /** The call tree as a fenced ```mermaid block (GitHub draws it), bounded in size. */
    callTreeMermaid?(trajectory: Trajectory): string;
  };
  redactor: Redactor;
  runnerTemp: string;
  log: ActionLog;
  sink: ActionSink;
  /** GitHub writes that already failed (reaction, progress comment); more are added here. */
  writeFailures: string[];
  /** GitHub Enterprise Server: no artifact service for @actions/artifact, the trajectory stays on the runner. */
  enterpriseServer: boolean;
}

export function messageOf(error: unknown): string {
  if (error instanceof RlmError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

/** Says once, in the log and in the report, where the trajectory is when it cannot be uploaded (GHES). */
function keptOnRunner(record: RunRecord, directory: string, deps: PublishDeps): void {
  const path = record.result?.trajectoryPath;
  deps.log.warning(
    `GitHub Enterprise Server: the trajectory artifact is not uploaded (@actions/artifact does not support GHES). It is on the runner in ${directory}${path ? ` and ${path}` : ''}; to keep it, add an actions/upload-artifact@v3 step with that path, or set upload-artifact: false to silence this.`,
  );
  record.notes.push(
    `📁 Trajectory not uploaded (GitHub Enterprise Server has no artifact service for this action): it is on the runner in \`${directory}\` (output \`trajectory-path\`).`,
  );
}

async function uploadArtifact(record: RunRecord, deps: PublishDeps): Promise<string | null> {
  const { result, trajectory } = record;
  if (!trajectory || !result) return null;
  try {
    const prepared = await prepareArtifactFiles(
      trajectory,
      join(deps.runnerTemp, `rlm-artifact-${result.trajectoryId}`),
      deps.redactor,
      deps.renderers,
      record.logDir,
    );
    if (!deps.inputs.uploadArtifact) return null;
    if (deps.enterpriseServer) {
      keptOnRunner(record, prepared.directory, deps);
      return null;
    }
    const url = (await deps.uploader.upload(deps.inputs.artifactName, prepared.files, prepared.directory))
      .url;
    deps.log.info(`Uploaded artifact ${deps.inputs.artifactName}${url ? `: ${url}` : ''}.`);
    return url;
  } catch (error) {
    deps.writeFailures.push(`uploading the trajectory artifact: ${messageOf(error)}`);
    return null;
  }
}

/** GitHub rejects comment bodies over 65,536 characters; the diagram is left out rather than risk that. */
const MAX_COMMENT_CHARS = 65_536;

function mermaidOf(record: RunRecord, deps: PublishDeps): string | null {
  return record.trajectory && deps.renderers.callTreeMermaid
    ? deps.renderers.callTreeMermaid(record.trajectory)
    : null;
}

async function writeResult(record: RunRecord, artifactUrl: string | null, deps: PublishDeps) {
  const uncounted =
    record.spent !== null && record.result !== null && record.result.costUsd === null
      ? [
          "⚠️ This run's cost is unknown (a model without a price), so the budget across runs does not count it.",
        ]
      : [];
  const report: ReportContext = { ...record, artifactUrl, notes: [...record.notes, ...uncounted] };
  const plain = record.result
    ? renderResult(record.result, report)
    : renderFailure(record.failure ?? 'unknown error', record.task, report);
  const diagram = mermaidOf(record, deps);
  const withDiagram =
    diagram === null
      ? plain
      : `${plain}\n\n<details><summary>Call tree</summary>\n\n${diagram}\n\n</details>`;
  const body = withDiagram.length <= MAX_COMMENT_CHARS ? withDiagram : plain;
  let url: string | null = null;
  const cost = record.result?.costUsd ?? null;
  const stored = record.spent === null ? body : `${body}\n\n${resultSpentLine(record.spent, cost)}`;
  try {
    url = await deps.channel.finish(stored);
  } catch (error) {
    deps.writeFailures.push(`writing the result (${deps.channel.kind}): ${messageOf(error)}`);
  }
  return { body, url };
}

/** Returns true when the step succeeded. */
export async function publish(record: RunRecord, deps: PublishDeps): Promise<boolean> {
  const { result } = record;
  const redact = (text: string) => deps.redactor.redact(text);
  let artifactUrl: string | null;
  let written: { body: string; url: string | null };
  if (record.cancelled) {
    // GitHub kills the job 7.5 s after the cancel signal: say "cancelled" first, upload after.
    written = await writeResult(record, null, deps);
    artifactUrl = await uploadArtifact(record, deps);
  } else {
    artifactUrl = await uploadArtifact(record, deps);
    written = await writeResult(record, artifactUrl, deps);
  }
  deps.writeFailures.push(
    ...deps.channel.failures.map((message) => `updating the progress comment: ${message}`),
  );

  const tree =
    record.trajectory && deps.renderers.callTreeText ? deps.renderers.callTreeText(record.trajectory) : null;
  // The comment body may already hold the diagram; the summary adds the full text tree below it.
  const summary = tree
    ? `${written.body}\n\n<details><summary>Call tree (text)</summary>\n\n\`\`\`text\n${tree}\n\`\`\`\n\n</details>\n`
    : `${written.body}\n`;
  try {
    await deps.sink.writeSummary(redact(summary));
  } catch (error) {
    deps.log.warning(`Could not write the job summary: ${messageOf(error)}`);
  }

  const { sink } = deps;
  sink.setOutput('response', redact(result?.response ?? ''));
  sink.setOutput('success', String(result?.success ?? false));
  sink.setOutput('trajectory-id', result?.trajectoryId ?? '');
  sink.setOutput('trajectory-path', result?.trajectoryPath ?? '');
  sink.setOutput('tokens', String(result?.tokens ?? 0));
  sink.setOutput('cost-usd', result === null || result.costUsd === null ? '' : String(result.costUsd));
  sink.setOutput('artifact-url', artifactUrl ?? '');
  sink.setOutput('comment-url', written.url ?? '');
  sink.setOutput(
    'structured-output',
    result?.structuredOutput === undefined ? '' : redact(JSON.stringify(result.structuredOutput)),
  );

  const problems = verdict(record, deps);
  if (problems.length === 0) return true;
  sink.setFailed(redact(problems.join('\n')));
  return false;
}

/** Why the step fails; empty when it succeeds. */
function verdict(record: RunRecord, deps: PublishDeps): string[] {
  const { result } = record;
  const problems: string[] = [];
  if (record.failure !== null) problems.push(`The run could not complete: ${record.failure}`);
  if (result && record.cancelled) problems.push('The run was cancelled.');
  else if (result && !result.success) {
    // Limits stop a run with a partial answer; API, Docker and configuration errors are failures proper.
    const limitOnly = result.limitsHit.length > 0 && ![3, 4, 5].includes(result.exitCode);
    if (!limitOnly || deps.inputs.failOnLimit) {
      problems.push(
        limitOnly
          ? `The run stopped at a limit (${result.limitsHit.join(', ')}): ${result.error ?? ''} (set fail-on-limit: false to accept partial answers).`
          : `The run failed: ${result.error ?? 'unknown error'}`,
      );
    } else {
      deps.log.warning(`The run stopped at a limit (${result.limitsHit.join(', ')}); fail-on-limit is off.`);
    }
  }
  for (const write of deps.writeFailures) problems.push(`GitHub write failed: ${write}`);
  return problems;
}
