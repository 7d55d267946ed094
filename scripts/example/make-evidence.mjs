// Regenerate the example evidence snapshots of Kestrel Systems:
//   node scripts/example/make-evidence.mjs [--out DIR]
//
// Writes evidence-snapshots/*.json (removing the old ones first) and the public key that signs
// them, content/evidence-keys.yaml, under the project or under DIR to compare with the committed
// ones: eight months of snapshots (20 March to 22 November 2026, so the whole of the SOC 2
// period declared in content/site.yaml up to the example's asOf day is covered) from the
// collectors of one simulated company, chained exactly as `charter evidence collect` and
// `import` chain them, and signed as they sign with CHARTER_EVIDENCE_KEY.
//
// Signing: the private key is CHARTER_EVIDENCE_KEY when set (PEM or base64 PKCS#8 DER), else a
// fresh Ed25519 key pair made for this run whose private half is thrown away. The signatures
// therefore differ from run to run; everything else is byte-for-byte the same (a seeded random
// generator per collector).
//
// The figures come from one company model (headcount growing by one person every three weeks,
// leavers replaced, the gateway fleet growing with what two factory stations provision six days
// a week, firmware releases rolled out in stages), so counts drift slowly and agree between
// collectors: the quarterly access review counts the same people the identity provider does,
// the monthly certificate reconciliation adds up the daily provisioning records.
//
// Gaps left on purpose, so the portal shows every state:
// - the identity provider collector stopped for three weeks in August when its API token
//   expired (AC-01 has a visible continuity gap);
// - the monthly device certificate reconciliation stopped after September (DI-03 is stale);
// - the October restore test has not happened (BC-02 is due);
// - BC-03 (planned), SD-02, VN-01 and VM-03 have no evidence at all (missing).

