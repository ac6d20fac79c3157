/**
 * Octokit with the retry and throttling plugins, configured from RestGitHubOptions. Its own module so that
 * RestGitHub can import it on the first call (a dynamic import: ncc puts it in its own chunk).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { RestGitHubOptions } from './github-rest.js';

export type Octokit = ReturnType<typeof getOctokit>;

export function createOctokit(token: string, options: RestGitHubOptions): Octokit {
  const unit = options.backoffUnitMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 300;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const warn = options.warn ?? (() => undefined);
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait;
      warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter} s (retry ${retryCount + 1} of ${rateLimitRetries})` : 'giving up'}.`,
      );
      return retrying;
    };
  return getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      // 406 is an answer, not a glitch (a diff over the API's size limit): never retried.
      retry: {
        retries: options.retries ?? 3,
        retryAfterBaseValue: unit,
        doNotRetry: [400, 401, 403, 404, 406, 410, 422, 451],
      },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: unit,
        ...(options.writeLimiter ? { write: options.writeLimiter } : {}),
        ...(options.notificationLimiter ? { notifications: options.notificationLimiter } : {}),
      },
    },
    // Registration order is nesting order: throttling sits inside retry, so a rate-limited answer waits
    // for its retry-after / reset first; what throttling leaves (5xx, a bare 429) reaches retry's backoff.
    throttling,
    retry,
  );
}
