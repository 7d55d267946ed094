// The example company's compliance history, for scripts/example/make-history.mjs: an initial
// import and then the pull requests, direct commits and reviews that led to today's content.
//
// Each change is written as the edits that UNDO it: make-history starts from the files as they
// are now and walks back from the newest change to the oldest, so the newest state is always
// exactly this project's content. An edit whose target text is gone (someone rewrote the
// content since) stops the script with the change, the file and the text it looked for.
//
// Edits (each undoes part of a change):
//   replace(path, now, before)        the text `now` (exactly once in the file) becomes `before`
//   cut(path, from, to, before = '')  the text from `from` up to (not including) `to`, or to the end when
//                                     `to` is null, becomes `before`
//   fields(path, { key: before })     top-level YAML or frontmatter fields get their old values; null removes the field
//   added(path)                       the change created the file: before it, the file did not exist
//
// A change: { date, via: 'merge' | 'squash' | 'direct', author, title, branch (merge and squash),
// approvers / reviewers (people ids; approvers default to the `approver:` of the first changed
// document), mergedBy (merge; default the author), commits: [{ subject?, edits }] }.
// Merges keep each commit of the branch; a squash merge and a direct commit are one commit.

export const importDate = '2024-10-07T10:12:00Z';
export const importAuthor = 'priya';
export const importMessage = [
  'Import policies, controls and the framework catalogs from Confluence',
  '',
  'Moves the ISMS documents into git ahead of the ISO/IEC 27001 stage 1 audit: policies are',
  'reviewed and approved as pull requests from now on, and the portal is built from this',
  'repository.',
].join('\n');

/** Who commits evidence: the collectors run on a schedule and push once a week. */
export const evidenceBot = { name: 'Kestrel Evidence Bot', email: 'evidence-bot@kestrel.example' };

const replace = (path, now, before) => ({ op: 'replace', path, now, before });
const cut = (path, from, to, before = '') => ({ op: 'cut', path, from, to, before });
const fields = (path, values) => ({ op: 'fields', path, values });
const added = (path) => ({ op: 'added', path });

const policy = (id) => `content/policies/${id}.mdx`;
const runbook = (id) => `content/runbooks/${id}.mdx`;
const soa = 'content/applicability.yaml';

