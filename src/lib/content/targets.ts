import type { z } from 'zod';
import { advisorySchema, isPublicAdvisory, type Advisory } from '../../schemas/advisory.ts';
import { publicControlSchema } from '../../schemas/control.ts';
import { policySchema } from '../../schemas/policy.ts';
import { sharedResponsibilitySchema, type SharedResponsibility } from '../../schemas/shared-responsibility.ts';
import { publicSiteSchema, type Site } from '../../schemas/site.ts';
import { systemBoundarySchema, type SystemBoundary } from '../../schemas/system-boundary.ts';
import type { Control } from '../../schemas/control.ts';
import type { Policy } from '../../schemas/policy.ts';
import { collections, type CollectionName } from './collections.ts';

/** The two sites one repository builds. */
export const targets = ['portal', 'trust'] as const;
export type Target = (typeof targets)[number];

export function isTarget(value: string | undefined): value is Target {
  return (targets as readonly string[]).includes(value ?? '');
}

/**
 * What a site may load of a collection: the schema of what it stores and a projection from
 * validated content to that shape. Returning undefined leaves the entry out of the build.
 */
export interface CollectionView {
  schema: z.ZodType;
  project(data: unknown): unknown | undefined;
}

const whole = (name: CollectionName): CollectionView => ({ schema: collections[name].schema, project: (data) => data });

/**
 * The internal portal loads everything; the trust center loads only collections written for
 * the public and the public parts of mixed ones. Anything not listed here never enters the
 * trust build, so an internal policy cannot leak by a page's mistake.
 */
export const targetViews: Record<Target, Partial<Record<CollectionName, CollectionView>>> = {
  portal: Object.fromEntries(Object.keys(collections).map((name) => [name, whole(name as CollectionName)])),
  trust: {
    site: {
      schema: publicSiteSchema,
      project: (data) => {
        const { people: _people, portal: _portal, ...publicPart } = data as Site;
        return publicPart;
      },
    },
    policies: {
      schema: policySchema,
      project: (data) => ((data as Policy).visibility === 'public' ? data : undefined),
    },
    controls: {
      schema: publicControlSchema,
      project: (data) => {
        const { id, title, area, publicSummary } = data as Control;
        return publicSummary ? { id, title, area, publicSummary } : undefined;
      },
    },
    systemBoundary: {
      schema: systemBoundarySchema,
      // Which internal controls cover a component or row stays in the portal.
      project: (data) => ({
        ...(data as SystemBoundary),
        components: (data as SystemBoundary).components.filter((c) => c.public).map(({ controls: _internal, ...c }) => c),
      }),
    },
    sharedResponsibility: {
      schema: sharedResponsibilitySchema,
      project: (data) => ({
        ...(data as SharedResponsibility),
        rows: (data as SharedResponsibility).rows.filter((r) => r.public).map(({ controls: _internal, ...r }) => r),
      }),
    },
    subprocessors: whole('subprocessors'),
    trustPages: whole('trustPages'),
    securityUpdates: whole('securityUpdates'),
    trustDocuments: whole('trustDocuments'),
    nda: whole('nda'),
    products: whole('products'),
    // Only TLP:CLEAR advisories leave the company; an AMBER or RED one never enters the build.
    advisories: { schema: advisorySchema, project: (data) => (isPublicAdvisory(data as Advisory) ? data : undefined) },
  },
};

/** The target a build is for, from CHARTER_TARGET; the portal when unset. */
export function currentTarget(env: NodeJS.ProcessEnv = process.env): Target {
  const value = env.CHARTER_TARGET;
  if (value === undefined || value === '') return 'portal';
  if (!isTarget(value)) throw new Error(`CHARTER_TARGET must be "portal" or "trust", got "${value}"`);
  return value;
}
