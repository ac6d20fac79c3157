/**
 * Removes the sandbox containers of this process when it gets SIGINT or
 * SIGTERM (GitHub cancels a job with SIGINT, then SIGTERM 7.5 s later, then
 * kills the tree). One pair of listeners serves every launcher; they are
 * installed while at least one launcher is registered and removed with the
 * last one.
 *
 * The signal is not swallowed: after cleanup, when no other listener is left
 * to decide what happens, it is raised again so the process dies of it with
 * the usual status. When the application has its own listener, that listener
 * owns the exit.
 */
export interface SignalCleanupTarget {
  /** Force-removes every container the target owns; must not throw. */
  removeAllNow(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type HandledSignal = (typeof SIGNALS)[number];

// Force-removal of a container takes well under a second; this only bounds a hung engine.
const CLEANUP_DEADLINE_MS = 5_000;

const targets = new Set<SignalCleanupTarget>();
let cleaning = false;

function onSignal(signal: HandledSignal): void {
  if (cleaning) return;
  cleaning = true;
  const cleanups = [...targets].map((target) => target.removeAllNow().catch(() => undefined));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLEANUP_DEADLINE_MS)));
  void Promise.race([Promise.all(cleanups), deadline]).then(() => {
    clearTimeout(timer);
    uninstall();
    cleaning = false;
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

const listeners: Record<HandledSignal, () => void> = {
  SIGINT: () => onSignal('SIGINT'),
  SIGTERM: () => onSignal('SIGTERM'),
};
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, listeners[signal]);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const signal of SIGNALS) process.removeListener(signal, listeners[signal]);
}

export function registerSignalCleanup(target: SignalCleanupTarget): void {
  targets.add(target);
  install();
}

export function unregisterSignalCleanup(target: SignalCleanupTarget): void {
  targets.delete(target);
  if (targets.size === 0 && !cleaning) uninstall();
}

/** For tests: whether the process-wide listeners are currently installed. */
export function signalCleanupInstalled(): boolean {
  return installed;
}
