/**
 * The run's collected outputs in the Action: copied into the artifact under outputs/ (only files that
 * still match their recorded sha256, never through a symlink), images inline in the HTML report, and
 * listed (escaped) in the result comment.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { prepareArtifactFiles } from '../../src/action/reporting/artifact.js';
import { renderResult } from '../../src/action/reporting/report.js';
import { trajectoryAccess } from '../../src/action/reporting/trajectory-access.js';
import { Redactor } from '../../src/trajectory/redactor.js';
import type { OutputRecord } from '../../src/trajectory/types.js';
import { fakeResult, fakeTrajectory } from './support/fakes.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

function record(path: string, data: Buffer | string, mediaType: string): OutputRecord {
  const bytes = Buffer.from(data);
  return {
    path,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    media_type: mediaType,
  };
}

it('copies matching outputs into the artifact, inlines images, and lists outputs in the comment', async () => {
  const logDir = await mkdtemp(join(tmpdir(), 'rlm-artifact-outputs-'));
  const outside = await mkdtemp(join(tmpdir(), 'rlm-artifact-outside-'));
  const outputsDir = join(logDir, 'traj-0001', 'outputs');
  await mkdir(join(outputsDir, 'data'), { recursive: true });
  await writeFile(join(outputsDir, 'chart.png'), PNG);
  await writeFile(join(outputsDir, 'data', 'table.csv'), 'a,b\n1,2\n');
  await writeFile(join(outputsDir, 'changed.txt'), 'changed after the run');
  await writeFile(join(outside, 'secret.txt'), 'host file');
  await symlink(join(outside, 'secret.txt'), join(outputsDir, 'linked.txt'));
  const outputs = [
    record('chart.png', PNG, 'image/png'),
    record('changed.txt', 'as the run left it', 'text/plain'),
    record('data/table.csv', 'a,b\n1,2\n', 'text/csv'),
    record('linked.txt', 'host file', 'text/plain'),
    record('`@team <b>', 'x', 'text/plain'),
  ];
  const result = fakeResult({ outputs, outputsDir });
  const trajectory = fakeTrajectory(result);
  // The Action always loads a trajectory before rendering: that is what imports the renderers.
  expect(await trajectoryAccess.load(logDir, 'no-such-trajectory')).toBeUndefined();

  const prepared = await prepareArtifactFiles(
    trajectory,
    join(logDir, 'artifact'),
    new Redactor([]),
    trajectoryAccess,
    logDir,
  );

  const names = prepared.files.map((file) => relative(prepared.directory, file));
  expect(names).toEqual([
    'trajectory.jsonl',
    'trajectory.md',
    'trajectory.html',
    'outputs/chart.png',
    'outputs/data/table.csv',
  ]);
  expect(await readFile(join(prepared.directory, 'outputs', 'chart.png'))).toEqual(PNG);
  const html = await readFile(join(prepared.directory, 'trajectory.html'), 'utf8');
  expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
  expect(html).toContain('<code>`@team &lt;b&gt;</code>');
  expect(await readFile(join(prepared.directory, 'trajectory.md'), 'utf8')).toContain('## Outputs');

  const comment = renderResult(result, {
    task: 't',
    notes: [],
    cancelled: false,
    runUrl: 'https://x',
    artifactUrl: null,
  });
  expect(comment).toContain('**Outputs** (5, in the trajectory artifact under `outputs/`):');
  expect(comment).toContain('- `chart.png` (69 B, image/png)');
  // A model-chosen name cannot ping a team or open markup.
  expect(comment).toContain("- `'@\u200bteam <b>`");
});
