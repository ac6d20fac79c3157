/**
 * A host process for the dead-man switch tests (run with tsx): opens a Docker
 * sandbox labelled with the run id in argv[2] and runs code that does all it can
 * to outlive its host: it ignores every signal, stops the REPL's reader, keeps a
 * writer open on its own channel input, holds the container's stdin through
 * /proc/1/fd/0 where it can (gVisor lets it), tries to stop the supervisor (pid 1)
 * with SIGSTOP, and leaves spinning processes in sessions of their own. It prints
 * one JSON line with what the code could do, then waits to be killed.
 */
import { DockerLauncher } from '../../src/sandbox/docker/docker-launcher.js';
import { defaultSandboxOptions } from '../../src/sandbox/options.js';
import { ReplSandbox } from '../../src/sandbox/repl-sandbox.js';
import { TEST_IMAGE } from '../support/docker-image.js';

const runId = process.argv[2];
if (runId === undefined) throw new Error('usage: docker-defiant-host-fixture.ts <run-id>');

const DEFY = `
import os, signal, subprocess, time
server = __rlm_host__._server
for number in range(1, signal.NSIG):
    try:
        signal.signal(number, signal.SIG_IGN)
    except (OSError, ValueError, RuntimeError):
        pass
# The reader takes this on its next frame: the REPL's own dead-man switch is off.
server.channel.read_frame = lambda blobs: time.sleep(10**6)
os._exit = lambda code: None
kept = os.open("/proc/self/fd/%d" % server.channel.in_fd, os.O_WRONLY)
try:
    os.open("/proc/1/fd/0", os.O_WRONLY)
    host_stdin = "held"
except OSError as error:
    host_stdin = type(error).__name__
try:
    os.kill(1, signal.SIGSTOP)
    stop_supervisor = "sent"
except OSError as error:
    stop_supervisor = type(error).__name__
for _ in range(2):
    subprocess.Popen(["python3", "-c", "import signal, time\\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\\nwhile True: pass"], start_new_session=True)
__rlm_host__.call("ready", {"host_stdin": host_stdin, "stop_supervisor": stop_supervisor})
while True:
    pass
`;

const base = defaultSandboxOptions();
const options = { ...base, docker: { ...base.docker, image: TEST_IMAGE, pull: false } };
const sandbox = new ReplSandbox(new DockerLauncher(options.docker, { runId }), options);
sandbox.setHostCallHandler((call) => {
  process.stdout.write(`${JSON.stringify(call.args)}\n`);
  return Promise.resolve(null);
});
void sandbox.exec(DEFY, { timeoutMs: 3_600_000 });
setInterval(() => undefined, 60_000);
