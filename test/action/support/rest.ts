/**
 * The real RestGitHub (Octokit with its retry and throttling plugins) pointed at the local stand-in, with
 * backoff and write spacing shrunk through its options so retries take milliseconds, not seconds.
 */
import Bottleneck from 'bottleneck';
import { RestGitHub, type RestGitHubOptions } from '../../../src/action/github/github-rest.js';

export function testGitHub(
  baseUrl: string,
  options: Partial<RestGitHubOptions> = {},
  repo = { owner: 'Codertocat', repo: 'Hello-World' },
): RestGitHub {
  return new RestGitHub('ghs_0123456789abcdefghijABCDEFGHIJ012345', repo, {
    baseUrl,
    backoffUnitMs: 1,
    writeLimiter: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    notificationLimiter: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    ...options,
  });
}
