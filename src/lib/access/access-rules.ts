import type { AccessSettings } from '../../schemas/access.ts';

// Common consumer mail providers: an address there says nothing about the company behind it.
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'zoho.com',
  'tutanota.com',
  'fastmail.com',
  'hey.com',
  'qq.com',
  '163.com',
]);

/** The domain of an address, lower-cased. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** True when `domain` is `listed` or one of its subdomains (eu.customer.com matches customer.com). */
export function domainMatches(domain: string, listed: readonly string[]): boolean {
  return listed.some((entry) => domain === entry || domain.endsWith(`.${entry}`));
}

export function isFreeMail(domain: string, settings: Pick<AccessSettings, 'freeMailDomains'>): boolean {
  return FREE_MAIL.has(domain) || domainMatches(domain, settings.freeMailDomains);
}

export type AccessDecision = { outcome: 'approve'; reason: string } | { outcome: 'pending'; reason: string } | { outcome: 'refuse'; reason: string };

/**
 * What happens to a request once its NDA question is settled. Listed customers first: a customer
 * who happens to use a free-mail domain list would otherwise be refused.
 */
export function decideAccess(email: string, access: 'nda' | 'approval', settings: AccessSettings): AccessDecision {
  const domain = emailDomain(email);
  if (domainMatches(domain, settings.autoApprove)) return { outcome: 'approve', reason: `${domain} is a listed customer` };
  if (isFreeMail(domain, settings)) {
    return settings.freeMail === 'refuse'
      ? { outcome: 'refuse', reason: 'requests from personal email addresses are not accepted; use your work address' }
      : { outcome: 'pending', reason: `${domain} is a personal email provider` };
  }
  if (access === 'nda') return { outcome: 'approve', reason: 'NDA accepted; the document needs no review' };
  return { outcome: 'pending', reason: "the document needs a reviewer's approval" };
}

/** Whether the requester must click through the NDA, given earlier acceptances from their domain. */
export function needsNda(email: string, settings: AccessSettings, domainAcceptedCurrentNda: boolean): boolean {
  const domain = emailDomain(email);
  if (domainMatches(domain, settings.ndaBypass)) return false;
  return !(settings.ndaCoversDomain && domainAcceptedCurrentNda);
}
