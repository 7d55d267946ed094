// Writes a complete, valid Charter content root with N synthetic documents (policies, runbooks,
// controls) mapped to the real framework catalogs, committed to a git repository the way a
// company keeps its content, so that builds pay for per-document history as they would in use.
//
//   node scripts/bench/generate.mjs DIR [DOCUMENTS]
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const project = fileURLToPath(new URL('../../', import.meta.url));

/** How the documents split between kinds: a large programme has more controls than policies. */
export const documentMix = { policies: 0.3, runbooks: 0.2, controls: 0.5 };
/** Share of policies published on the trust center; each gets a public page and a preview image. */
const publicShare = 0.02;

/** Small, seeded generator: the same count always yields the same content. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sample = (list, count) => {
    const copy = [...list];
    const out = [];
    while (out.length < count && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, sample };
}

const areas = [
  ['AC', 'Access control', 'access control'],
  ['AM', 'Asset management', 'asset management'],
  ['BC', 'Business continuity', 'backup and continuity'],
  ['CM', 'Change management', 'change management'],
  ['CR', 'Cryptography', 'cryptographic key management'],
  ['DP', 'Data protection', 'data protection'],
  ['HR', 'People security', 'people security'],
  ['IR', 'Incident response', 'incident response'],
  ['LM', 'Logging and monitoring', 'logging and monitoring'],
  ['NS', 'Network security', 'network security'],
  ['PS', 'Physical security', 'physical security'],
  ['RM', 'Risk management', 'risk management'],
  ['SD', 'Secure development', 'secure development'],
  ['VM', 'Vulnerability management', 'vulnerability management'],
  ['VN', 'Vendor management', 'vendor management'],
  ['FW', 'Firmware integrity', 'firmware release and signing'],
  ['DI', 'Device identity', 'device identity'],
  ['GV', 'Governance', 'security governance'],
  ['TI', 'Telemetry integrity', 'telemetry integrity'],
  ['CO', 'Compliance', 'compliance management'],
];

const scopes = [
  'Kestrel Cloud',
  'the KG-200 gateway',
  'corporate IT',
  'the factory provisioning line',
  'the data platform',
  'customer support tooling',
  'the OTA update service',
  'the device registry',
  'engineering laptops',
  'the analytics pipeline',
];
const systems = [
  'Okta',
  'AWS',
  'GitHub',
  'Kafka',
  'TimescaleDB',
  'the device registry',
  'Google Workspace',
  'Jira',
  'Slack',
  'Datadog',
  'PagerDuty',
  'Vault',
  'the OTA service',
  'the MQTT brokers',
  'Snowflake',
  'Jamf',
  'the HSM cluster',
];
// Team names read as singular: "Security reviews …".
const roles = [
  'The system owner',
  'Security',
  'Platform and SRE',
  'IT and People Operations',
  'Firmware engineering',
  'The line manager',
  'Legal',
  'Customer Success',
  'Internal audit',
  'Data engineering',
];
const verbs = ['reviews', 'approves', 'records', 'monitors', 'tests', 'documents', 'verifies', 'escalates', 'rotates', 'retains'];
const objects = [
  'access requests',
  'configuration changes',
  'signing keys',
  'audit logs',
  'backup restores',
  'vendor assessments',
  'incident tickets',
  'firmware releases',
  'device certificates',
  'risk register entries',
  'exception requests',
  'security alerts',
];
const periods = [
  'within one business day',
  'every quarter',
  'before each release',
  'at least once a year',
  'within 72 hours',
  'every month',
  'before go-live',
  'within 5 business days',
  'after every major change',
  'each sprint',
];
const qualifiers = ['Standard', 'Policy', 'Procedure Policy', 'Requirements', 'Rules'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const slugify = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const isoDaysAgo = (today, days) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);

function sentence(r) {
  const forms = [
    () => `${r.pick(roles)} ${r.pick(verbs)} ${r.pick(objects)} for ${r.pick(systems)} ${r.pick(periods)}.`,
    () =>
      `Every change to ${r.pick(systems)} that affects ${r.pick(objects)} is recorded with a ticket, an owner and a reason, and ${r.pick(roles).replace(/^The /, 'the ')} keeps the record for at least three years.`,
    () =>
      `Where ${r.pick(systems)} cannot meet this requirement, the gap is listed in the risk register with a compensating measure and a date by which it is closed.`,
    () => `${cap(r.pick(objects))} that fall outside the expected pattern raise an alert to the on-call engineer, who acknowledges it ${r.pick(periods)}.`,
    () =>
      `The owner named in the inventory ${r.pick(verbs)} the result and keeps the evidence in the audit folder so that a sample can be shown to an auditor.`,
    () => `This applies equally to employees, contractors and service accounts working on ${r.pick(scopes)}.`,
  ];
  return r.pick(forms)();
}

const paragraph = (r, min, max) => Array.from({ length: r.int(min, max) }, () => sentence(r)).join(' ');

function table(r, rows) {
  const lines = ['| Role | Responsibility |', '|---|---|'];
  for (const role of r.sample(roles, rows))
    lines.push(`| ${role} | ${cap(r.pick(verbs))} ${r.pick(objects)} ${r.pick(periods)}; report exceptions to Security |`);
  return lines.join('\n');
}

function policyBody(r, title, area) {
  const statements = Array.from({ length: r.int(6, 10) }, (_, i) => `${i + 1}. **${cap(r.pick(objects))}.** ${paragraph(r, 2, 4)}`);
  return [
    '## Purpose',
    '',
    `This policy sets the rules for ${area} across ${r.pick(scopes)}. ${paragraph(r, 2, 3)}`,
    '',
    '## Scope',
    '',
    `It covers ${r.sample(systems, 5).join(', ')} and every account with access to them. ${paragraph(r, 1, 3)}`,
    '',
    '## Policy statements',
    '',
    ...statements,
    '',
    '## Roles and responsibilities',
    '',
    table(r, r.int(4, 6)),
    '',
    '## Exceptions',
    '',
    `Request an exception through the security exceptions form with the system, the reason and an end date. ${paragraph(r, 1, 2)}`,
    '',
    '## Related documents',
    '',
    ...r.sample(areas, 3).map(([, name]) => `- ${name} ${r.pick(qualifiers).toLowerCase()}`),
    `- ${title} evidence register (internal)`,
    '',
  ].join('\n');
}

function runbookBody(r) {
  const sections = [];
  let step = 1;
  const count = r.int(4, 6);
  for (let s = 1; s <= count; s++) {
    const lines = [`## ${s}. ${cap(r.pick(verbs))} the ${r.pick(objects)}`, ''];
    for (let i = 0; i < r.int(2, 4); i++) {
      lines.push(
        `${step++}. ${sentence(r)} Run \`kestrel-ops ${r.pick(['status', 'halt', 'export', 'rotate', 'verify'])} --target ${slugify(r.pick(systems))}\` and note the result in the ticket.`,
      );
    }
    if (r.next() < 0.4) {
      lines.push('', ...r.sample(systems, 3).map((system) => `- **${system}:** ${sentence(r)}`));
    }
    if (r.next() < 0.25) {
      lines.push('', '| Signal | Threshold | Action |', '|---|---|---|');
      for (let i = 0; i < 3; i++) lines.push(`| ${cap(r.pick(objects))} | ${r.int(1, 20)} % | ${cap(r.pick(verbs))} and page ${r.pick(roles).toLowerCase()} |`);
    }
    sections.push(lines.join('\n'));
  }
  return `${paragraph(r, 2, 4)}\n\n${sections.join('\n\n')}\n`;
}

const yamlString = (s) => JSON.stringify(s);

function frontmatter(fields) {
  const lines = ['---'];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) lines.push(`${key}: [${value.join(', ')}]`);
    else if (typeof value === 'string' && /[:#"'[\]{}]|^\s|\s$/.test(value)) lines.push(`${key}: ${yamlString(value)}`);
    else lines.push(`${key}: ${value}`);
  }
  lines.push('---', '');
  return lines.join('\n');
}

/** Requirement ids per framework in frameworks/, minus those content/applicability.yaml excludes. */
async function mappableRequirements(root) {
  const excluded = new Set((parse(await readFile(join(root, 'content/applicability.yaml'), 'utf8'))?.exclusions ?? []).map((e) => e.requirement));
  const result = {};
  for (const file of await readdir(join(root, 'frameworks'))) {
    if (!file.endsWith('.yaml')) continue;
    const framework = parse(await readFile(join(root, 'frameworks', file), 'utf8'));
    const ids = [];
    const walk = (node) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node.requirements)) for (const req of node.requirements) if (req?.id) ids.push(req.id);
      for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
    };
    walk(framework.groups ?? framework);
    result[framework.id] = [...new Set(ids)].filter((id) => !excluded.has(`${framework.id}:${id}`));
  }
  return result;
}

