/**
 * `rlm logs import FILE`: copy a trajectory file (ours, or a log of the official Python RLM library) into
 * the log dir, so the list, `rlm logs`, `rlm compare` and the dashboard see it. The file is untrusted: it
 * must be a regular file (a symlink is refused, not followed), within a size bound, and hold valid runs;
 * what is written is re-serialized from the parsed records with secrets redacted, into a new file that
 * never overwrites one already there.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import { SafeDirectory } from '../../host-fs/safe-directory.js';
import { errorMessage } from '../../error-message.js';
import { readTrajectories } from '../../trajectory/reader.js';
import { Redactor } from '../../trajectory/redactor.js';
import { validateTrajectory } from '../../trajectory/validate.js';
import { isOfficialRlmLog } from '../../viz/data/official-rlm.js';
import { parseTrajectoryText } from '../../viz/data/parse-text.js';
import { isJournalEntry, safeFileStem } from '../../trajectory/journal.js';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export interface ImportResult {
  path: string;
  ids: string[];
}

async function readRegularFile(file: string): Promise<string> {
  let info;
  try {
    info = await lstat(file);
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      fix: 'Pass the path of a trajectory file (.jsonl or .json).',
    });
  }
  if (info.isSymbolicLink() || !info.isFile()) {
    throw new ConfigError(
      `${file} is not a regular file${info.isSymbolicLink() ? ' (symlinks are not followed)' : ''}`,
      {
        fix: 'Import the file itself, not a link or a directory.',
      },
    );
  }
  if (info.size > MAX_IMPORT_BYTES) {
    throw new ConfigError(`${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, {
      fix: 'Split the file: one run per line is a valid trajectory file.',
    });
  }
  // O_NOFOLLOW: a symlink swapped in after the check is refused too.
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new ConfigError(`${file} is not a regular file`, { fix: 'Import a regular file.' });
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Parsed, validated, redacted JSON lines of the file; the name of the copy to write. */
function prepare(text: string, file: string): { lines: string[]; ids: string[]; name: string } {
  const base = path.basename(file);
  const records = rawRecords(text);
  const redactor = new Redactor();
  const parsed = parseTrajectoryText(text, base);
  if (parsed.runs.length === 0) {
    throw new ConfigError(
      `${file} holds no trajectory${parsed.problems.length > 0 ? ` (${parsed.problems.slice(0, 3).join('; ')})` : ''}`,
      {
        fix: 'Import a file written by `rlm run` (trajectories_*.jsonl / .json) or by the Python RLM library (rlm_*.jsonl).',
      },
    );
  }
  if (isOfficialRlmLog(records)) {
    const lines = records.map((record, index) => {
      if (index === 0 && record !== null && typeof record === 'object') {
        // backend_kwargs / environment_kwargs can hold API keys; the viewer never needs them.
        const {
          backend_kwargs: _backend,
          environment_kwargs: _environment,
          ...metadata
        } = record as Record<string, unknown>;
        return JSON.stringify(redactor.redactDeep(metadata));
      }
      return JSON.stringify(redactor.redactDeep(record));
    });
    return {
      lines,
      ids: parsed.runs.map((run) => run.trajectory_id),
      name: `${safeFileStem(base.replace(/\.jsonl?$/, ''))}.jsonl`,
    };
  }
  // Our own format is validated as written (the schema forbids unknown fields); a journal as rebuilt.
  const isJournal = records.length > 0 && isJournalEntry(records[0]);
  const candidates: unknown[] = isJournal ? parsed.runs : records;
  const invalid = candidates
    .map((run) => ({ run, result: validateTrajectory(run) }))
    .filter(({ result }) => !result.valid);
  if (invalid.length > 0 || parsed.problems.length > 0) {
    const first = invalid[0];
    const detail = first
      ? first.result.errors.slice(0, 3).join('; ')
      : parsed.problems.slice(0, 3).join('; ');
    throw new ConfigError(`${file} is not a valid trajectory file (${detail})`, {
      fix: 'Check the file against schema/trajectory.schema.json; open it in the dashboard page to look at it without importing.',
    });
  }
  return {
    lines: candidates.map((run) => JSON.stringify(redactor.redactDeep(run))),
    ids: parsed.runs.map((run) => run.trajectory_id),
    name: `imported_${safeFileStem(base.replace(/\.jsonl?$/, ''))}.jsonl`,
  };
}

/** A whole JSON document (object or array), else JSON lines; unparsable lines become undefined. */
function rawRecords(text: string): unknown[] {
  try {
    const whole: unknown = JSON.parse(text);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): unknown => {
        try {
          return JSON.parse(line);
        } catch {
          return undefined;
        }
      });
  }
}

export async function importTrajectoryFile(file: string, logDir: string): Promise<ImportResult> {
  const text = await readRegularFile(file);
  const { lines, ids, name } = prepare(text, file);
  const existing = new Set((await readTrajectories(logDir)).map((run) => run.trajectory_id));
  const already = ids.filter((id) => existing.has(id));
  if (already.length > 0) {
    throw new ConfigError(`already in ${logDir}: ${already.join(', ')}`, {
      fix: 'Nothing to do; `rlm logs` lists it.',
    });
  }
  // The log dir is opened without following a symlink, and the file is created (O_EXCL, O_NOFOLLOW)
  // through that open directory: the same rule as the trajectory writer (src/host-fs/safe-directory.ts).
  let directory: SafeDirectory;
  try {
    directory = await SafeDirectory.openAnchored(logDir, null, { create: true });
  } catch (error) {
    throw new ConfigError(`log dir ${logDir} is not a directory: ${errorMessage(error)}`, {
      fix: 'Point --log-dir at a real directory.',
    });
  }
  const target = path.join(logDir, name);
  try {
    const handle = await directory.createFile(name, 0o600);
    try {
      await handle.writeFile(`${lines.join('\n')}\n`);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ConfigError(`${target} already exists`, {
        fix: 'Rename the file you import, or remove the old copy.',
      });
    }
    throw error;
  } finally {
    await directory.close();
  }
  return { path: target, ids };
}
