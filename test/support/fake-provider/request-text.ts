/** Pulls the last user message out of an Anthropic or OpenAI request body. */

function flatten(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) =>
      typeof block === 'object' && block !== null && typeof (block as { text?: unknown }).text === 'string'
        ? (block as { text: string }).text
        : '',
    )
    .join('');
}

export function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as { role?: unknown; content?: unknown } | undefined;
    if (message?.role === 'user') return flatten(message.content);
  }
  return '';
}

/** Rough prompt size for default usage numbers: every text in system and messages. */
export function promptChars(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
  const system = typeof body.system === 'string' ? body.system : flatten(body.system);
  return messages.reduce((sum, m) => sum + flatten(m.content).length, system.length);
}
