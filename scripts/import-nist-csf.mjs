#!/usr/bin/env node
// Builds frameworks/nist-csf.yaml from NIST's CSF 2.0 Core (public domain).
//
// Usage: node scripts/import-nist-csf.mjs <nist_csf_2.0_core.json> [output.yaml]
//
// The input is the JSON extract of NIST's OSCAL CSF 2.0 catalog (functions, categories,
// subcategories with outcome statements, and the withdrawn CSF 1.1 ids). One group is written
// per category and one requirement per active subcategory. The description is NIST's outcome
// statement; the short title comes from TITLES below. The script fails if a subcategory has
// no title, a title is unused, or the counts differ from those the input declares.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document } from 'yaml';

const TITLES = {
  'GV.OC-01': 'Mission informs risk management',
  'GV.OC-02': 'Stakeholder needs and expectations',
  'GV.OC-03': 'Legal, regulatory and contractual requirements',
  'GV.OC-04': 'Critical services stakeholders depend on',
  'GV.OC-05': 'Dependencies of the organization',
  'GV.OV-01': 'Strategy outcomes reviewed',
  'GV.OV-02': 'Strategy coverage reviewed and adjusted',
  'GV.OV-03': 'Risk management performance evaluated',
  'GV.PO-01': 'Cybersecurity policy established',
  'GV.PO-02': 'Cybersecurity policy reviewed and updated',
  'GV.RM-01': 'Risk management objectives agreed',
  'GV.RM-02': 'Risk appetite and tolerance',
  'GV.RM-03': 'Cyber risk in enterprise risk management',
  'GV.RM-04': 'Risk response direction communicated',
  'GV.RM-05': 'Risk communication lines established',
  'GV.RM-06': 'Standard risk calculation method',
  'GV.RM-07': 'Positive risks considered',
  'GV.RR-01': 'Leadership accountable for cyber risk',
  'GV.RR-02': 'Roles, responsibilities and authorities',
  'GV.RR-03': 'Adequate cybersecurity resources',
  'GV.RR-04': 'Cybersecurity in HR practices',
  'GV.SC-01': 'Supply chain risk management established',
  'GV.SC-02': 'Supplier and partner security roles',
  'GV.SC-03': 'Supply chain risk integrated',
  'GV.SC-04': 'Suppliers known and ranked by criticality',
  'GV.SC-05': 'Security requirements in supplier contracts',
  'GV.SC-06': 'Due diligence before supplier engagement',
  'GV.SC-07': 'Supplier risk managed throughout relationship',
  'GV.SC-08': 'Suppliers included in incident activities',
  'GV.SC-09': 'Supply chain practices across life cycle',
  'GV.SC-10': 'Provisions after supplier relationship ends',
  'ID.AM-01': 'Hardware inventory maintained',
  'ID.AM-02': 'Software, services and systems inventory',
  'ID.AM-03': 'Network data flows documented',
  'ID.AM-04': 'Supplier services inventory maintained',
  'ID.AM-05': 'Assets prioritized by criticality',
  'ID.AM-07': 'Data inventories and metadata maintained',
  'ID.AM-08': 'Asset life cycle management',
  'ID.IM-01': 'Improvements from evaluations',
  'ID.IM-02': 'Improvements from tests and exercises',
  'ID.IM-03': 'Improvements from operational processes',
  'ID.IM-04': 'Incident response and operational plans',
  'ID.RA-01': 'Asset vulnerabilities identified and recorded',
  'ID.RA-02': 'Cyber threat intelligence received',
  'ID.RA-03': 'Internal and external threats identified',
  'ID.RA-04': 'Threat impact and likelihood recorded',
  'ID.RA-05': 'Inherent risk informs prioritization',
  'ID.RA-06': 'Risk responses chosen and tracked',
  'ID.RA-07': 'Changes and exceptions risk-assessed',
  'ID.RA-08': 'Vulnerability disclosure handling process',
  'ID.RA-09': 'Hardware and software authenticity verified',
  'ID.RA-10': 'Critical suppliers assessed before acquisition',
  'PR.AA-01': 'Identities and credentials managed',
  'PR.AA-02': 'Identity proofing and credential binding',
  'PR.AA-03': 'Users, services and hardware authenticated',
  'PR.AA-04': 'Identity assertions protected and verified',
  'PR.AA-05': 'Least-privilege access permissions',
  'PR.AA-06': 'Physical access managed',
  'PR.AT-01': 'Security awareness training for personnel',
  'PR.AT-02': 'Training for specialized roles',
  'PR.DS-01': 'Data at rest protected',
  'PR.DS-02': 'Data in transit protected',
  'PR.DS-10': 'Data in use protected',
  'PR.DS-11': 'Backups created, protected and tested',
  'PR.IR-01': 'Networks protected from unauthorized access',
  'PR.IR-02': 'Protection from environmental threats',
  'PR.IR-03': 'Resilience mechanisms implemented',
  'PR.IR-04': 'Adequate resource capacity maintained',
  'PR.PS-01': 'Configuration management practices applied',
  'PR.PS-02': 'Software maintained and retired by risk',
  'PR.PS-03': 'Hardware maintained and retired by risk',
  'PR.PS-04': 'Log records generated for monitoring',
  'PR.PS-05': 'Unauthorized software prevented',
  'PR.PS-06': 'Secure software development practices',
  'DE.AE-02': 'Adverse events analyzed',
  'DE.AE-03': 'Information correlated across sources',
  'DE.AE-04': 'Impact and scope of events understood',
  'DE.AE-06': 'Event information provided to responders',
  'DE.AE-07': 'Threat intelligence integrated into analysis',
  'DE.AE-08': 'Incidents declared against criteria',
  'DE.CM-01': 'Networks and network services monitored',
  'DE.CM-02': 'Physical environment monitored',
  'DE.CM-03': 'Personnel activity and technology use monitored',
  'DE.CM-06': 'External service providers monitored',
  'DE.CM-09': 'Computing hardware and software monitored',
  'RS.AN-03': 'Incident root cause analysis',
  'RS.AN-06': 'Investigation actions recorded',
  'RS.AN-07': 'Incident data collected and preserved',
  'RS.AN-08': 'Incident magnitude estimated',
  'RS.CO-02': 'Stakeholders notified of incidents',
  'RS.CO-03': 'Information shared with stakeholders',
  'RS.MA-01': 'Incident response plan executed',
  'RS.MA-02': 'Incident reports triaged',
  'RS.MA-03': 'Incidents categorized and prioritized',
  'RS.MA-04': 'Incidents escalated as needed',
  'RS.MA-05': 'Recovery initiation criteria applied',
  'RS.MI-01': 'Incidents are contained',
  'RS.MI-02': 'Incidents are eradicated',
  'RC.CO-03': 'Recovery progress communicated',
  'RC.CO-04': 'Public recovery updates shared',
  'RC.RP-01': 'Recovery plan executed',
  'RC.RP-02': 'Recovery actions selected and performed',
  'RC.RP-03': 'Backup integrity verified before restore',
  'RC.RP-04': 'Post-incident operational norms established',
  'RC.RP-05': 'Restored assets verified',
  'RC.RP-06': 'End of recovery declared',
};

