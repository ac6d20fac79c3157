/**
 * Builds the REPL's `context` from the `context` input (paths or globs inside the workspace) and, on pull
 * requests, the PR's diff as read-only text. Nothing from a pull request is checked out or executed.
 *
 * Symlinks are never followed: a link in the checkout (say to /proc/self/environ) must not carry the
 * runner's files or this process's environment, keys included, into the sandbox and the prompt.
 */
import { glob } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../../errors.js';
import { inspectPlainPath } from '../../host-fs/plain-path.js';
import { isInside } from '../../host-fs/safe-directory.js';
import { readContextFiles } from '../../sandbox/context-input.js';
import type { ContextInput } from '../../sandbox/types.js';

export const DIFF_CONTEXT_KEY = 'pull_request.diff';

/** Characters that make a pattern a glob; anything else is a plain path (`.`, `./logs`, `app.log`). */
const GLOB_SYNTAX = /[*?[\]{}!]/;

/** The one rule of src/host-fs/plain-path.ts: no symlink below the workspace, no special file. */
function isPlain(path: string, workspace: string): boolean {
  const plain = inspectPlainPath(path, workspace);
  return plain.kind === 'file' || plain.kind === 'directory';
}

/**
 * A plain path is looked up directly, not through fs.glob: glob returns nothing for `.` or `./` (Node 24),
 * and a path needs no pattern matching anyway.
 */
async function matchesOf(pattern: string, workspace: string): Promise<string[]> {
  if (!GLOB_SYNTAX.test(pattern)) {
    const path = resolve(workspace, pattern);
    return isPlain(path, workspace) ? [path] : [];
  }
  const matches: string[] = [];
  for await (const match of glob(pattern, { cwd: workspace })) {
    const path = resolve(workspace, match);
    if (isPlain(path, workspace)) matches.push(path);
  }
  return matches;
}

/** Absolute paths matched by the patterns, in a stable order; every path stays inside the workspace. */
export async function expandContextPaths(patterns: readonly string[], workspace: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const matches = await matchesOf(pattern, workspace);
    if (matches.length === 0) {
      throw new ConfigError(
        `input \`context\`: "${pattern}" matches nothing in the workspace (symlinks are not followed)`,
        {
          key: 'context',
          fix: 'Check the path (relative to the checked-out workspace), or check out the repository first.',
        },
      );
    }
    for (const match of matches) {
      if (!isInside(workspace, match)) {
        throw new ConfigError(`input \`context\`: "${pattern}" points outside the workspace`, {
          key: 'context',
        });
      }
      found.add(match);
    }
  }
  return [...found].sort();
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
  // The same reader as the sandbox's own context encoding: no symlink followed, special files skipped.
  for (const [key, bytes] of await readContextFiles(paths, workspace)) files[key] = bytes.toString('utf8');
  files[DIFF_CONTEXT_KEY] = diff;
  return { kind: 'json', value: files };
}
