/**
 * The only environment a local REPL gets: an allowlist, nothing inherited from
 * the host (API keys and tokens live there). Extra variables must be configured
 * explicitly (options.docker.env).
 */
export function localReplEnvironment(home: string, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    HOME: home,
    ...extra,
  };
}