import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { summariseChanges } from '../../src/lib/evidence/collectors/git-change-management.ts';
import { addDays, addMonths } from '../../src/lib/time/dates.ts';
import { chainSnapshot, serialiseSnapshot, snapshotFileName, SNAPSHOTS_DIR } from '../../src/lib/evidence/snapshots.ts';
import { EVIDENCE_KEYS_FILE, keyFingerprint, signingKeyFromEnvironment, signSnapshotHash } from '../../src/lib/evidence/signatures.ts';
import { mfaSnapshot } from './evidence-collector.mjs';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ? resolve(values.out) : root;
const FIRST_DAY = '2026-03-20';
const LAST_DAY = '2026-11-22';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: the sections written first share one generator (their figures are
// unchanged from earlier versions of this script); every later collector has its own, seeded
// from its name, so adding one does not change the others.

function generator(initial) {
  let state = initial;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const hex = (length) => Array.from({ length }, () => between(0, 15).toString(16)).join('');
  return { random, between, pick, hex };
}
const seedOf = (name) => [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 20260320);
const { random, between, pick, hex } = generator(20260320);
const base64url = (length) => Array.from({ length }, () => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')).join('');
const at = (day, hour, minute, second = 0) => `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;
function* days(from, to) {
  for (let day = from; day <= to; day = addDays(day, 1)) yield day;
}
const weekday = (day) => new Date(`${day}T00:00:00Z`).getUTCDay();
const monthName = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const number = (n) => n.toLocaleString('en-GB');
const percent = (n, digits = 2) => `${(n * 100).toFixed(digits)}%`;
const daysFrom = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

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
// The company model every collector reads

// Staff: 78 on 20 March, one more every three weeks; a leaver's seat stays empty for three days
// until the replacement starts.
const leavers = [
  { day: '2026-04-17', name: 'Lena Fischer', team: 'Customer Success' },
  { day: '2026-06-05', name: 'Paul Mercier', team: 'Engineering' },
  { day: '2026-07-24', name: 'Hannah Berg', team: 'Sales' },
  { day: '2026-09-11', name: 'Kofi Mensah', team: 'Engineering' },
  { day: '2026-10-30', name: 'Julia Novak', team: 'Operations' },
];
const staffOn = (day) => 78 + Math.floor(daysFrom(FIRST_DAY, day) / 21) - leavers.filter((l) => l.day <= day && day < addDays(l.day, 3)).length;
const administratorsOn = () => 4;
const contractorsOn = (day) => (day < '2026-07-01' ? 6 : 8);
const usersOn = (day) => staffOn(day) + administratorsOn(day) + contractorsOn(day);
const engineersOn = (day) => Math.round(staffOn(day) * 0.45);
const platformEngineersOn = (day) => 11 + Math.floor(daysFrom(FIRST_DAY, day) / 90);
const supportAgentsOn = (day) => 9 + Math.floor(daysFrom(FIRST_DAY, day) / 100);
const joinerNames = [
  'Amira Saleh',
  'Bruno Costa',
  'Chloé Martin',
  'Dmitri Volkov',
  'Emma Larsen',
  'Felix Braun',
  'Greta Holm',
  'Hugo Lambert',
  'Isla Murray',
  'Jakub Nowak',
  'Kaito Mori',
  'Lucía Romero',
  'Mateo Rossi',
  'Noor Aziz',
  'Oskar Lind',
  'Pia Keller',
  'Quentin Roux',
];
const joiners = [];
for (let k = 1; addDays(FIRST_DAY, 21 * k) <= LAST_DAY; k++)
  joiners.push({ day: addDays(FIRST_DAY, 21 * k), team: ['Engineering', 'Engineering', 'Customer Success', 'Firmware', 'Sales'][k % 5] });
for (const leaver of leavers) joiners.push({ day: addDays(leaver.day, 3), team: leaver.team, replaces: leaver.name });
joiners.sort((a, b) => a.day.localeCompare(b.day));
joiners.forEach((joiner, i) => (joiner.name = joinerNames[i % joinerNames.length]));

// The gateway fleet: two provisioning stations at Norrland Electronics run Monday to Saturday.
const STATIONS = ['NR-1', 'NR-2'];
const ISSUED_BEFORE = 58_214; // device certificates issued before 20 March 2026
const FIRST_SERIAL = 412_000;
const fleetRandom = generator(seedOf('fleet'));
const provisioning = new Map(); // day → [{ station, count, first, last }]
let serial = FIRST_SERIAL;
for (const day of days(FIRST_DAY, LAST_DAY)) {
  const runs = [];
  if (weekday(day) !== 0)
    for (const station of STATIONS) {
      const count = weekday(day) === 6 ? fleetRandom.between(18, 26) : 47 + Math.floor(daysFrom(FIRST_DAY, day) / 60) + fleetRandom.between(-4, 4);
      runs.push({ station, count, first: serial, last: serial + count - 1 });
      serial += count;
    }
  provisioning.set(day, runs);
}
const issuedBy = (day) => ISSUED_BEFORE + [...provisioning].filter(([d]) => d <= day).reduce((n, [, runs]) => n + runs.reduce((m, r) => m + r.count, 0), 0);
const gatewaySerial = (n) => `KG2-${String(n).padStart(7, '0')}`;
const revocationReasons = [
  'returned under RMA',
  'reported stolen by the customer',
  'scrapped after RMA inspection',
  'tamper switch tripped',
  'returned under RMA',
  'decommissioned by the customer',
];
const revocations = new Map(); // day → [{ serial, reason, ticket, requestedAt, publishedAt, refusedAt }]
let ticket = 5210;
const REVOKED_BEFORE = 1_184; // revoked before 20 March 2026
let revokedTotal = REVOKED_BEFORE;
const revokedOn = new Map();
const revokedBy = { get: (day) => revokedOn.get(day) ?? REVOKED_BEFORE };
for (const day of days(FIRST_DAY, LAST_DAY)) {
  const count = day === '2026-11-21' ? 1 : fleetRandom.random() < 0.42 ? fleetRandom.between(1, 2) : 0;
  const list = [];
  for (let i = 0; i < count; i++) {
    const hour = fleetRandom.between(7, 17);
    const minute = fleetRandom.between(0, 59);
    const publishedMinutes = fleetRandom.between(12, 150);
    const published = new Date(Date.parse(at(day, hour, minute)) + publishedMinutes * 60_000).toISOString().replace('.000', '');
    const refused = new Date(Date.parse(published) + fleetRandom.between(2, 40) * 60_000).toISOString().replace('.000', '');
    list.push({
      serial: gatewaySerial(fleetRandom.between(FIRST_SERIAL - 40_000, FIRST_SERIAL + 20_000)),
      reason: day === '2026-11-21' ? 'reported stolen by the customer' : fleetRandom.pick(revocationReasons),
      ticket: `SUP-${++ticket}`,
      requestedAt: at(day, hour, minute),
      publishedAt: published,
      refusedAt: refused,
    });
  }
  revocations.set(day, list);
  revokedTotal += list.length;
  revokedOn.set(day, revokedTotal);
}
// Gateways connected: issued, less what is still in the warehouse or in transit (about three
// weeks of production), less revoked, less about 3% switched off on site.
const connectedOn = (day) => Math.round((issuedBy(addDays(day, -21)) - revokedBy.get(day)) * 0.97);

// Firmware releases, each approved, signed and rolled out in cohorts (1%, 10%, 50%, 100%, two days
// apart). 4.3.0 halted itself at 10% on boot failures and was rolled back; 4.3.1 fixed it.
const releases = [
  {
    version: '4.2.0',
    approved: '2026-03-10',
    pullRequest: 1788,
    stages: ['2026-03-12', '2026-03-16', '2026-03-19', '2026-03-24'],
    notes: 'Modbus TCP polling scheduler, OPC UA client 1.05',
  },
  {
    version: '4.2.1',
    approved: '2026-05-04',
    pullRequest: 2019,
    stages: ['2026-05-05', '2026-05-07', '2026-05-11', '2026-05-14'],
    notes: 'security fix: mbedTLS 3.6.2',
  },
  {
    version: '4.3.0',
    approved: '2026-06-22',
    pullRequest: 2167,
    stages: ['2026-06-23', '2026-06-25'],
    halted: { on: '2026-06-25', failures: 0.0081, incident: 'INC-2298' },
    notes: 'signed telemetry frames, A/B partition resize',
  },
  {
    version: '4.3.1',
    approved: '2026-07-06',
    pullRequest: 2214,
    stages: ['2026-07-07', '2026-07-09', '2026-07-13', '2026-07-16'],
    notes: 'fixes the 4.3.0 boot loop on 512 MB units',
  },
  {
    version: '4.4.0',
    approved: '2026-09-14',
    pullRequest: 2463,
    stages: ['2026-09-15', '2026-09-17', '2026-09-21', '2026-09-24'],
    notes: 'MQTT 5 session resumption, CRL cache refresh every 6 hours',
  },
  {
    version: '4.4.1',
    approved: '2026-11-16',
    pullRequest: 2688,
    stages: ['2026-11-17', '2026-11-19', '2026-11-21', '2026-11-24'],
    notes: 'security fix: BusyBox CVE-2026-1142',
  },
];
const COHORTS = [
  ['canary', 0.01],
  ['cohort 2', 0.1],
  ['cohort 3', 0.5],
  ['whole fleet', 1],
];
/** The share of connected gateways on each release at the end of `day`. */
function firmwareShares(day) {
  let current = '4.1.3';
  const shares = new Map([[current, 1]]);
  for (const release of releases) {
    const started = release.stages.filter((d) => d <= day);
    if (!started.length) break;
    const halted = release.halted && release.halted.on <= day;
    const share = halted ? 0 : COHORTS[started.length - 1][1] * 0.985; // 1.5% of gateways are offline during a campaign
    const previous = shares.get(current);
    shares.set(release.version, share);
    shares.set(current, previous - share);
    if (!halted && started.length === COHORTS.length) current = release.version;
  }
  return new Map([...shares].filter(([, share]) => share > 0.0005));
}
const signedTelemetryShare = (day) => [...firmwareShares(day)].filter(([v]) => v >= '4.3.1').reduce((n, [, s]) => n + s, 0);

// Incidents the service monitoring and the emergency changes refer to.
const incidents = new Map([
  ['2026-06-12', { id: 'INC-2291', what: 'ingestion backlog after a Kafka broker replacement', minutes: 38, service: 'ingestion' }],
  ['2026-06-25', { id: 'INC-2298', what: 'OTA campaign 4.3.0 halted automatically on boot failures', minutes: 0, service: 'OTA' }],
  ['2026-09-03', { id: 'INC-2317', what: 'OTA cohort filter selected the wrong gateways', minutes: 0, service: 'OTA' }],
]);

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
  let count = [0, 6].includes(weekday(day)) ? between(0, 1) : between(2, 8);
  if (day === '2026-11-21') count = Math.max(count, 1); // the newest snapshot shows a change and its deploy
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
const merged = new Map(); // day → the changes that reached main that day
for (const day of days(FIRST_DAY, LAST_DAY)) {
  const collectedAt = at(day, 5, 30, between(5, 50));
  const items = changesOn(addDays(day, -1));
  merged.set(addDays(day, -1), items);
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
for (const day of days(FIRST_DAY, LAST_DAY)) {
  if (day >= idpOutage.from && day <= idpOutage.to) continue;
  const users = [];
  for (let i = 0; i < staffOn(day); i++) users.push({ login: `staff${i}@kestrel.example`, status: 'ACTIVE', policy: 'Kestrel staff', factors: ['webauthn'] });
  for (const login of ['marcus.webb', 'priya.raman', 'tomas.herrera', 'breakglass-1'])
    users.push({ login: `${login}@kestrel.example`, status: 'ACTIVE', policy: 'Administrators', factors: ['webauthn'] });
  for (let i = 0; i < contractorsOn(day); i++)
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
// device-certificate-reconciliation (DI-03, monthly): the month's provisioning records per station
// against Norrland's shipping records; stopped after September, so DI-03 goes stale

let reconciledTo = addDays(FIRST_DAY, -1);
for (const day of ['2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30']) {
  const from = addDays(reconciledTo, 1); // from the day after the previous reconciliation, up to this one
  reconciledTo = day;
  const items = STATIONS.map((station) => {
    const runs = [...provisioning].filter(([d]) => d >= from && d <= day).flatMap(([, r]) => r.filter((run) => run.station === station));
    const issued = runs.reduce((n, run) => n + run.count, 0);
    return { station, from, to: day, certificatesIssued: issued, unitsShipped: issued, unexplained: 0, overLimitAlerts: 0 };
  });
  const total = items.reduce((n, i) => n + i.certificatesIssued, 0);
  write({
    collector: 'device-certificate-reconciliation',
    collectedAt: at(day, 16, 40, 0),
    controls: ['DI-03'],
    summary: `${monthName(day)} (${from} to ${day}): ${number(total)} device certificates issued at 2 stations, all matched to shipped units; signed off by ${person('aisha')}.`,
    source: 'Issuing CA log and Norrland shipping records',
    items,
  });
}

// ---------------------------------------------------------------------------------------------
// access-review (AC-03, quarterly) and restore-test (BC-02, quarterly; the October test is overdue)

// The accounts of each system follow the company model; the reviewers find what role changes and
// a few forgotten rights left behind, never a leaver (those were removed on their last day).
const reviewRandom = generator(seedOf('access-review'));
const reviewedSystems = (day) => [
  ['Okta (all users)', usersOn(day), administratorsOn(day), 'Daniel Kim'],
  ['Okta administrators', administratorsOn(day), administratorsOn(day), 'Priya Raman'],
  ['AWS production (IAM Identity Center)', platformEngineersOn(day) + 4, platformEngineersOn(day), 'Tomás Herrera'],
  ['AWS backup account', 3, 3, 'Tomás Herrera'],
  ['GitHub organisation', engineersOn(day) + 3, 6, 'Elena Sokolova'],
  ['Firmware signing service', 5, 2, 'Aisha Okafor'],
  ['Device PKI console', 4, 2, 'Aisha Okafor'],
  ['Kestrel Cloud support console', supportAgentsOn(day) + platformEngineersOn(day), platformEngineersOn(day), 'Marcus Webb'],
  ['Service accounts', 23 + Math.floor(daysFrom(FIRST_DAY, day) / 45), 9, 'Tomás Herrera'],
];
for (const [day, quarter] of [
  ['2026-04-10', 'Q1 2026'],
  ['2026-07-09', 'Q2 2026'],
  ['2026-10-08', 'Q3 2026'],
]) {
  const items = reviewedSystems(day).map(([system, accounts, privileged, owner]) => {
    const removed = reviewRandom.random() < 0.35 ? 1 : 0;
    const changed = reviewRandom.random() < 0.3 ? 1 : 0;
    return { system, accounts, privileged, kept: accounts - removed - changed, changed, removed, attestedBy: owner, exportSha256: reviewRandom.hex(64) };
  });
  const reviewed = items.reduce((n, i) => n + i.accounts, 0);
  const privileged = items.reduce((n, i) => n + i.privileged, 0);
  const removed = items.reduce((n, i) => n + i.removed, 0);
  const changed = items.reduce((n, i) => n + i.changed, 0);
  write({
    collector: 'access-review',
    collectedAt: at(day, 15, 5, 0),
    controls: ['AC-03'],
    summary: `${quarter} access review: ${items.length} systems, ${reviewed} accounts (${privileged} privileged) reviewed by their system owners, ${changed} reduced, ${removed} removed; no access left from leavers; approved by ${person('priya')} on ${day}.`,
    source: 'Jira access review epic, with the unmodified exports of each system',
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
// production-deploys (CM-01, CM-02, continuous): daily, the deploy log of the day before. Every
// change that reached main is deployed by the pipeline after its checks pass, so each deploy
// names the pull requests (and their approvers) that the git-change-management snapshot lists.

{
  const r = generator(seedOf('production-deploys'));
  const services = ['ingest-gateway', 'telemetry-processor', 'cloud-api', 'dashboard', 'ota-service', 'device-registry', 'alerting'];
  const checks = 'unit, integration, semgrep, gitleaks, trivy';
  let deploy = 7310;
  let previous = at(addDays(FIRST_DAY, -1), 5, 45, 0);
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const changes = merged.get(addDays(day, -1)) ?? [];
    const batches = [];
    for (const change of changes) {
      const last = batches.at(-1);
      if (last && !change.pullRequest === !last.changes[0].pullRequest && last.changes.length < 3 && r.random() < 0.5) last.changes.push(change);
      else batches.push({ changes: [change] });
    }
    const items = batches.map(({ changes: batch }) => {
      const newest = batch.at(-1);
      const emergency = batch.some((c) => !c.pullRequest);
      const deployedAt = new Date(Date.parse(newest.mergedAt) + r.between(9, 26) * 60_000).toISOString().replace('.000', '');
      return {
        deploy: `deploy-${++deploy}`,
        service: r.pick(services),
        changes: batch.map((c) => (c.pullRequest ? `#${c.pullRequest} (approved by ${c.reviewers.join(', ')})` : `${c.commit} (emergency, no review)`)),
        checks: emergency ? `${checks}: passed; deployed under the emergency procedure` : `${checks}: passed`,
        deployedAt,
        result: 'healthy after 15 minutes',
      };
    });
    const collectedAt = at(day, 5, 45, 0);
    const prs = changes.filter((c) => c.pullRequest).length;
    write({
      collector: 'production-deploys',
      collectedAt,
      period: { from: previous, to: collectedAt },
      controls: ['CM-01', 'CM-02'],
      summary: items.length
        ? `${items.length} production ${items.length === 1 ? 'deploy' : 'deploys'} on ${longDate(addDays(day, -1))} carrying ${changes.length} ${changes.length === 1 ? 'change' : 'changes'}: ${prs} reviewed and approved pull ${prs === 1 ? 'request' : 'requests'}${changes.length > prs ? `, ${changes.length - prs} emergency ${changes.length - prs === 1 ? 'change' : 'changes'} reviewed after the fact (CM-03)` : ''}; every deploy passed the required checks.`
        : `No production deploys on ${longDate(addDays(day, -1))}: nothing reached main.`,
      source: 'GitHub Actions deploy workflow and Argo CD history, kestrel-platform',
      items,
    });
    previous = collectedAt;
  }
}

