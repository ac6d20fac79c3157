import { hostname } from 'node:os';
import path from 'node:path';

import { SafeDirectory, UnsafePathError } from '../host-fs/safe-directory.js';
import { convertOfficialRlmLog, isOfficialRlmLog } from '../viz/data/official-rlm.js';
import { assembleTrajectory } from './assemble.js';
import { errorMessage } from '../error-message.js';
import { CallCollector } from './call-collector.js';
import { isJournalEntry, journalDir, type JournalEntry } from './journal.js';
import {
  TRAJECTORY_SCHEMA_VERSION,
  type Trajectory,
  type TrajectoryHeader,
  type TrajectoryOutcome,
} from './types.js';

export interface ReadOptions {
  /** Newest first, at most this many. */
  limit?: number;
  /** Corrupt lines and unreadable files are skipped and reported here; reading never throws for them. */
  onWarning?: (message: string) => void;
}

/** Files read at once: a log dir of a thousand runs lists in a fraction of the one-by-one time. */
const READ_CONCURRENCY = 16;

export const UNFINISHED_RUN_ERROR = 'run did not finish (process ended)';
export const RUN_IN_PROGRESS_ERROR = 'run still in progress';

/**
 * Every trajectory under logDir, newest first: finished ones from `*.jsonl` / `*.json` files, and runs that
 * never finished rebuilt from their journals (marked incomplete). A missing directory reads as empty.
 */
export async function readTrajectories(logDir: string, options: ReadOptions = {}): Promise<Trajectory[]> {
  const warn = options.onWarning ?? (() => undefined);
  const files = await listFiles(logDir, (name) => /\.jsonl?$/.test(name), warn);
  const finished = (
    await mapInBatches(files, READ_CONCURRENCY, (file) => readTrajectoryFile(file, { onWarning: warn }))
  ).flat();
  const seen = new Set(finished.map((trajectory) => trajectory.trajectory_id));
  const rebuilt: Trajectory[] = [];
  for (const file of await listFiles(journalDir(logDir), (name) => name.endsWith('.jsonl'), warn)) {
    for (const trajectory of await readTrajectoryFile(file, { onWarning: warn })) {
      // Killed between writing the finished copy and deleting the journal: the finished copy wins.
      if (!seen.has(trajectory.trajectory_id)) rebuilt.push(trajectory);
    }
  }
  const all = [...finished, ...rebuilt].sort((a, b) => timeOf(b.start_time) - timeOf(a.start_time));
  return options.limit === undefined ? all : all.slice(0, Math.max(0, options.limit));
}

/** By exact id, or by a prefix that matches exactly one trajectory (handy on the command line). */
export async function readTrajectory(
  logDir: string,
  id: string,
  options: Omit<ReadOptions, 'limit'> = {},
): Promise<Trajectory | undefined> {
  return findTrajectory(await readTrajectories(logDir, options), id);
}

/** By exact id, or by a prefix that matches exactly one of `all`. */
export function findTrajectory(all: readonly Trajectory[], id: string): Trajectory | undefined {
  const exact = all.find((trajectory) => trajectory.trajectory_id === id);
  if (exact) return exact;
  const byPrefix = all.filter((trajectory) => id.length > 0 && trajectory.trajectory_id.startsWith(id));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

/**
 * A JSONL file (one trajectory per line), a pretty JSON file, a journal, or a log of the official Python
 * RLM library; the kind is detected.
 */
export async function readTrajectoryFile(
  file: string,
  options: Omit<ReadOptions, 'limit'> = {},
): Promise<Trajectory[]> {
  const warn = options.onWarning ?? (() => undefined);
  let text: string;
  try {
    // A symlink, FIFO or device is refused: a log dir the sandbox once reached must not make us read elsewhere.
    const directory = await SafeDirectory.openAnchored(path.dirname(path.resolve(file)), null, {
      create: false,
    });
    try {
      text = (await directory.readFile(path.basename(file))).toString('utf8');
    } finally {
      await directory.close();
    }
  } catch (error) {
    warn(`${file}: cannot read (${errorMessage(error)})`);
    return [];
  }
  const whole = parseWholeFile(text);
  if (whole !== undefined) return keepTrajectories(whole, file, warn);

  const records = parseLines(text, file, warn);
  // The official Python RLM library's logs (metadata + iteration lines) read as runs too.
  if (isOfficialRlmLog(records)) {
    const converted = convertOfficialRlmLog(records, path.basename(file));
    return converted ? [converted] : [];
  }
  if (records.length > 0 && isJournalEntry(records[0])) {
    const rebuilt = rebuildFromJournal(records, file, warn);
    return rebuilt ? [rebuilt] : [];
  }
  return keepTrajectories(records, file, warn);
}

/** A pretty-printed .json file is one document spanning many lines; JSONL never parses as a whole. */
function parseWholeFile(text: string): unknown[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  if (!trimmed.includes('\n')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : [value];
  } catch {
    return undefined;
  }
}

function parseLines(text: string, file: string, warn: (message: string) => void): unknown[] {
  const lines = text.split('\n');
  const values: unknown[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      values.push(JSON.parse(line));
    } catch {
      // The process was killed mid-write: the last line is cut short and simply not there yet.
      const isLastLine = index === lines.length - 1;
      if (!isLastLine) warn(`${file}:${index + 1}: skipped a line that is not valid JSON`);
    }
  });
  return values;
}

