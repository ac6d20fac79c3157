/**
 * Keeps keys out of error messages. Provider messages can echo a key (OpenAI's
 * 401 says "Incorrect API key provided: sk-...abcd"), so both the exact
 * secrets and anything shaped like a key are replaced.
 */
const KEY_SHAPED = /\b(?:sk|key|pk|rk)-[A-Za-z0-9_*.-]{3,}/g;

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean.replace(KEY_SHAPED, '[redacted]');
}
