/**
 * Open a trajectory file in the page (file picker or drop). The file is read here, in the browser, and
 * never sent anywhere or copied into the log dir; `rlm logs import FILE` is the way to keep it.
 */
import type { Trajectory } from '../../trajectory/types.js';
import { parseTrajectoryText } from '../data/parse-text.js';
import { h } from './dom.js';

/** Larger files are refused rather than freezing the tab. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function importControl(
  onRuns: (runs: Trajectory[], name: string) => void,
  onError: (message: string) => void,
): HTMLElement {
  const input = h('input', {
    type: 'file',
    accept: '.json,.jsonl,application/json',
    class: 'import-file',
    'aria-label': 'Open a trajectory file',
  });
  const open = async (file: File): Promise<void> => {
    if (file.size > MAX_IMPORT_BYTES)
      return onError(`${file.name}: larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const parsed = parseTrajectoryText(await file.text(), file.name);
    if (parsed.runs.length === 0)
      return onError(
        `${file.name}: no trajectory found${parsed.problems.length > 0 ? ` (${parsed.problems.slice(0, 3).join('; ')})` : ''}`,
      );
    onRuns(parsed.runs, file.name);
  };
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void open(file);
  });
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) void open(file);
  });
  return h('label', { class: 'import' }, 'Open a trajectory file (or drop one on the page): ', input);
}
