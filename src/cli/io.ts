/**
 * What the CLI touches of the outside world, behind one small interface so the
 * commands can be driven in-process as well as by `bin/rlm.js`.
 * stdout carries results only; everything else goes to stderr.
 */
export interface TextSink {
  write(text: string): void;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Home directory, for ~/.rlm/config.yaml. */
  home: string;
}
