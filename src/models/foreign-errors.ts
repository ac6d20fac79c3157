/**
 * Errors from fetch and JSON.parse can come from another realm (jest's VM
 * contexts, worker threads), where `instanceof TypeError` is false: match by name.
 */

/** undici reports a socket closed mid-body as TypeError("terminated"), a failed connect as "fetch failed". */
export function isSocketError(error: unknown): boolean {
  const { name, message } = nameAndMessage(error);
  return name === 'TypeError' && (message === 'terminated' || message === 'fetch failed');
}

/** A body or SSE event that is not JSON. */
export function isParseError(error: unknown): boolean {
  return nameAndMessage(error).name === 'SyntaxError';
}

export function nameAndMessage(error: unknown): { name: string | undefined; message: string } {
  if (typeof error !== 'object' || error === null) return { name: undefined, message: String(error) };
  const { name, message } = error as { name?: unknown; message?: unknown };
  return {
    name: typeof name === 'string' ? name : undefined,
    message: typeof message === 'string' ? message : String(error),
  };
}
