/** One line per host tool call of a code block, for the HTML report (and dashboard) and the markdown. */
import type { ToolCallRecord } from '../types.js';
import { formatCount, formatDuration } from './format.js';

/** Characters of a call's arguments shown per line; the trajectory keeps up to 2,000. */
const SHOWN_ARGUMENT_CHARS = 160;

export function toolCallLines(calls: readonly ToolCallRecord[]): string {
  return calls
    .map((call) => {
      const where = call.server === null ? call.tool : `${call.server}/${call.name}`;
      const args =
        call.arguments.length > SHOWN_ARGUMENT_CHARS
          ? `${call.arguments.slice(0, SHOWN_ARGUMENT_CHARS)}...`
          : call.arguments;
      const outcome =
        call.status === 'ok'
          ? `ok, ${formatCount(call.result_chars)} chars`
          : `error: ${call.error ?? 'failed'}`;
      return `${where}(${args}) → ${outcome} in ${formatDuration(call.duration_ms)}`;
    })
    .join('\n');
}
