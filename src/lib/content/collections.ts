import type { z } from 'zod';
import { accessSettingsSchema } from '../../schemas/access.ts';
import { advisorySchema } from '../../schemas/advisory.ts';
import { applicabilitySchema } from '../../schemas/applicability.ts';
import { controlSchema } from '../../schemas/control.ts';
import { frameworkSchema } from '../../schemas/framework.ts';
import { policySchema } from '../../schemas/policy.ts';
import { productSchema } from '../../schemas/product.ts';
import { runbookSchema } from '../../schemas/runbook.ts';
import { sharedResponsibilitySchema } from '../../schemas/shared-responsibility.ts';
import { siteSchema } from '../../schemas/site.ts';
import { subprocessorsSchema } from '../../schemas/subprocessor.ts';
import { systemBoundarySchema } from '../../schemas/system-boundary.ts';
import { ndaSchema, securityUpdateSchema, trustDocumentsSchema, trustPageSchema } from '../../schemas/trust.ts';

/**
 * Where each kind of content lives and which schema it must satisfy. The Astro collections
 * and the CLI both read this table, so they can never disagree about what is valid.
 *
 * `folder` collections hold one document per file, identified by its `id` field;
 * `file` collections are a single file whose entry id is the collection name.
 */
export interface CollectionSpec {
  readonly schema: z.ZodType;
  readonly location: { folder: string; extensions: readonly string[] } | { file: string };
  /** Markdown/MDX files carry a body below their frontmatter. */
  readonly body: boolean;
}

const markdown = ['.mdx', '.md'] as const;
const yaml = ['.yaml', '.yml'] as const;

export const collections = {
  site: { schema: siteSchema, location: { file: 'content/site.yaml' }, body: false },
  policies: { schema: policySchema, location: { folder: 'content/policies', extensions: markdown }, body: true },
  runbooks: { schema: runbookSchema, location: { folder: 'content/runbooks', extensions: markdown }, body: true },
  controls: { schema: controlSchema, location: { folder: 'content/controls', extensions: yaml }, body: false },
  frameworks: { schema: frameworkSchema, location: { folder: 'frameworks', extensions: yaml }, body: false },
  applicability: { schema: applicabilitySchema, location: { file: 'content/applicability.yaml' }, body: false },
  systemBoundary: { schema: systemBoundarySchema, location: { file: 'content/system-boundary.yaml' }, body: false },
  sharedResponsibility: { schema: sharedResponsibilitySchema, location: { file: 'content/shared-responsibility.yaml' }, body: false },
  subprocessors: { schema: subprocessorsSchema, location: { file: 'content/subprocessors.yaml' }, body: false },
  trustPages: { schema: trustPageSchema, location: { folder: 'content/trust/pages', extensions: markdown }, body: true },
  securityUpdates: { schema: securityUpdateSchema, location: { folder: 'content/trust/updates', extensions: markdown }, body: true },
  trustDocuments: { schema: trustDocumentsSchema, location: { file: 'content/trust/documents.yaml' }, body: false },
  nda: { schema: ndaSchema, location: { file: 'content/trust/nda.md' }, body: true },
  trustAccess: { schema: accessSettingsSchema, location: { file: 'content/trust/access.yaml' }, body: false },
  products: { schema: productSchema, location: { folder: 'content/products', extensions: yaml }, body: false },
  advisories: { schema: advisorySchema, location: { folder: 'content/advisories', extensions: markdown }, body: true },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof collections;
export type CollectionData<N extends CollectionName> = z.infer<(typeof collections)[N]['schema']>;
