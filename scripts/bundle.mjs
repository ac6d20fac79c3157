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
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'dist'));

const entries = [
  { input: 'action/main', output: 'index.js' },
  { input: 'action/post', output: 'post.js' },
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
 * poly1305, pulled in by dockerode) still read them at load time. Every entry and chunk gets this banner.
 */
const BANNER = [
  "import { dirname as __rlmDirname } from 'node:path';",
  "import { fileURLToPath as __rlmFileURLToPath } from 'node:url';",
  'const __filename = __rlmFileURLToPath(import.meta.url);',
  'const __dirname = __rlmDirname(__filename);',
  '',
].join('\n');

/**
 * dist/licenses.txt: name, version, licence and licence text of every package whose files went into a
 * bundle or chunk. (ncc's own `license` option misses most packages reached through the tsc stage.)
 */
const bundledPackages = new Set();

/** The package directory a bundled file belongs to, or null for the project's own files. */
function packageRoot(file) {
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const parts = file.slice(at + '/node_modules/'.length).split('/');
  const length = parts[0]?.startsWith('@') ? 2 : 1;
  // A file inside the package (not the package directory itself, nor the tsc stage's cache).
  if (parts[0] === '.cache' || parts.length <= length) return null;
  return file.slice(0, at + '/node_modules/'.length) + parts.slice(0, length).join('/');
}

async function licenceText(root) {
  const names = (await readdir(root)).filter((name) => /^(licen[cs]e|copying|notice)/i.test(name)).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(root, name), 'utf8')));
  return texts.join('\n').trim();
}

async function writeLicences(path) {
  const seen = new Map();
  for (const root of bundledPackages) {
    const manifestText = await readFile(join(root, 'package.json'), 'utf8').catch(() => null);
    if (manifestText === null) continue;
    const manifest = JSON.parse(manifestText);
    const key = `${manifest.name}@${manifest.version}`;
    if (seen.has(key)) continue;
    const license = typeof manifest.license === 'string' ? manifest.license : 'see the text below';
    const text = await licenceText(root);
    seen.set(
      key,
      `${manifest.name} ${manifest.version}\n${license}\n${text || '(no licence file in the package)'}\n`,
    );
  }
  const sorted = [...seen.keys()].sort().map((key) => seen.get(key));
  await writeFile(path, `${sorted.join('\n---\n\n')}`);
  return seen.size;
}

/** Asset path → bytes, shared by both entries; two different files under one name is an error. */
const written = new Map();

for (const entry of entries) {
  const { code, assets, stats } = await ncc(join(compiled, `${entry.input}.js`), {
    cache: false,
    minify: false,
    sourceMap: false,
    quiet: true,
    target: 'es2023',
  });
  for (const file of stats.compilation.fileDependencies) {
    const root = packageRoot(file);
    if (root) bundledPackages.add(root);
  }
  await writeFile(join(outDir, entry.output), BANNER + code);
  for (const [name, asset] of Object.entries(assets ?? {})) {
    if (name === 'package.json') continue;
    // Lazily loaded chunks (`<id>.index.js`) are ES modules of their own: they need the banner too.
    const chunk = /^\d+\.[\w-]+\.js$/.test(name);
    const bytes = chunk ? Buffer.from(BANNER + String(asset.source)) : Buffer.from(asset.source);
    const previous = written.get(name);
    if (previous && !previous.equals(bytes)) throw new Error(`asset ${name} differs between entries`);
    written.set(name, bytes);
    await mkdir(dirname(join(outDir, name)), { recursive: true });
    await writeFile(join(outDir, name), bytes, { mode: asset.permissions });
  }
}

const licensed = await writeLicences(join(outDir, 'licenses.txt'));
await rm(compiled, { recursive: true, force: true });
await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
process.stdout.write(
  `bundled ${entries.map((e) => e.output).join(', ')} (+${written.size} assets, licences of ${licensed} packages) into ${outDir}\n`,
);
