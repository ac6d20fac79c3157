/**
 * The user guide's code patterns, run as model code would run them: in the default image, through
 * the real Docker sandbox with its full hardening (non-root, read-only root filesystem, no
 * network, /tmp a noexec tmpfs) and the workspace mounted read-only at /workspace.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandbox } from '../../src/sandbox/index.js';
import { defaultSandboxOptions, type SandboxOptions } from '../../src/sandbox/options.js';
import type { Sandbox } from '../../src/sandbox/types.js';
import { TEST_DOCKER } from '../support/docker-image.js';

interface Entry {
  id: number;
  status: 'active' | 'inactive';
  timestamp: string;
}

// 40 entries, every third inactive, timestamps out of order so sorting matters.
const ENTRIES: Entry[] = Array.from({ length: 40 }, (_, i) => ({
  id: i,
  status: i % 3 === 0 ? 'inactive' : 'active',
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, (i * 37) % 60, i)).toISOString(),
}));

let workspace: string;
let sandbox: Sandbox;

beforeAll(async () => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'rlm-guide-'));
  writeFileSync(path.join(workspace, 'data.json'), JSON.stringify(ENTRIES), { mode: 0o644 });
  // mkdtemp makes it 0700: the sandbox user (not the owner) must be able to enter it, as a checkout.
  chmodSync(workspace, 0o755);
  const base = defaultSandboxOptions();
  const options: SandboxOptions = {
    ...base,
    execTimeoutMs: 60_000,
    docker: { ...base.docker, ...TEST_DOCKER, pull: false, workspaceDir: workspace },
  };
  sandbox = createSandbox(options);
  await sandbox.start();
});

afterAll(async () => {
  await sandbox.close();
  rmSync(workspace, { recursive: true, force: true });
});

/** Runs code and returns the last line of its stdout parsed as JSON; fails with the traceback otherwise. */
async function runJson(code: string): Promise<unknown> {
  const result = await sandbox.exec(code);
  if (result.status !== 'ok')
    throw new Error(`${result.status}: ${result.error ?? ''}\n${result.stderr.text}`);
  const lines = result.stdout.text.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null');
}

