import { z } from 'zod';
import { nonEmpty } from './common.ts';

const domain = z.string().regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { error: 'expected a lower-case domain such as example.com' });

/**
 * Who gets gated documents and how: read only by the request server, never published.
 * (The customer list in autoApprove is itself confidential.)
 */
export const accessSettingsSchema = z.strictObject({
  /** Addresses that receive approve/deny emails for every request. */
  reviewers: z.array(z.email()).min(1),
  /** Email domains of customers whose requests are approved without review. */
  autoApprove: z.array(domain).default([]),
  /** Organisations that may not sign NDAs (e.g. government buyers): their requests skip the NDA step. */
  ndaBypass: z.array(domain).default([]),
  /** When true, one person's NDA acceptance covers later requests from the same domain, for the same NDA version. */
  ndaCoversDomain: z.boolean().default(false),
  /** What to do with free-mail addresses (gmail.com and the like): refuse outright or hold for review. */
  freeMail: z.enum(['refuse', 'hold']).default('hold'),
  /** Extra domains to treat as free mail, on top of the built-in list. */
  freeMailDomains: z.array(domain).default([]),
  /** Days after which a request's personal data is anonymised; the access log keeps the anonymised record. */
  retentionDays: z.number().int().min(30).max(3650).default(730),
  /** Days a reviewer's approve/deny link stays valid. */
  reviewLinkDays: z.number().int().min(1).max(30).default(7),
  /** Requests accepted per IP address per hour, and per email address per day; more get "try again later". */
  rateLimits: z
    .strictObject({
      perIpPerHour: z.number().int().min(1).default(10),
      perEmailPerDay: z.number().int().min(1).default(5),
    })
    .default({ perIpPerHour: 10, perEmailPerDay: 5 }),
  /** Shown to requesters, e.g. who to contact about a refused request. */
  contactNote: nonEmpty.optional(),
});
export type AccessSettings = z.infer<typeof accessSettingsSchema>;
