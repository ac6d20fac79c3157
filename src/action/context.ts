/**
 * Builds the REPL's `context` from the `context` input (paths or globs inside the workspace) and, on pull
 * requests, the PR's diff as read-only text. Nothing from a pull request is checked out or executed.
 */
import { glob, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ContextInput } from '../sandbox/types.js';

export const DIFF_CONTEXT_KEY = 'pull_request.diff';

function insideWorkspace(workspace: string, path: string): boolean {
  const rel = relative(workspace, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Absolute paths matched by the patterns, in a stable order; every path stays inside the workspace. */
export async function expandContextPaths(patterns: readonly string[], workspace: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const matches: string[] = [];
    for await (const match of glob(pattern, { cwd: workspace })) matches.push(resolve(workspace, match));
    if (matches.length === 0) {
      throw new ConfigError(`input \`context\`: "${pattern}" matches nothing in the workspace`, {
        key: 'context',
        fix: 'Check the path (relative to the checked-out workspace), or check out the repository first.',
      });
    }
    for (const match of matches) {
      if (!insideWorkspace(workspace, match)) {
        throw new ConfigError(`input \`context\`: "${pattern}" points outside the workspace`, {
          key: 'context',
        });
      }
      found.add(match);
    }
  }
  return [...found].sort();
}

async function readTree(path: string, root: string, into: Record<string, string>): Promise<void> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const entries: string[] = [];
    for await (const entry of glob('**/*', { cwd: path })) entries.push(entry);
    for (const entry of entries.sort()) {
      const full = join(path, entry);
      if ((await stat(full)).isFile()) into[relative(root, full)] = await readFile(full, 'utf8');
    }
  } else if (info.isFile()) {
    into[relative(root, path)] = await readFile(path, 'utf8');
  }
}

export async function buildContext(
  patterns: readonly string[],
  workspace: string,
  diff: string | null,
): Promise<ContextInput | undefined> {
  const paths = await expandContextPaths(patterns, workspace);
  if (paths.length === 0) return diff === null ? undefined : { kind: 'text', text: diff };
  if (diff === null) return { kind: 'files', paths, root: workspace };
  // Files and the diff together: one {path: text} map, the diff under its own key.
  const files: Record<string, string> = {};
  for (const path of paths) await readTree(path, workspace, files);
  files[DIFF_CONTEXT_KEY] = diff;
  return { kind: 'json', value: files };
}
