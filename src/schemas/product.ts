import { z } from 'zod';
import { isoDate, nonEmpty, slug } from './common.ts';

/** A month written as YYYY-MM: the EU Cyber Resilience Act (Art. 13(8)) asks for the support end's month and year. */
export const isoMonth = z
  .string({ error: 'expected a month written as YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month written as YYYY-MM, e.g. 2031-06' });

/** One released version (firmware or software) of a product. */
export const productVersionSchema = z.strictObject({
  /** As printed on the release, e.g. 4.8.1; no ranges ("4.x", "< 4.8"). */
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, { error: 'expected one version such as 4.8.1, not a range' }),
  released: isoDate,
  /** The last month in which the version receives security updates. */
  supportEnds: isoMonth,
  /**
   * The CycloneDX SBOM of this version: a file name under public/sbom/ that the trust center
   * publishes, or "on-request". Left out when there is none.
   */
  sbom: z
    .union([z.literal('on-request'), z.string().regex(/^[\w.-]+\.json$/, { error: 'expected a file name such as kg-200-4.8.1.cdx.json, or on-request' })])
    .optional(),
});

/** A product the company ships and publishes advisories for (content/products/<id>.yaml). */
export const productSchema = z.strictObject({
  id: slug,
  name: nonEmpty,
  description: nonEmpty,
  versions: z.array(productVersionSchema).min(1),
});
export type Product = z.infer<typeof productSchema>;
export type ProductVersion = z.infer<typeof productVersionSchema>;
