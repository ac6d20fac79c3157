import type { FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

import { isInside, SafeDirectory } from '../host-fs/safe-directory.js';

import { assembleTrajectory } from './assemble.js';
import { CallCollector } from './call-collector.js';
import { asError } from '../error-message.js';
import { fileTimestamp, JOURNAL_DIR, journalPathFor, safeFileStem, type JournalEntry } from './journal.js';
import type { Redactor } from './redactor.js';
import type { CollectedOutputs } from '../sandbox/outputs/types.js';
import { saveOutputFiles } from './output-files.js';
import type {
  CallRecord,
  SavedOutputs,
  CodeExecutionRecord,
  Trajectory,
  TrajectoryHeader,
  TrajectoryOutcome,
  TrajectorySink,
} from './types.js';

export type TrajectoryFormat = 'jsonl' | 'json';

/**
 * Which part went wrong, each reported at most once per writer: the journal (records as they come), the
 * finished file, the run's collected outputs, or the engine's use of the writer (records after finish, executions of unknown calls).
 */
export type TrajectoryWritePhase = 'journal' | 'final' | 'outputs' | 'usage';

export interface TrajectoryWriterOptions {
  logDir: string;
  /**
   * A directory the sandbox can write (the mounted workspace). When logDir lies inside it, every path
   * component from there down must be a real directory; otherwise only logDir itself must be.
   */
  untrustedRoot?: string | null;
  /** jsonl (default): one line per trajectory, appended. json: one pretty-printed object per file. */
  format?: TrajectoryFormat;
  /** Every string written passes through it. */
  redactor: Redactor;
  now?: () => Date;
  /** Overrides `trajectories_<timestamp>.<ext>`; relative to logDir unless absolute. */
  fileName?: string;
  /** I/O failures never reach the engine; they come here, once per phase. Default: one line on stderr. */
  onError?: (error: Error, phase: TrajectoryWritePhase) => void;
  /**
   * fsync each journal record. Off by default: a written record already survives the process being
   * killed (it is in the kernel's page cache); fsync only adds safety against power loss, at a cost per call.
   */
  fsync?: boolean;
}

export interface TrajectoryWriteResult {
  path: string;
  /** False when the finished trajectory could not be written (the error went to onError). */
  written: boolean;
}

function defaultOnError(error: Error, phase: TrajectoryWritePhase): void {
  process.stderr.write(`rlm: could not write the trajectory (${phase}): ${error.message}\n`);
}

/**
 * Journals each record as it arrives and writes the finished trajectory on finish(). Records are
 * serialized through one promise chain, so concurrent sub-calls never interleave lines, and every
 * method resolves even when the disk fails.
 */
export class TrajectoryWriter implements TrajectorySink {
  private readonly logDir: string;
  private readonly untrustedRoot: string | null;
  private readonly format: TrajectoryFormat;
  private readonly redactor: Redactor;
  private readonly now: () => Date;
  private readonly fileName: string | undefined;
  private readonly onError: (error: Error, phase: TrajectoryWritePhase) => void;
  private readonly fsync: boolean;

  private readonly collector = new CallCollector();
  private readonly reportedPhases = new Set<TrajectoryWritePhase>();
  private chain: Promise<void> = Promise.resolve();
  private header: TrajectoryHeader | undefined;
  private logDirectory: SafeDirectory | undefined;
  private journalDirectory: SafeDirectory | undefined;
  private journal: FileHandle | undefined;
  private journalFile: string | undefined;
  private outputFile: string | undefined;
  private finishing: Promise<TrajectoryWriteResult> | undefined;

  constructor(options: TrajectoryWriterOptions) {
    this.logDir = path.resolve(options.logDir);
    this.untrustedRoot = options.untrustedRoot ?? null;
    this.format = options.format ?? 'jsonl';
    this.redactor = options.redactor;
    this.now = options.now ?? (() => new Date());
    this.fileName = options.fileName;
    this.onError = options.onError ?? defaultOnError;
    this.fsync = options.fsync ?? false;
  }

  /** Where the finished trajectory goes; known once start() has resolved. */
  get path(): string | undefined {
    return this.outputFile;
  }

  /** The journal of this run; exists between start() and a successful finish(). */
  get journalPath(): string | undefined {
    return this.journalFile;
  }

  start(header: TrajectoryHeader): Promise<void> {
    return this.enqueue('journal', async () => {
      if (this.header) {
        this.report(new Error('start() called twice; one writer records one trajectory'), 'usage');
        return;
      }
      const clean = this.redactor.redactDeep(header);
      this.header = clean;
      // Opened once: later writes go through these descriptors, whatever happens to the paths meanwhile.
      this.logDirectory = await SafeDirectory.openAnchored(this.logDir, this.untrustedRoot, { create: true });
      this.outputFile = await this.chooseOutputFile(this.logDirectory, clean.trajectory_id);
      this.journalFile = journalPathFor(this.logDir, clean.trajectory_id);
      this.journalDirectory = await this.logDirectory.subdirectory(JOURNAL_DIR, { create: true });
      this.journal = await this.journalDirectory.createFile(path.basename(this.journalFile));
      await this.journalWrite({
        type: 'header',
        at: this.stamp(),
        pid: process.pid,
        host: hostname(),
        data: clean,
      });
    });
  }

  recordCall(call: CallRecord): Promise<void> {
    // Redact and collect synchronously: the in-memory copy must survive a journal that cannot be written.
    const clean = this.redactor.redactDeep(call);
    if (this.finishing) return this.lateRecord('recordCall');
    this.collector.addCall(clean);
    const at = this.stamp();
    return this.enqueue('journal', () => this.journalWrite({ type: 'call', at, data: clean }));
  }

  addExecution(callId: string, execution: CodeExecutionRecord): Promise<void> {
    const clean = this.redactor.redactDeep(execution);
    const cleanId = this.redactor.redact(callId);
    if (this.finishing) return this.lateRecord('addExecution');
    this.collector.addExecution(cleanId, clean);
    const at = this.stamp();
    return this.enqueue('journal', () =>
      this.journalWrite({ type: 'execution', at, call_id: cleanId, data: clean }),
    );
  }

  /**
   * Saves the run's collected outputs into `<logDir>/<trajectory_id>/outputs/` (never through a symlink;
   * see output-files.ts). Resolves with what goes into the outcome, even when the disk fails.
   */
  async saveOutputs(collected: CollectedOutputs): Promise<SavedOutputs> {
    let saved: SavedOutputs = {
      outcome: { outputs: [], outputs_skipped: [...collected.skipped], outputs_dir: null },
      directory: null,
    };
    await this.enqueue('outputs', async () => {
      if (!this.logDirectory || !this.header) throw new Error('no log directory open; outputs not saved');
      saved = await saveOutputFiles(this.logDirectory, this.logDir, this.header.trajectory_id, collected);
    });
    return saved;
  }

  /** Idempotent: a second call (even a concurrent one) gets the first call's result. */
  finish(outcome: TrajectoryOutcome): Promise<TrajectoryWriteResult> {
    this.finishing ??= this.writeOutcome(this.redactor.redactDeep(outcome));
    return this.finishing;
  }

  private async writeOutcome(outcome: TrajectoryOutcome): Promise<TrajectoryWriteResult> {
    await this.enqueue('journal', () =>
      this.journalWrite({ type: 'outcome', at: this.stamp(), data: outcome }),
    );
    const orphans = this.collector.orphanCallIds();
    if (orphans.length > 0) {
      this.report(new Error(`executions for unrecorded calls were dropped: ${orphans.join(', ')}`), 'usage');
    }
    let written = false;
    await this.enqueue('final', async () => {
      if (!this.header || !this.outputFile) {
        throw new Error('finish() before a successful start(); nothing to write');
      }
      await this.writeFinal(
        this.outputFile,
        assembleTrajectory(this.header, this.collector.calls(), outcome),
      );
      written = true;
    });
    await this.enqueue('journal', async () => {
      try {
        await this.closeJournal();
        // Only now is the journal redundant. A crash before this line leaves both files, and the reader
        // prefers the finished copy; a failed final write keeps the journal as the only copy.
        if (written && this.journalFile) await this.journalDirectory?.unlink(path.basename(this.journalFile));
      } finally {
        await this.closeDirectories();
      }
    });
    return {
      path: this.outputFile ?? path.join(this.logDir, this.defaultFileName('unknown')),
      written,
    };
  }

  private enqueue(phase: TrajectoryWritePhase, task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task).catch((error: unknown) => this.report(asError(error), phase));
    this.chain = next;
    return next;
  }

  private report(error: Error, phase: TrajectoryWritePhase): void {
    if (this.reportedPhases.has(phase)) return;
    this.reportedPhases.add(phase);
    try {
      this.onError(error, phase);
    } catch {
      // A failing error callback must not turn a lost record into a crashed run.
    }
  }

  private lateRecord(method: string): Promise<void> {
    this.report(new Error(`${method}() after finish(); record ignored`), 'usage');
    return Promise.resolve();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private async journalWrite(entry: JournalEntry): Promise<void> {
    if (!this.journal) {
      if (entry.type === 'header') throw new Error('journal not open');
      // start() failed or was not called; that was reported already, and the record is kept in memory.
      return;
    }
    // One write per record: a kill between records never leaves half of one behind, except the last.
    await this.journal.appendFile(`${JSON.stringify(entry)}\n`);
    if (this.fsync) await this.journal.datasync();
  }

  private async closeJournal(): Promise<void> {
    const handle = this.journal;
    this.journal = undefined;
    if (handle) await handle.close();
  }

  private async closeDirectories(): Promise<void> {
    await this.journalDirectory?.close();
    await this.logDirectory?.close();
    this.journalDirectory = undefined;
    this.logDirectory = undefined;
  }

  private defaultFileName(trajectoryId: string, withId = false): string {
    const stamp = fileTimestamp(this.now());
    const suffix = withId ? `_${safeFileStem(trajectoryId).slice(0, 12)}` : '';
    return `trajectories_${stamp}${suffix}.${this.format}`;
  }

  private async chooseOutputFile(directory: SafeDirectory, trajectoryId: string): Promise<string> {
    if (this.fileName) return path.resolve(this.logDir, this.fileName);
    const plain = this.defaultFileName(trajectoryId);
    // JSONL appends, so two runs sharing a millisecond share a file harmlessly; a JSON file would be replaced.
    if (this.format === 'jsonl' || !(await directory.exists(plain))) return path.join(this.logDir, plain);
    return path.join(this.logDir, this.defaultFileName(trajectoryId, true));
  }

  /** The directory that holds `file`, reached without following a symlink the sandbox could have made. */
  private async parentOf(file: string): Promise<SafeDirectory> {
    const parent = path.dirname(file);
    if (this.logDirectory && isInside(this.logDir, parent)) {
      const relative = path.relative(this.logDir, parent);
      if (relative === '') return this.logDirectory;
      let directory = this.logDirectory;
      try {
        for (const part of relative.split(path.sep)) {
          const next = await directory.subdirectory(part, { create: true });
          if (directory !== this.logDirectory) await directory.close();
          directory = next;
        }
      } catch (error) {
        if (directory !== this.logDirectory) await directory.close();
        throw error;
      }
      return directory;
    }
    return SafeDirectory.openAnchored(parent, this.untrustedRoot, { create: true });
  }

  private async writeFinal(file: string, trajectory: Trajectory): Promise<void> {
    const directory = await this.parentOf(file);
    const name = path.basename(file);
    try {
      if (this.format === 'json') {
        const temporary = `${name}.${process.pid}.tmp`;
        const handle = await directory.createFile(temporary);
        try {
          await handle.writeFile(`${JSON.stringify(trajectory, null, 2)}\n`);
        } finally {
          await handle.close();
        }
        await directory.rename(temporary, name);
        return;
      }
      const handle = await directory.openAppend(name);
      try {
        // A previous writer killed mid-line would glue its fragment to our line; start on a fresh line instead.
        const separator = (await endsWithNewline(handle)) ? '' : '\n';
        await handle.appendFile(`${separator}${JSON.stringify(trajectory)}\n`);
      } finally {
        await handle.close();
      }
    } finally {
      if (directory !== this.logDirectory) await directory.close();
    }
  }
}

async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const size = (await handle.stat()).size;
  if (size === 0) return true;
  const buffer = Buffer.alloc(1);
  await handle.read(buffer, 0, 1, size - 1);
  return buffer[0] === 0x0a;
}
