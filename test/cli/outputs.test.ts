/**
 * Every run has /output in the sandbox; its regular files are collected when the run ends (answer or
 * limit stop) next to the trajectory, listed with size, sha256 and media type, printed by `rlm run` and
 * `rlm logs`, and shown inline in the HTML report. Symlinks and FIFOs there are skipped, never followed.
 * Model code runs in the real Docker sandbox.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrajectories } from '../../src/trajectory/reader.js';
import { validateTrajectory } from '../../src/trajectory/validate.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

// A 1×1 red PNG.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
const PNG = Buffer.from(PNG_BASE64, 'base64');
const CSV = 'service,errors\napi,3\ndb,5\n';

const WRITE_OUTPUTS = [
  'import base64, os',
  `open("/output/chart.png", "wb").write(base64.b64decode("${PNG_BASE64}"))`,
  'os.makedirs("/output/data", exist_ok=True)',
  `open("/output/data/table.csv", "w").write(${JSON.stringify(CSV)})`,
  // Attempts to make the host read or write elsewhere: both must be skipped.
  'os.symlink("/etc/passwd", "/output/passwd")',
  'os.mkfifo("/output/pipe")',
].join('\n');

interface RunJson {
  success: boolean;
  exit_code: number;
  trajectory_id: string;
  outputs: Array<{ path: string; bytes: number; sha256: string; media_type: string }>;
  outputs_dir: string | null;
}

function rlm(cwd: string, args: string[]) {
  return runRlm(args, { cwd });
}

function runArgs(...extra: string[]): string[] {
  return [
    'run',
    'make a chart',
    '--backend',
    'scripted',
    '--script',
    'script.yaml',
    '--image',
    TEST_IMAGE,
    ...extra,
  ];
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('/output', () => {
  it('is collected next to the trajectory, listed, printed and shown inline; links and FIFOs are skipped', async () => {
    const cwd = makeTempDir('outputs');
    writeScript(cwd, [repl(`${WRITE_OUTPUTS}\nFINAL("chart ready")`)]);
    const run = await rlm(cwd, runArgs('--json'));
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as RunJson;
    expect(json.outputs).toEqual([
      { path: 'chart.png', bytes: PNG.length, sha256: sha256(PNG), media_type: 'image/png' },
      { path: 'data/table.csv', bytes: CSV.length, sha256: sha256(CSV), media_type: 'text/csv' },
    ]);
    const outputsDir = join(cwd, 'logs', json.trajectory_id, 'outputs');
    expect(json.outputs_dir).toBe(outputsDir);
    expect(readFileSync(join(outputsDir, 'chart.png'))).toEqual(PNG);
    expect(readFileSync(join(outputsDir, 'data', 'table.csv'), 'utf8')).toBe(CSV);
    expect(readdirSync(outputsDir).sort()).toEqual(['chart.png', 'data']);

    const [trajectory] = await readTrajectories(join(cwd, 'logs'));
    expect(validateTrajectory(trajectory)).toEqual({ valid: true, errors: [] });
    expect(trajectory?.schema_version).toBe(2);
    expect(trajectory?.outputs).toEqual(json.outputs);
    expect(trajectory?.outputs_dir).toBe(`${json.trajectory_id}/outputs`);
    expect(trajectory?.outputs_skipped).toEqual([
      { path: 'passwd', reason: 'symlink (not followed)' },
      { path: 'pipe', reason: 'FIFO' },
    ]);
    expect(trajectory?.system_prompt).toContain('/output');

    const logs = await rlm(cwd, ['logs', json.trajectory_id]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain(`Outputs: 2 files in ${outputsDir}`);
    expect(logs.stdout).toMatch(/chart\.png\s+.*image\/png\s+sha256:[0-9a-f]{12}/);
    expect(logs.stdout).toContain('skipped passwd: symlink (not followed)');

    const html = await rlm(cwd, ['logs', json.trajectory_id, '--format', 'html']);
    expect(html.stdout).toContain(`src="data:image/png;base64,${PNG_BASE64}"`);
    expect(html.stdout).toContain('img-src data:');
  });

  it('prints the outputs with the answer in text mode', async () => {
    const cwd = makeTempDir('outputs-text');
    writeScript(cwd, [repl(`${WRITE_OUTPUTS}\nFINAL("done")`)]);
    const run = await rlm(cwd, runArgs());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Outputs: 2 files in .*\/logs\/[0-9a-f-]+\/outputs\n {2}chart\.png /);
  });

  it('is collected when a limit stops the run too', async () => {
    const cwd = makeTempDir('outputs-limit');
    writeScript(cwd, [repl('open("/output/partial.txt", "w").write("half done")\nprint("working")')]);
    const run = await rlm(cwd, runArgs('--json', '--max-iterations', '1'));
    const json = JSON.parse(run.stdout) as RunJson;
    expect(json.success).toBe(false);
    expect(json.exit_code).toBe(1);
    expect(json.outputs.map((output) => output.path)).toEqual(['partial.txt']);
    expect(readFileSync(join(json.outputs_dir ?? '', 'partial.txt'), 'utf8')).toBe('half done');
  });
});
