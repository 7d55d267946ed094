// Regenerate the example evidence snapshots of Kestrel Systems:
//   node scripts/example/make-evidence.mjs [--out DIR]
//
// Writes evidence-snapshots/*.json (removing the old ones first), under the project or under DIR
// to compare with the committed snapshots: eight months of snapshots from ten collectors,
// chained exactly as `charter evidence collect` and `import` chain them. The data is invented
// but deterministic (a seeded random generator), and chosen so the portal shows every state:
// fresh and due controls, a stale one, controls with no evidence at all, and a visible gap (the
// identity provider collector stopped for three weeks in August when its API token expired).

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { summariseChanges } from '../../src/lib/evidence/collectors/git-change-management.ts';
import { addDays, addMonths } from '../../src/lib/time/dates.ts';
import { chainSnapshot, serialiseSnapshot, snapshotFileName, SNAPSHOTS_DIR } from '../../src/lib/evidence/snapshots.ts';
import { mfaSnapshot } from './evidence-collector.mjs';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ? resolve(values.out) : root;
const FIRST_DAY = '2026-03-20';
const LAST_DAY = '2026-11-22';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

let seed = 20260320;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const hex = (length) => Array.from({ length }, () => between(0, 15).toString(16)).join('');
const base64url = (length) => Array.from({ length }, () => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')).join('');
const at = (day, hour, minute, second = 0) => `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;
function* days(from, to) {
  for (let day = from; day <= to; day = addDays(day, 1)) yield day;
}
const weekday = (day) => new Date(`${day}T00:00:00Z`).getUTCDay();
const monthName = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

// ---------------------------------------------------------------------------------------------
// Writing chained snapshots

const latest = new Map();
const written = [];
function write(draft) {
  const snapshot = chainSnapshot(draft, latest.get(draft.collector));
  latest.set(draft.collector, snapshot);
  written.push([snapshotFileName(draft.collector, draft.collectedAt), snapshot]);
}

// ---------------------------------------------------------------------------------------------
// People

const site = parse(readFileSync(join(root, 'content/site.yaml'), 'utf8'));
const person = (id) => site.people.find((p) => p.id === id).name;
const engineers = [
  'Elena Sokolova',
  'Tomás Herrera',
  'Aisha Okafor',
  'Jonas Weber',
  'Mei Tanaka',
  'Nadia Haddad',
  'Oliver Grant',
  'Sven Nilsson',
  'Ines Carvalho',
  'Ravi Menon',
];
const roster = readFileSync(join(root, SNAPSHOTS_DIR, 'roster.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]);

// ---------------------------------------------------------------------------------------------
// git-change-management (CM-01, continuous): daily, from the platform repository's main line

const prTitles = [
  'Add retry budget to the MQTT bridge',
  'Bump Timescale client to 2.14',
  'Paginate the device list API',
  'Tighten CSP on the dashboard',
  'Alert on ingestion lag above five minutes',
  'Rotate staging database credentials',
  'Fix off-by-one in sequence gap detection',
  'Terraform: tag new S3 buckets with data classification',
  'KestrelOS: bump mbedTLS to 3.6.2',
  'Cache tenant quotas in the gateway API',
  'Remove unused IAM role for the old exporter',
  'Add cross-tenant test for the alert rules API',
  'Dashboard: show firmware channel per gateway',
  'Drop TLS 1.1 from the legacy ingest listener',
  'Semgrep: add rule for unparameterised SQL',
  'Shorten presigned export URLs to 15 minutes',
  'OTA: halt rollout when boot failures exceed 0.5%',
  'Broker: refuse certificates with revoked serials from cache',
  'Docs: runbook links in alerts',
  'Upgrade Node to 22.12 in the API images',
  'Retention job: log deleted partition counts',
  'Add SBOM upload to the firmware pipeline',
];
const emergencies = new Map([
  [
    '2026-06-12',
    {
      title: 'Hotfix: raise ingestion queue limit during backlog',
      author: 'Tomás Herrera',
      incident: 'INC-2291',
      reviewer: 'Elena Sokolova',
      reviewedAt: '2026-06-15',
    },
  ],
  [
    '2026-09-03',
    { title: 'Hotfix: disable broken OTA cohort filter', author: 'Aisha Okafor', incident: 'INC-2317', reviewer: 'Marcus Webb', reviewedAt: '2026-09-04' },
  ],
]);
let pullRequest = 1840;
function changesOn(day) {
  const count = [0, 6].includes(weekday(day)) ? between(0, 1) : between(2, 8);
  const items = [];
  for (let i = 0; i < count; i++) {
    const author = pick(engineers);
    const reviewers = [pick(engineers.filter((e) => e !== author))];
    if (random() < 0.25) reviewers.push(pick(engineers.filter((e) => e !== author && !reviewers.includes(e))));
    const squash = random() < 0.3;
    items.push({
      commit: hex(7),
      mergedAt: at(day, between(8, 18), between(0, 59), between(0, 59)),
      title: pick(prTitles),
      pullRequest: ++pullRequest,
      via: squash ? 'squash' : 'merge',
      authors: [author],
      reviewers,
      mergedBy: squash ? null : pick([author, reviewers[0]]),
      commits: squash ? 1 : between(1, 6),
      independentReview: true,
    });
  }
  const emergency = emergencies.get(day);
  if (emergency) {
    items.push({
      commit: hex(7),
      mergedAt: at(day, 2, 14, 9),
      title: emergency.title,
      pullRequest: null,
      via: 'direct',
      authors: [emergency.author],
      reviewers: [],
      mergedBy: null,
      commits: 1,
      independentReview: false,
    });
  }
  return items.sort((a, b) => a.mergedAt.localeCompare(b.mergedAt));
}
let previousRun = at(addDays(FIRST_DAY, -1), 5, 30, 12);
for (const day of days(FIRST_DAY, LAST_DAY)) {
  const collectedAt = at(day, 5, 30, between(5, 50));
  const items = changesOn(addDays(day, -1));
  write({
    collector: 'git-change-management',
    collectedAt,
    period: { from: previousRun, to: collectedAt },
    controls: ['CM-01'],
    summary: summariseChanges(items, 'main', previousRun),
    source: 'git repository kestrel-platform, branch main',
    items,
  });
  previousRun = collectedAt;
}

// ---------------------------------------------------------------------------------------------
// identity-provider-mfa (AC-01, continuous): daily, written by scripts/example/evidence-collector.mjs
// and imported. The Okta API token expired on 3 August and was replaced on 24 August: a gap.

const idpOutage = { from: '2026-08-03', to: '2026-08-23' };
const staffOn = (day) => 78 + Math.floor((Date.parse(day) - Date.parse(FIRST_DAY)) / (86_400_000 * 21));
for (const day of days(FIRST_DAY, LAST_DAY)) {
  if (day >= idpOutage.from && day <= idpOutage.to) continue;
  const users = [];
  for (let i = 0; i < staffOn(day); i++) users.push({ login: `staff${i}@kestrel.example`, status: 'ACTIVE', policy: 'Kestrel staff', factors: ['webauthn'] });
  for (const login of ['marcus.webb', 'priya.raman', 'tomas.herrera', 'breakglass-1'])
    users.push({ login: `${login}@kestrel.example`, status: 'ACTIVE', policy: 'Administrators', factors: ['webauthn'] });
  for (let i = 0; i < (day < '2026-07-01' ? 6 : 8); i++)
    users.push({ login: `contractor${i}@kestrel.example`, status: 'ACTIVE', policy: 'Contractors', factors: ['webauthn'] });
  // A contractor enrolled with push notifications in June until the SIEM alert was handled.
  if (day >= '2026-06-09' && day <= '2026-06-11')
    users.push({ login: 'k.obi.contractor@kestrel.example', status: 'ACTIVE', policy: 'Contractors', factors: ['webauthn', 'okta_verify_push'] });
  write(mfaSnapshot({ org: 'kestrel.okta.com', users }, at(day, 6, 0, between(0, 40))));
}

// ---------------------------------------------------------------------------------------------
// policy-review-status (GV-02, annual): monthly, from content and the approving merges

const policies = readdirSync(join(root, 'content/policies'))
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(root, 'content/policies', file), 'utf8');
    return parse(text.split('---')[1], { schema: 'core' });
  });
const cycleMonths = { quarterly: 3, semiannual: 6, annual: 12, biennial: 24 };
const approvalPr = new Map(policies.map((p, i) => [p.id, 1650 + i * 13]));
for (let month = 0; month < 8; month++) {
  const day = addMonths('2026-04-01', month);
  const items = policies.map((policy) => {
    // As of `day`: reviews recorded later had not happened yet, so the one before them counts.
    const reviewed =
      [policy.effective, policy.lastReviewed]
        .filter((d) => d && d <= day)
        .sort()
        .at(-1) ?? addMonths(policy.lastReviewed ?? policy.effective, -cycleMonths[policy.reviewCycle]);
    const nextReview = addMonths(reviewed, cycleMonths[policy.reviewCycle]);
    const [major, minor] = policy.version.split('.').map(Number);
    const version = policy.effective <= day ? policy.version : minor > 0 ? `${major}.${minor - 1}.0` : `${major - 1}.${4}.0`;
    return {
      policy: policy.id,
      title: policy.title,
      version,
      owner: person(policy.owner),
      approver: person(policy.approver),
      reviewCycle: policy.reviewCycle,
      lastReviewed: reviewed,
      nextReview,
      status: nextReview < day ? 'overdue' : nextReview <= addDays(day, 30) ? 'due soon' : 'current',
      approvedIn: {
        date: `${reviewed}T14:02:00Z`,
        pullRequest: approvalPr.get(policy.id) + month,
        via: 'merge',
        mergedBy: person(policy.approver),
        approvers: [person(policy.approver)],
      },
    };
  });
  const overdue = items.filter((i) => i.status === 'overdue');
  const dueSoon = items.filter((i) => i.status === 'due soon');
  const parts = [`${items.length - overdue.length - dueSoon.length} within their review cycle`];
  if (dueSoon.length) parts.push(`${dueSoon.length} due within 30 days`);
  if (overdue.length) parts.push(`${overdue.length} overdue (${overdue.map((i) => i.title).join(', ')})`);
  write({
    collector: 'policy-review-status',
    collectedAt: at(day, 7, 0, 4),
    controls: ['GV-02'],
    summary: `${items.length} policies: ${parts.join(', ')}.`,
    source: 'content/policies and their git history',
    items,
  });
}

// ---------------------------------------------------------------------------------------------
// policy-acknowledgements (HR-02, annual): monthly export of the portal's acknowledgement records

const acknowledged = policies.filter((p) => p.acknowledgement);
const contentHashes = new Map(acknowledged.map((p) => [p.id, hex(64)]));
for (let month = 0; month < 8; month++) {
  const to = addMonths('2026-04-01', month);
  const from = addMonths(to, -1);
  const items = [];
  for (const policy of acknowledged) {
    if (policy.effective < from || policy.effective >= to) continue;
    for (const email of roster) {
      const day = addDays(policy.effective, between(0, 12));
      if (day >= to) continue;
      items.push({
        person: email,
        policy: policy.id,
        version: policy.version,
        contentHash: contentHashes.get(policy.id),
        acknowledgedAt: at(day, between(7, 17), between(0, 59), between(0, 59)),
      });
    }
  }
  items.sort((a, b) => a.acknowledgedAt.localeCompare(b.acknowledgedAt));
  const people = new Set(items.map((i) => i.person)).size;
  const count = new Set(items.map((i) => i.policy)).size;
  write({
    collector: 'policy-acknowledgements',
    collectedAt: at(to, 7, 10, 31),
    period: { from: `${from}T07:10:31Z`, to: `${to}T07:10:31Z` },
    controls: ['HR-02'],
    summary: items.length
      ? `${items.length} acknowledgements by ${people} people of ${count} ${count === 1 ? 'policy' : 'policies'} between ${from} and ${to}.`
      : `No policy acknowledgements between ${from} and ${to}.`,
    source: 'portal acknowledgement records',
    items,
  });
}

// ---------------------------------------------------------------------------------------------
// report-access (DP-04, annual): monthly export of the trust center's download log

const prospects = [
  ['Nordwerk Energie', 'nordwerk.example'],
  ['Baltic Cold Chain', 'balticcold.example'],
  ['Helio Utilities', 'helio-util.example'],
  ['Ardent Foods', 'ardentfoods.example'],
  ['Meridian Water', 'meridianwater.example'],
  ['Tessel Logistics', 'tessel.example'],
];
const firstNames = ['anna', 'lukas', 'sara', 'david', 'marta', 'peter', 'julia', 'omar'];
for (let month = 0; month < 8; month++) {
  const to = addMonths('2026-04-01', month);
  const from = addMonths(to, -1);
  const items = [];
  for (let i = between(2, 6); i > 0; i--) {
    const [company, domain] = pick(prospects);
    const day = addDays(from, between(0, 27));
    items.push({
      requestId: `req_${base64url(12)}`,
      requester: `${pick(firstNames)}@${domain}`,
      company,
      document: random() < 0.7 ? 'soc2-type2-2026' : 'pentest-summary-2026',
      accessedAt: at(day, between(7, 18), between(0, 59), between(0, 59)),
    });
  }
  items.sort((a, b) => a.accessedAt.localeCompare(b.accessedAt));
  const companies = new Set(items.map((i) => i.company)).size;
  write({
    collector: 'report-access',
    collectedAt: at(to, 7, 20, 12),
    period: { from: `${from}T07:20:12Z`, to: `${to}T07:20:12Z` },
    controls: ['DP-04'],
    summary: `${items.length} downloads of gated documents by ${companies} organisation${companies === 1 ? '' : 's'} between ${from} and ${to}.`,
    source: 'trust-center access log',
    items,
  });
}

// ---------------------------------------------------------------------------------------------
// emergency-change-review (CM-03, monthly): imported from the GitHub audit log report

for (let month = 0; month < 8; month++) {
  const day = addMonths('2026-04-03', month);
  const reviewedMonth = addMonths(day.slice(0, 8) + '01', -1);
  const items = [...emergencies]
    .filter(([d]) => d.slice(0, 7) === reviewedMonth.slice(0, 7))
    .map(([d, e]) => ({
      change: e.title,
      mergedAt: at(d, 2, 14, 9),
      author: e.author,
      incident: e.incident,
      reviewedBy: e.reviewer,
      reviewedAt: e.reviewedAt,
      outcome: 'accepted',
    }));
  write({
    collector: 'emergency-change-review',
    collectedAt: at(day, 9, 15, 0),
    controls: ['CM-03'],
    summary: items.length
      ? `${items.length} emergency change in ${monthName(reviewedMonth)}, matched to ${items[0].incident} and reviewed after the fact by ${items[0].reviewedBy} on ${items[0].reviewedAt}.`
      : `No emergency changes in ${monthName(reviewedMonth)}: every change reached main through a reviewed pull request.`,
    source: 'GitHub audit log and CloudTrail',
    items,
  });
}

// ---------------------------------------------------------------------------------------------
// device-certificate-reconciliation (DI-03, monthly): stopped after September, so it goes stale

for (const day of ['2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30']) {
  const items = ['NR-1', 'NR-2'].map((station) => {
    const issued = between(1800, 2600);
    return { station, certificatesIssued: issued, unitsShipped: issued, unexplained: 0, overLimitAlerts: 0 };
  });
  const total = items.reduce((n, i) => n + i.certificatesIssued, 0);
  write({
    collector: 'device-certificate-reconciliation',
    collectedAt: at(day, 16, 40, 0),
    controls: ['DI-03'],
    summary: `${monthName(day)}: ${total.toLocaleString('en-GB')} device certificates issued at 2 stations, all matched to shipped units; signed off by ${person('aisha')}.`,
    source: 'Issuing CA log and Norrland shipping records',
    items,
  });
}

// ---------------------------------------------------------------------------------------------
// access-review (AC-03, quarterly) and restore-test (BC-02, quarterly; the October test is overdue)

const systems = [
  'AWS production',
  'AWS backup account',
  'Okta administrators',
  'GitHub organisation',
  'TimescaleDB',
  'Confluent Cloud',
  'Datadog',
  'PagerDuty',
  'Issuing CA',
];
for (const [day, quarter] of [
  ['2026-04-10', 'Q1 2026'],
  ['2026-07-09', 'Q2 2026'],
  ['2026-10-08', 'Q3 2026'],
]) {
  const items = systems.map((system) => ({
    system,
    accountsReviewed: between(6, 90),
    removed: between(0, 2),
    attestedBy: pick(engineers),
    exportSha256: hex(64),
  }));
  const reviewed = items.reduce((n, i) => n + i.accountsReviewed, 0);
  const removed = items.reduce((n, i) => n + i.removed, 0);
  write({
    collector: 'access-review',
    collectedAt: at(day, 15, 5, 0),
    controls: ['AC-03'],
    summary: `${quarter} access review: ${items.length} systems, ${reviewed} accounts reviewed, ${removed} removed; approved by ${person('priya')} on ${day}.`,
    source: 'Jira access review epic',
    items,
  });
}
for (const [day, quarter] of [
  ['2026-04-15', 'Q2 2026'],
  ['2026-07-14', 'Q3 2026'],
]) {
  const items = ['telemetry-timescale', 'accounts-postgres', 'device-registry'].map((database) => ({
    database,
    recoveryPoint: at(addDays(day, -1), 23, 0, 0),
    restoreMinutes: between(18, 95),
    checksumsMatched: true,
    result: 'pass',
  }));
  write({
    collector: 'restore-test',
    collectedAt: at(day, 13, 30, 0),
    controls: ['BC-02'],
    summary: `${quarter} restore test: ${items.length} production databases restored in a scratch account, checksums matched, longest restore ${Math.max(...items.map((i) => i.restoreMinutes))} minutes.`,
    source: 'AWS Backup restore jobs',
    items,
  });
}

// ---------------------------------------------------------------------------------------------
// penetration-test (VM-02, annual): the year's report, imported once

write({
  collector: 'penetration-test',
  collectedAt: at('2026-05-20', 10, 0, 0),
  controls: ['VM-02'],
  summary:
    'Annual penetration test of Kestrel Cloud and the KG-200 by Northgate Security (CREST): no critical findings, 1 high (fixed and retested 18 May 2026), 4 medium, 6 low.',
  source: 'Northgate Security report NGS-2026-041',
  items: [
    { severity: 'critical', found: 0, fixed: 0, retested: true },
    { severity: 'high', found: 1, fixed: 1, retested: true },
    { severity: 'medium', found: 4, fixed: 3, retested: false },
    { severity: 'low', found: 6, fixed: 2, retested: false },
  ],
});

// ---------------------------------------------------------------------------------------------

mkdirSync(join(out, SNAPSHOTS_DIR), { recursive: true });
for (const file of readdirSync(join(out, SNAPSHOTS_DIR))) if (file.endsWith('.json')) rmSync(join(out, SNAPSHOTS_DIR, file));
for (const [file, snapshot] of written) writeFileSync(join(out, file), serialiseSnapshot(snapshot));
console.log(`wrote ${written.length} snapshots from ${latest.size} collectors to ${SNAPSHOTS_DIR}/`);
