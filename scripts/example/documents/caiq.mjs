// The CAIQ v4 questionnaire (gated): an XLSX workbook or a PDF, whichever the file name in
// documents.yaml asks for.

import { extname } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { escapeXml } from '../../../src/lib/publish/xml.ts';
import { COMPANY, CREATOR, LEGAL_NAME } from './company.mjs';
import { A4_LANDSCAPE, C, Doc, clean, longDate } from './layout.mjs';

const CAIQ_COLUMNS = ['Question ID', 'Question (paraphrased)', 'Answer', 'Control ownership', 'Kestrel implementation', 'Customer responsibility'];

const CAIQ_ROWS = [
  [
    'A&A-02.1',
    'Are independent audits and assessments of the service performed at least once a year?',
    'Yes',
    'CSP-owned',
    'SOC 2 Type II examination every year by Harwood & Lane LLP (Security, Availability, Confidentiality; latest period 1 April 2025 to 31 March 2026). ISO/IEC 27001:2022 certificate from Baltic Assurance Certification GmbH, valid to 14 September 2028, with annual surveillance audits. Annual independent penetration test.',
    'Request the reports through the trust center under NDA.',
  ],
  [
    'AIS-04.1',
    'Is a secure development lifecycle defined and followed for applications and firmware?',
    'Yes',
    'CSP-owned',
    'Secure Development Policy; threat model for new features and firmware changes; annual secure development training; peer review of every change.',
    '',
  ],
  [
    'AIS-05.1',
    'Are automated security tests run before changes reach production?',
    'Yes',
    'CSP-owned',
    'Required CI checks: unit and integration tests, Semgrep, gitleaks, dependency scanning and Trivy image scans; clang-tidy and cppcheck for firmware. Unresolved critical or high findings block the merge.',
    '',
  ],
  [
    'AIS-07.1',
    'Are application vulnerabilities fixed within defined time limits?',
    'Yes',
    'CSP-owned',
    'Kestrel Cloud: critical 7 days, high 30, medium 90, low 180. KestrelOS: critical 30 days, high 60, medium at the next release and within 180 days.',
    'Keep gateways on a supported KestrelOS version and do not defer security releases.',
  ],
  [
    'BCR-08.1',
    'Is customer data backed up regularly to a separate location?',
    'Yes',
    'CSP-owned',
    'Daily encrypted backups to a separate AWS account with Vault Lock (immutable retention), copied to eu-west-1. Daily backups kept 35 days, monthly snapshots 12 months.',
    "Export data you need to keep beyond your plan's retention period.",
  ],
  [
    'BCR-08.2',
    'Are backups restored periodically to confirm they can be used?',
    'Yes',
    'CSP-owned',
    'Each quarter a randomly chosen production database backup is restored into an isolated account and checked against production.',
    '',
  ],
  [
    'BCR-10.1',
    'Is the disaster recovery plan exercised at least once a year?',
    'Yes',
    'CSP-owned',
    'Annual failover of ingestion, storage and the API to eu-west-1 with replayed synthetic gateway traffic, measured against the RTO and RPO; results reported to the CTO.',
    '',
  ],
  [
    'CCC-01.1',
    'Are change management procedures defined and applied to all changes?',
    'Yes',
    'CSP-owned',
    'Peer review and branch protection on every change; infrastructure as code in Terraform with drift detection; emergency changes reviewed after the fact.',
    '',
  ],
  [
    'CCC-04.1',
    'Are unauthorised changes to production prevented and detected?',
    'Yes',
    'CSP-owned',
    'Only CI pipelines deploy to production; no standing human write access; Terraform drift detection and CloudTrail alerting on manual changes.',
    '',
  ],
  [
    'CEK-03.1',
    'Is customer data encrypted at rest and in transit?',
    'Yes',
    'CSP-owned',
    'At rest: AWS KMS customer-managed keys, rotated annually, on all storage and backups. In transit: TLS 1.2 or later; gateways use mutual TLS with device certificates.',
    '',
  ],
  [
    'CEK-08.1',
    'Can customers manage their own encryption keys?',
    'No',
    'CSP-owned',
    'Kestrel Cloud uses Kestrel-managed KMS keys. Customer-managed keys are not offered.',
    '',
  ],
  [
    'DCS-07.1',
    'Is physical access to facilities holding customer data restricted?',
    'Yes',
    'Third-party outsourced',
    'Kestrel Cloud runs only on AWS; physical security is covered by AWS SOC 2 and ISO/IEC 27001 reports, reviewed annually. Offices hold no production systems. The firmware signing HSM is in a locked room with badge access and CCTV.',
    '',
  ],
  [
    'DSP-04.1',
    'Is data classified and handled according to its classification?',
    'Yes',
    'CSP-owned',
    'Data classification in the data inventory; AWS resources tagged by classification; nightly check for Restricted resources missing encryption or logging.',
    '',
  ],
  [
    'DSP-16.1',
    'Are retention and deletion of customer data defined and enforced?',
    'Yes',
    'Shared CSP and CSC',
    "Telemetry kept for the plan's retention period (24 months by default). After contract end: 30 days to export, deletion from production within 30 more days, backups expire within 35 days after that.",
    'Choose the retention period and export data before the end of the export window.',
  ],
  [
    'DSP-19.1',
    'Can customers know where their data is stored and processed?',
    'Yes',
    'CSP-owned',
    'AWS eu-central-1 (Frankfurt) with disaster recovery in eu-west-1 (Ireland). The sub-processor list on the trust center shows every third party and location.',
    '',
  ],
  [
    'GRC-01.1',
    'Is there an information security programme with policies reviewed and approved at least annually?',
    'Yes',
    'CSP-owned',
    'ISO/IEC 27001 certified ISMS; 15 policies owned by named people and approved annually; policy changes are reviewed as pull requests.',
    '',
  ],
  [
    'GRC-02.1',
    'Is a formal risk assessment performed at least once a year?',
    'Yes',
    'CSP-owned',
    'Annual risk assessment covering cloud, firmware, device identity, manufacturing and vendors, reviewed by the leadership team.',
    '',
  ],
  [
    'HRS-01.1',
    'Are background checks carried out on new staff?',
    'Yes',
    'CSP-owned',
    'Before start, where local law allows (Germany and Portugal): identity, right to work and employment history; criminal record certificate for roles with production, signing or CA access.',
    '',
  ],
  [
    'HRS-11.1',
    'Do staff receive security awareness training at least annually?',
    'Yes',
    'CSP-owned',
    'At onboarding and every year, with acknowledgement of the applicable policies recorded.',
    '',
  ],
  [
    'IAM-07.1',
    'Is access removed promptly when staff leave or change role?',
    'Yes',
    'CSP-owned',
    'Within one business day of the last working day; at the time of notice for involuntary departures.',
    'Remove your own leavers from your Kestrel Cloud tenant or identity provider.',
  ],
  [
    'IAM-08.1',
    'Is user access reviewed periodically?',
    'Yes',
    'Shared CSP and CSC',
    'System owners review access to Okta, AWS, GitHub and production databases every quarter.',
    "Review your tenant's users and API keys.",
  ],
  [
    'IAM-10.1',
    'Is privileged access restricted and time-limited?',
    'Yes',
    'CSP-owned',
    'No standing production access. Time-bound roles of at most 4 hours, requested with a ticket; roles that can read telemetry need a second approval. All sessions logged.',
    '',
  ],
  [
    'IAM-14.1',
    'Is strong or multi-factor authentication required?',
    'Yes',
    'Shared CSP and CSC',
    'Staff: Okta with phishing-resistant MFA (FIDO2 keys or passkeys). Customers: SAML or OIDC single sign-on, or local accounts with TOTP or WebAuthn MFA.',
    'Enforce SSO or MFA for your users.',
  ],
  [
    'IPY-01.1',
    'Can customers export their data in a usable format?',
    'Yes',
    'CSP-owned',
    'Through the API at any time and as Parquet files on request, including for 30 days after the contract ends.',
    '',
  ],
  [
    'IVS-06.1',
    "Are customers' environments and data segregated from each other?",
    'Yes',
    'CSP-owned',
    'Tenant taken from the device certificate or user token, never from request content; row-level security in TimescaleDB; automated cross-tenant tests on each relevant change; tenant isolation in the annual penetration test.',
    '',
  ],
  [
    'IVS-09.1',
    'Are networks protected against attack and unauthorised traffic?',
    'Yes',
    'Shared CSP and CSC',
    'Services in private subnets behind load balancers and AWS WAF; security groups as code. Gateways accept no inbound connections and do not route between interfaces.',
    'Segment the gateway as described in the KG-200 security whitepaper.',
  ],
  [
    'LOG-02.1',
    'Are security logs collected centrally, protected and retained?',
    'Yes',
    'CSP-owned',
    'CloudTrail, EKS audit, Okta, GitHub, HSM and CA logs in the central SIEM, retained for one year with restricted access.',
    '',
  ],
  [
    'LOG-03.1',
    'Are security events monitored with alerting to responders?',
    'Yes',
    'CSP-owned',
    'Detection rules page the 24/7 security on-call through PagerDuty, for example on break-glass use, privileged role grants or unusual certificate issuance.',
    '',
  ],
  [
    'SEF-03.1',
    'Is there an incident response plan with defined roles?',
    'Yes',
    'CSP-owned',
    'Incident Response Policy with severity levels, 24/7 on-call for Platform and Security, and runbooks for security incidents, device identity compromise and OTA rollback.',
    'Keep your security contact in Kestrel Cloud up to date.',
  ],
  ['SEF-04.1', 'Is the incident response plan tested at least annually?', 'Yes', 'CSP-owned', 'Annual exercise with a written report and tracked actions.', ''],
  [
    'SEF-07.1',
    'Are customers notified of security incidents that affect them?',
    'Yes',
    'CSP-owned',
    'Email to the registered security contact within 48 hours of confirmation, then updates at least every 24 hours until resolved.',
    '',
  ],
  [
    'STA-08.1',
    'Are suppliers assessed for security risk before and during the relationship?',
    'Yes',
    'CSP-owned',
    'Security review before onboarding; annual review of critical vendors and sub-processors, including AWS, Norrland Electronics and Okta.',
    '',
  ],
  [
    'STA-09.1',
    'Do customer contracts set out how sub-processor changes are notified?',
    'Yes',
    'CSP-owned',
    "The DPA gives at least 30 days' notice of new sub-processors on the trust center, in its feed and by email, with a right to object.",
    'Subscribe to the sub-processor feed.',
  ],
  [
    'TVM-06.1',
    'Is penetration testing performed by an independent party?',
    'Yes',
    'CSP-owned',
    'Annually, covering Kestrel Cloud, the KG-200 hardware and firmware and the update path. The 2026 test (May-June) found no critical issues; summary available under NDA.',
    '',
  ],
  [
    'TVM-07.1',
    'Are vulnerabilities identified through regular scanning?',
    'Yes',
    'CSP-owned',
    'Dependabot and Trivy on every repository and image, AWS Inspector on hosts, and a nightly check of the KestrelOS SBOM against public advisories.',
    '',
  ],
  [
    'TVM-09.1',
    'Is there a public way to report vulnerabilities?',
    'Yes',
    'CSP-owned',
    'Vulnerability disclosure policy on the trust center; security@kestrel.example and /.well-known/security.txt; advisories published with a CVE where applicable.',
    '',
  ],
  [
    'UEM-08.1',
    'Is storage on staff endpoints encrypted?',
    'Yes',
    'CSP-owned',
    'Company laptops managed with Jamf or Intune, with FileVault or BitLocker enforced.',
    '',
  ],
  ['UEM-09.1', 'Do endpoints run anti-malware or EDR?', 'Yes', 'CSP-owned', 'EDR agent enforced on all company laptops through device management.', ''],
  [
    'KG-01',
    'Supplement: does the gateway run only vendor-signed firmware?',
    'Yes',
    'CSP-owned',
    'Secure boot anchored in SoC fuses, dm-verity on the root file system, anti-rollback counter in the secure element; release keys in an HSM under two-person control.',
    '',
  ],
  [
    'KG-02',
    'Supplement: does the gateway need inbound network access?',
    'No',
    'Shared CSP and CSC',
    'Outbound only: TCP 8883 (MQTT/TLS), 443 (updates) and NTS time. No SSH or other listening services.',
    'Allow only these outbound connections from the uplink segment.',
  ],
  [
    'KG-03',
    'Supplement: is each device identity unique and protected?',
    'Yes',
    'CSP-owned',
    "Key generated in the secure element at manufacture and never exported; certificate from Kestrel's device CA; revocation within 4 hours; clone detection.",
    'Report lost or stolen gateways.',
  ],
  [
    'KG-04',
    'Supplement: can Kestrel change or write to plant equipment through the gateway?',
    'No',
    'Shared CSP and CSC',
    "Write operations are disabled by default and can be enabled only by the customer's administrators, per register, with an audit record.",
    'Decide whether to enable writes.',
  ],
];

