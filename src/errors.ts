/**
 * Typed errors shared by every layer. Each carries the process exit code the CLI
 * and the Action use, and a `fix` that tells the user what to do about it.
 *
 * Exit codes: 0 success, 1 execution error, 2 timeout, 3 Docker error,
 * 4 model API error, 5 configuration error.
 */
export const ExitCode = {
  Success: 0,
  Execution: 1,
  Timeout: 2,
  Docker: 3,
  ModelApi: 4,
  Config: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class RlmError extends Error {
  abstract readonly exitCode: ExitCode;
  /** What the user can do about it; shown after the message. */
  readonly fix: string | undefined;

  constructor(message: string, options?: { fix?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.fix = options?.fix;
  }

  /** Message and fix on one line each, for terminals and PR comments. */
  describe(): string {
    return this.fix ? `${this.message}\nFix: ${this.fix}` : this.message;
  }
}

export class ExecutionError extends RlmError {
  readonly exitCode = ExitCode.Execution;
}

export class RunTimeoutError extends RlmError {
  readonly exitCode = ExitCode.Timeout;
}

/** Docker not reachable, image missing, container failed to start, and the like. */
export class DockerError extends RlmError {
  readonly exitCode = ExitCode.Docker;
}

export class ModelApiError extends RlmError {
  readonly exitCode = ExitCode.ModelApi;
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(
    message: string,
    details: { provider: string; status?: number; retryable?: boolean; fix?: string; cause?: unknown },
  ) {
    super(message, { fix: details.fix, cause: details.cause });
    this.provider = details.provider;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
  }
}

/** Bad config file, environment value, flag or action input. Names the key and the allowed values. */
export class ConfigError extends RlmError {
  readonly exitCode = ExitCode.Config;
  readonly key: string | undefined;

  constructor(message: string, details?: { key?: string; fix?: string; cause?: unknown }) {
    super(message, { fix: details?.fix, cause: details?.cause });
    this.key = details?.key;
  }
}

export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof RlmError ? error.exitCode : ExitCode.Execution;
}