// ---------------------------------------------------------------------------------------------
// access-events (AC-02, AC-04, AC-05, HR-01, continuous): daily, the day before's joiners,
// leavers, access requests and just-in-time privileged sessions

{
  const r = generator(seedOf('access-events'));
  const systemsRequested = [
    'GitHub kestrel-platform',
    'Datadog',
    'Confluent Cloud',
    'Jira Service Management',
    'Kestrel Cloud support console',
    'TimescaleDB read replica',
    'Figma',
  ];
  const owners = {
    'GitHub kestrel-platform': 'Elena Sokolova',
    Datadog: 'Tomás Herrera',
    'Confluent Cloud': 'Tomás Herrera',
    'Jira Service Management': 'Daniel Kim',
    'Kestrel Cloud support console': 'Marcus Webb',
    'TimescaleDB read replica': 'Tomás Herrera',
    Figma: 'Daniel Kim',
  };
  const roles = ['prod-readonly', 'prod-readonly', 'prod-operator', 'database-admin'];
  let request = 8800;
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const yesterday = addDays(day, -1);
    const working = ![0, 6].includes(weekday(yesterday));
    const items = [];
    for (const joiner of joiners.filter((j) => j.day === yesterday))
      items.push({
        event: 'joiner',
        person: joiner.name,
        system: 'Okta, Google Workspace, Slack, Jamf',
        approvedBy: 'Daniel Kim',
        at: at(yesterday, 8, 2),
        detail: `background check cleared ${addDays(yesterday, -r.between(9, 20))}; ${joiner.team} baseline access${joiner.replaces ? `, replacing ${joiner.replaces}` : ''}`,
      });
    for (const leaver of leavers.filter((l) => l.day === yesterday))
      items.push({
        event: 'leaver',
        person: leaver.name,
        system: 'Okta (all connected applications)',
        approvedBy: 'Daniel Kim',
        at: at(yesterday, 17, 12),
        detail: `last day ${yesterday}; Okta deactivated 17:12, sessions revoked, laptop returned; within one business day`,
      });
    for (let i = working ? r.between(0, 3) : 0; i > 0; i--) {
      const system = r.pick(systemsRequested);
      items.push({
        event: 'access request',
        person: r.pick(engineers),
        system,
        approvedBy: owners[system],
        at: at(yesterday, r.between(8, 17), r.between(0, 59)),
        detail: `ACC-${++request} approved by the system owner before the account was created`,
      });
    }
    for (let i = working ? r.between(1, 4) : r.between(0, 1); i > 0; i--) {
      const role = r.pick(roles);
      const engineer = r.pick(engineers.filter((e) => e !== 'Tomás Herrera'));
      items.push({
        event: 'privileged session',
        person: engineer,
        system: `AWS production, role ${role}`,
        approvedBy: role === 'prod-readonly' ? 'automatic (on-call)' : 'Tomás Herrera',
        at: at(yesterday, r.between(0, 23), r.between(0, 59)),
        detail: `${r.pick([30, 60, 60, 120, 240])} minutes, ticket OPS-${r.between(4100, 4999)}; session recorded`,
      });
    }
    items.sort((a, b) => a.at.localeCompare(b.at));
    const count = (event) => items.filter((i) => i.event === event).length;
    const parts = [
      count('joiner') && `${count('joiner')} joiner`,
      count('leaver') && `${count('leaver')} leaver removed from every system the same day`,
      count('access request')
        ? `${count('access request')} access ${count('access request') === 1 ? 'request' : 'requests'} approved by the system owner`
        : 'no access requests',
      count('privileged session')
        ? `${count('privileged session')} just-in-time privileged ${count('privileged session') === 1 ? 'session' : 'sessions'}, approved and expired`
        : 'no privileged sessions',
    ].filter(Boolean);
    write({
      collector: 'access-events',
      collectedAt: at(day, 6, 20, 0),
      controls: ['AC-02', 'AC-04', 'AC-05', 'HR-01'],
      summary: `${longDate(yesterday)}: ${parts.join(', ')}.`,
      source: 'Personio, Okta system log, Jira Service Management and AWS IAM Identity Center',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// device-identity (DI-01, DI-02, continuous and daily): daily, the day before's provisioning at
// the factory stations, revocations with their CRL publication and the broker refusing the
// revoked gateway, and the CRL and OCSP health

{
  let crlNumber = 4_402;
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const yesterday = addDays(day, -1);
    const runs = provisioning.get(yesterday) ?? [];
    const revoked = revocations.get(yesterday) ?? [];
    const items = [
      ...runs.map((run) => ({
        record: 'provisioned',
        reference: `station ${run.station}`,
        devices: run.count,
        at: at(yesterday, 16, 0),
        detail: `${gatewaySerial(run.first)} to ${gatewaySerial(run.last)}: key generated in the secure element, certificate from the issuing CA, one per serial`,
        result: 'every certificate matched to a registry entry',
      })),
      ...revoked.map((rev) => ({
        record: 'revoked',
        reference: `${rev.serial} (${rev.ticket})`,
        devices: 1,
        at: rev.requestedAt,
        detail: `${rev.reason}; on the CRL and OCSP at ${rev.publishedAt.slice(11, 16)}`,
        result: `broker refused its next connection at ${rev.refusedAt.slice(11, 16)}`,
      })),
      {
        record: 'CRL published',
        reference: `CRL ${++crlNumber}`,
        devices: revokedBy.get(yesterday),
        at: at(yesterday, 23, 30),
        detail: 'next update within 24 hours; OCSP responders answered 288 of 288 health checks',
        result: 'ok',
      },
    ];
    const provisioned = runs.reduce((n, run) => n + run.count, 0);
    write({
      collector: 'device-identity',
      collectedAt: at(day, 6, 30, 0),
      controls: ['DI-01', 'DI-02'],
      summary:
        `${longDate(yesterday)}: ${provisioned ? `${number(provisioned)} gateways provisioned with unique identities at ${runs.length} stations` : 'no production run'}; ` +
        `${revoked.length ? `${revoked.length} ${revoked.length === 1 ? 'certificate' : 'certificates'} revoked, published within ${Math.max(...revoked.map((r) => Math.round((Date.parse(r.publishedAt) - Date.parse(r.requestedAt)) / 60_000)))} minutes and refused by the brokers` : 'no revocations'}; ` +
        `${number(issuedBy(yesterday))} certificates issued in all, ${number(revokedBy.get(yesterday))} revoked.`,
      source: 'Device registry, issuing CA log and MQTT broker authentication log',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// ota-rollouts (FW-01, FW-02, FW-03, continuous): daily, the newest firmware release's approval,
// signing and staged rollout, and what the fleet runs

{
  const r = generator(seedOf('ota-rollouts'));
  const failures = new Map(releases.map((rel) => [rel.version, rel.stages.map(() => r.between(2, 14) / 10_000)]));
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const yesterday = addDays(day, -1);
    const release = releases.filter((rel) => rel.approved <= yesterday).at(-1);
    const connected = connectedOn(yesterday);
    const items = [
      {
        record: 'approval',
        release: `KestrelOS ${release.version}`,
        devices: null,
        at: at(release.approved, 15, 10),
        detail: `pull request #${release.pullRequest} (${release.notes}) approved by ${person('aisha')} and ${person('marcus')}; release checklist and SBOM attached`,
        result: 'approved',
      },
      {
        record: 'signing',
        release: `KestrelOS ${release.version}`,
        devices: null,
        at: at(release.approved, 16, 40),
        detail: 'image signed in the HSM with release key fw-release-2025 (two-person approval); signature verified by the pipeline',
        result: 'signed',
      },
    ];
    const started = release.stages.filter((d) => d <= yesterday);
    started.forEach((stageDay, i) => {
      const [cohort, share] = COHORTS[i];
      const halted = release.halted && release.halted.on === stageDay;
      const rate = halted ? release.halted.failures : failures.get(release.version)[i];
      const devices = Math.round(connectedOn(stageDay) * share * 0.985);
      items.push({
        record: `rollout: ${cohort}`,
        release: `KestrelOS ${release.version}`,
        devices,
        at: at(stageDay, 9, 0),
        detail: `boot failures ${percent(rate)} (halt above 0.50%)`,
        result: halted
          ? `halted automatically; ${number(devices)} gateways rolled back to the previous image (${release.halted.incident})`
          : stageDay === started.at(-1) && i < COHORTS.length - 1 && stageDay >= addDays(yesterday, -2)
            ? 'in progress'
            : 'completed',
      });
    });
    const shares = [...firmwareShares(yesterday)].sort(([a], [b]) => b.localeCompare(a));
    items.push({
      record: 'fleet',
      release: shares.map(([v, s]) => `${v}: ${number(Math.round(s * connected))}`).join(', '),
      devices: connected,
      at: at(yesterday, 23, 55),
      detail:
        'every connected gateway booted a Kestrel-signed image (secure boot and anti-rollback refused 0 images); gateways on older releases are on maintenance windows their customers deferred',
      result: 'ok',
    });
    const halted = release.halted && release.halted.on <= yesterday;
    const stage = started.length ? COHORTS[started.length - 1][0] : undefined;
    write({
      collector: 'ota-rollouts',
      collectedAt: at(day, 6, 40, 0),
      controls: ['FW-01', 'FW-02', 'FW-03'],
      summary:
        `KestrelOS ${release.version}, approved ${release.approved} in #${release.pullRequest} and signed in the HSM: ` +
        (halted
          ? `halted automatically at cohort 2 on ${release.halted.on} (boot failures ${percent(release.halted.failures)}) and rolled back under ${release.halted.incident}.`
          : !started.length
            ? 'rollout not started yet.'
            : started.length === COHORTS.length
              ? `rolled out to the whole fleet in 4 stages (${release.stages[0]} to ${release.stages.at(-1)}).`
              : `rollout at ${stage} since ${started.at(-1)}, ${COHORTS.length - started.length} ${COHORTS.length - started.length === 1 ? 'stage' : 'stages'} to go.`) +
        ` ${number(connected)} gateways connected.`,
      source: 'OTA service campaign log, release pull requests and the signing HSM audit log',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// telemetry-integrity (TI-01, TI-02, TI-03, continuous): daily, the ingestion pipeline's checks

{
  const r = generator(seedOf('telemetry-integrity'));
  const tenants = (day) => 212 + Math.floor(daysFrom(FIRST_DAY, day) / 6);
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const yesterday = addDays(day, -1);
    const connected = connectedOn(yesterday);
    const incident = incidents.get(yesterday);
    const messages = Math.round(connected * 1_440 * (0.985 + r.random() * 0.01));
    const rejected = Math.round(messages * (1.5 + r.random()) * 1e-6);
    const duplicates = Math.round(messages * (3 + r.random() * 2) * 1e-5);
    const gaps = r.between(3, 12) + (incident?.service === 'ingestion' ? 180 : 0);
    const signed = signedTelemetryShare(yesterday);
    const badSignatures = signed ? r.between(0, 3) : 0;
    const refused = r.between(40, 160);
    const items = [
      {
        check: 'mutual TLS at ingestion',
        result: 'enforced',
        count: refused,
        detail: `${number(refused)} connections refused: no certificate, a revoked one or TLS below 1.2`,
      },
      {
        check: 'schema validation',
        result: 'enforced',
        count: rejected,
        detail: `${number(rejected)} of ${number(messages)} messages failed validation and went to the dead-letter queue; none dropped`,
      },
      { check: 'replay and duplicates', result: 'enforced', count: duplicates, detail: `${number(duplicates)} duplicate frames dropped by sequence number` },
      {
        check: 'missing data detection',
        result: incident?.service === 'ingestion' ? `alerted (${incident.id})` : 'ok',
        count: gaps,
        detail: `${gaps} sequence gaps over 5 minutes raised to the tenant's alert rules${incident?.service === 'ingestion' ? `; ${incident.what}, backfilled` : ''}`,
      },
      {
        check: 'frame signatures',
        result: signed ? 'enforced for KestrelOS 4.3.1 and later' : 'not yet (needs KestrelOS 4.3.1)',
        count: badSignatures,
        detail: signed
          ? `${percent(signed, 1)} of gateways sign frames; ${badSignatures} frames with a bad signature quarantined`
          : 'gateways on earlier firmware send unsigned frames',
      },
      {
        check: 'tenant isolation probe',
        result: 'passed',
        count: 48,
        detail: `48 of 48 cross-tenant reads denied across ${tenants(yesterday)} tenants (API, MQTT topics, exports)`,
      },
    ];
    write({
      collector: 'telemetry-integrity',
      collectedAt: at(day, 6, 50, 0),
      controls: ['TI-01', 'TI-02', 'TI-03'],
      summary:
        `${longDate(yesterday)}: ${number(messages)} messages from ${number(connected)} gateways over mutual TLS; ${number(rejected)} failed validation (dead-letter queue), ${number(duplicates)} duplicates dropped, ${gaps} data gaps alerted; ` +
        `frame signatures checked for ${percent(signed, 0)} of gateways; 48 of 48 cross-tenant probes denied.`,
      source: 'Ingestion gateway and telemetry processor metrics, isolation test suite',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// cloud-configuration (BC-01, CM-04, DP-01, DP-02, continuous and daily): daily AWS Config
// conformance, backup copies and Terraform drift

{
  const r = generator(seedOf('cloud-configuration'));
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const n = daysFrom(FIRST_DAY, day);
    const drift = day === '2026-08-14' ? 1 : 0;
    const unencrypted = day === '2026-05-19' ? 1 : 0;
    const items = [
      { rule: 'EBS volumes encrypted with KMS', resources: 412 + Math.floor(n / 5), compliant: 412 + Math.floor(n / 5), detail: 'customer-managed keys' },
      {
        rule: 'S3 buckets encrypted, public access blocked',
        resources: 64 + Math.floor(n / 40),
        compliant: 64 + Math.floor(n / 40) - unencrypted,
        detail: unencrypted ? 'kestrel-scratch-exports created without default encryption at 14:02; fixed by Terraform at 14:31' : 'all compliant',
      },
      { rule: 'RDS and Timescale storage encrypted', resources: 9, compliant: 9, detail: 'all compliant' },
      { rule: 'KMS key rotation enabled', resources: 31 + Math.floor(n / 80), compliant: 31 + Math.floor(n / 80), detail: 'annual automatic rotation' },
      { rule: 'Load balancer listeners TLS 1.2 or later', resources: 14, compliant: 14, detail: 'policy ELBSecurityPolicy-TLS13-1-2-2021-06' },
      {
        rule: 'Backups copied to eu-west-1',
        resources: 27,
        compliant: 27,
        detail: `27 of 27 backup jobs completed, ${r.between(0, 1) ? 'largest copy 46 minutes' : 'all copies under 40 minutes'}`,
      },
      {
        rule: 'Terraform drift',
        resources: 1_180 + n,
        compliant: 1_180 + n - drift,
        detail: drift ? 'security group sg-ingest changed in the console; reverted by Tomás Herrera the same day (OPS-4712)' : 'no drift',
      },
    ];
    const failing = items.filter((i) => i.compliant < i.resources);
    write({
      collector: 'cloud-configuration',
      collectedAt: at(day, 7, 5, 0),
      controls: ['BC-01', 'CM-04', 'DP-01', 'DP-02'],
      summary: failing.length
        ? `${items.length} conformance checks: ${failing.map((i) => `${i.rule}: ${i.resources - i.compliant} exception`).join('; ')} (fixed the same day); the rest compliant.`
        : `${items.length} conformance checks, all compliant: encryption at rest and in transit, 27 backup copies to eu-west-1, no Terraform drift.`,
      source: 'AWS Config conformance pack, AWS Backup and the nightly terraform plan',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// log-retention (LM-01, DP-03, continuous and daily): daily, what each security log source sent,
// how far back it goes, and the customer-data retention job

{
  const r = generator(seedOf('log-retention'));
  const sources = [
    ['AWS CloudTrail (all accounts)', 2_400_000, '2024-09-01'],
    ['Okta system log', 18_000, '2024-09-01'],
    ['GitHub audit log', 9_500, '2025-02-03'],
    ['MQTT broker authentication', 0, '2025-02-03'],
    ['Firmware signing HSM audit', 40, '2024-09-01'],
    ['Kubernetes audit', 1_100_000, '2025-02-03'],
  ];
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const yesterday = addDays(day, -1);
    const items = sources.map(([source, volume, since]) => {
      const events = source.startsWith('MQTT')
        ? Math.round(connectedOn(yesterday) * 3.1 * (0.97 + r.random() * 0.06))
        : Math.round(volume * (0.9 + r.random() * 0.2));
      const oldest = addDays(yesterday, -395) > since ? addDays(yesterday, -395) : since;
      return { source, events, retentionDays: 395, oldestEvent: oldest, immutable: 'S3 Object Lock, compliance mode', status: 'ok' };
    });
    const partitions = r.between(1, 3);
    items.push({
      source: 'Customer telemetry retention job',
      events: partitions,
      retentionDays: null,
      oldestEvent: null,
      immutable: null,
      status: `${partitions} daily partitions past each tenant's contracted retention deleted`,
    });
    write({
      collector: 'log-retention',
      collectedAt: at(day, 7, 15, 0),
      controls: ['LM-01', 'DP-03'],
      summary: `${sources.length} security log sources delivered to the central store on ${longDate(yesterday)}, each retained 395 days under object lock (the oldest CloudTrail event is from ${items[0].oldestEvent}); the retention job deleted ${partitions} expired telemetry ${partitions === 1 ? 'partition' : 'partitions'}.`,
      source: 'Datadog log archives and the S3 archive bucket inventory',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// log-review (LM-01, LM-02, weekly): every Monday the on-call security engineer reviews the
// week's security alerts and log anomalies and signs the review off

{
  const r = generator(seedOf('log-review'));
  const reviewers = ['Ravi Menon', 'Nadia Haddad', 'Priya Raman'];
  let week = 0;
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    if (weekday(day) !== 1) continue;
    const from = addDays(day, -7);
    const reviewer = reviewers[week++ % reviewers.length];
    const alerts = r.between(9, 24);
    const escalated = r.random() < 0.2 ? 1 : 0;
    const items = [
      {
        check: 'security alerts triaged',
        count: alerts,
        outcome: `${alerts - escalated} benign or expected${escalated ? `, 1 escalated (SEC-${r.between(300, 399)})` : ''}`,
      },
      { check: 'privileged sessions sampled against tickets', count: 5, outcome: '5 of 5 matched an approved ticket' },
      { check: 'log sources silent for over an hour', count: 0, outcome: 'none' },
      { check: 'firmware signing operations against approved releases', count: r.between(0, 2), outcome: 'every signing matched a release approval' },
    ];
    write({
      collector: 'log-review',
      collectedAt: at(day, 11, 30, 0),
      controls: ['LM-01', 'LM-02'],
      summary: `Log review of ${from} to ${addDays(day, -1)} signed off by ${reviewer}: ${alerts} alerts triaged, ${escalated ? '1 escalated to a security ticket' : 'none needed escalation'}, no silent log source.`,
      source: 'Datadog Cloud SIEM and the weekly review checklist in Jira',
      items: items.map((item) => ({ ...item, signedOffBy: reviewer, signedOffAt: at(day, 11, 20) })),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// service-monitoring (LM-02, LM-03, IR-01, continuous): daily availability, alerting and on-call

{
  const r = generator(seedOf('service-monitoring'));
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const yesterday = addDays(day, -1);
    const incident = incidents.get(yesterday);
    const down = incident?.minutes ?? 0;
    const pages = r.between(0, 2) + (incident ? 1 : 0);
    const items = [
      { service: 'Kestrel Cloud API', availability: percent(1, 2), alerts: r.between(0, 3), pages: 0, detail: 'synthetic checks every minute from 3 regions' },
      {
        service: 'Telemetry ingestion',
        availability: percent(1 - down / 1_440, 2),
        alerts: r.between(0, 4) + (down ? 3 : 0),
        pages: down ? 1 : 0,
        detail: down ? `${incident.id}: ${incident.what}, ${down} minutes degraded; status page updated` : 'lag under 5 minutes all day',
      },
      {
        service: 'OTA service',
        availability: percent(1, 2),
        alerts: incident?.service === 'OTA' ? 2 : 0,
        pages: incident?.service === 'OTA' ? 1 : 0,
        detail: incident?.service === 'OTA' ? `${incident.id}: ${incident.what}` : 'no campaign alerts',
      },
      {
        service: 'On-call',
        availability: '24 of 24 hours',
        alerts: null,
        pages,
        detail: `primary and secondary on call all day; ${pages} ${pages === 1 ? 'page' : 'pages'}, acknowledged within 5 minutes`,
      },
    ];
    write({
      collector: 'service-monitoring',
      collectedAt: at(day, 7, 25, 0),
      controls: ['LM-02', 'LM-03', 'IR-01'],
      summary: `${longDate(yesterday)}: ${down ? `telemetry ingestion degraded for ${down} minutes (${incident.id}), ` : ''}${incident && !down ? `${incident.id} (${incident.what}), ` : ''}${pages} ${pages === 1 ? 'page' : 'pages'} acknowledged within 5 minutes; on-call covered 24 of 24 hours.`,
      source: 'Datadog monitors, PagerDuty and the public status page',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// endpoint-compliance (HR-03, continuous): daily, laptops in Jamf and Intune

{
  const r = generator(seedOf('endpoint-compliance'));
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    const laptops = staffOn(day) + administratorsOn(day);
    const outdated = r.random() < 0.3 ? 1 : 0;
    const items = [
      { check: 'enrolled in Jamf or Intune', laptops, compliant: laptops },
      { check: 'disk encryption (FileVault, BitLocker)', laptops, compliant: laptops },
      { check: 'OS updates within 14 days', laptops, compliant: laptops - outdated },
      { check: 'EDR agent reporting', laptops, compliant: laptops },
      { check: 'screen lock 5 minutes', laptops, compliant: laptops },
    ];
    write({
      collector: 'endpoint-compliance',
      collectedAt: at(day, 7, 35, 0),
      controls: ['HR-03'],
      summary: `${laptops} managed laptops, all enrolled and encrypted with EDR reporting${outdated ? '; 1 past the 14-day OS update deadline, blocked from Okta until updated' : ''}.`,
      source: 'Jamf Pro and Microsoft Intune compliance reports',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// vulnerability-scanning (VM-01, SD-03, continuous and daily): daily open findings against their
// remediation deadlines, and what static analysis and secret scanning blocked

{
  const r = generator(seedOf('vulnerability-scanning'));
  let open = { critical: 0, high: 3, medium: 21, low: 48 };
  const deadline = { critical: 7, high: 30, medium: 90, low: 180 };
  for (const day of days(FIRST_DAY, LAST_DAY)) {
    // Findings drift: a few found, a few fixed each day, never far from where they were.
    for (const severity of Object.keys(open)) {
      const found = severity === 'critical' ? (day === '2026-07-29' ? 1 : 0) : r.between(0, severity === 'high' ? 1 : 2);
      const fixed = Math.min(open[severity] + found, severity === 'critical' ? (day === '2026-08-01' ? 1 : 0) : r.between(0, severity === 'high' ? 1 : 2));
      open = { ...open, [severity]: Math.max(0, open[severity] + found - fixed) };
      if (severity !== 'critical' && open[severity] > { high: 6, medium: 30, low: 60 }[severity]) open[severity] -= 1;
    }
    const blocked = r.between(0, 3);
    const items = Object.entries(open).map(([severity, count]) => ({ severity, open: count, deadlineDays: deadline[severity], pastDeadline: 0 }));
    items.push({ severity: 'merges blocked by semgrep or gitleaks', open: blocked, deadlineDays: null, pastDeadline: 0 });
    write({
      collector: 'vulnerability-scanning',
      collectedAt: at(day, 7, 45, 0),
      controls: ['VM-01', 'SD-03'],
      summary: `Open findings in images and dependencies: ${open.critical} critical, ${open.high} high, ${open.medium} medium, ${open.low} low, none past its remediation deadline; ${blocked} ${blocked === 1 ? 'merge' : 'merges'} blocked by static analysis or secret scanning.`,
      source: 'Trivy, Dependabot, Semgrep and gitleaks results in GitHub code scanning',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// asset-inventory (GV-03, monthly): the month's reconciliation of cloud resources and devices,
// mapped to the components of the system boundary statement, with the shared-responsibility
// rows confirmed

{
  const boundary = parse(readFileSync(join(root, 'content/system-boundary.yaml'), 'utf8'));
  const responsibilities = parse(readFileSync(join(root, 'content/shared-responsibility.yaml'), 'utf8'));
  const assetCount = (name, day) => {
    const n = daysFrom(FIRST_DAY, day);
    if (/gateway hardware/i.test(name)) return issuedBy(day) - revokedBy.get(day);
    if (/AWS infrastructure/i.test(name)) return 1_180 + n;
    if (/Corporate IT/i.test(name)) return staffOn(day) + administratorsOn(day);
    if (/provisioning station/i.test(name)) return 2;
    if (/HSM/i.test(name)) return 4;
    if (/Third-party SaaS/i.test(name)) return 23;
    return null;
  };
  for (let month = 0; month < 8; month++) {
    const day = addMonths('2026-04-01', month);
    const items = boundary.components.map((component) => ({
      component: component.name,
      scope: component.scope,
      assets: assetCount(component.name, day),
      controls: component.controls ?? [],
      reconciled: component.scope === 'out' ? 'outside the boundary: customer-owned, not inventoried' : 'matches the inventory',
    }));
    write({
      collector: 'asset-inventory',
      collectedAt: at(day, 8, 30, 0),
      controls: ['GV-03'],
      summary: `${monthName(addMonths(day, -1))} reconciliation: ${number(assetCount('AWS infrastructure', day))} AWS resources and ${number(assetCount('gateway hardware', day))} active gateways mapped to the ${boundary.components.length} components of the system boundary (${boundary.components.filter((c) => c.scope === 'in').length} in scope, ${boundary.components.filter((c) => c.scope === 'shared').length} shared, ${boundary.components.filter((c) => c.scope === 'out').length} outside); the ${responsibilities.rows.length} shared-responsibility rows confirmed unchanged by ${person('tomas')}.`,
      source: 'AWS Config aggregator, device registry, Jamf and content/system-boundary.yaml',
      items,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Once-a-quarter and once-a-year records

{
  const r = generator(seedOf('quarterly'));
  for (const [day, quarter] of [
    ['2026-04-20', 'Q2 2026'],
    ['2026-07-20', 'Q3 2026'],
    ['2026-10-19', 'Q4 2026'],
  ]) {
    const accounts = 23 + Math.floor(daysFrom(FIRST_DAY, day) / 45);
    const rotated = r.between(5, 9);
    write({
      collector: 'secrets-rotation',
      collectedAt: at(day, 10, 0, 0),
      controls: ['AC-06'],
      summary: `${quarter}: ${accounts} service accounts and their secrets inventoried, each with an owner; ${rotated} secrets rotated on schedule, none older than its 12-month limit.`,
      source: 'AWS Secrets Manager, Vault and the service-account register',
      items: [
        { kind: 'service accounts', count: accounts, withOwner: accounts, overdue: 0 },
        { kind: 'secrets rotated this quarter', count: rotated, withOwner: rotated, overdue: 0 },
      ],
    });
  }
  for (const [day, quarter, notified] of [
    ['2026-04-06', 'Q1 2026', []],
    ['2026-07-06', 'Q2 2026', [{ incident: 'INC-2291', kind: 'availability', customers: 212, notifiedWithin: '22 minutes (status page)', security: false }]],
    ['2026-10-05', 'Q3 2026', []],
  ]) {
    write({
      collector: 'customer-notifications',
      collectedAt: at(day, 9, 40, 0),
      controls: ['IR-03'],
      summary: notified.length
        ? `${quarter}: ${notified.length} incident affecting customers, notified through the status page within the committed time; no security incident required notice.`
        : `${quarter}: no incident required customer notification; the notification templates were checked by ${person('sofia')}.`,
      source: 'Incident register and status page history',
      items: notified,
    });
  }
}

write({
  collector: 'risk-assessment',
  collectedAt: at('2026-06-18', 14, 0, 0),
  controls: ['GV-01'],
  summary:
    'Annual risk assessment 2026 approved by Grace Chen: 41 risks, 6 high (firmware signing key compromise, factory provisioning tampering, cross-tenant data exposure, OTA mass failure, ransomware, cloud region outage), each with an owner and treatment; the system boundary and shared responsibility table reviewed and confirmed.',
  source: 'Risk register (Confluence) and the management review minutes',
  items: [
    { level: 'high', risks: 6, treated: 6, accepted: 0 },
    { level: 'medium', risks: 17, treated: 15, accepted: 2 },
    { level: 'low', risks: 18, treated: 9, accepted: 9 },
  ],
});

write({
  collector: 'secure-development-training',
  collectedAt: at('2026-05-28', 12, 0, 0),
  controls: ['SD-01'],
  summary: `Secure development training 2026 (OWASP Top 10, embedded C memory safety, supply chain): ${engineersOn('2026-05-28')} of ${engineersOn('2026-05-28')} engineers completed it by 28 May.`,
  source: 'Learning platform completion report',
  items: [
    { course: 'OWASP Top 10 for the Kestrel Cloud stack', assigned: engineersOn('2026-05-28'), completed: engineersOn('2026-05-28') },
    { course: 'Memory safety in KestrelOS C code', assigned: 9, completed: 9 },
  ],
});

write({
  collector: 'incident-exercise',
  collectedAt: at('2026-09-18', 15, 0, 0),
  controls: ['IR-02', 'IR-01'],
  summary:
    'Tabletop exercise on 17 September 2026: a leaked device identity from the factory station (runbook device-identity-compromise), with Engineering, Firmware, Legal and Customer Success; 11 participants, 3 findings with owners and due dates.',
  source: 'Exercise report TTX-2026-01',
  items: [
    { part: 'scenario', detail: 'Cloned gateway identities connect from two countries; the issuing CA batch must be rotated', owner: 'Priya Raman', due: null },
    {
      part: 'participants',
      detail: 'Priya Raman, Marcus Webb, Aisha Okafor, Tomás Herrera, Sofia Lindqvist, Elena Sokolova and 5 engineers',
      owner: null,
      due: null,
    },
    { part: 'finding', detail: 'Mass revocation needs a tested batch script (SEC-412)', owner: 'Aisha Okafor', due: '2026-10-16' },
    { part: 'finding', detail: 'Customer notice template lacks the OT-network guidance (SEC-413)', owner: 'Sofia Lindqvist', due: '2026-10-02' },
    {
      part: 'finding',
      detail: 'Runbook step for broker CRL cache refresh was out of date (SEC-414, fixed in #2511)',
      owner: 'Tomás Herrera',
      due: '2026-09-25',
    },
  ],
});

write({
  collector: 'vendor-review',
  collectedAt: at('2026-10-20', 13, 0, 0),
  controls: ['VN-02'],
  summary:
    'Annual review of 7 critical vendors and sub-processors: current SOC 2 or ISO 27001 reports read, complementary user entity controls mapped; 1 exception (Norrland Electronics audit moved to December).',
  source: 'Vendor register',
  items: [
    { vendor: 'Amazon Web Services', assurance: 'SOC 2 Type II, 2026', result: 'no exceptions relevant to Kestrel' },
    { vendor: 'Confluent', assurance: 'SOC 2 Type II, 2026', result: 'no exceptions' },
    { vendor: 'Datadog', assurance: 'SOC 2 Type II, 2026', result: 'no exceptions' },
    { vendor: 'Okta', assurance: 'SOC 2 Type II, 2026', result: 'no exceptions' },
    { vendor: 'GitHub', assurance: 'SOC 2 Type II, 2026', result: 'no exceptions' },
    { vendor: 'PagerDuty', assurance: 'SOC 2 Type II, 2026', result: 'no exceptions' },
    { vendor: 'Norrland Electronics', assurance: 'Kestrel on-site audit, 2025', result: 'exception: 2026 audit moved to December' },
  ],
});

// ---------------------------------------------------------------------------------------------
// Signing, as `charter evidence collect` and `import` sign with CHARTER_EVIDENCE_KEY, and writing

const environmentKey = signingKeyFromEnvironment();
const privateKey = environmentKey ?? generateKeyPairSync('ed25519').privateKey;
const publicKey = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
for (const [, snapshot] of written) snapshot.signature = signSnapshotHash(snapshot.hash, privateKey);

const collectorNames = [...latest.keys()].sort();
const firstOf = (collector) => written.find(([, s]) => s.collector === collector)[1].collectedAt;
const keysFile = join(out, EVIDENCE_KEYS_FILE);
mkdirSync(dirname(keysFile), { recursive: true });
writeFileSync(
  keysFile,
  `# Public keys whose signatures charter evidence verify and charter check accept, per collector
# (docs/evidence.md, "Signed snapshots"). Written by scripts/example/make-evidence.mjs: the
# example's snapshots are signed with ${environmentKey ? 'the key in CHARTER_EVIDENCE_KEY' : 'a key made for the run, whose private half was thrown away'}.
# Replace it with your collectors' public keys; never commit a private key.
` +
    stringify(
      {
        keys: collectorNames.map((collector) => ({
          collector,
          publicKey,
          note: `example key ${keyFingerprint(privateKey)}, held by the collector's runner`,
          requiredFrom: firstOf(collector),
        })),
      },
      { lineWidth: 0 },
    ),
);

mkdirSync(join(out, SNAPSHOTS_DIR), { recursive: true });
for (const file of readdirSync(join(out, SNAPSHOTS_DIR))) if (file.endsWith('.json')) rmSync(join(out, SNAPSHOTS_DIR, file));
for (const [file, snapshot] of written) writeFileSync(join(out, file), serialiseSnapshot(snapshot));
console.log(
  `wrote ${written.length} signed snapshots from ${latest.size} collectors to ${SNAPSHOTS_DIR}/ and their public key to ${EVIDENCE_KEYS_FILE} (key ${keyFingerprint(privateKey)})`,
);
