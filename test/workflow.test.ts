import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture.ts';

const run = promisify(execFile);
const project = join(import.meta.dirname, '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  'runs-on': string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { branches?: string[] } | { cron: string }[] | null>;
  jobs: Record<string, Job>;
}

async function workflow(): Promise<Workflow> {
  return parse(await readFile(join(project, '.github/workflows/charter.yml'), 'utf8')) as Workflow;
}

describe('the GitHub Actions workflow for a compliance repository', () => {
  it('is valid YAML with a review job for pull requests and a build job for main and every day', async () => {
    const { on, jobs } = await workflow();
    expect(Object.keys(on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    expect((on.push as { branches: string[] }).branches).toEqual(['main']);
    // Once a day: review dates and evidence freshness are as of the build.
    expect(on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(Object.keys(jobs).sort()).toEqual(['build', 'review']);
    expect(jobs.review!.if).toBe("github.event_name == 'pull_request'");
    expect(jobs.build!.if).toBe("github.event_name != 'pull_request'");

    for (const job of Object.values(jobs)) {
      const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
      expect(checkout.with?.['fetch-depth']).toBe(0);
      expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with?.['node-version']).toBe(22);
      expect(job.steps.some((s) => s.run === 'npm ci')).toBe(true);
    }

    const review = jobs.review!.steps;
    expect(review.some((s) => s.run === 'npx charter check')).toBe(true);
    const diff = review.find((s) => s.run?.includes('charter diff'))!;
    expect(diff.run).toContain('--base "origin/$BASE_REF"');
    expect(diff.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(diff.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    // The summary is written even when `charter check` failed before it.
    expect(diff.if).toBe('${{ !cancelled() }}');

    const build = jobs.build!.steps;
    const runs = build.map((s) => s.run);
    expect(runs.indexOf('npx charter evidence verify')).toBeGreaterThan(-1);
    expect(runs.indexOf('npx charter evidence verify')).toBeLessThan(runs.indexOf('npx charter build'));
    const artifacts = build.filter((s) => s.uses?.startsWith('actions/upload-artifact@')).map((s) => s.with?.path);
    expect(artifacts).toEqual(['dist/portal', 'dist/trust']);
  });

  it('writes the summary and then fails the step when the change has an error', async () => {
    const step = (await workflow()).jobs.review!.steps.find((s) => s.run?.includes('charter diff'))!;
    const fixture = await makeFixture();
    const bin = await mkdtemp(join(tmpdir(), 'charter-bin-'));
    try {
      const git = (...args: string[]) => run('git', ['-C', fixture.root, ...args]);
      await git('init', '-q', '-b', 'main');
      await git('config', 'user.name', 'Ana Silva');
      await git('config', 'user.email', 'ana@acme.example');
      await git('add', '-A');
      await git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Base');
      await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      await fixture.edit('content/policies/access-control.mdx', (t) => t.replace('Body text.', 'New rules.'));

      // `npx charter` as a company's repository would run it, pointing at this checkout.
      await writeFile(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = charter ] && shift\nexec "${process.execPath}" "${join(project, 'bin/charter.mjs')}" "$@"\n`);
      await chmod(join(bin, 'npx'), 0o755);
      const summaryFile = join(bin, 'summary.md');
      await writeFile(summaryFile, '');

      // GitHub runs `run:` steps with `bash -e -o pipefail`.
      const result = await run('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run!], {
        cwd: fixture.root,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, BASE_REF: 'main', GITHUB_STEP_SUMMARY: summaryFile },
      }).then(
        () => 0,
        (error: { code: number }) => error.code,
      );
      expect(result).toBe(1);
      const summary = await readFile(summaryFile, 'utf8');
      expect(summary).toContain('## Policy review');
      expect(summary).toContain('❌ **1 problem must be fixed before this change can be merged.**');
    } finally {
      await fixture.cleanup();
      await rm(bin, { recursive: true, force: true });
    }
  });
});
