/**
 * Builds the REPL's `context` from the `context` input (paths or globs inside the workspace) and, on pull
 * requests, the PR's diff as read-only text. Nothing from a pull request is checked out or executed.
 *
 * Symlinks are never followed: a link in the checkout (say to /proc/self/environ) must not carry the
 * runner's files or this process's environment, keys included, into the sandbox and the prompt.
 */
import { glob, lstat, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { ContextInput } from '../../sandbox/types.js';

export const DIFF_CONTEXT_KEY = 'pull_request.diff';

function insideWorkspace(workspace: string, path: string): boolean {
  const rel = relative(workspace, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** True when no component of `path` below the workspace is a symlink, so the path cannot lead outside it. */
async function isPlainPath(path: string, workspace: string, realWorkspace: string): Promise<boolean> {
  try {
    return (await realpath(path)) === join(realWorkspace, relative(workspace, path));
  } catch {
    return false; // a dangling link
  }
}

/** Characters that make a pattern a glob; anything else is a plain path (`.`, `./logs`, `app.log`). */
const GLOB_SYNTAX = /[*?[\]{}!]/;

/**
 * A plain path is looked up directly, not through fs.glob: glob returns nothing for `.` or `./` (Node 24),
 * and a path needs no pattern matching anyway.
 */
async function matchesOf(pattern: string, workspace: string, realWorkspace: string): Promise<string[]> {
  if (!GLOB_SYNTAX.test(pattern)) {
    const path = resolve(workspace, pattern);
    const exists = await lstat(path).then(
      () => true,
      () => false,
    );
    return exists && (await isPlainPath(path, workspace, realWorkspace)) ? [path] : [];
  }
  const matches: string[] = [];
  for await (const match of glob(pattern, { cwd: workspace })) {
    const path = resolve(workspace, match);
    if (await isPlainPath(path, workspace, realWorkspace)) matches.push(path);
  }
  return matches;
}

/** Absolute paths matched by the patterns, in a stable order; every path stays inside the workspace. */
export async function expandContextPaths(patterns: readonly string[], workspace: string): Promise<string[]> {
  const found = new Set<string>();
  const realWorkspace = await realpath(workspace);
  for (const pattern of patterns) {
    const matches = await matchesOf(pattern, workspace, realWorkspace);
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
  const info = await lstat(path);
  if (info.isDirectory()) {
    const realRoot = await realpath(root);
    const entries: string[] = [];
    for await (const entry of glob('**/*', { cwd: path })) entries.push(entry);
    for (const entry of entries.sort()) {
      // Git's own files are not context (the sandbox's directory walk skips `.git` too).
      if (entry === '.git' || entry.startsWith(`.git${sep}`)) continue;
      const full = join(path, entry);
      // Symlinked files and directories are skipped, as the sandbox's own directory walk does.
      if (!(await isPlainPath(full, root, realRoot))) continue;
      if ((await lstat(full)).isFile()) into[relative(root, full)] = await readFile(full, 'utf8');
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
