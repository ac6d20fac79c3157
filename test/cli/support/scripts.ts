/** Writes scripted-backend YAML files for CLI runs. Replies are real Python that runs in the sandbox. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export function repl(code: string): string {
  return `\`\`\`repl\n${code}\n\`\`\``;
}

export function writeScript(dir: string, responses: string[], extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'script.yaml');
  writeFileSync(path, stringify({ responses, ...extra }));
  return path;
}

/** `rlm run` arguments for a task on the scripted backend in the local REPL, JSON out, script.yaml in cwd. */
export function scriptedReplRun(task: string, ...extra: string[]): string[] {
  return [
    'run',
    task,
    '--json',
    '--env',
    'repl',
    '--backend',
    'scripted',
    '--script',
    'script.yaml',
    ...extra,
  ];
}
