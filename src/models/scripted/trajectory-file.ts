/**
 * Reads the recorded calls of one trajectory from a file the trajectory
 * writer produced: JSONL (one trajectory per line), pretty JSON (one object
 * or a list), or a journal (`.journal/<id>.jsonl`, one record per line).
 * Parsing is deliberately minimal: only what replay needs.
 */
import { ConfigError } from '../../errors.js';

/** The fields of a CallRecord that replay uses. */
export interface RecordedCall {
  node_id: string;
  kind: 'root' | 'llm_query';
  depth: number;
  iteration: number;
  prompt: string;
  response: string;
}

export interface RecordedTrajectory {
  trajectoryId: string;
  calls: RecordedCall[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toCall(value: unknown): RecordedCall | null {
  if (!isObject(value)) return null;
  const { node_id, kind, depth, iteration, prompt, response } = value;
  if (typeof node_id !== 'string' || (kind !== 'root' && kind !== 'llm_query')) return null;
  if (typeof response !== 'string') return null;
  return {
    node_id,
    kind,
    depth: typeof depth === 'number' ? depth : 0,
    iteration: typeof iteration === 'number' ? iteration : 0,
    prompt: typeof prompt === 'string' ? prompt : '',
    response,
  };
}

function callsOf(list: unknown): RecordedCall[] {
  return Array.isArray(list) ? list.map(toCall).filter((c): c is RecordedCall => c !== null) : [];
}

/** Collects trajectories from parsed values: whole trajectories and journal entries alike. */
function collect(values: unknown[]): RecordedTrajectory[] {
  const found: RecordedTrajectory[] = [];
  let journal: RecordedTrajectory | undefined;
  for (const value of values) {
    if (!isObject(value)) continue;
    if (Array.isArray(value.calls)) {
      found.push({ trajectoryId: String(value.trajectory_id ?? ''), calls: callsOf(value.calls) });
    } else if (value.type === 'header' && isObject(value.data)) {
      journal = { trajectoryId: String(value.data.trajectory_id ?? ''), calls: [] };
      found.push(journal);
    } else if (value.type === 'call') {
      const call = toCall(value.data);
      if (call) {
        if (!journal) {
          journal = { trajectoryId: '', calls: [] };
          found.push(journal);
        }
        journal.calls.push(call);
      }
    }
  }
  return found;
}

function parseValues(text: string): unknown[] {
  try {
    const whole: unknown = JSON.parse(text);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    // JSONL: a crash can leave a torn last line; skip lines that do not parse.
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as unknown];
        } catch {
          return [];
        }
      });
  }
}

/** Whether `text` is a trajectory or a journal rather than a YAML script. */
export function looksLikeRecording(text: string): boolean {
  return collect(parseValues(text)).length > 0;
}

/** The trajectory with `trajectoryId` in `text` (read from `path`), or the last one. */
export function parseRecordedTrajectory(
  text: string,
  path: string,
  trajectoryId?: string,
): RecordedTrajectory {
  const trajectories = collect(parseValues(text));
  const chosen =
    trajectoryId === undefined
      ? trajectories.at(-1)
      : trajectories.find((t) => t.trajectoryId === trajectoryId);
  if (!chosen) {
    const what = trajectoryId === undefined ? 'no trajectory' : `no trajectory with id ${trajectoryId}`;
    throw new ConfigError(`Trajectory file ${path} has ${what}`, {
      key: 'script',
      fix: 'Pass a trajectories_*.jsonl / .json file written by rlm (see `rlm logs`).',
    });
  }
  if (!chosen.calls.some((c) => c.kind === 'root' && c.depth === 0)) {
    throw new ConfigError(`Trajectory ${chosen.trajectoryId || path} has no root-model calls to replay`, {
      key: 'script',
    });
  }
  return chosen;
}
