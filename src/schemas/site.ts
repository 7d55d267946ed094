import { z } from 'zod';
import { periodFault } from '../lib/time/audit-period.ts';
import { nonEmpty, slug, isoDate } from './common.ts';
import { frameworkId } from './framework.ts';

export const personSchema = z.strictObject({
  /** Short handle used by `owner:` and `approver:` fields, e.g. `priya`. */
  id: slug,
  name: nonEmpty,
  /** Job title, shown next to the name on every document the person owns. */
  role: nonEmpty,
  email: z.email(),
});
export type Person = z.infer<typeof personSchema>;

/** How the trust center presents a framework: what a prospect can expect to receive. */
export const frameworkStatus = z.enum(['certified', 'report-available', 'in-progress', 'aligned']);

/** A fixed span an audit covers, e.g. a SOC 2 Type II period; the portal shows evidence continuity over it. */
export const auditPeriodSchema = z
  .strictObject({
    /** How the portal names the period, e.g. "SOC 2 Type II 2025–26". */
    name: nonEmpty,
    /** First day of the period, YYYY-MM-DD. */
    start: isoDate,
    /** Last day of the period, included. */
    end: isoDate,
  })
  .superRefine((period, context) => {
    const fault = periodFault({ from: period.start, to: period.end });
    if (fault) context.addIssue({ code: 'custom', path: ['end'], message: `the audit period ${fault}` });
  });

export const frameworkInScopeSchema = z.strictObject({
  framework: frameworkId,
  status: frameworkStatus,
  /** Badge text on the trust center, e.g. "SOC 2 Type II". */
  label: nonEmpty,
  /** One sentence for prospects, e.g. the audit period or the certification body. */
  note: z.string().optional(),
  /** Certificate or report dates, when there are any. */
  issued: isoDate.optional(),
  expires: isoDate.optional(),
  /** Audit periods, oldest first; each gets its own evidence view in the portal. */
  auditPeriods: z.array(auditPeriodSchema).optional(),
  /**
   * The parts of the framework the report or certificate covers: categories of the catalog's
   * groups (for SOC 2 the trust services categories, e.g. [security, availability,
   * confidentiality]) or group ids. Coverage counts only requirements inside the scope and shows
   * the rest apart. Without it, the whole framework is in scope.
   */
  scope: z.array(nonEmpty).min(1).optional(),
});

export const siteSchema = z.strictObject({
  /**
   * Judge review dates and evidence freshness as of this day instead of the build's: for content
   * frozen at a date, such as an example or an archived audit. CHARTER_NOW overrides it.
   */
  asOf: isoDate.optional(),
  organisation: z.strictObject({
    name: nonEmpty,
    legalName: z.string().optional(),
    /** One or two sentences: what the company makes, as a prospect should read it. */
    description: nonEmpty,
    website: z.url(),
    /** Path under public/, e.g. /logo.svg. */
    logo: z.string().startsWith('/').optional(),
  }),
  trustCenter: z.strictObject({
    /** Public address of the trust center; canonical URLs, feeds and the sitemap use it. */
    url: z.url(),
    contactEmail: z.email(),
    /** Where vulnerability reports go; published in security.txt. */
    securityEmail: z.email(),
    /**
     * Id of the public policy that security.txt names as its Policy, e.g.
     * `vulnerability-disclosure`. When unset, the public policy whose id mentions "disclosure".
     */
    disclosurePolicy: slug.optional(),
    /**
     * False when the trust center is published to a static host without Charter's server: the
     * site then has no request or subscribe forms, and says to ask by email instead.
     */
    server: z.boolean().default(true),
  }),
  portal: z.strictObject({
    /** Internal address of the policy portal, used in reminder emails. */
    url: z.url(),
    /**
     * Web address of the git repository this content lives in, e.g.
     * https://github.com/acme/compliance: history rows link "Pull request #12" to <repository>/pull/12.
     * Internal, like the rest of `portal`: the trust center never sees it.
     */
    repository: z
      .url({ protocol: /^https$/, error: 'must be an https URL, e.g. https://github.com/acme/compliance' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** Days a person has to acknowledge a policy, counted from their hire date or the version's effective date, whichever is later. */
    acknowledgeWithinDays: z.number().int().min(1).max(365).default(14),
  }),
  /** The people who own, approve and operate documents and controls. */
  people: z.array(personSchema).min(1),
  /** Frameworks in scope, in the order the trust center shows them. */
  frameworks: z.array(frameworkInScopeSchema),
});
export type Site = z.infer<typeof siteSchema>;

/** Site settings as the trust center sees them: no staff directory, no internal addresses. */
export const publicSiteSchema = siteSchema.omit({ people: true, portal: true });
export type PublicSite = z.infer<typeof publicSiteSchema>;
