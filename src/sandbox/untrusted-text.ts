/**
 * Quotes a string that came from the sandbox (a host function name, a tool name)
 * for an error message. Errors go back to the REPL and into logs: cut, so that no
 * error echoes an unbounded untrusted string.
 */
export function quoteUntrusted(text: string, maxChars = 80): string {
  if (text.length <= maxChars) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, maxChars))}… (${text.length} characters)`;
}
