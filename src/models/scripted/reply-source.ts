/** Where the scripted backend gets the next reply for a request. */
import type { CompletionRequest } from '../types.js';

export interface ReplySource {
  /** The reply text, or a thrown ModelApiError when the source has none for this call. */
  next(request: CompletionRequest): string;
}

/** The last user message: what the scripted backend treats as "the prompt". */
export function lastUserMessage(request: CompletionRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message?.role === 'user') return message.content;
  }
  return '';
}

export function isTopRootCall(request: CompletionRequest): boolean {
  return request.purpose.kind === 'root' && request.purpose.depth === 0;
}

export function describeCall(request: CompletionRequest): string {
  const { kind, depth, nodeId } = request.purpose;
  return `${kind} call of node ${nodeId} at depth ${depth}`;
}
