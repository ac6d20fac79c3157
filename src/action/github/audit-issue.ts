/**
 * A scheduled run reports to ONE issue, found again by its hidden marker: created the first time, updated
 * on every later run (no pile of issues, one per night).
 */
import type { GitHubPort, PostedIssue } from './github-port.js';
import { isMarkedByBot } from './markers.js';

export async function upsertAuditIssue(
  github: Pick<GitHubPort, 'listOpenIssues' | 'createIssue' | 'updateIssue'>,
  marker: string,
  title: string,
  body: string,
): Promise<{ issue: PostedIssue; created: boolean }> {
  const full = `${marker}\n${body}`;
  const existing = (await github.listOpenIssues()).find((candidate) => isMarkedByBot(candidate, marker));
  if (existing) return { issue: await github.updateIssue(existing.number, title, full), created: false };
  return { issue: await github.createIssue(title, full), created: true };
}
