/**
 * What the root prompt says about the context: its type, its size and a short
 * preview, never the context itself. Everything here is bounded so that the
 * root prompt stays the same size for a 1 KB and a 100 MB context (benchmarked
 * as root_prompt_growth_bytes).
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ContextInput } from '../../sandbox/types.js';
import { capText } from '../text-cap.js';

export const PREVIEW_CHARS = 500;
const LISTED_FILES = 15;
const LISTED_KEYS = 20;
const NAME_CHARS = 80;

export interface ContextMetadata {
  /** Python type of `context` ("str", "dict", "list", ...). */
  pythonType: string;
  chars: number;
  bytes: number;
  /** Keys of a dict, items of a list, files of a files context. */
  entries: number | null;
  /** One short line for logs and trajectory headers. */
  summary: string;
  /** The bounded block shown to the model. */
  description: string;
}

export function describeContext(context: ContextInput | undefined): ContextMetadata {
  if (context === undefined) return describeNothing();
  switch (context.kind) {
    case 'text':
      return describeText(context.text);
    case 'json':
      return describeJson(context.value);
    case 'files':
      return describeFiles(context.paths, context.root);
    case 'stash':
      return {
        pythonType: 'object',
        chars: 0,
        bytes: 0,
        entries: null,
        summary: 'context passed in by the parent',
        description:
          'Your `context` variable holds the object your parent passed to rlm_query. Inspect it with type(), len() and slicing before anything else.',
      };
  }
}

function describeNothing(): ContextMetadata {
  return {
    pythonType: 'NoneType',
    chars: 0,
    bytes: 0,
    entries: null,
    summary: 'no context',
    description: 'There is no context for this task: `context` is None.',
  };
}

function describeText(text: string): ContextMetadata {
  const bytes = Buffer.byteLength(text, 'utf8');
  const lines = countLines(text);
  return {
    pythonType: 'str',
    chars: text.length,
    bytes,
    entries: null,
    summary: `str, ${text.length} chars, ${lines} lines`,
    description: [
      `\`context\` is a str of ${text.length} characters (${bytes} bytes, ${lines} lines).`,
      `Preview (first ${Math.min(PREVIEW_CHARS, text.length)} characters):`,
      fence(text.slice(0, PREVIEW_CHARS)),
    ].join('\n'),
  };
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  let index = text.indexOf('\n');
  while (index !== -1) {
    lines += 1;
    index = text.indexOf('\n', index + 1);
  }
  return lines;
}

function describeJson(value: unknown): ContextMetadata {
  const serialised = JSON.stringify(value) ?? 'null';
  const pythonType = pythonTypeOf(value);
  const entries = Array.isArray(value)
    ? value.length
    : value !== null && typeof value === 'object'
      ? Object.keys(value).length
      : null;
  const keys =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.keys(value)
          .slice(0, LISTED_KEYS)
          .map((key) => JSON.stringify(key.slice(0, NAME_CHARS)))
      : [];
  const shape =
    pythonType === 'list'
      ? `a list of ${entries} items`
      : pythonType === 'dict'
        ? `a dict with ${entries} keys`
        : `a ${pythonType}`;
  const lines = [`\`context\` is ${shape} parsed from JSON (${serialised.length} characters as JSON).`];
  if (keys.length > 0) {
    lines.push(
      `Keys${entries !== null && entries > keys.length ? ` (first ${keys.length})` : ''}: ${keys.join(', ')}`,
    );
  }
  lines.push(
    `Preview of the JSON (first ${PREVIEW_CHARS} characters):`,
    fence(serialised.slice(0, PREVIEW_CHARS)),
  );
  return {
    pythonType,
    chars: serialised.length,
    bytes: Buffer.byteLength(serialised, 'utf8'),
    entries,
    summary: `${pythonType} from JSON, ${serialised.length} chars${entries === null ? '' : `, ${entries} entries`}`,
    description: lines.join('\n'),
  };
}

function pythonTypeOf(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'dict';
    default:
      return 'NoneType';
  }
}

interface FileEntry {
  name: string;
  bytes: number;
}

/** Sizes come from lstat; symlinks are listed, never followed (the sandbox adapter reads the files). */
function describeFiles(paths: string[], root: string | undefined): ContextMetadata {
  const base = root ?? process.cwd();
  const files: FileEntry[] = [];
  let totalBytes = 0;
  let count = 0;
  const visit = (absolute: string): void => {
    let stat;
    try {
      stat = lstatSync(absolute);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const child of readdirSync(absolute).sort()) visit(path.join(absolute, child));
      return;
    }
    if (!stat.isFile()) return;
    count += 1;
    totalBytes += stat.size;
    if (files.length < LISTED_FILES)
      files.push({ name: path.relative(base, absolute) || absolute, bytes: stat.size });
  };
  for (const entry of paths) visit(path.resolve(base, entry));
  const listing = files.map((file) => `- ${capText(file.name, NAME_CHARS)} (${file.bytes} bytes)`);
  if (count > files.length) listing.push(`- ... and ${count - files.length} more files`);
  return {
    pythonType: 'dict',
    chars: totalBytes,
    bytes: totalBytes,
    entries: count,
    summary: `${count} files, ${totalBytes} bytes`,
    description: [
      `\`context\` is a dict {relative_path: file_text} of ${count} files (${totalBytes} bytes in total).`,
      'Files:',
      ...listing,
    ].join('\n'),
  };
}

function fence(text: string): string {
  // A preview containing ``` must not close our fence early.
  return '~~~~\n' + text.replaceAll('~~~~', '~ ~ ~ ~') + '\n~~~~';
}