/** The number of each kind for a total document count. */
export function documentCounts(documents) {
  const policies = Math.max(1, Math.round(documents * documentMix.policies));
  const runbooks = Math.max(1, Math.round(documents * documentMix.runbooks));
  return { policies, runbooks, controls: Math.max(1, documents - policies - runbooks) };
}

function git(root, args, env = {}) {
  execFileSync('git', ['-C', root, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Priya Raman',
      GIT_AUTHOR_EMAIL: 'priya.raman@kestrel.example',
      GIT_COMMITTER_NAME: 'GitHub',
      GIT_COMMITTER_EMAIL: 'noreply@github.com',
      ...env,
    },
  });
}

/**
 * Writes the content root. Everything but policies, runbooks and controls is the example
 * content, unchanged; evidence snapshots are left out because they name the example's controls.
 */
export async function generateContent(root, documents, { seed = 9, today: todayOption } = {}) {
  const r = random(seed * 1_000_003 + documents);
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'content'), { recursive: true });
  for (const entry of await readdir(join(project, 'content'))) {
    if (['policies', 'runbooks', 'controls'].includes(entry)) continue;
    await cp(join(project, 'content', entry), join(root, 'content', entry), { recursive: true });
  }
  await cp(join(project, 'frameworks'), join(root, 'frameworks'), { recursive: true });
  await cp(join(project, 'public'), join(root, 'public'), { recursive: true });
  await mkdir(join(root, 'evidence-snapshots'), { recursive: true });
  for (const file of ['README.md', 'roster.csv']) await cp(join(project, 'evidence-snapshots', file), join(root, 'evidence-snapshots', file)).catch(() => {});
  for (const dir of ['policies', 'runbooks', 'controls']) await mkdir(join(root, 'content', dir), { recursive: true });

  const site = parse(await readFile(join(root, 'content/site.yaml'), 'utf8'));
  // Dates are generated before the day the content judges them by (site.yaml asOf when it pins one).
  const today = todayOption ?? (site.asOf ? new Date(`${String(site.asOf)}T12:00:00Z`) : new Date());
  const people = site.people.map((p) => p.id);
  const requirements = await mappableRequirements(root);
  const frameworkIds = Object.keys(requirements).filter((id) => requirements[id].length);
  const counts = documentCounts(documents);

  // Controls: up to 999 per area, numbered within the area.
  const controls = [];
  const perArea = Math.ceil(counts.controls / areas.length);
  for (let i = 0; i < counts.controls; i++) {
    const [code, name, topic] = areas[i % areas.length];
    const number = Math.floor(i / areas.length) + 1;
    if (perArea > 999) throw new Error('too many controls for the id pattern');
    controls.push({ id: `${code}-${String(number).padStart(3, '0')}`, area: name, topic });
  }
  for (const [index, control] of controls.entries()) {
    const mappings = {};
    for (const framework of r.sample(frameworkIds, r.int(1, 3))) mappings[framework] = r.sample(requirements[framework], r.int(1, 3));
    const lines = [
      `id: ${control.id}`,
      `title: ${yamlString(`${cap(r.pick(verbs))} ${r.pick(objects)} for ${r.pick(systems)}`)}`,
      `area: ${control.area}`,
      'description: >-',
      ...paragraph(r, 3, 5)
        .match(/.{1,90}(\s|$)/g)
        .map((line) => `  ${line.trim()}`),
      ...(index % 2 === 0
        ? [
            `publicSummary: ${yamlString(`We ${r.pick(verbs).replace(/s$/, '')} ${r.pick(objects)} ${r.pick(periods)} as part of our ${control.topic} programme.`)}`,
          ]
        : []),
      `owner: ${r.pick(people)}`,
      `frequency: ${r.pick(['continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'annual'])}`,
      'evidence:',
      ...Array.from({ length: r.int(2, 4) }, () => `  - ${yamlString(`${cap(r.pick(objects))} export from ${r.pick(systems)} for the period`)}`),
      'mappings:',
      ...Object.entries(mappings).map(([framework, ids]) => `  ${framework}: [${ids.map(yamlString).join(', ')}]`),
      '',
    ];
    await writeFile(join(root, 'content/controls', `${control.id}.yaml`), lines.join('\n'));
  }
  // The example's boundary and shared-responsibility files name the example's controls: point
  // each of those references at a generated control instead, so the files stay as they are otherwise.
  let reference = 0;
  for (const file of ['content/system-boundary.yaml', 'content/shared-responsibility.yaml']) {
    const text = await readFile(join(root, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const remapped = text.replace(/^(\s*controls: \[)([^\]]*)\]/gm, (_, head, list) => {
      const ids = list.split(',').map(() => controls[(reference++ * 7) % controls.length].id);
      return `${head}${[...new Set(ids)].join(', ')}]`;
    });
    await writeFile(join(root, file), remapped);
  }

  // Policies: every control is implemented by at least one (round robin), plus a few more.
  const policyFiles = [];
  const publicEvery = Math.max(1, Math.round(1 / publicShare));
  for (let i = 0; i < counts.policies; i++) {
    const [, areaName, topic] = areas[i % areas.length];
    const scope = r.pick(scopes);
    const title = `${cap(topic)} ${r.pick(qualifiers)} for ${scope.replace(/^the /, '')} ${i + 1}`;
    const id = `${slugify(`${topic} ${scope}`)}-${i + 1}`;
    const own = controls.filter((_, c) => c % counts.policies === i).map((c) => c.id);
    const implemented = [...new Set([...own, ...r.sample(controls, r.int(1, 4)).map((c) => c.id)])];
    const effective = isoDaysAgo(today, r.int(30, 320));
    const fields = {
      id,
      title,
      summary: `Sets the rules for ${topic} across ${scope}: who ${r.pick(verbs).replace(/s$/, '')}s ${r.pick(objects)}, how often, and what evidence is kept.`,
      version: `${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 5)}`,
      owner: r.pick(people),
      approver: r.pick(people),
      effective,
      lastReviewed: isoDaysAgo(today, r.int(1, 29)),
      reviewCycle: 'annual',
      audience: r.next() < 0.6 ? ['everyone'] : r.sample(['engineering', 'security', 'firmware', 'platform', 'it', 'support'], r.int(1, 2)),
      acknowledgement: r.next() < 0.4,
      visibility: i % publicEvery === 0 ? 'public' : 'internal',
      controls: implemented,
    };
    const file = `content/policies/${id}.mdx`;
    policyFiles.push(file);
    await writeFile(join(root, file), frontmatter(fields) + '\n' + policyBody(r, title, areaName.toLowerCase()));
  }

  const runbookFiles = [];
  for (let i = 0; i < counts.runbooks; i++) {
    const topic = r.pick(objects);
    const id = `${slugify(`${r.pick(verbs)} ${topic}`)}-${i + 1}`;
    const fields = {
      id,
      title: `${cap(r.pick(verbs).replace(/s$/, ''))} ${topic} on ${r.pick(systems)} ${i + 1}`,
      summary: `Use when ${topic} on ${r.pick(systems)} need attention ${r.pick(periods)}.`,
      owner: r.pick(people),
      lastTested: isoDaysAgo(today, r.int(5, 300)),
      controls: r.sample(controls, r.int(1, 3)).map((c) => c.id),
    };
    const file = `content/runbooks/${id}.mdx`;
    runbookFiles.push(file);
    await writeFile(join(root, file), frontmatter(fields) + '\n' + runbookBody(r));
  }

  // History: an initial import, then a pull request that revises a tenth of the policies
  // (merged with a merge commit and an approval trailer) and a squash-merged runbook change.
  const day = (n) => ({ GIT_AUTHOR_DATE: `${isoDaysAgo(today, n)}T10:00:00Z`, GIT_COMMITTER_DATE: `${isoDaysAgo(today, n)}T10:00:00Z` });
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'Import compliance content'], day(30));
  git(root, ['checkout', '-q', '-b', 'policy-review']);
  for (const file of policyFiles.filter((_, i) => i % 10 === 0)) {
    const text = await readFile(join(root, file), 'utf8');
    await writeFile(
      join(root, file),
      text
        .replace(/^version: (\d+)\.(\d+)\.(\d+)$/m, (_, a, b) => `version: ${a}.${Number(b) + 1}.0`)
        .replace('## Exceptions\n\n', '## Exceptions\n\nExceptions last at most 90 days. '),
    );
  }
  git(root, ['commit', '-q', '-a', '-m', 'Annual review of policies'], day(20));
  git(root, ['checkout', '-q', 'main']);
  git(
    root,
    [
      'merge',
      '-q',
      '--no-ff',
      'policy-review',
      '-m',
      'Merge pull request #1 from kestrel/policy-review\n\nAnnual review of policies\n\nApproved-by: Marcus Webb <marcus.webb@kestrel.example>',
    ],
    day(19),
  );
  for (const file of runbookFiles.filter((_, i) => i % 10 === 0)) {
    const text = await readFile(join(root, file), 'utf8');
    await writeFile(join(root, file), `${text}\nAfter the run, file the ticket under the quarterly review epic.\n`);
  }
  git(root, ['commit', '-q', '-a', '-m', 'Runbooks: file tickets under the review epic (#2)'], day(10));
  return counts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, documents = '100'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/bench/generate.mjs DIR [DOCUMENTS]');
    process.exit(2);
  }
  const counts = await generateContent(dir, Number(documents));
  console.log(`wrote ${counts.policies} policies, ${counts.runbooks} runbooks and ${counts.controls} controls to ${dir}`);
}
