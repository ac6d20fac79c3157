/**
 * A host process for lifecycle tests, run with tsx: starts one sandbox
 * container labelled with the run id given as argv[2], prints "ready <id>",
 * then idles until a signal (or SIGKILL) ends it.
 *   argv[3] === 'own-listener': the application has its own SIGTERM listener
 *   that exits with code 42 after the sandbox cleanup had its turn.
 */
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { defaultSandboxOptions } from '../../src/sandbox/options.js';
import { TEST_DOCKER } from './docker-image.js';
import { PROBE_SERVER } from './docker-probe.js';

const runId = process.argv[2];
if (runId === undefined) throw new Error('usage: docker-host-fixture.ts <run-id> [own-listener]');

const launcher = new DockerLauncher({ ...defaultSandboxOptions().docker, ...TEST_DOCKER }, { runId });
await launcher.launch(PROBE_SERVER);
if (process.argv[3] === 'own-listener') {
  process.on('SIGTERM', () => setTimeout(() => process.exit(42), 2_000));
}
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
