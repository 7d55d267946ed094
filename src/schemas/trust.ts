import { z } from 'zod';
import { isoDate, nonEmpty, slug } from './common.ts';

/** A trust-center page written in MDX (overview, FAQ). */
export const trustPageSchema = z.strictObject({
  id: slug,
  title: nonEmpty,
  /** Meta description and link-preview text. */
  summary: nonEmpty,
  /** Position in the trust center's navigation; lower first. */
  order: z.number().int().default(100),
});
export type TrustPage = z.infer<typeof trustPageSchema>;

/** A security update post. */
export const securityUpdateSchema = z.strictObject({
  id: slug,
  title: nonEmpty,
  summary: nonEmpty,
  published: isoDate,
  /** Optional date of a later correction or addition. */
  updated: isoDate.optional(),
});
export type SecurityUpdate = z.infer<typeof securityUpdateSchema>;

/**
 * public: anyone downloads it; nda: the requester accepts the NDA and gets it at once;
 * approval: NDA plus a reviewer's approval.
 */
export const documentAccess = z.enum(['public', 'nda', 'approval']);

export const trustDocumentSchema = z
  .strictObject({
    id: slug,
    title: nonEmpty,
    description: nonEmpty,
    access: documentAccess,
    /**
     * File name. Public documents live under public/documents/; gated ones live in the
     * directory named by CHARTER_DOCUMENTS_DIR and are never copied into a build.
     */
    file: z.string().regex(/^[\w.-]+$/, { error: 'expected a plain file name such as soc2-type2-2026.pdf' }),
    /** Date of the document's current edition. */
    updated: isoDate,
    /** Days an approved requester keeps access; the request flow uses it. */
    grantDays: z.number().int().min(1).max(365).default(7),
  })
  .refine((document) => document.access === 'public' || /\.(pdf|xlsx|docx)$/i.test(document.file), {
    // Each copy of a gated document is marked with its recipient (src/server/watermark.ts).
    error: 'a gated document must be a PDF, XLSX or DOCX file, so that each copy can be marked with its recipient; publish it (access: public) or convert it',
    path: ['file'],
  });
export const trustDocumentsSchema = z.strictObject({
  documents: z.array(trustDocumentSchema),
});
export type TrustDocument = z.infer<typeof trustDocumentSchema>;

/** The click-through NDA a requester accepts before receiving a gated document. */
export const ndaSchema = z.strictObject({
  title: nonEmpty,
  version: nonEmpty,
  effective: isoDate,
});
export type Nda = z.infer<typeof ndaSchema>;
