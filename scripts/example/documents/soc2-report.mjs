// A sample SOC 2 Type II report (gated).

import { LEGAL_NAME } from './company.mjs';
import { C, Doc, clean, longDate } from './layout.mjs';

export async function soc2Report(meta) {
  const auditor = 'Harwood & Lane LLP';
  const period = '1 April 2025 to 31 March 2026';
  const doc = await Doc.create(
    { ...meta, subject: `SOC 2 Type II report on Kestrel Cloud and KG-200 device services, ${period}` },
    {
      headerTitle: 'SOC 2 Type II report 2025-2026',
      footerNote: 'SAMPLE - fictional company | Confidential: distribution restricted to the parties in Section I',
    },
  );

  // Cover
  doc.y -= 70;
  doc.text('SOC 2 Type II report', { size: 12, bold: true, color: C.accentInk, after: 8 });
  doc.text(LEGAL_NAME, { size: 26, leading: 31, bold: true, after: 6 });
  doc.text('Kestrel Cloud and KG-200 device services', { size: 15, leading: 20, color: C.ink2, after: 18 });
  doc.text(
    "Independent service auditor's report on the description of the system and on the suitability of design and operating effectiveness of controls relevant to Security, Availability and Confidentiality",
    { size: 11, leading: 15.5, color: C.ink2, width: 400, after: 20 },
  );
  doc.facts(
    [
      ['Period examined', period],
      ['Trust services categories', 'Security, Availability, Confidentiality'],
      ['Service auditor', `${auditor}, Boston, Massachusetts`],
      ['Report date', longDate(meta.updated)],
    ],
    { labelWidth: 0.3, size: 9.5 },
  );
  doc.y -= 8;
  const tocY = doc.y;
  doc.y -= 150;
  doc.callout(
    '**Confidential.** This report is intended only for the management of Kestrel Systems GmbH, its customers during the period examined, and prospective customers and their auditors who have the knowledge to understand it. Do not copy or pass it on. Each copy distributed through the Kestrel trust center is watermarked with the name of its recipient.',
    { size: 8.5 },
  );

  // Section I
  doc.pageBreak();
  doc.mark('I');
  doc.heading("Section I: Independent service auditor's report");
  doc.p('To the management of Kestrel Systems GmbH');
  doc.heading('Scope', 2);
  doc.p(
    `We have examined the description in Section III of the Kestrel Cloud and KG-200 device services system of Kestrel Systems GmbH ("Kestrel") for the period ${period} (the "description"), and the suitability of design and operating effectiveness of the controls stated in it. Our examination was performed against the description criteria in DC section 200 (2018 Description Criteria, with revised implementation guidance, 2022) and the trust services criteria for Security, Availability and Confidentiality in TSP section 100 (2017 Trust Services Criteria, with revised points of focus, 2022) (the "applicable trust services criteria").`,
  );
  doc.p(
    'Kestrel uses subservice organisations for cloud hosting (Amazon Web Services), managed Kafka (Confluent), monitoring and security alerting (Datadog), and the premises of its contract manufacturer (Norrland Electronics). The description presents these on the carve-out basis: it identifies the controls Kestrel expects them to operate but does not include them, and our examination did not cover them. The description also names controls that Kestrel expects its customers to operate. Some criteria can be met only if those subservice organisation and customer controls are in place; we did not evaluate them.',
  );
  doc.heading('Responsibilities of Kestrel', 2);
  doc.p(
    'Kestrel is responsible for its service commitments and system requirements, for preparing the description and the assertion in Section II, for providing the services the description covers, for selecting the applicable criteria, and for designing, implementing and operating effective controls to meet its commitments and requirements.',
  );
  doc.heading('Our responsibilities', 2);
  doc.p(
    'Our responsibility is to express an opinion on the description and on the design and operating effectiveness of the controls, based on our examination. We conducted it under the attestation standards of the American Institute of Certified Public Accountants (AT-C sections 105 and 205). Those standards require us to plan and perform the examination to obtain reasonable assurance about whether, in all material respects, the description is presented in line with the description criteria and the controls were suitably designed and operated effectively throughout the period. We are independent of Kestrel and have met our other ethical responsibilities. We believe the evidence we obtained is sufficient and appropriate to support our opinion.',
  );
  doc.p(
    "Our work included understanding the system and Kestrel's commitments and requirements; assessing the risks that the description is not fairly presented and that controls were not suitably designed or did not operate effectively; testing the operation of the controls we considered necessary; and evaluating the overall presentation of the description. The tests and their results are listed in Section IV.",
  );
  doc.heading('Inherent limitations', 2);
  doc.p(
    'The description is prepared to meet the common needs of a broad range of readers and may not include every aspect of the system that a particular customer considers important. Any system of controls can fail to prevent or detect and correct an error or a security event, and conclusions about the suitability of design or operating effectiveness may not hold for later periods if the system or its controls change.',
  );
  doc.heading('Opinion', 2);
  doc.p('In our opinion, in all material respects:');
  doc.bullets(
    [
      `the description presents the Kestrel Cloud and KG-200 device services system as designed and implemented throughout the period ${period}, in line with the description criteria;`,
      "the controls stated in the description were suitably designed throughout the period to give reasonable assurance that Kestrel's service commitments and system requirements would be achieved under the applicable trust services criteria, if the controls operated effectively and if the subservice organisations and customers applied the complementary controls Kestrel assumed; and",
      'the controls stated in the description operated effectively throughout the period to give that reasonable assurance, on the same condition about complementary controls.',
    ],
    { numbered: true },
  );
  doc.heading('Restricted use', 2);
  doc.p(
    'This report, including the description of tests of controls and results in Section IV, is intended only for Kestrel, its customers during some or all of the period, and prospective customers, business partners and their auditors who understand the nature of the service, the applicable criteria, the complementary controls and the limitations of controls. It is not intended for anyone else.',
  );
  doc.signatures([{ name: auditor, role: 'Boston, Massachusetts', note: longDate(meta.updated), sign: 'Harwood & Lane LLP' }]);

  // Section II
  doc.pageBreak();
  doc.mark('II');
  doc.heading('Section II: Assertion of Kestrel Systems GmbH management');
  doc.p(
    `We have prepared the description in Section III of the Kestrel Cloud and KG-200 device services system for the period ${period}, based on the description criteria in DC section 200. The description is intended to give customers, prospective customers and their auditors information about the system, in particular the controls relevant to Security, Availability and Confidentiality.`,
  );
  doc.p(
    'The description identifies the subservice organisations we use (Amazon Web Services, Confluent, Datadog and Norrland Electronics) and the controls we expect them and our customers to operate. It does not include their controls.',
  );
  doc.p('We confirm, to the best of our knowledge and belief, that:');
  doc.bullets(
    [
      'the description presents the system as designed and implemented throughout the period, in line with the description criteria;',
      'the controls stated in the description were suitably designed throughout the period to give reasonable assurance that our service commitments and system requirements would be achieved under the applicable trust services criteria, if those controls operated effectively and the subservice organisations and customers applied the complementary controls we assume; and',
      'the controls stated in the description operated effectively throughout the period to give that reasonable assurance.',
    ],
    { numbered: true },
  );
  doc.p(`Berlin, ${longDate(meta.updated)}`, { after: 0 });
  doc.signatures([
    { name: 'Grace Chen', role: 'Chief Executive Officer', sign: 'G. Chen' },
    { name: 'Priya Raman', role: 'Head of Security and Compliance', sign: 'P. Raman' },
  ]);

  // Section III
  doc.pageBreak();
  doc.mark('III');
  doc.heading('Section III: Description of the system (summary)');
  doc.callout('This sample shows a summary of the description. The full report describes each component and control in more detail.', { size: 8.5 });
  doc.heading('Services provided', 2);
  doc.p(
    'Kestrel Systems GmbH, headquartered in Berlin with engineering teams in Berlin and Lisbon and about 140 employees, makes the KG-200 industrial IoT gateway and operates Kestrel Cloud, a multi-tenant platform that receives, stores and analyses telemetry from factories, utilities and cold-chain logistics fleets. The system in scope comprises Kestrel Cloud and the services Kestrel operates for the gateway fleet: firmware build and signing, over-the-air (OTA) updates, and device identity issuance.',
  );
  doc.heading('Principal service commitments and system requirements', 2);
  doc.bullets([
    'Monthly availability of 99.9% for device ingestion, the API and dashboards, with incidents published on the public status page.',
    'Customer data stored in the EU, encrypted in transit and at rest, isolated between tenants, and accessible to Kestrel staff only with approved, time-limited access.',
    'Only Kestrel-signed firmware, released in stages with automatic halt and rollback; each gateway holds a unique, non-exportable identity.',
    'Notification of security incidents affecting a customer within 48 hours of confirmation; deletion of customer data after the end of a contract within the agreed periods.',
  ]);
  doc.heading('Components of the system', 2);
  doc.facts(
    [
      [
        'Infrastructure',
        'AWS eu-central-1 (production) and eu-west-1 (disaster recovery), managed with Terraform: Amazon EKS for services, MQTT broker cluster behind network load balancers, Confluent Cloud Kafka, TimescaleDB on encrypted Amazon EBS volumes, Amazon S3, AWS KMS and AWS CloudHSM for the device issuing CA. Firmware signing HSM in a controlled room in Berlin; provisioning station at Norrland Electronics, Poland.',
      ],
      [
        'Software',
        'KestrelOS gateway firmware; ingestion, validation and storage services; rules and alarm engine; web application and REST API; OTA campaign service; device registry and certificate services.',
      ],
      [
        'People',
        'Security and Compliance, Platform and SRE, Firmware, Cloud engineering, and IT and People Operations, under the Chief Technology Officer; the Head of Security and Compliance reports to the CEO.',
      ],
      [
        'Data',
        'Customer telemetry and device metadata, customer user accounts and audit logs, device certificates and registry records, firmware images and signing records.',
      ],
      [
        'Procedures',
        'Fifteen information security policies approved annually, runbooks for incidents, OTA rollback, ingestion outages, device identity compromise and access reviews, and the control activities in Section IV.',
      ],
    ],
    { labelWidth: 0.18, size: 8.5 },
  );
  doc.heading('Complementary subservice organisation controls', 2);
  doc.table(
    [
      { title: 'Subservice organisation', width: 0.26 },
      { title: 'Controls Kestrel expects it to operate', width: 0.74 },
    ],
    [
      [
        'Amazon Web Services',
        'Physical and environmental security of data centres; protection of the hypervisor and managed services; availability of the regions used; secure disposal of storage media.',
      ],
      ['Confluent', 'Operation, patching and access control of the managed Kafka brokers; encryption of broker storage.'],
      ['Datadog', 'Integrity and availability of log and alerting data; restriction of Datadog staff access to customer data.'],
      [
        'Norrland Electronics',
        'Physical access control to the production hall and the locked cage holding the Kestrel provisioning station; screening of line staff; reporting anomalies to Kestrel within 24 hours.',
      ],
    ],
  );
  doc.heading('Complementary user entity controls', 2);
  doc.bullets([
    'Customers manage their own Kestrel Cloud users, connect their identity provider and remove access for their leavers.',
    'Customers protect gateways physically on their sites, report lost or stolen units, and segment their networks as described in the KG-200 security whitepaper.',
    'Customers keep API keys secret, set maintenance windows, and review their tenant audit log.',
  ]);
  doc.heading('Changes and incidents during the period', 2);
  doc.p(
    "In March 2026 Kestrel added Snowflake as a sub-processor for the optional Fleet Insights module, which is outside the scope of this report. No security incident during the period affected Kestrel's service commitments.",
  );

  // Section IV
  doc.pageBreak();
  doc.mark('IV');
  doc.heading('Section IV: Controls, tests of operating effectiveness and results');
  doc.p(
    `${auditor} tested controls using inquiry of the responsible staff combined with one or more of: **inspection** of documents, records, system configuration and logs; **observation** of the control being performed; and **reperformance** of the control. Where a control operates many times, we tested a sample from the whole period, as follows:`,
  );
  doc.table(
    [
      { title: 'How often the control operates', width: 0.5 },
      { title: 'Samples tested', width: 0.5 },
    ],
    [
      ['Annually', '1'],
      ['Quarterly', '2'],
      ['Monthly', '2'],
      ['Per event (changes, releases, joiners, leavers)', '25, or all if fewer than 25'],
      ['Automated or continuous', 'Configuration inspected, plus one instance of each outcome'],
    ],
    { size: 8.5 },
  );
  doc.p('A selection of the controls tested is shown below. The full report covers all 45 controls.');
  const noEx = 'No exceptions noted.';
  doc.table(
    [
      { title: 'Control and criteria', width: 0.14 },
      { title: 'Control activity (Kestrel)', width: 0.34 },
      { title: `Tests performed by ${auditor}`, width: 0.37 },
      { title: 'Results', width: 0.15 },
    ],
    [
      [
        '**AC-01**\nCC6.1',
        'Staff access Kestrel systems through Okta single sign-on with phishing-resistant MFA; SMS, voice and push factors are disabled.',
        'Inspected the Okta authentication policies and the list of connected applications; compared the application list to the system inventory; observed a sign-in being refused without a FIDO2 key.',
        noEx,
      ],
      [
        '**AC-03**\nCC6.2, CC6.3',
        'System owners review user access to Okta, AWS, GitHub and production databases each quarter; removals are made within 5 business days.',
        'For 2 quarters, inspected the review records and owner sign-off, and traced a sample of 10 removal decisions to the source systems.',
        noEx,
      ],
      [
        '**AC-04**\nCC6.2',
        'Access of departing staff is removed within one business day of their last working day.',
        'For 25 of 31 leavers, compared the last working day in the HR system with the Okta deactivation time and AWS and GitHub removal records.',
        noEx,
      ],
      [
        '**AC-05**\nCC6.1, CC6.3',
        'There is no standing production access. Engineers request time-bound roles of at most 4 hours with a ticket reference; roles that can read telemetry need a second approval.',
        'Inspected IAM Identity Center permission sets and session limits; for 25 sessions, traced the request, ticket and approval in the access bot log.',
        noEx,
      ],
      [
        '**CM-01**\nCC8.1',
        'Every change to production code and infrastructure needs an approving review by someone other than its author; branch protection cannot be bypassed.',
        'Inspected branch protection on the 14 production repositories; for 25 merged pull requests, inspected the review, approver and passing checks.',
        noEx,
      ],
      [
        '**FW-01**\nCC8.1, CC6.1',
        'Firmware release images are signed in the HSM only with two of five key custodians present; each ceremony is logged.',
        'For all 9 release signing ceremonies in the period, inspected the ceremony log, custodian list and HSM audit log, and compared image hashes to the release records.',
        noEx,
      ],
      [
        '**FW-02**\nCC8.1, A1.2',
        'OTA releases go out in four stages and halt automatically when failure thresholds are exceeded.',
        'Inspected the rollout service configuration; for 9 releases, inspected stage timing; inspected the halt event and rollback records for the one campaign halted in the period.',
        noEx,
      ],
      [
        '**DI-01**\nCC6.1',
        'Each gateway receives a unique key and certificate at manufacture; issued certificates are reconciled with shipped units every month.',
        'For 2 months, reperformed the reconciliation of issuing CA records against Norrland shipment records and inspected follow-up of differences.',
        noEx,
      ],
      [
        '**TI-03**\nCC6.1, C1.1',
        'Tenant isolation is enforced by row-level security and tested automatically on each change to ingestion, storage or the API.',
        'Inspected row-level security policies and the CI cross-tenant test suite; for 25 changes, confirmed the suite ran and passed before merge.',
        noEx,
      ],
      [
        '**DP-03**\nC1.2',
        'Customer data is deleted after contract end within the agreed periods.',
        'For all 4 tenants that left in the period, inspected the deletion job records and confirmed no tenant data remained in production.',
        noEx,
      ],
      [
        '**BC-02**\nA1.3',
        'A production database backup is restored into an isolated account each quarter and checked against production.',
        'For 2 quarters, inspected the restore records, checksum comparisons and time to restore.',
        noEx,
      ],
      [
        '**IR-02**\nCC7.4, CC7.5',
        'The incident response plan is exercised once a year and actions are tracked to completion.',
        'Inspected the exercise scenario, attendance, report and the status of its actions.',
        noEx,
      ],
      [
        '**VM-02**\nCC4.1, CC7.1',
        'An independent firm tests Kestrel Cloud and the KG-200 each year; findings are fixed within set deadlines.',
        'Inspected the test report and the tracking of each finding; confirmed high findings were retested.',
        noEx,
      ],
    ],
    { size: 7.8 },
  );

  // Table of contents on the cover, now that section pages are known
  const cover = doc.pages[0];
  let y = tocY - 6;
  cover.drawText('Contents', { x: doc.left, y, size: 10, font: doc.fonts.bold, color: C.accentInk });
  y -= 18;
  const toc = [
    ['I', "Independent service auditor's report"],
    ['II', 'Assertion of Kestrel Systems GmbH management'],
    ['III', 'Description of the system (summary)'],
    ['IV', 'Controls, tests of operating effectiveness and results'],
  ];
  for (const [key, label] of toc) {
    const text = clean(`Section ${key}   ${label}`);
    const num = String(doc.marks[key]);
    cover.drawText(text, { x: doc.left, y, size: 9.5, font: doc.fonts.regular, color: C.ink });
    const tw = doc.fonts.regular.widthOfTextAtSize(text, 9.5);
    const nw = doc.fonts.regular.widthOfTextAtSize(num, 9.5);
    const right = doc.left + doc.width;
    const dotW = doc.fonts.regular.widthOfTextAtSize('.', 9.5);
    let dots = '';
    while (doc.left + tw + 8 + (dots.length + 1) * dotW < right - nw - 8) dots += '.';
    cover.drawText(dots, { x: right - nw - 6 - dots.length * dotW, y, size: 9.5, font: doc.fonts.regular, color: C.rule });
    cover.drawText(num, { x: right - nw, y, size: 9.5, font: doc.fonts.regular, color: C.ink });
    y -= 17;
  }
  return doc.save();
}
