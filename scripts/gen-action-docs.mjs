/**
 * The Action's inputs and outputs tables, generated from action.yml into docs/action.md (their one place;
 * README links there), between the `generated:action-inputs` / `generated:action-outputs` markers.
 *
 * Usage: node scripts/gen-action-docs.mjs           rewrite docs/action.md
 *        node scripts/gen-action-docs.mjs --check   exit 1 when docs/action.md is not current
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docPath = join(root, 'docs', 'action.md');

/** One table cell: one line, pipes escaped. */
function cell(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
}

function inputsTable(inputs) {
  const rows = Object.entries(inputs).map(([name, spec]) => {
    const fallback = spec.default === undefined || spec.default === '' ? '' : `\`${cell(spec.default)}\``;
    return `| \`${name}\` | ${fallback} | ${cell(spec.description)} |`;
  });
  return ['| input | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

function outputsTable(outputs) {
  const rows = Object.entries(outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`);
  return ['| output | value |', '| --- | --- |', ...rows].join('\n');
}

function replaceBetween(text, name, content) {
  const start = `<!-- generated:${name} (scripts/gen-action-docs.mjs from action.yml; do not edit) -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/action.md lacks the markers of ${name}`);
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`;
}

export async function renderActionDoc() {
  const action = parse(await readFile(join(root, 'action.yml'), 'utf8'));
  let text = await readFile(docPath, 'utf8');
  text = replaceBetween(text, 'action-inputs', inputsTable(action.inputs));
  text = replaceBetween(text, 'action-outputs', outputsTable(action.outputs));
  const options = (await prettier.resolveConfig(docPath)) ?? {};
  return prettier.format(text, { ...options, filepath: docPath });
}

const check = process.argv.includes('--check');
const current = await readFile(docPath, 'utf8');
const fresh = await renderActionDoc();
if (check) {
  if (fresh !== current) {
    process.stderr.write(
      'docs/action.md: the inputs/outputs tables are not current. Run `npm run gen:action-docs`.\n',
    );
    process.exit(1);
  }
  process.stdout.write('docs/action.md: inputs/outputs tables match action.yml.\n');
} else if (fresh !== current) {
  await writeFile(docPath, fresh);
  process.stdout.write('docs/action.md: tables regenerated from action.yml.\n');
}