/** Text for an XLSX part: the same characters as the PDF version (clean()), escaped for XML. */
const xml = (value) => escapeXml(clean(value));

/**
 * The XLSX package: a ZIP of its parts, every entry stamped with the document's date at 09:00 so
 * the same input gives the same bytes. fflate writes DOS times from local-time fields, hence a local Date.
 */
function xlsxPackage(parts, date) {
  const [y, m, d] = date.split('-').map(Number);
  const entries = Object.fromEntries(parts.map(([name, text]) => [name, strToU8(text)]));
  return Buffer.from(zipSync(entries, { level: 9, mtime: new Date(y, m - 1, d, 9, 0, 0) }));
}

function caiqXlsx(meta) {
  const colLetter = (i) => String.fromCharCode(65 + i);
  const cell = (ref, value, style) =>
    value ? `<c r="${ref}" t="inlineStr" s="${style}"><is><t xml:space="preserve">${xml(value)}</t></is></c>` : `<c r="${ref}" s="${style}"/>`;
  const sheet = (rows, { widths, freeze, title, filter }) => {
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    const body = rows
      .map(
        ({ cells, style }, r) =>
          `<row r="${r + 1}">${cells.map((v, c) => cell(`${colLetter(c)}${r + 1}`, v, typeof style === 'function' ? style(c) : style)).join('')}</row>`,
      )
      .join('');
    const pane = freeze
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    const autoFilter = filter ? `<autoFilter ref="${filter}"/>` : '';
    const header = `&amp;L${xml(COMPANY)}&amp;R${xml(title)}`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${pane}<cols>${cols}</cols><sheetData>${body}</sheetData>${autoFilter}<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/><headerFooter><oddHeader>${header}</oddHeader><oddFooter>&amp;LConfidential: shared under NDA&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter></worksheet>`;
  };

  const title = 'Security questionnaire (CSA CAIQ v4)';
  const about = [
    { cells: [`${COMPANY}: ${title}`], style: 3 },
    { cells: [`Completed ${longDate(meta.updated)} by Priya Raman, Head of Security and Compliance. Contact: trust@kestrel.example`], style: 1 },
    {
      cells: [
        'Scope: Kestrel Cloud (AWS eu-central-1, disaster recovery in eu-west-1) and the KG-200 gateway with its firmware, update and device identity services.',
      ],
      style: 1,
    },
    {
      cells: [
        'Questions follow the structure and IDs of the Consensus Assessments Initiative Questionnaire v4 and are paraphrased. Rows KG-01 to KG-04 are a Kestrel supplement for the gateway.',
      ],
      style: 1,
    },
    { cells: ['Control ownership uses the CAIQ shared security responsibility terms: CSP = Kestrel, CSC = the customer.'], style: 1 },
    {
      cells: [
        'Supporting documents on https://trust.kestrel.example: SOC 2 Type II report, ISO/IEC 27001 certificate, penetration test summary, KG-200 security whitepaper, data processing agreement.',
      ],
      style: 1,
    },
  ];
  const qa = [{ cells: CAIQ_COLUMNS, style: 2 }, ...CAIQ_ROWS.map((row) => ({ cells: row, style: (c) => (c === 2 ? 4 : 1) }))];

  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="3"><font><sz val="10"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="10"/><color rgb="FF0B5F58"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="14"/><name val="Arial"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE6F4F2"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color rgb="FFCBD5E1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  const iso = `${meta.updated}T09:00:00Z`;
  const files = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    ],
    [
      'docProps/core.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(title)}</dc:title><dc:creator>${xml(LEGAL_NAME)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
    ],
    [
      'docProps/app.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xml(CREATOR)}</Application></Properties>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="About" sheetId="1" r:id="rId1"/><sheet name="CAIQ v4" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'CAIQ v4'!$A$1:$F$${qa.length}</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'CAIQ v4'!$1:$1</definedName></definedNames></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    ['xl/styles.xml', styles],
    ['xl/worksheets/sheet1.xml', sheet(about, { widths: [140], title })],
    ['xl/worksheets/sheet2.xml', sheet(qa, { widths: [11, 42, 9, 17, 62, 36], freeze: 1, title, filter: `A1:F${qa.length}` })],
  ];
  return xlsxPackage(files, meta.updated);
}

async function caiqPdf(meta) {
  const doc = await Doc.create(
    { ...meta, subject: 'Completed CSA CAIQ v4 questionnaire for Kestrel Cloud and the KG-200' },
    { size: A4_LANDSCAPE, margin: { top: 70, bottom: 58, left: 42, right: 42 }, footerNote: 'Confidential: shared under NDA through the Kestrel trust center' },
  );
  doc.title('Security questionnaire (CSA CAIQ v4)');
  doc.text(
    `Completed ${longDate(meta.updated)} by Priya Raman, Head of Security and Compliance. Questions follow the CAIQ v4 structure and IDs and are paraphrased; KG-01 to KG-04 are a Kestrel supplement for the gateway. CSP = Kestrel, CSC = the customer.`,
    { size: 8.5, color: C.muted, after: 8 },
  );
  doc.table(
    CAIQ_COLUMNS.map((title, i) => ({ title, width: [0.07, 0.2, 0.05, 0.1, 0.36, 0.22][i] })),
    CAIQ_ROWS.map((row) => [`**${row[0]}**`, ...row.slice(1)]),
    { size: 7, leading: 9, pad: 3.5 },
  );
  return doc.save({ headerY: A4_LANDSCAPE[1] - 34, footerY: 26 });
}

export async function caiq(meta) {
  return extname(meta.file).toLowerCase() === '.xlsx' ? caiqXlsx(meta) : caiqPdf(meta);
}
