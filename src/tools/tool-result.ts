/**
 * An MCP tool result as Python code wants it: structured content or a JSON
 * text comes back as dict / list, other text as str; images and binary
 * resources become small descriptive dicts (their bytes never cross the
 * bridge). A result flagged `isError` is an error, which the prelude turns
 * into an "Error: ..." string. Results are capped so one tool cannot flood
 * the REPL or the host-call frame.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Characters of a tool result handed to the code; longer results are cut to a head with a notice. */
export const MAX_TOOL_RESULT_CHARS = 200_000;

type ContentItem = CallToolResult['content'][number];

export class ToolResultError extends Error {}

export function toPythonValue(result: CallToolResult, maxChars = MAX_TOOL_RESULT_CHARS): unknown {
  const texts = result.content.map(describeItem);
  if (result.isError === true) {
    const message = texts.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n');
    throw new ToolResultError(capText(message || 'the tool reported an error', maxChars));
  }
  const value = resultValue(result, texts);
  return capValue(value, maxChars);
}

function resultValue(result: CallToolResult, items: unknown[]): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  if (items.length === 1 && typeof items[0] === 'string') return parseJsonContainer(items[0]);
  if (items.length === 0) return '';
  if (items.every((item) => typeof item === 'string')) return items.join('\n');
  return items;
}

/** JSON objects and arrays become dict / list; a bare number or word stays the text it is. */
function parseJsonContainer(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return text;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}

function describeItem(item: ContentItem): unknown {
  switch (item.type) {
    case 'text':
      return item.text;
    case 'image':
    case 'audio':
      return { type: item.type, mimeType: item.mimeType, base64_chars: item.data.length };
    case 'resource': {
      const resource = item.resource;
      return 'text' in resource
        ? { type: 'resource', uri: resource.uri, mimeType: resource.mimeType ?? null, text: resource.text }
        : {
            type: 'resource',
            uri: resource.uri,
            mimeType: resource.mimeType ?? null,
            blob_chars: resource.blob.length,
          };
    }
    case 'resource_link':
      return { type: 'resource_link', uri: item.uri, name: item.name };
    default:
      return { type: 'unknown' };
  }
}

/** A value whose JSON is over `maxChars` becomes its text cut to a head with a notice. */
export function capValue(value: unknown, maxChars: number): unknown {
  const json = JSON.stringify(value) ?? '';
  if (json.length <= maxChars) return value;
  const text = typeof value === 'string' ? value : json;
  return capText(text, maxChars);
}

function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n[... ${text.length - maxChars} characters cut: the tool result is over the ${maxChars}-character cap; ask for less]`;
}
