// The data processing agreement template (public).

import { LEGAL_NAME } from './company.mjs';
import { C, Doc, longDate } from './layout.mjs';

export async function dpaTemplate(meta) {
  const doc = await Doc.create(
    { ...meta, subject: 'Kestrel Systems data processing agreement under Article 28 GDPR, version 2026-01' },
    { footerNote: `${LEGAL_NAME} | Data processing agreement, version 2026-01` },
  );
  doc.title('Data processing agreement', 'Standard terms under Article 28 GDPR for Kestrel Cloud and the KG-200');
  doc.text(`Version 2026-01, ${longDate(meta.updated)}`, { size: 8.5, color: C.muted, after: 10 });
  const s = { size: 9, after: 4.5 };
  doc.p(
    'This data processing agreement ("DPA") is between the customer named in the order form ("Customer", the controller) and Kestrel Systems GmbH, Berlin ("Kestrel", the processor). It forms part of the Kestrel Cloud subscription agreement ("Agreement") and applies whenever Kestrel processes personal data on the Customer\'s behalf. Signing an order form that refers to this DPA is acceptance of it; we countersign a copy on request.',
    s,
  );

  const clauses = [
    [
      '1. Definitions and order of precedence',
      [
        'Terms such as "personal data", "processing" and "personal data breach" have the meaning given in the GDPR (Regulation (EU) 2016/679). If this DPA conflicts with the Agreement, this DPA prevails; if the Standard Contractual Clauses apply and conflict with this DPA, the Clauses prevail.',
      ],
    ],
    [
      '2. Subject matter and instructions',
      [
        "Kestrel processes personal data only to provide Kestrel Cloud and related support, as described in Annex 1, and only on the Customer's documented instructions. The Agreement, this DPA, the Customer's configuration of its tenant and its support requests are the Customer's complete instructions. Kestrel tells the Customer promptly if it believes an instruction breaks data protection law.",
      ],
    ],
    [
      '3. Confidentiality and security',
      [
        'Everyone at Kestrel who can access personal data is bound by confidentiality and trained in data protection and security. Kestrel maintains the technical and organisational measures in Annex 2. It may improve them over time but will not reduce the overall level of protection.',
      ],
    ],
    [
      '4. Sub-processors',
      [
        "The Customer authorises Kestrel to use the sub-processors listed at https://trust.kestrel.example/subprocessors/ (Annex 3 shows the list at the date of this version). Kestrel gives at least 30 days' notice of a new sub-processor on that page, in its feed, and by email to the Customer's privacy contact. The Customer may object on reasonable data protection grounds within that period. If we cannot resolve the objection, the Customer may terminate the affected service and receive a pro-rata refund of prepaid fees. Kestrel imposes data protection terms on each sub-processor that are no less protective than this DPA and remains responsible for its performance.",
      ],
    ],
    [
      '5. Location and international transfers',
      [
        'Customer data in Kestrel Cloud is stored in the European Union (AWS Frankfurt, with disaster recovery in Ireland). Where a sub-processor accesses personal data from outside the EEA, Kestrel relies on an adequacy decision, including the EU-US Data Privacy Framework for certified recipients, or on the EU Standard Contractual Clauses (Module 2 where the Customer is a controller, Module 3 where it is a processor), which are incorporated by reference. Our transfer impact assessments are available on request.',
      ],
    ],
    [
      '6. Assistance',
      [
        "Kestrel forwards any request from a data subject to the Customer without undue delay and does not answer it except on the Customer's instruction. Kestrel Cloud provides export and deletion functions for the Customer to meet such requests itself. Kestrel helps the Customer, at reasonable request, with data protection impact assessments and consultations with supervisory authorities that concern the service.",
      ],
    ],
    [
      '7. Personal data breaches',
      [
        "Kestrel notifies the Customer's registered security contact without undue delay and in any event within 48 hours of confirming a personal data breach affecting Customer personal data. The notice describes, as far as known, the nature of the breach, the categories and approximate number of data subjects and records, the likely consequences, the measures taken or proposed, and a contact point (the Kestrel DPO). Kestrel sends updates at least every 24 hours until the breach is contained. A notice is not an admission of fault.",
      ],
    ],
    [
      '8. Audits',
      [
        "Kestrel makes its current SOC 2 Type II report and ISO/IEC 27001 certificate available under confidentiality, and answers one reasonable security questionnaire a year. If these do not answer the Customer's questions, or a supervisory authority requires it, the Customer may audit Kestrel once in any 12 months, on 30 days' written notice, during business hours, through an auditor bound by confidentiality, and at its own cost. Audits of AWS and other sub-processors rely on their own independent reports.",
      ],
    ],
    [
      '9. Return and deletion',
      [
        "After the Agreement ends, the Customer may export its data through the API or as Parquet files for 30 days. Kestrel then deletes the Customer's data from production within a further 30 days; copies in backups expire within 35 days after that and are not restored in the meantime. Kestrel confirms deletion in writing on request. Data that the law requires Kestrel to keep stays protected by this DPA for as long as it is kept.",
      ],
    ],
    [
      '10. Liability, term and law',
      [
        'Liability under this DPA is subject to the limitations in the Agreement, except where the GDPR or the Standard Contractual Clauses do not allow it. This DPA lasts as long as Kestrel processes Customer personal data. It is governed by German law; the courts of Berlin have jurisdiction, except where the Standard Contractual Clauses provide otherwise.',
      ],
    ],
  ];
  for (const [heading, paras] of clauses) {
    doc.heading(heading, 2);
    for (const text of paras) doc.p(text, s);
  }
  doc.space(6);
  doc.signatures([
    { name: 'For the Customer', role: 'Name, title and date' },
    { name: 'Sofia Lindqvist', role: 'Legal Counsel and Data Protection Officer', note: 'For Kestrel Systems GmbH' },
  ]);

  doc.heading('Annex 1: Description of the processing');
  doc.facts([
    [
      'Data subjects',
      'Customer users of Kestrel Cloud (employees and contractors); people whose data appears in telemetry where the Customer chooses to collect it, such as drivers in cold-chain fleets or operators identified on a machine.',
    ],
    [
      'Personal data',
      'User account data (name, email address, phone number, role, SSO identifiers); audit logs and IP addresses; alarm notification contents; telemetry that can relate to a person, such as vehicle location or operator IDs; support ticket contents.',
    ],
    ['Special categories', 'None. The Customer will not send special categories of data to Kestrel Cloud.'],
    [
      'Nature and purpose',
      'Receiving, storing, analysing and displaying telemetry; sending alarm notifications; operating, securing and supporting the service.',
    ],
    [
      'Duration and retention',
      "The term of the Agreement plus the periods in section 9. Telemetry is kept for the retention period of the Customer's plan (24 months by default); account data for the term plus 90 days.",
    ],
  ]);

  doc.heading('Annex 2: Technical and organisational measures');
  doc.bullets(
    [
      '**Certification.** ISO/IEC 27001:2022 certified information security management system; annual SOC 2 Type II examination (Security, Availability, Confidentiality); annual independent penetration test.',
      '**Access control.** Staff sign in through single sign-on with phishing-resistant MFA. No standing production access: time-limited, approved and logged sessions of at most 4 hours. Access reviewed quarterly and removed within one business day of departure.',
      '**Encryption.** TLS 1.2 or later for all traffic; mutual TLS with device certificates for gateways. Data at rest encrypted with AWS KMS customer-managed keys rotated annually.',
      '**Tenant isolation.** Tenant identity is taken from authenticated certificates and tokens; row-level security in the telemetry database; automated cross-tenant tests on every relevant change.',
      '**Logging and monitoring.** Central security logging kept for one year; alerting with 24/7 on-call paging.',
      '**Availability.** Encrypted daily backups in a separate AWS account with immutable retention; quarterly restore tests; annual disaster recovery test in a second EU region.',
      '**Secure development and vulnerabilities.** Peer review, automated tests and security scans on every change; vulnerabilities fixed within set deadlines (critical: 7 days in the cloud).',
      '**People and vendors.** Background checks where the law allows, annual security training, managed and encrypted laptops; security review of vendors before onboarding and annually for critical ones.',
    ],
    { size: 9 },
  );

  doc.heading('Annex 3: Sub-processors at 20 January 2026');
  doc.table(
    [
      { title: 'Sub-processor', width: 0.26 },
      { title: 'Purpose', width: 0.32 },
      { title: 'Location', width: 0.17 },
      { title: 'Transfer mechanism', width: 0.25 },
    ],
    [
      ['Amazon Web Services EMEA SARL', 'Hosting, storage, key management, backups', 'Germany; Ireland (DR)', 'No transfer (EU regions)'],
      ['Confluent, Inc.', 'Managed Kafka for the telemetry pipeline', 'Germany', 'No transfer; SCCs for support access'],
      ['Datadog, Inc.', 'Monitoring, logs, security alerting', 'EU', 'No transfer for stored data; DPF for support'],
      ['Functional Software, Inc. (Sentry)', 'Error tracking', 'Germany', 'No transfer for stored data; DPF for support'],
      ['PagerDuty, Inc.', 'On-call paging', 'United States', 'EU-US Data Privacy Framework'],
      ['Zendesk, Inc.', 'Support ticketing', 'EU', 'No transfer for stored data; SCCs for support'],
      ['ActiveCampaign, LLC (Postmark)', 'Transactional email', 'United States', 'Standard Contractual Clauses'],
      ['Twilio Inc.', 'SMS alarm notifications', 'United States', 'EU-US Data Privacy Framework'],
      ['Atlassian Pty Ltd (Statuspage)', 'Status page and incident notices', 'United States', 'DPF; Standard Contractual Clauses'],
    ],
    { size: 8 },
  );
  return doc.save();
}
