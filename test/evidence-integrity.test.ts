import { execFile } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareWithBase } from '../src/cli/diff.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { loadContent } from '../src/lib/content/load.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { appendSnapshot } from '../src/lib/evidence/collect.ts';
import { keyFingerprint, signSnapshotHash } from '../src/lib/evidence/signatures.ts';
import { snapshotHash } from '../src/lib/evidence/snapshots.ts';
import { evidenceProblems } from '../src/lib/evidence/verify.ts';
import { buildGraph } from '../src/lib/graph/graph.ts';
import { makeFixture, type Fixture } from './fixture.ts';

const run = promisify(execFile);
const project = join(import.meta.dirname, '..');
const git = (root: string, ...args: string[]) => run('git', ['-C', root, ...args]).then((r) => r.stdout);
const today = '2026-11-22';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await makeFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

/** Three snapshots of one collector, on 1, 2 and 3 November 2026; signed when a key is given. */
async function chain(signingKey?: KeyObject): Promise<string[]> {
  const files: string[] = [];
  for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
    const raw = { collector: 'idp-mfa', collectedAt: `${day}T06:00:00Z`, controls: ['AC-01'], summary: 'All 12 users use WebAuthn.', items: [] };
    const result = await appendSnapshot(fixture.root, 'test', raw, `${today}T12:00:00Z`, undefined, signingKey);
    expect(result.problems).toEqual([]);
    files.push(result.file!);
  }
  return files;
}

async function repository(): Promise<string[]> {
  const files = await chain();
  await git(fixture.root, 'init', '-q', '-b', 'main');
  await git(fixture.root, 'config', 'user.name', 'Ana Silva');
  await git(fixture.root, 'config', 'user.email', 'ana@acme.example');
  await git(fixture.root, 'config', 'commit.gpgsign', 'false');
  await git(fixture.root, 'add', '-A');
  await git(fixture.root, 'commit', '-q', '-m', 'Base content with evidence');
  await git(fixture.root, 'checkout', '-q', '-b', 'change');
  return files;
}

async function diffErrors(): Promise<string[]> {
  const { summary } = await compareWithBase(fixture.root, 'main');
  expect(summary.errors).toBeGreaterThan(0);
  return summary.findings.filter((f) => f.severity === 'error').map(formatProblem);
}

/** Rewrites the newest snapshot's summary and recomputes its hash, so its own chain still verifies. */
async function rehash(file: string): Promise<void> {
  await fixture.edit(file, (text) => {
    const snapshot = JSON.parse(text) as Record<string, unknown>;
    snapshot.summary = 'All 12 users use WebAuthn (reviewed again).';
    snapshot.hash = snapshotHash(snapshot);
    return `${JSON.stringify(snapshot, null, 2)}\n`;
  });
}

describe('charter diff: evidence is append-only', () => {
  it('passes a change that only adds snapshots', async () => {
    await repository();
    const raw = { collector: 'idp-mfa', collectedAt: '2026-11-04T06:00:00Z', controls: ['AC-01'], summary: 'All 12 users use WebAuthn.', items: [] };
    expect((await appendSnapshot(fixture.root, 'test', raw, `${today}T12:00:00Z`)).problems).toEqual([]);
    const { summary } = await compareWithBase(fixture.root, 'main');
    expect(summary.findings).toEqual([]);
    expect(summary.errors).toBe(0);
  });

  it('fails on an edited snapshot, even re-hashed so that its chain verifies', async () => {
    const files = await repository();
    await rehash(files[2]!);
    expect(await diffErrors()).toEqual([
      `${files[2]}: the snapshot exists at main (${(await git(fixture.root, 'rev-parse', 'main')).slice(0, 7)}) and was edited; evidence is append-only: restore the file from main (${(await git(fixture.root, 'rev-parse', 'main')).slice(0, 7)}) and add a new snapshot instead`,
    ]);
  });

  it('fails on a deleted snapshot and the shortened chain', async () => {
    const files = await repository();
    await rm(join(fixture.root, files[2]!));
    const errors = await diffErrors();
    expect(errors).toEqual([
      expect.stringMatching(/^evidence-snapshots\/idp-mfa: the chain of collector "idp-mfa" is shorter than at main \(\w+\) \(2 snapshots, was 3\)/),
      expect.stringMatching(new RegExp(`^${files[2]!.replaceAll('.', '\\.')}: the snapshot exists at main \\(\\w+\\) and was deleted`)),
    ]);
  });

  it('fails on a chain truncated to nothing, and on a renamed snapshot', async () => {
    const files = await repository();
    for (const file of files.slice(1)) await rm(join(fixture.root, file));
    await rename(join(fixture.root, files[0]!), join(fixture.root, 'evidence-snapshots/idp-mfa.2026-11-09T060000Z.json'));
    const errors = await diffErrors();
    expect(errors).toEqual([
      expect.stringMatching(/^evidence-snapshots\/idp-mfa: the chain of collector "idp-mfa" is shorter than at main \(\w+\) \(1 snapshots, was 3\)/),
      expect.stringMatching(/^evidence-snapshots\/idp-mfa\.2026-11-02T060000Z\.json: .* was deleted/),
      expect.stringMatching(/^evidence-snapshots\/idp-mfa\.2026-11-03T060000Z\.json: .* was deleted/),
      expect.stringMatching(/^evidence-snapshots\/idp-mfa\.2026-11-09T060000Z\.json: renamed from evidence-snapshots\/idp-mfa\.2026-11-01T060000Z\.json/),
    ]);
  });
});