function fail(message) {
  console.error(`import-nist-csf: ${message}`);
  process.exit(1);
}

/** "GOVERN" -> "Govern". */
function titleCase(word) {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** NIST statements carry no final full stop; add one. */
function sentence(text) {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

const [input, outputArg] = process.argv.slice(2);
if (!input) fail('usage: node scripts/import-nist-csf.mjs <nist_csf_2.0_core.json> [output.yaml]');
const output = outputArg ? resolve(outputArg) : resolve(dirname(fileURLToPath(import.meta.url)), '..', 'frameworks', 'nist-csf.yaml');

const core = JSON.parse(readFileSync(input, 'utf8'));
const withdrawn = new Set((core.withdrawn_ids ?? []).map((entry) => entry.id));
const functions = new Map(core.functions.map((fn) => [fn.id, fn]));
const categories = core.categories.filter((category) => !withdrawn.has(category.id));
const subcategories = core.subcategories.filter((sub) => !withdrawn.has(sub.id));

const used = new Set();
const groups = categories.map((category) => {
  const fn = functions.get(category.function);
  if (!fn) fail(`category ${category.id} names unknown function ${category.function}`);
  const requirements = subcategories
    .filter((sub) => sub.category === category.id)
    .map((sub) => {
      const title = TITLES[sub.id];
      if (!title) fail(`no short title for ${sub.id}`);
      used.add(sub.id);
      return { id: sub.id, title, description: sentence(sub.statement) };
    });
  if (requirements.length === 0) fail(`category ${category.id} has no active subcategories`);
  return { id: category.id, title: `${titleCase(fn.name)}: ${category.name}`, requirements };
});

const orphans = subcategories.filter((sub) => !used.has(sub.id)).map((sub) => sub.id);
if (orphans.length) fail(`subcategories without an active category: ${orphans.join(', ')}`);
const unused = Object.keys(TITLES).filter((id) => !used.has(id));
if (unused.length) fail(`titles for ids not in the input: ${unused.join(', ')}`);

const expected = core.counts ?? {};
const requirementCount = groups.reduce((sum, group) => sum + group.requirements.length, 0);
if (expected.categories !== undefined && groups.length !== expected.categories) {
  fail(`expected ${expected.categories} categories, built ${groups.length}`);
}
if (expected.subcategories !== undefined && requirementCount !== expected.subcategories) {
  fail(`expected ${expected.subcategories} subcategories, built ${requirementCount}`);
}

const functionNames = core.functions.map((fn) => titleCase(fn.name));
const framework = {
  id: 'nist-csf',
  name: 'NIST Cybersecurity Framework 2.0',
  version: '2.0 (February 2024)',
  description:
    `A voluntary framework from the US National Institute of Standards and Technology that describes ` +
    `the outcomes of a sound cybersecurity programme, without prescribing how to reach them. ` +
    `Version 2.0 arranges ${requirementCount} subcategory outcomes in ${groups.length} categories under six functions ` +
    `(${functionNames.slice(0, -1).join(', ')} and ${functionNames.at(-1)}), adding Govern to put risk strategy, ` +
    `roles, policy and supply chain risk on the same footing as the technical work.`,
  groups,
};

const doc = new Document(framework);
doc.commentBefore =
  ' Generated by scripts/import-nist-csf.mjs from the NIST CSF 2.0 Core\n' +
  ` (${core.source?.repository ?? 'usnistgov/oscal-content'} @ ${core.source?.commit ?? 'unknown'}).\n` +
  ' NIST text is public domain. Edit the script and re-run it rather than editing this file.';
writeFileSync(output, doc.toString({ lineWidth: 0 }));
console.log(`wrote ${output}: ${groups.length} groups, ${requirementCount} requirements`);