describe('the guide patterns in the default image', () => {
  it('writes a function and pytest tests for it, and runs pytest', async () => {
    const outcome = await runJson(
      [
        'import json, os, subprocess, sys, textwrap',
        'os.makedirs("/tmp/project", exist_ok=True)',
        'open("/tmp/project/emails.py", "w").write(textwrap.dedent("""',
        '    import re',
        '    def is_valid_email(address):',
        '        return re.fullmatch(r"[^@\\\\s]+@[^@\\\\s]+\\\\.[a-z]{2,}", address) is not None',
        '"""))',
        'open("/tmp/project/test_emails.py", "w").write(textwrap.dedent("""',
        '    import pytest',
        '    from emails import is_valid_email',
        '    @pytest.mark.parametrize("address", ["a@b.io", "first.last@example.com"])',
        '    def test_accepts(address):',
        '        assert is_valid_email(address)',
        '    @pytest.mark.parametrize("address", ["no-at.example.com", "a@b", "a b@c.io"])',
        '    def test_rejects(address):',
        '        assert not is_valid_email(address)',
        '"""))',
        'run = subprocess.run([sys.executable, "-m", "pytest", "-q", "/tmp/project"],',
        '                     cwd="/tmp/project", capture_output=True, text=True)',
        'print(json.dumps({"code": run.returncode, "summary": run.stdout.strip().splitlines()[-1]}))',
      ].join('\n'),
    );
    expect(outcome).toEqual({ code: 0, summary: expect.stringMatching(/^5 passed in /) as unknown });
  });

  it('reports a failing test as pytest does (exit code 1)', async () => {
    const outcome = await runJson(
      [
        'import json, subprocess, sys',
        'open("/tmp/project/test_wrong.py", "w").write("def test_wrong():\\n    assert 1 + 1 == 3\\n")',
        'run = subprocess.run([sys.executable, "-m", "pytest", "-q", "/tmp/project/test_wrong.py"],',
        '                     cwd="/tmp/project", capture_output=True, text=True)',
        'print(json.dumps({"code": run.returncode, "summary": run.stdout.strip().splitlines()[-1]}))',
      ].join('\n'),
    );
    expect(outcome).toEqual({ code: 1, summary: expect.stringMatching(/^1 failed in /) as unknown });
  });

  it('parses /workspace/data.json, keeps the active entries, sorts them by timestamp and takes ten', async () => {
    const top = await runJson(
      [
        'import json',
        'with open("/workspace/data.json") as f:',
        '    entries = json.load(f)',
        'active = sorted((e for e in entries if e["status"] == "active"), key=lambda e: e["timestamp"])',
        'print(json.dumps([e["id"] for e in active[:10]]))',
      ].join('\n'),
    );
    const expected = ENTRIES.filter((entry) => entry.status === 'active')
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
      .slice(0, 10)
      .map((entry) => entry.id);
    expect(top).toEqual(expected);
  });

  it('generates 1000 records with numpy, writes and reads a CSV with pandas, and computes statistics', async () => {
    const stats = (await runJson(
      [
        'import csv, json, statistics',
        'import numpy as np, pandas as pd',
        'rng = np.random.default_rng(7)',
        'frame = pd.DataFrame({"category": rng.choice(["a", "b", "c"], 1000),',
        '                      "value": rng.normal(50, 10, 1000)})',
        'frame.to_csv("/tmp/records.csv", index=False)',
        'back = pd.read_csv("/tmp/records.csv")',
        'with open("/tmp/records.csv", newline="") as f:',
        '    rows = list(csv.DictReader(f))',
        'values = [float(row["value"]) for row in rows]',
        'by_category = back.groupby("category")["value"].count().to_dict()',
        'print(json.dumps({"rows": len(back), "csv_rows": len(rows),',
        '                  "pandas_mean": back["value"].mean(), "stdlib_mean": statistics.fmean(values),',
        '                  "pandas_std": back["value"].std(), "stdlib_std": statistics.stdev(values),',
        '                  "by_category": by_category}))',
      ].join('\n'),
    )) as {
      rows: number;
      csv_rows: number;
      pandas_mean: number;
      stdlib_mean: number;
      pandas_std: number;
      stdlib_std: number;
      by_category: Record<string, number>;
    };
    expect(stats.rows).toBe(1000);
    expect(stats.csv_rows).toBe(1000);
    // Two independent computations (pandas, the standard library's statistics) of the same CSV agree.
    expect(stats.pandas_mean).toBeCloseTo(stats.stdlib_mean, 9);
    expect(stats.pandas_std).toBeCloseTo(stats.stdlib_std, 9);
    expect(Object.keys(stats.by_category).sort()).toEqual(['a', 'b', 'c']);
    expect(Object.values(stats.by_category).reduce((sum, count) => sum + count, 0)).toBe(1000);
  });

  it('draws a matplotlib histogram to a PNG without a display, as the non-root sandbox user', async () => {
    const chart = (await runJson(
      [
        'import json, os, struct',
        'import numpy as np',
        'import matplotlib',
        'import matplotlib.pyplot as plt',
        'samples = np.random.default_rng(1).normal(size=10_000)',
        'fig, ax = plt.subplots(figsize=(6, 4), dpi=100)',
        'ax.hist(samples, bins=40)',
        'ax.set_title("Monte Carlo samples")',
        'fig.savefig("/tmp/histogram.png")',
        'data = open("/tmp/histogram.png", "rb").read()',
        'width, height = struct.unpack(">II", data[16:24])',
        'print(json.dumps({"backend": matplotlib.get_backend(), "uid": os.getuid(),',
        '                  "magic": data[:8].hex(), "width": width, "height": height,',
        '                  "bytes": len(data), "mean": float(samples.mean())}))',
      ].join('\n'),
    )) as { backend: string; uid: number; magic: string; width: number; height: number; bytes: number };
    expect(chart.backend.toLowerCase()).toBe('agg');
    expect(chart.uid).not.toBe(0);
    expect(chart.magic).toBe('89504e470d0a1a0a');
    expect([chart.width, chart.height]).toEqual([600, 400]);
    expect(chart.bytes).toBeGreaterThan(5_000);
  });
});