describe('signed evidence', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const keysFile = (pem: string, extra = '') => `keys:\n  - collector: idp-mfa\n    publicKey: |\n${pem.replace(/^/gm, '      ').trimEnd()}\n${extra}`;

  async function verifyErrors(): Promise<string[]> {
    const source = directorySource(fixture.root);
    const { graph } = buildGraph((await loadContent(source)).content);
    return (await evidenceProblems(source, graph, today)).filter((p) => p.severity === 'error').map(formatProblem);
  }

  it('signs each snapshot with the collector key and verifies the signatures against content/evidence-keys.yaml', async () => {
    await fixture.write('content/evidence-keys.yaml', keysFile(publicPem));
    const files = await chain(privateKey);
    const first = JSON.parse(await fixture.read(files[0]!)) as { signature: { key: string } };
    expect(first.signature.key).toBe(keyFingerprint(publicKey));
    expect(await verifyErrors()).toEqual([]);
  });

  it('fails verification on a bad signature', async () => {
    await fixture.write('content/evidence-keys.yaml', keysFile(publicPem));
    const files = await chain(privateKey);
    const other = generateKeyPairSync('ed25519').privateKey;
    // Re-signed by someone without the collector's key, under the collector's key id.
    await fixture.edit(files[1]!, (text) => {
      const snapshot = JSON.parse(text) as { hash: string; signature: { key: string; value: string } };
      const forged = JSON.parse(JSON.stringify(snapshot)) as typeof snapshot;
      forged.signature.value = signSnapshotHash(forged.hash, other).value;
      return `${JSON.stringify(forged, null, 2)}\n`;
    });
    expect(await verifyErrors()).toEqual([
      expect.stringMatching(new RegExp(`^${files[1]!.replaceAll('.', '\\.')}:\\d+: signature\\.value: the signature does not match`)),
    ]);
    // The command says so and exits 1.
    const result = await run(process.execPath, [join(project, 'bin/charter.mjs'), 'evidence', 'verify', '--root', fixture.root]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('signature.value: the signature does not match');
  });

  it('fails on an unsigned snapshot where signatures are required, and on a key listed for nobody', async () => {
    await fixture.write('content/evidence-keys.yaml', keysFile(publicPem, '    requiredFrom: 2026-11-02T00:00:00Z\n'));
    const files = await chain();
    expect(await verifyErrors()).toEqual([
      expect.stringMatching(new RegExp(`^${files[1]!.replaceAll('.', '\\.')}:\\d+: collector: unsigned, but content/evidence-keys\\.yaml requires signatures`)),
      expect.stringMatching(new RegExp(`^${files[2]!.replaceAll('.', '\\.')}:\\d+: collector: unsigned`)),
    ]);
    await fixture.write('content/evidence-keys.yaml', 'keys:\n  - collector: idp-mfa\n    publicKey: not-a-key\n');
    expect(await verifyErrors()).toEqual([expect.stringMatching(/^content\/evidence-keys\.yaml:3: keys\[0\]\.publicKey: not an Ed25519 public key/)]);
  });

  it('a signing key that is not Ed25519 is a usage error of the command (exit 2)', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await fixture.write(
      'draft.json',
      JSON.stringify({ collector: 'idp-mfa', collectedAt: '2026-11-01T06:00:00Z', controls: ['AC-01'], summary: 'x', items: [] }),
    );
    const result = await run(
      process.execPath,
      [join(project, 'bin/charter.mjs'), 'evidence', 'import', join(fixture.root, 'draft.json'), '--root', fixture.root],
      {
        env: { ...process.env, CHARTER_EVIDENCE_KEY: rsa },
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CHARTER_EVIDENCE_KEY: not an Ed25519 private key');
    expect(await readdir(fixture.root)).not.toContain('evidence-snapshots');
  });
});
