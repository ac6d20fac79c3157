/**
 * A host process for the SIGKILL test with the real REPL server (run with tsx):
 * opens a Docker sandbox labelled with the run id in argv[2], starts an
 * execution that busy-loops forever, prints "ready" once that code is running
 * (it says so through a host call), then waits to be killed.
 */
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { defaultSandboxOptions } from '../../src/sandbox/options.js';
import { ReplSandbox } from '../../src/sandbox/repl-sandbox.js';
import { TEST_DOCKER } from '../support/docker-image.js';

const runId = process.argv[2];
if (runId === undefined) throw new Error('usage: docker-busy-host-fixture.ts <run-id>');

const base = defaultSandboxOptions();
const options = { ...base, docker: { ...base.docker, ...TEST_DOCKER, pull: false } };
const sandbox = new ReplSandbox(new DockerLauncher(options.docker, { runId }), options);
sandbox.setHostCallHandler(() => {
  process.stdout.write('ready\n');
  return Promise.resolve(null);
});
void sandbox.exec('__rlm_host__.call("running", None)\nwhile True:\n    pass', { timeoutMs: 3_600_000 });
setInterval(() => undefined, 60_000);
