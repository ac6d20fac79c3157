/**
 * SIGINT / SIGTERM during a run: the first one aborts the run so the engine
 * can stop cleanly (the sandbox removes its containers, the trajectory journal
 * stays on disk); a second one exits at once. The exit status is the shell's
 * convention, 128 + signal number.
 */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface Cancellation {
  readonly signal: AbortSignal;
  /** 130 / 143 once a signal arrived, else undefined. */
  exitCode(): number | undefined;
  dispose(): void;
}

/**
 * `forceExit` runs on a second signal, or when the run has not wound down
 * `graceMs` after the first (a hung engine must not make Ctrl-C useless).
 */
export function cancelOnSignals(forceExit: (exitCode: number) => void, graceMs = 10_000): Cancellation {
  const controller = new AbortController();
  let received: HandledSignal | undefined;
  const listeners = {
    SIGINT: () => onSignal('SIGINT'),
    SIGTERM: () => onSignal('SIGTERM'),
  };
  function onSignal(signal: HandledSignal): void {
    if (received !== undefined) {
      forceExit(SIGNAL_EXIT_CODES[signal]);
      return;
    }
    received = signal;
    controller.abort(new Error(`received ${signal}`));
    setTimeout(() => forceExit(SIGNAL_EXIT_CODES[signal]), graceMs).unref();
  }
  for (const signal of Object.keys(listeners) as HandledSignal[]) process.on(signal, listeners[signal]);
  return {
    signal: controller.signal,
    exitCode: () => (received === undefined ? undefined : SIGNAL_EXIT_CODES[received]),
    dispose: () => {
      for (const signal of Object.keys(listeners) as HandledSignal[])
        process.removeListener(signal, listeners[signal]);
    },
  };
}
