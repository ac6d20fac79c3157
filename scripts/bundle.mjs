/**
 * Bundles the action with @vercel/ncc, as actions/typescript-action does, into ESM files GitHub runs
 * directly on node24:
 *   src/action/main.ts → dist/index.js   (action.yml `main:`)
 *   src/action/post.ts → dist/post.js    (action.yml `post:`)
 * dist/package.json says {"type":"module"} so Node loads the .js files as ES modules.
 *
 * Two stages: tsc emits ESM JavaScript of the entries and what they import (no type check here: that is
 * `npm run typecheck`), into a directory inside the repository so node_modules resolves; then ncc bundles
 * that JavaScript. (ncc's own TypeScript loader emits CommonJS, which cannot import the ESM-only
 * @actions/* packages.)
 *
 * Usage: node scripts/bundle.mjs [outDir]   (default: dist; scripts/check-dist.sh builds into a temp dir)
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'dist'));

// The licences of every bundled package go to dist/licenses.txt (ncc's `license` option), written by the
// main entry: the post entry's dependencies are a subset of the main one's.
const entries = [
  { input: 'action/main', output: 'index.js', license: 'licenses.txt' },
  { input: 'action/post', output: 'post.js', license: '' },
];

// A fixed path (it appears in the bundle's module comments, so it must not vary), guarded by a lock so two
// bundles at once (a test and check-dist, say) do not share it.
const compiled = join(root, 'node_modules', '.cache', 'rlm-action-bundle');
const lock = `${compiled}.lock`;
await mkdir(dirname(lock), { recursive: true });
for (let waited = 0; ; waited += 250) {
  try {
    await mkdir(lock);
    break;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 10 * 60_000) await rm(lock, { recursive: true, force: true });
    else if (waited > 10 * 60_000) throw new Error(`${lock} is held by another bundle run`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
process.on('exit', () => rmSync(lock, { recursive: true, force: true }));
await rm(compiled, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    ...entries.map((entry) => join(root, 'src', `${entry.input}.ts`)),
    ...['--outDir', compiled, '--rootDir', join(root, 'src')],
    ...['--target', 'es2023', '--module', 'nodenext', '--moduleResolution', 'nodenext'],
    ...['--esModuleInterop', '--resolveJsonModule', '--skipLibCheck', '--noCheck', '--types', 'node'],
  ],
  { stdio: 'inherit' },
);

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

/**
 * ES modules have no __dirname/__filename; a few bundled CommonJS dependencies (ssh2's emscripten-built
 * poly1305, pulled in by dockerode) still read them at load time.
 */
const BANNER = [
  "import { dirname as __rlmDirname } from 'node:path';",
  "import { fileURLToPath as __rlmFileURLToPath } from 'node:url';",
  'const __filename = __rlmFileURLToPath(import.meta.url);',
  'const __dirname = __rlmDirname(__filename);',
  '',
].join('\n');

/** Asset path → bytes, shared by both entries; two different files under one name is an error. */
const written = new Map();

for (const entry of entries) {
  const { code, assets } = await ncc(join(compiled, `${entry.input}.js`), {
    cache: false,
    minify: false,
    sourceMap: false,
    quiet: true,
    target: 'es2023',
    license: entry.license,
  });
  await writeFile(join(outDir, entry.output), BANNER + code);
  for (const [name, asset] of Object.entries(assets ?? {})) {
    if (name === 'package.json') continue;
    const bytes = Buffer.from(asset.source);
    const previous = written.get(name);
    if (previous && !previous.equals(bytes)) throw new Error(`asset ${name} differs between entries`);
    written.set(name, bytes);
    await mkdir(dirname(join(outDir, name)), { recursive: true });
    await writeFile(join(outDir, name), bytes, { mode: asset.permissions });
  }
}

await rm(compiled, { recursive: true, force: true });
await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
process.stdout.write(
  `bundled ${entries.map((e) => e.output).join(', ')} (+${written.size} assets) into ${outDir}\n`,
);