/** Oldest first. */
export const changes = [
  {
    date: '2024-11-20T10:30:00Z',
    via: 'squash',
    author: 'aisha',
    branch: 'ota-runbook-owner',
    title: 'OTA rollback runbook: Firmware owns it',
    approvers: ['marcus'],
    commits: [{ edits: [fields(runbook('ota-rollback'), { owner: 'elena', lastTested: '2024-06-12' })] }],
  },
  {
    date: '2025-03-12T15:40:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'mfa-phishing-resistant',
    title: 'Access control: phishing-resistant MFA only',
    body: 'Okta now enforces FIDO2 keys or passkeys for everyone; SMS and push are switched off.',
    reviewers: ['daniel'],
    commits: [
      {
        edits: [
          replace(
            policy('access-control'),
            'Okta requires phishing-resistant MFA (FIDO2 security keys or platform passkeys); SMS, voice and push-only factors are disabled.',
            'Okta requires MFA on every sign-in; FIDO2 security keys are issued to engineers and recommended for everyone, and SMS is allowed only as a recovery factor.',
          ),
          fields(policy('access-control'), { version: '2.1.0', effective: '2024-09-02' }),
        ],
      },
    ],
  },
  {
    date: '2025-04-08T09:30:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'ksa-2025-001',
    title: 'Publish KSA-2025-001: path traversal in log download',
    approvers: ['marcus'],
    commits: [{ edits: [added('content/advisories/ksa-2025-001.mdx')] }],
  },
  {
    date: '2025-05-14T11:20:00Z',
    via: 'squash',
    author: 'aisha',
    branch: 'anti-rollback-on-security-fixes',
    title: 'Firmware policy: raise the security version on every security fix',
    body: 'Follow-up from KSA-2025-001: gateways must not accept the vulnerable 4.2 image again.',
    reviewers: ['priya'],
    commits: [
      {
        edits: [
          replace(
            policy('firmware-release-ota-signing'),
            'When a release fixes a vulnerability, the Firmware Lead raises the number, and gateways refuse',
            'The Firmware Lead decides for each release whether to raise the number; gateways refuse',
          ),
          fields(policy('firmware-release-ota-signing'), { version: '2.0.0', effective: '2024-09-16' }),
        ],
      },
    ],
  },
  {
    date: '2025-06-16T13:10:00Z',
    via: 'merge',
    author: 'tomas',
    branch: 'telemetry-integrity-policy',
    title: 'Add the telemetry integrity policy',
    body: 'Writes down what ingestion already enforces, for the SOC 2 processing integrity questions and IEC 62443-4-2.',
    approvers: ['marcus'],
    reviewers: ['aisha', 'priya'],
    commits: [
      { subject: 'Draft telemetry integrity policy', edits: [added(policy('telemetry-integrity'))] },
      {
        subject: 'Timestamps: allow 24 hours of clock skew',
        edits: [replace(policy('telemetry-integrity'), 'more than 24 hours in the future or more than', 'in the future or more than')],
      },
    ],
  },
  {
    date: '2025-06-24T10:45:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'soa-soc2-privacy',
    title: 'SoA: exclude the SOC 2 privacy criteria we answer as a processor',
    reviewers: ['sofia'],
    commits: [
      {
        edits: [cut(soa, '  # SOC 2: the report covers', '  # ISO/IEC 27001:2022 Annex A'), fields(soa, { version: '1.0.0', effective: '2024-10-14' })],
      },
    ],
  },
  {
    date: '2025-08-04T08:55:00Z',
    via: 'squash',
    author: 'tomas',
    branch: 'logging-review-2025',
    title: 'Annual review: logging and monitoring policy',
    body: 'Reviewed with Priya; no changes needed.',
    commits: [{ edits: [fields(policy('logging-monitoring'), { lastReviewed: null })] }],
  },
  {
    date: '2025-09-24T10:20:00Z',
    via: 'squash',
    author: 'aisha',
    branch: 'ota-runbook-exercise-2025',
    title: 'OTA rollback runbook: September 2025 exercise',
    approvers: ['marcus'],
    commits: [{ edits: [fields(runbook('ota-rollback'), { lastTested: '2024-11-20' })] }],
  },
  {
    date: '2025-09-29T16:02:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'ir-review-2025',
    title: 'Annual review: incident response policy',
    commits: [{ edits: [fields(policy('incident-response'), { lastReviewed: null })] }],
  },
  {
    date: '2025-10-03T12:30:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'ksa-2025-002',
    title: 'Publish KSA-2025-002: OpenSSL CVE-2025-9230 does not affect the KG-200',
    approvers: ['marcus'],
    commits: [{ edits: [added('content/advisories/ksa-2025-002.mdx'), added('content/trust/updates/2025-10-openssl-advisories.mdx')] }],
  },
  {
    date: '2025-10-06T09:15:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'access-control-review-2025',
    title: 'Semiannual review: access control policy',
    commits: [{ edits: [fields(policy('access-control'), { lastReviewed: null })] }],
  },
  {
    date: '2025-10-13T10:40:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'infosec-review-2025',
    title: 'Annual review: information security policy',
    body: 'Reviewed at the ISMS management review on 9 October.',
    commits: [{ edits: [fields(policy('information-security'), { lastReviewed: null })] }],
  },
  {
    date: '2025-10-27T14:25:00Z',
    via: 'merge',
    author: 'sofia',
    branch: 'vendor-30-day-notice',
    title: 'Vendor management: 30 days notice before a new sub-processor',
    body: 'Matches the notice period in the 2026 DPA template.',
    reviewers: ['priya'],
    commits: [
      {
        subject: 'Sub-processors: customers get 30 days notice',
        edits: [
          replace(policy('vendor-management'), 'notified at least 30 days before a new one starts', 'notified before a new one starts'),
          fields(policy('vendor-management'), { version: '1.2.0', effective: '2024-10-14' }),
        ],
      },
    ],
  },
  {
    date: '2025-11-06T09:10:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'incident-runbook-tabletop-2025',
    title: 'Security incident runbook: tabletop 2025',
    body: 'The tabletop on 4 November walked through a compromised signing key.',
    approvers: ['grace'],
    commits: [{ edits: [fields(runbook('security-incident'), { lastTested: '2024-09-25' })] }],
  },
  {
    date: '2025-12-01T15:50:00Z',
    via: 'squash',
    author: 'tomas',
    branch: 'ti-map-dp-02',
    title: 'Telemetry integrity: map encryption in transit (DP-02)',
    body: 'Mutual TLS to the brokers is how DP-02 is met for telemetry; the SoC 2 auditors asked for the link.',
    reviewers: ['priya'],
    commits: [
      {
        edits: [
          replace(policy('telemetry-integrity'), 'controls: [TI-01, TI-02, TI-03, DP-02]', 'controls: [TI-01, TI-02, TI-03]'),
          fields(policy('telemetry-integrity'), { version: '1.1.0', effective: '2025-06-23' }),
        ],
      },
    ],
  },
  {
    date: '2025-12-15T11:05:00Z',
    via: 'merge',
    author: 'daniel',
    branch: 'aup-ai-assistants',
    title: 'Acceptable use: rules for AI assistants',
    body: 'Adds the approved-assistants rule agreed at the November leadership meeting.',
    reviewers: ['priya', 'sofia'],
    commits: [
      {
        subject: 'Acceptable use: AI assistants',
        edits: [
          replace(
            policy('acceptable-use'),
            'never go into email, Slack, tickets or AI tools.\n9. Use only the approved AI assistants listed in the portal, which are contracted not to train on our data. Do not paste Confidential or Restricted data or source code into any other AI service.',
            'never go into email, Slack or tickets.',
          ),
          replace(policy('acceptable-use'), 'company devices, accounts, data and AI tools,', 'company devices, accounts and data,'),
        ],
      },
      { subject: 'Bump version and effective date', edits: [fields(policy('acceptable-use'), { version: '1.3.0', effective: '2024-11-04' })] },
    ],
  },
  {
    date: '2026-01-05T10:00:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'vuln-mgmt-v2',
    title: 'Vulnerability management 2.0: deadlines count from confirmation',
    approvers: ['marcus'],
    commits: [
      {
        edits: [
          replace(policy('vulnerability-management'), 'count from when the finding is confirmed:', 'count from when the finding is reported:'),
          fields(policy('vulnerability-management'), { version: '1.4.0', effective: '2024-10-14' }),
        ],
      },
    ],
  },
  {
    date: '2026-01-12T13:35:00Z',
    via: 'squash',
    author: 'elena',
    branch: 'change-mgmt-annual',
    title: 'Change management: annual update',
    reviewers: ['tomas'],
    commits: [{ edits: [fields(policy('change-management'), { version: '2.0.0', effective: '2024-10-14' })] }],
  },
  {
    date: '2026-01-26T12:40:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'vdp-timelines',
    title: 'Vulnerability disclosure: a 90-day target for fixes',
    reviewers: ['aisha'],
    commits: [
      {
        edits: [
          replace(
            policy('vulnerability-disclosure'),
            '4. We aim to fix and disclose within 90 days of your report.',
            '4. We aim to fix and disclose as soon as we can.',
          ),
          fields(policy('vulnerability-disclosure'), { version: '1.1.0', effective: '2024-10-14' }),
        ],
      },
    ],
  },
  {
    date: '2026-02-02T15:55:00Z',
    via: 'merge',
    author: 'aisha',
    branch: 'provisioning-issuance-limits',
    title: 'Device identity 1.4: daily issuance limits per station',
    body: 'Norrland starts the second production line in March; the CA now refuses requests beyond the authorised order quantity.',
    reviewers: ['priya'],
    commits: [
      {
        subject: 'Issuing CA: daily limits per provisioning station',
        edits: [
          replace(
            policy('device-identity-provisioning'),
            ' and only up to the production order quantity authorised for that station each day. Requests beyond the limit are refused and alert Security.',
            '. Security reviews issuance volumes weekly.',
          ),
          fields(policy('device-identity-provisioning'), { version: '1.3.0', effective: '2024-10-14' }),
        ],
      },
    ],
  },
  {
    date: '2026-02-18T09:20:00Z',
    via: 'merge',
    author: 'sofia',
    branch: 'subprocessor-snowflake',
    title: 'Add Snowflake as a sub-processor for Fleet Insights',
    body: 'Announces Snowflake 30 days before it starts processing on 18 March 2026.',
    approvers: ['grace'],
    reviewers: ['priya'],
    commits: [
      { subject: 'Sub-processors: add Snowflake', edits: [cut('content/subprocessors.yaml', '\n  - name: Snowflake Inc.', null)] },
      { subject: 'Trust center: post the Snowflake notice', edits: [added('content/trust/updates/2026-02-new-subprocessor-snowflake.mdx')] },
    ],
  },
  {
    date: '2026-02-23T16:10:00Z',
    via: 'merge',
    author: 'priya',
    branch: 'infosec-3-1',
    title: 'Information security policy 3.1',
    reviewers: ['marcus'],
    commits: [
      {
        subject: 'Information security 3.1: telemetry integrity is a topic policy',
        edits: [
          replace(
            policy('information-security'),
            'firmware release, device identity, telemetry integrity, data protection',
            'firmware release, device identity, data protection',
          ),
          fields(policy('information-security'), { version: '3.0.0', effective: '2024-09-16' }),
        ],
      },
    ],
  },
  {
    date: '2026-03-02T11:00:00Z',
    via: 'merge',
    author: 'priya',
    branch: 'soa-iec-62443',
    title: 'SoA 2.0: IEC 62443-3-3 and 4-2 exclusions',
    body: 'The component assessment of the KG-200 starts in April; these are the requirements we argue do not apply.',
    reviewers: ['aisha', 'marcus'],
    commits: [
      {
        subject: 'SoA: IEC 62443 exclusions',
        edits: [cut(soa, '\n\n  # IEC 62443-3-3', '\n\ninclusions:'), fields(soa, { version: '1.1.0', effective: '2025-06-30' })],
      },
    ],
  },
  {
    date: '2026-03-09T14:45:00Z',
    via: 'merge',
    author: 'tomas',
    branch: 'quarterly-restore-tests',
    title: 'Backup policy: restore tests every quarter',
    body: 'After the January restore found a stale KMS grant, twice a year is not often enough.',
    reviewers: ['priya'],
    commits: [
      {
        subject: 'Restore tests every quarter',
        edits: [
          replace(
            policy('backup-continuity'),
            '6. **Quarterly restore test.** Each quarter, Platform restores',
            '6. **Restore test.** Twice a year, Platform restores',
          ),
          fields(policy('backup-continuity'), { version: '1.4.0', effective: '2025-03-17' }),
        ],
      },
    ],
  },
  {
    date: '2026-03-30T10:25:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'ir-fleet-exercise',
    title: 'Incident response: a fleet scenario at least every second year',
    body: 'From the 2025 tabletop: the signing-key scenario found the most gaps.',
    commits: [
      {
        edits: [
          replace(
            policy('incident-response'),
            ' At least every second year the scenario involves the device fleet (for example, a compromised signing key or a malicious OTA image).',
            '',
          ),
          fields(policy('incident-response'), { version: '2.1.0', effective: '2024-10-14' }),
        ],
      },
    ],
  },
  {
    date: '2026-04-14T12:15:00Z',
    via: 'squash',
    author: 'elena',
    branch: 'secdev-map-cm-02',
    title: 'Secure development: map the merge gates control (CM-02)',
    reviewers: ['priya'],
    commits: [
      {
        edits: [
          replace(policy('secure-development'), 'controls: [SD-01, SD-02, SD-03, CM-02]', 'controls: [SD-01, SD-02, SD-03]'),
          fields(policy('secure-development'), { version: '2.1.0', effective: '2025-04-22' }),
        ],
      },
    ],
  },
  {
    date: '2026-05-05T16:15:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'device-compromise-exercise',
    title: 'Device identity compromise runbook: tested on 29 April',
    approvers: ['marcus'],
    commits: [{ edits: [fields(runbook('device-identity-compromise'), { lastTested: '2024-05-14' })] }],
  },
  {
    date: '2026-05-11T15:30:00Z',
    via: 'squash',
    author: 'sofia',
    branch: 'dp-retention-wording',
    title: 'Data protection 2.0: retention periods follow the customer plan',
    body: 'Telemetry retention is now set per plan; all staff acknowledge the new version.',
    commits: [
      {
        edits: [
          replace(
            policy('data-protection'),
            "the period in the customer's plan (default 24 months)",
            "the period in the customer's plan (24 months unless the plan says otherwise)",
          ),
          fields(policy('data-protection'), { version: '1.4.0', effective: '2024-10-14' }),
        ],
      },
    ],
  },
  {
    date: '2026-06-02T08:40:00Z',
    via: 'direct',
    author: 'sofia',
    title: 'Fix typo in the data protection policy (2.0.1)',
    commits: [
      {
        edits: [
          replace(policy('data-protection'), 'a nightly check reports', 'a nightly check report'),
          fields(policy('data-protection'), { version: '2.0.0' }),
        ],
      },
    ],
  },
  {
    date: '2026-06-10T13:50:00Z',
    via: 'merge',
    author: 'priya',
    branch: 'quarterly-access-reviews',
    title: 'Access control 2.3: quarterly access reviews',
    body: 'Moves user access reviews from twice a year to every quarter, as SOC 2 CC6.2 sampling expects, and adds the runbook Daniel has used since April.',
    reviewers: ['daniel', 'tomas'],
    commits: [
      {
        subject: 'Access control: quarterly access reviews',
        edits: [
          replace(
            policy('access-control'),
            '7. **Quarterly access review.** Each quarter, system owners review every account and privileged group on in-scope systems, confirm or remove each one within 10 business days,',
            '7. **Access review.** Twice a year, system owners review every account on in-scope systems, confirm or remove each one within 20 business days,',
          ),
          replace(policy('access-control'), 'run the quarterly review for their systems', 'run the access review for their systems'),
          replace(policy('access-control'), 'just-in-time production access and quarterly reviews.', 'just-in-time production access and access reviews.'),
          fields(policy('access-control'), { version: '2.2.0', effective: '2025-03-17' }),
        ],
      },
      {
        subject: 'Add the quarterly access review runbook',
        edits: [added(runbook('quarterly-access-review')), replace(policy('access-control'), '- Runbook: Quarterly user access review\n', '')],
      },
    ],
  },
  {
    date: '2026-06-29T09:35:00Z',
    via: 'squash',
    author: 'tomas',
    branch: 'ingestion-outage-gameday',
    title: 'Ingestion outage runbook: game day on 24 June',
    approvers: ['marcus'],
    commits: [{ edits: [fields(runbook('ingestion-outage'), { lastTested: '2024-08-21' })] }],
  },
  {
    date: '2026-07-06T15:05:00Z',
    via: 'merge',
    author: 'aisha',
    branch: 'ota-four-stages',
    title: 'Firmware policy 3.0: four rollout stages and automatic halts',
    body: 'After the 4.8.0 rollout, where a boot-loop on one hardware revision reached 5% of the fleet before anyone looked.',
    reviewers: ['priya', 'tomas'],
    commits: [
      {
        subject: 'Staged rollout in four stages with automatic halt criteria',
        edits: [
          cut(
            policy('firmware-release-ota-signing'),
            '5. **Staged rollout.**',
            '7. **Rollback.**',
            '5. **Staged rollout.** OTA releases go out through Kestrel Cloud to 5% of the fleet, then 25%, then everyone, with at least 24 hours between stages. Firmware on-call watches boot failures and reconnections during each stage and stops the rollout if either looks wrong.\n\n',
          ),
          replace(policy('firmware-release-ota-signing'), '7. **Rollback.**', '6. **Rollback.**'),
          replace(policy('firmware-release-ota-signing'), '8. **Secure boot.**', '7. **Secure boot.**'),
          replace(policy('firmware-release-ota-signing'), '9. **Anti-rollback.**', '8. **Anti-rollback.**'),
          replace(policy('firmware-release-ota-signing'), '10. **Key compromise.**', '9. **Key compromise.**'),
          replace(policy('firmware-release-ota-signing'), 'statements 2, 3 or 8.', 'statements 2, 3 or 7.'),
          replace(policy('firmware-release-ota-signing'), 'the 1% stage is never skipped.', 'the 5% stage is never skipped.'),
          replace(runbook('ota-rollback'), '(1 %, 10 %, 50 % or 100 % of the fleet)', '(5 %, 25 % or 100 % of the fleet)'),
          fields(policy('firmware-release-ota-signing'), { version: '2.1.0', effective: '2025-05-19' }),
        ],
      },
      {
        subject: 'Halt criteria: add telemetry signature failures',
        edits: [replace(policy('firmware-release-ota-signing'), '; or telemetry signature failures rise above baseline. Only', '. Only')],
      },
    ],
  },
  {
    date: '2026-07-13T09:40:00Z',
    via: 'squash',
    author: 'daniel',
    branch: 'access-review-q2',
    title: 'Quarterly access review runbook: Q2 review done',
    approvers: ['priya'],
    commits: [{ edits: [fields(runbook('quarterly-access-review'), { lastTested: '2026-04-10' })] }],
  },
  {
    date: '2026-07-14T10:00:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'pentest-2026-post',
    title: 'Trust center: 2026 penetration test results',
    approvers: ['grace'],
    commits: [{ edits: [added('content/trust/updates/2026-07-penetration-test.mdx')] }],
  },
  {
    date: '2026-07-20T13:25:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'vuln-mgmt-review-2026',
    title: 'Semiannual review: vulnerability management policy',
    commits: [{ edits: [fields(policy('vulnerability-management'), { lastReviewed: null })] }],
  },
  {
    date: '2026-08-11T10:10:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'ksa-2026-001',
    title: 'Publish KSA-2026-001: Modbus bridge configuration API',
    approvers: ['marcus'],
    commits: [{ edits: [added('content/advisories/ksa-2026-001.mdx')] }],
  },
  {
    date: '2026-08-17T09:00:00Z',
    via: 'squash',
    author: 'aisha',
    branch: 'device-identity-review-2026',
    title: 'Annual review: device identity and provisioning policy',
    commits: [{ edits: [fields(policy('device-identity-provisioning'), { lastReviewed: null })] }],
  },
  {
    date: '2026-08-31T11:50:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'vdp-review-2026',
    title: 'Annual review: vulnerability disclosure policy',
    commits: [{ edits: [fields(policy('vulnerability-disclosure'), { lastReviewed: null })] }],
  },
  {
    date: '2026-09-07T14:20:00Z',
    via: 'squash',
    author: 'tomas',
    branch: 'backup-review-2026',
    title: 'Annual review: backup and business continuity policy',
    body: 'Reviewed after the DR failover test on 3 September.',
    commits: [{ edits: [fields(policy('backup-continuity'), { lastReviewed: null })] }],
  },
  {
    date: '2026-09-22T11:35:00Z',
    via: 'merge',
    author: 'aisha',
    branch: 'ota-runbook-exercise',
    title: 'OTA rollback runbook: changes from the September exercise',
    body: 'The exercise on 17 September rolled back 40 test gateways; boot-confirm telemetry needed longer than 10 minutes to settle.',
    approvers: ['marcus'],
    commits: [
      {
        subject: 'OTA rollback: watch boot health for 15 minutes',
        edits: [
          replace(runbook('ota-rollback'), 'watch 15 minutes of boot-confirm telemetry', 'watch 10 minutes of boot-confirm telemetry'),
          fields(runbook('ota-rollback'), { lastTested: '2025-09-23' }),
        ],
      },
    ],
  },
  {
    date: '2026-09-28T15:15:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'ir-review-2026',
    title: 'Annual review: incident response policy',
    commits: [{ edits: [fields(policy('incident-response'), { lastReviewed: '2025-09-29' })] }],
  },
  {
    date: '2026-10-05T09:45:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'access-control-review-2026',
    title: 'Semiannual review: access control policy',
    commits: [{ edits: [fields(policy('access-control'), { lastReviewed: '2025-10-06' })] }],
  },
  {
    date: '2026-10-06T16:30:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'soa-cr-1-14',
    title: 'SoA 2.1: exclude IEC 62443-4-2 CR 1.14',
    body: 'The assessor agreed that symmetric-key authentication does not apply to the KG-200.',
    reviewers: ['aisha'],
    commits: [
      {
        edits: [cut(soa, '  - requirement: iec62443-4-2:CR 1.14', '\ninclusions:'), fields(soa, { version: '2.0.0', effective: '2026-03-09' })],
      },
    ],
  },
  {
    date: '2026-10-13T13:00:00Z',
    via: 'merge',
    author: 'priya',
    branch: 'incident-runbook-tabletop-2026',
    title: 'Security incident runbook: tabletop 2026',
    approvers: ['grace'],
    commits: [{ subject: 'Record the 2026 tabletop', edits: [fields(runbook('security-incident'), { lastTested: '2025-11-04' })] }],
  },
  {
    date: '2026-10-19T10:05:00Z',
    via: 'squash',
    author: 'daniel',
    branch: 'access-review-q3',
    title: 'Quarterly access review runbook: Q3 review done',
    approvers: ['priya'],
    commits: [{ edits: [fields(runbook('quarterly-access-review'), { lastTested: '2026-07-09' })] }],
  },
  {
    date: '2026-10-20T08:30:00Z',
    via: 'squash',
    author: 'priya',
    branch: 'ksa-2026-002',
    title: 'Publish KSA-2026-002: MQTT broker denial of service',
    approvers: ['marcus'],
    commits: [{ edits: [added('content/advisories/ksa-2026-002.mdx')] }],
  },
  {
    date: '2026-10-26T14:50:00Z',
    via: 'squash',
    author: 'sofia',
    branch: 'vendor-review-2026',
    title: 'Annual review: vendor management policy',
    commits: [{ edits: [fields(policy('vendor-management'), { lastReviewed: null })] }],
  },
  {
    date: '2026-11-09T11:25:00Z',
    via: 'squash',
    author: 'daniel',
    branch: 'aup-review-2026',
    title: 'Annual review: acceptable use policy',
    commits: [{ edits: [fields(policy('acceptable-use'), { lastReviewed: null })] }],
  },
  {
    date: '2026-11-16T17:05:00Z',
    via: 'direct',
    author: 'priya',
    title: 'Security incident runbook: link the device identity compromise runbook',
    commits: [
      {
        edits: [
          replace(
            runbook('security-incident'),
            'and follow the device identity compromise runbook for device certificates.',
            'and revoke device certificates where needed.',
          ),
        ],
      },
    ],
  },
];
