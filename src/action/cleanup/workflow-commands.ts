/**
 * The few runner interactions the post step needs, without @actions/core (whose HTTP client would triple
 * the post bundle): a log line, a warning annotation, and the state the main step saved. Same formats as
 * @actions/core: `::warning::` with its data escaping, and state read from STATE_<name>.
 */

/** @actions/core's escapeData: a message stays one workflow command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function info(message: string): void {
  process.stdout.write(`${message}\n`);
}

export function warning(message: string): void {
  process.stdout.write(`::warning::${escapeData(message)}\n`);
}

export function getState(
  name: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return env[`STATE_${name}`] ?? '';
}
