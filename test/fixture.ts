import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

/** A tiny, valid content root written to a temp folder; tests then break one thing at a time. */
export interface Fixture {
  root: string;
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string>;
  /** Rewrites a file through a function of its text. */
  edit(path: string, change: (text: string) => string): Promise<void>;
  cleanup(): Promise<void>;
}

export const mdx = (frontmatter: Record<string, unknown>, body = 'Body text.\n') => `---\n${stringify(frontmatter)}---\n\n${body}`;

const baseFiles: Record<string, string> = {
  'content/site.yaml': stringify({
    organisation: { name: 'Acme Sensors', description: 'Sensors.', website: 'https://acme.example' },
    trustCenter: { url: 'https://trust.acme.example', contactEmail: 'trust@acme.example', securityEmail: 'security@acme.example' },
    portal: { url: 'https://policies.acme.example' },
    people: [
      { id: 'ana', name: 'Ana Silva', role: 'Security Lead', email: 'ana@acme.example' },
      { id: 'ben', name: 'Ben Okoro', role: 'CTO', email: 'ben@acme.example' },
    ],
    frameworks: [{ framework: 'soc2', status: 'report-available', label: 'SOC 2 Type II' }],
  }),
  'frameworks/soc2.yaml': stringify({
    id: 'soc2',
    name: 'SOC 2',
    version: '2017',
    description: 'Criteria.',
    groups: [
      {
        id: 'CC6',
        title: 'Access',
        requirements: [
          { id: 'CC6.1', title: 'Logical access', description: 'Access is restricted.' },
          { id: 'CC6.2', title: 'Registration', description: 'Users are registered.' },
          { id: 'CC6.3', title: 'Removal', description: 'Access is removed.' },
          { id: 'CC6.4', title: 'Physical access', description: 'Premises are restricted.' },
        ],
      },
    ],
  }),
  'content/controls/AC-01.yaml': stringify({
    id: 'AC-01',
    title: 'SSO with MFA',
    area: 'Access control',
    description: 'Everyone signs in through SSO.',
    publicSummary: 'All staff sign in with MFA.',
    owner: 'ana',
    frequency: 'continuous',
    evidence: ['IdP policy export'],
    mappings: { soc2: ['CC6.1', 'CC6.2'] },
  }),
  'content/controls/AC-02.yaml': stringify({
    id: 'AC-02',
    title: 'Access review',
    area: 'Access control',
    description: 'Quarterly review.',
    owner: 'ana',
    frequency: 'quarterly',
    evidence: ['Signed review'],
    mappings: { soc2: ['CC6.2'] },
  }),
  'content/policies/access-control.mdx': mdx({
    id: 'access-control',
    title: 'Access Control Policy',
    summary: 'Who gets access.',
    version: '1.2.0',
    owner: 'ana',
    approver: 'ben',
    effective: '2026-03-01',
    controls: ['AC-01', 'AC-02'],
  }),
  'content/runbooks/access-review.mdx': mdx({
    id: 'access-review',
    title: 'Quarterly access review',
    summary: 'How to run the review.',
    owner: 'ana',
    lastTested: '2026-06-01',
    controls: ['AC-02'],
  }),
  'content/applicability.yaml': stringify({ exclusions: [{ requirement: 'soc2:CC6.4', justification: 'No offices.' }] }),
  'content/system-boundary.yaml': stringify({
    title: 'System boundary',
    summary: 'The platform.',
    components: [{ name: 'API', description: 'Public API', scope: 'in', reason: 'We run it.' }],
  }),
  'content/shared-responsibility.yaml': stringify({
    title: 'Shared responsibility',
    summary: 'Who does what.',
    rows: [{ domain: 'User access', vendor: 'We provide SSO.', customer: 'You manage users.' }],
  }),
  'content/subprocessors.yaml': stringify({
    subprocessors: [{ name: 'Cloud Co', purpose: 'Hosting', data: ['Telemetry'], location: 'Germany', transferMechanism: 'None', since: '2024-01-01' }],
  }),
  'content/trust/documents.yaml': stringify({
    documents: [{ id: 'soc2-report', title: 'SOC 2 report', description: 'The report.', access: 'approval', file: 'soc2.pdf', updated: '2026-05-01' }],
  }),
  'content/trust/access.yaml': stringify({ reviewers: ['ana@acme.example'], autoApprove: ['customer.example'], ndaBypass: ['gov.example'] }),
  'content/trust/nda.md': mdx({ title: 'NDA', version: '1', effective: '2026-01-01' }, 'Keep it confidential.\n'),
};

export async function makeFixture(): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'charter-fixture-'));
  const fixture: Fixture = {
    root,
    async write(path, text) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    },
    read: (path) => readFile(join(root, path), 'utf8'),
    async edit(path, change) {
      await fixture.write(path, change(await fixture.read(path)));
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  for (const [path, text] of Object.entries(baseFiles)) await fixture.write(path, text);
  return fixture;
}
