/**
 * `rlm doctor`: runs the checks of the guide's Troubleshooting section and
 * prints each with its fix. Exit 0 only when every check passes, else 1.
 * Docker checks are skipped for `environment: repl`, which does not use Docker.
 */
import type Docker from 'dockerode';
import { ExitCode, RlmError } from '../../errors.js';
import type { Settings } from '../../config/settings.js';
import {
  checkApiKey,
  checkDockerEngine,
  checkDockerInstalled,
  checkImage,
  checkLogDir,
  type CheckResult,
} from '../doctor-checks.js';
import type { CliIo } from '../io.js';
import { loadSettings } from '../load-settings.js';
import { userPath } from '../user-path.js';

export interface DoctorDependencies {
  /** The Docker Engine client (DOCKER_HOST or the local socket). */
  docker: () => Docker;
}

export async function doctorCommand(
  io: CliIo,
  configFlag: string | undefined,
  deps: DoctorDependencies,
): Promise<number> {
  const results: CheckResult[] = [];
  let settings: Settings | undefined;
  try {
    settings = loadSettings(io, {}, configFlag);
    results.push({ name: 'config', ok: true, detail: settings.configFile ?? 'no config file; defaults' });
  } catch (error) {
    if (!(error instanceof RlmError)) throw error;
    results.push({
      name: 'config',
      ok: false,
      detail: error.message,
      fix: error.fix ?? 'Fix the key named above, or recreate the file with `rlm init --force`.',
    });
  }
  if (settings === undefined) {
    // Everything else depends on the settings; report what can be known without them.
    results.push(checkDockerInstalled(io.env));
  } else {
    if (settings.environment === 'docker') {
      const installed = checkDockerInstalled(io.env);
      results.push(installed);
      const docker = deps.docker();
      const engine = await checkDockerEngine(docker, io.env);
      results.push(...engine);
      if (engine.every((check) => check.ok)) {
        results.push(await checkImage(docker, settings.docker.image, settings.docker.pull));
      }
    } else {
      results.push({ name: 'docker', ok: true, detail: 'not used (environment: repl)' });
    }
    results.push(checkApiKey(settings, io.env));
    results.push(checkLogDir(userPath(io, settings.logDir)));
  }
  io.stdout.write(render(results));
  const failed = results.filter((check) => !check.ok).length;
  io.stderr.write(
    failed === 0 ? 'rlm: doctor: all checks passed\n' : `rlm: doctor: ${failed} check(s) failed\n`,
  );
  return failed === 0 ? ExitCode.Success : ExitCode.Execution;
}

function render(results: CheckResult[]): string {
  const width = Math.max(...results.map((check) => check.name.length));
  const lines: string[] = [];
  for (const check of results) {
    lines.push(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name.padEnd(width)}  ${check.detail}`);
    if (check.fix !== undefined) lines.push(`${' '.repeat(width + 8)}fix: ${check.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
