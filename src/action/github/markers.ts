/**
 * Hidden HTML comments that tag what the action writes on GitHub. They let a later step (or a re-run)
 * find the one comment or issue it owns, and let the trigger ignore the action's own comments so it can
 * never trigger itself.
 */

const PREFIX = 'rlm-runtime-action';

/** Any body carrying this was written by the action. */
export const OWN_MARKER_PREFIX = `<!-- ${PREFIX}:`;

/** The progress/result comment answering one command (keyed by the triggering comment's id). */
export function commandMarker(triggerCommentId: number): string {
  return `${OWN_MARKER_PREFIX}command:${triggerCommentId} -->`;
}

/** The one result comment of a workflow job run on a pull request event (no command comment). */
export function resultMarker(key: string): string {
  return `${OWN_MARKER_PREFIX}result:${sanitizeKey(key)} -->`;
}

/** The one issue a scheduled audit keeps up to date. */
export function auditMarker(key: string): string {
  return `${OWN_MARKER_PREFIX}audit:${sanitizeKey(key)} -->`;
}

/** The short reply to a refused or unauthorized command (keyed by comment id, or `label-<number>`). */
export function refusalMarker(key: number | string): string {
  return `${OWN_MARKER_PREFIX}refusal:${sanitizeKey(String(key))} -->`;
}

/** The one result comment of runs started by labelling issue or pull request `number`. */
export function labelMarker(number: number): string {
  return `${OWN_MARKER_PREFIX}label:${number} -->`;
}

/**
 * Whether a comment or issue is the one the action wrote under `marker`: the body starts with the marker
 * and a bot account (the workflow token's identity) wrote it. Anyone can paste a marker into their own
 * comment or issue; that must not make the action edit it (and present a stranger's text as its result).
 */
export function isMarkedByBot(item: { body: string; authorType: string | null }, marker: string): boolean {
  return item.authorType === 'Bot' && item.body.startsWith(marker);
}

export function isOwnBody(body: string | null | undefined): boolean {
  return typeof body === 'string' && body.includes(OWN_MARKER_PREFIX);
}

/** Keys end up inside an HTML comment: keep them to a harmless alphabet so `-->` can never close it early. */
function sanitizeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_./-]+/g, '_').replace(/-{2,}/g, '-');
}
