import { z } from 'zod';
import { isoDate, nonEmpty, slug } from './common.ts';

/** Traffic Light Protocol label; only CLEAR (WHITE in CSAF 2.0) advisories are published. */
export const tlpLabel = z.enum(['CLEAR', 'WHITE', 'GREEN', 'AMBER', 'RED']);

/** Versions of one product from content/products/. */
const productVersions = z.strictObject({
  product: slug,
  versions: z.array(nonEmpty).min(1),
});

/** Why a product is not affected: the CSAF 2.0 / VEX justification codes. */
export const vexJustification = z.enum([
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path',
  'inline_mitigations_already_exist',
]);

export const remediationSchema = z.strictObject({
  category: z.enum(['vendor_fix', 'mitigation', 'workaround', 'no_fix_planned', 'none_available']),
  details: nonEmpty,
  /** The affected versions this remediation applies to. */
  products: z.array(productVersions).min(1),
  date: isoDate.optional(),
  url: z.url().optional(),
});

export const vulnerabilitySchema = z.strictObject({
  cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/, { error: 'expected a CVE id such as CVE-2026-12345' }),
  title: nonEmpty,
  /** Plain-text description of the weakness and its impact. */
  description: nonEmpty,
  /** CWE id and its exact CWE name, e.g. CWE-787 / Out-of-bounds Write. */
  cwe: z.strictObject({ id: z.string().regex(/^CWE-\d+$/, { error: 'expected a CWE id such as CWE-787' }), name: nonEmpty }).optional(),
  /** A CVSS v3.1 base vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H; the score is computed from it. */
  cvss31: z.string().optional(),
  /** A CVSS v4.0 vector; kept in content, not yet published (CSAF 2.0 has no field for it). */
  cvss40: z
    .string()
    .regex(/^CVSS:4\.0\//, { error: 'expected a vector starting CVSS:4.0/' })
    .optional(),
  affected: z.array(productVersions).default([]),
  fixed: z.array(productVersions).default([]),
  notAffected: z.array(productVersions.extend({ justification: vexJustification, impact: nonEmpty })).default([]),
  remediations: z.array(remediationSchema).default([]),
});

/** A security advisory (content/advisories/<id>.mdx): published as CSAF 2.0 when labelled TLP:CLEAR. */
export const advisorySchema = z.strictObject({
  /** Lower-case id, e.g. ksa-2026-001; the CSAF tracking id is its upper-case form. */
  id: slug,
  title: nonEmpty,
  summary: nonEmpty,
  tlp: tlpLabel,
  status: z.enum(['draft', 'interim', 'final']).default('final'),
  initialRelease: isoDate,
  currentRelease: isoDate,
  revisions: z
    .array(z.strictObject({ number: z.number().int().min(1), date: isoDate, summary: nonEmpty }))
    .min(1, { error: 'list at least the initial release' }),
  vulnerabilities: z.array(vulnerabilitySchema).min(1),
  acknowledgements: z
    .array(z.strictObject({ names: z.array(nonEmpty).optional(), organization: nonEmpty.optional(), summary: nonEmpty.optional() }))
    .default([]),
});
export type Advisory = z.infer<typeof advisorySchema>;
export type Vulnerability = z.infer<typeof vulnerabilitySchema>;
export type TlpLabel = z.infer<typeof tlpLabel>;

/** Whether an advisory may leave the company: TLP:CLEAR (WHITE in CSAF 2.0). */
export const isPublicAdvisory = (advisory: Pick<Advisory, 'tlp'>) => advisory.tlp === 'CLEAR' || advisory.tlp === 'WHITE';
