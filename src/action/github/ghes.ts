/**
 * GitHub Enterprise Server detection. @actions/artifact (artifact service v2) refuses GHES, so there the
 * action keeps the trajectory on the runner and says where, instead of failing every run on the upload.
 * Same rule as @actions/artifact: a server other than github.com, *.ghe.com (GHE.com data residency) or a
 * *.localhost test host; an API URL of the GHES shape (https://<host>/api/v3) confirms it.
 */
export function isEnterpriseServer(env: Readonly<Record<string, string | undefined>>): boolean {
  const api = env.GITHUB_API_URL ?? '';
  if (/\/api\/v3\/?$/.test(api)) return true;
  let host: string;
  try {
    host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
  } catch {
    return false;
  }
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}
