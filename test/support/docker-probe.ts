/**
 * A minimal line-based exec server for launcher-level Docker tests: each stdin
 * line is JSON {"code": ...}, run in one persistent namespace; each reply is one
 * JSON line {"ok", "out"}. It exits on stdin EOF like the real REPL server, so
 * these tests exercise the container and its hardening, not the bridge protocol.
 */
import type { Readable } from 'node:stream';
import type { ReplProcess } from '../../src/sandbox/launcher.js';

export const PROBE_SERVER = `
import sys, json, io, contextlib, traceback
ns = {}
for line in sys.stdin:
    req = json.loads(line)
    out = io.StringIO()
    ok = True
    try:
        with contextlib.redirect_stdout(out):
            exec(req["code"], ns)
    except BaseException:
        ok = False
        out.write(traceback.format_exc())
    sys.__stdout__.write(json.dumps({"ok": ok, "out": out.getvalue()}) + "\\n")
    sys.__stdout__.flush()
`;

export interface ProbeReply {
  ok: boolean;
  out: string;
}

export class ProbeClient {
  private readonly waiting: Array<(reply: ProbeReply) => void> = [];

  constructor(private readonly proc: ReplProcess) {
    readLines(proc.stdout, (line) => this.waiting.shift()?.(JSON.parse(line) as ProbeReply));
  }

  run(code: string): Promise<ProbeReply> {
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      void this.proc.exited.then((exit) =>
        reject(new Error(`probe exited with ${exit.code}: ${exit.stderrTail}`)),
      );
      this.proc.stdin.write(JSON.stringify({ code }) + '\n');
    });
  }

  /** Runs code that must succeed and returns its printed output, trimmed. */
  async value(code: string): Promise<string> {
    const reply = await this.run(code);
    if (!reply.ok) throw new Error(`probe code failed:\n${reply.out}`);
    return reply.out.trim();
  }
}

function readLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
  });
}
