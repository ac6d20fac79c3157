/**
 * The run's output directory: model code writes files to /output in the sandbox (a size- and
 * count-capped tmpfs); the host collects them when the run ends, whatever the ending.
 */
export const OUTPUT_DIR = '/output';

export interface OutputLimits {
  /** Regular files kept at most. */
  maxFiles: number;
  /** Bytes kept at most, all files together. */
  maxBytes: number;
}

export interface OutputFile {
  /** Relative to /output, '/'-separated, no '..'. */
  path: string;
  data: Uint8Array;
}

export interface CollectedOutputs {
  files: OutputFile[];
  /** Entries not collected (symlinks, special files, over a cap, odd names), with why. */
  skipped: Array<{ path: string; reason: string }>;
  /** True when reading stopped at a cap before the end of the archive. */
  truncated: boolean;
  /** Why nothing could be collected (e.g. the container was already gone). */
  error?: string;
}

export const NO_OUTPUTS: CollectedOutputs = { files: [], skipped: [], truncated: false };