function keepTrajectories(values: unknown[], file: string, warn: (message: string) => void): Trajectory[] {
  const kept: Trajectory[] = [];
  for (const value of values) {
    if (looksLikeTrajectory(value)) kept.push(upgradeTrajectory(value));
    else warn(`${file}: skipped a record that is not a trajectory`);
  }
  return kept;
}

function looksLikeTrajectory(value: unknown): value is Trajectory {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record.trajectory_id === 'string' && Array.isArray(record.calls);
}

/**
 * Older trajectories read as the current version: version 1 had no outputs, so it gets none. Readers
 * and renderers then handle one shape only.
 */
export function upgradeTrajectory(trajectory: Trajectory): Trajectory {
  if (trajectory.schema_version >= TRAJECTORY_SCHEMA_VERSION) return trajectory;
  return {
    ...trajectory,
    schema_version: TRAJECTORY_SCHEMA_VERSION,
    outputs: trajectory.outputs ?? [],
    outputs_skipped: trajectory.outputs_skipped ?? [],
    outputs_dir: trajectory.outputs_dir ?? null,
  };
}

function rebuildFromJournal(
  values: unknown[],
  file: string,
  warn: (message: string) => void,
): Trajectory | undefined {
  const entries: JournalEntry[] = [];
  for (const value of values) {
    if (isJournalEntry(value)) entries.push(value);
    else warn(`${file}: skipped a journal record of unknown shape`);
  }
  const headerEntry = entries.find((entry) => entry.type === 'header');
  if (!headerEntry || headerEntry.type !== 'header') {
    warn(`${file}: journal has no header; cannot rebuild the run`);
    return undefined;
  }
  const collector = new CallCollector();
  let outcome: TrajectoryOutcome | undefined;
  for (const entry of entries) {
    if (entry.type === 'call') collector.addCall(entry.data);
    else if (entry.type === 'execution') collector.addExecution(entry.call_id, entry.data);
    else if (entry.type === 'outcome') outcome = entry.data;
  }
  const calls = collector.calls();
  if (outcome) return upgradeTrajectory(assembleTrajectory(headerEntry.data, calls, outcome));

  const lastAt = entries[entries.length - 1]?.at ?? headerEntry.at;
  const header: TrajectoryHeader = headerEntry.data;
  const running = headerEntry.host === hostname() && isProcessAlive(headerEntry.pid);
  const rebuilt = assembleTrajectory(
    header,
    calls,
    {
      end_time: lastAt,
      duration_ms: Math.max(0, timeOf(lastAt) - timeOf(header.start_time)),
      success: false,
      error: running ? RUN_IN_PROGRESS_ERROR : UNFINISHED_RUN_ERROR,
      final_answer: null,
      limits_hit: [],
      iterations: Math.max(0, ...calls.filter((call) => call.depth === 0).map((call) => call.iteration)),
      max_depth_reached: Math.max(0, ...calls.map((call) => call.depth)),
    },
    { incomplete: true },
  );
  return upgradeTrajectory(rebuilt);
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function listFiles(
  directory: string,
  accept: (name: string) => boolean,
  warn: (message: string) => void,
): Promise<string[]> {
  let opened: SafeDirectory;
  try {
    opened = await SafeDirectory.openAnchored(directory, null, { create: false });
  } catch (error) {
    // A missing directory reads as empty; a symlinked one is refused, and the user is told why.
    if (error instanceof UnsafePathError) warn(error.message);
    return [];
  }
  try {
    const entries = await opened.entries();
    // Dirent types are lstat's: a symlink named *.jsonl is not a file here.
    return entries
      .filter((entry) => entry.isFile() && accept(entry.name))
      .map((entry) => path.join(directory, entry.name))
      .sort();
  } catch {
    return [];
  } finally {
    await opened.close();
  }
}

function timeOf(iso: string): number {
  const value = Date.parse(iso);
  return Number.isNaN(value) ? 0 : value;
}

/** Results in input order, at most `limit` promises pending at a time. */
async function mapInBatches<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit) {
    results.push(...(await Promise.all(items.slice(start, start + limit).map(map))));
  }
  return results;
}
