#!/usr/bin/env node
// An example of a company's own evidence collector, for a system Charter cannot reach: the
// identity provider. It turns an export of users and their sign-in factors into a snapshot
// (docs/evidence.md, docs/evidence.schema.json); `charter evidence import` then validates
// the snapshot and adds it to the hash chain.
//
//   node scripts/example/evidence-collector.mjs scripts/example/idp-export.json > mfa.json
//   npx charter evidence import mfa.json && rm mfa.json
//
// The snapshot is stamped with the time the script runs, or with --collected-at TIME (the time
// the export was taken, e.g. 2026-11-30T06:00:00Z), or CHARTER_NOW when that is set.
//
// Adapt readExport() to your IdP (Okta: /api/v1/users and /api/v1/users/{id}/factors; Entra ID:
// the authentication methods registration report). Anything that can print JSON can be a
// collector: a scheduled CI job, a cron script, a Lambda function. No dependencies needed.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Factors that cannot be phished: an attacker's look-alike page cannot replay them. */
const PHISHING_RESISTANT = new Set(['webauthn', 'smart_card']);

/** The export: { org, users: [{ login, status, policy, factors: [...] }] }. */
function readExport(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The snapshot for one export. Items are one per authentication policy, plus one per active
 * user who can still sign in with a factor that is not phishing-resistant: the exceptions an
 * auditor asks about.
 */
export function mfaSnapshot(exported, collectedAt) {
  const active = exported.users.filter((user) => user.status === 'ACTIVE');
  const weak = (user) => user.factors.filter((factor) => !PHISHING_RESISTANT.has(factor));
  const policies = [...new Set(active.map((user) => user.policy))].sort();
  const items = policies.map((policy) => {
    const users = active.filter((user) => user.policy === policy);
    return {
      type: 'authentication-policy',
      policy,
      activeUsers: users.length,
      phishingResistantOnly: users.filter((user) => weak(user).length === 0).length,
      factorsInUse: [...new Set(users.flatMap((user) => user.factors))].sort(),
    };
  });
  const exceptions = active.filter((user) => weak(user).length > 0);
  for (const user of exceptions) items.push({ type: 'exception', user: user.login, policy: user.policy, factors: user.factors });
  const compliant = active.length - exceptions.length;
  return {
    collector: 'identity-provider-mfa',
    collectedAt,
    controls: ['AC-01'],
    summary:
      `${compliant} of ${active.length} active users sign in with phishing-resistant factors only` +
      (exceptions.length ? `; ${exceptions.length} can still use another factor (${exceptions.map((u) => u.login).join(', ')}).` : '.'),
    source: `Okta org ${exported.org}`,
    items,
  };
}

/** When the export was taken: --collected-at, else CHARTER_NOW, else now; UTC to the second. */
function collectionTime(option) {
  const text = option ?? process.env.CHARTER_NOW;
  // A bare date means the end of that day, as Charter reads CHARTER_NOW.
  const time = text === undefined ? new Date() : new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T23:59:59Z` : text);
  if (Number.isNaN(time.getTime()))
    throw new Error(`${option === undefined ? 'CHARTER_NOW' : '--collected-at'}: expected a time such as 2026-11-30T06:00:00Z, got "${text}"`);
  return time.toISOString().replace(/\.\d+Z$/, 'Z');
}

// Run as a script: print the snapshot for the export named on the command line.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'collected-at': { type: 'string' } } });
  const [path] = positionals;
  if (!path) {
    console.error('usage: node scripts/example/evidence-collector.mjs [--collected-at TIME] <idp-export.json> > snapshot.json');
    process.exit(2);
  }
  try {
    process.stdout.write(`${JSON.stringify(mfaSnapshot(readExport(path), collectionTime(values['collected-at'])), null, 2)}\n`);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
}
