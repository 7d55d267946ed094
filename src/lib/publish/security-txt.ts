/** What `/.well-known/security.txt` says (RFC 9116). */
export interface SecurityTxt {
  /** Where to report a vulnerability: mailto: or https: URIs, most preferred first. */
  contact: string[];
  /** When the file goes stale; the RFC asks for less than a year ahead. */
  expires: Date;
  /** The file's own published address(es), so a copy elsewhere can be recognised. */
  canonical: string[];
  /** The vulnerability disclosure policy page. */
  policy?: string;
  /** Language tags, e.g. ["en", "de"]. */
  preferredLanguages?: string[];
  acknowledgments?: string;
  hiring?: string;
  /** provider-metadata.json of the company's CSAF provider (the CSAF field, CSAF 2.0 section 7.1.8). */
  csaf?: string[];
}

/**
 * How far ahead Expires is set at build time. Just under a year: the RFC's ceiling, so a
 * trust center that is not rebuilt for months still publishes a valid file.
 */
export const securityTxtLifetimeDays = 364;

/** The expiry for a file built at `now`: `securityTxtLifetimeDays` ahead, to the second. */
export function securityTxtExpiry(now: Date, days = securityTxtLifetimeDays): Date {
  const expires = new Date(now.getTime() + days * 86_400_000);
  expires.setUTCMilliseconds(0);
  return expires;
}

/** RFC 9116 dates are RFC 3339 date-times in UTC, e.g. 2027-03-01T12:00:00Z. */
const rfc3339 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function securityTxt(fields: SecurityTxt): string {
  if (fields.contact.length === 0) throw new Error('security.txt needs at least one Contact; set trustCenter.securityEmail in content/site.yaml');
  for (const uri of [...fields.contact, ...fields.canonical, fields.policy, ...(fields.csaf ?? [])].filter(Boolean) as string[]) {
    if (!/^(mailto:|https:|tel:)/.test(uri)) throw new Error(`security.txt: "${uri}" must be a mailto:, tel: or https: URI`);
  }
  const lines = [
    ...fields.contact.map((uri) => `Contact: ${uri}`),
    `Expires: ${rfc3339(fields.expires)}`,
    ...fields.canonical.map((uri) => `Canonical: ${uri}`),
    fields.policy ? `Policy: ${fields.policy}` : '',
    fields.acknowledgments ? `Acknowledgments: ${fields.acknowledgments}` : '',
    fields.hiring ? `Hiring: ${fields.hiring}` : '',
    fields.preferredLanguages?.length ? `Preferred-Languages: ${fields.preferredLanguages.join(', ')}` : '',
    ...(fields.csaf ?? []).map((uri) => `CSAF: ${uri}`),
  ];
  return lines.filter(Boolean).join('\n') + '\n';
}
