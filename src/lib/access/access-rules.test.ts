import { describe, expect, it } from 'vitest';
import { accessSettingsSchema } from '../../schemas/access.ts';
import { decideAccess, domainMatches, needsNda } from './access-rules.ts';

const settings = accessSettingsSchema.parse({
  reviewers: ['sec@acme.example'],
  autoApprove: ['customer.example'],
  ndaBypass: ['gov.example'],
  freeMail: 'refuse',
  freeMailDomains: ['cheapmail.example'],
});

describe('access rules', () => {
  it('approve listed customers, including their subdomains, without review', () => {
    expect(decideAccess('jo@customer.example', 'approval', settings).outcome).toBe('approve');
    expect(decideAccess('jo@eu.customer.example', 'approval', settings).outcome).toBe('approve');
    expect(domainMatches('notcustomer.example', ['customer.example'])).toBe(false);
  });

  it('refuse or hold free-mail addresses as configured', () => {
    expect(decideAccess('jo@gmail.com', 'nda', settings)).toEqual({
      outcome: 'refuse',
      reason: 'requests from personal email addresses are not accepted; use your work address',
    });
    expect(decideAccess('jo@cheapmail.example', 'nda', settings).outcome).toBe('refuse');
    expect(decideAccess('jo@gmail.com', 'nda', { ...settings, freeMail: 'hold' }).outcome).toBe('pending');
  });

  it('send other approval-gated requests to review and release NDA-only documents at once', () => {
    expect(decideAccess('jo@prospect.example', 'approval', settings).outcome).toBe('pending');
    expect(decideAccess('jo@prospect.example', 'nda', settings).outcome).toBe('approve');
  });

  it('skip the NDA for listed organisations and, when configured, for a domain that already accepted it', () => {
    expect(needsNda('jo@gov.example', settings, false)).toBe(false);
    expect(needsNda('jo@prospect.example', settings, true)).toBe(true);
    expect(needsNda('jo@prospect.example', { ...settings, ndaCoversDomain: true }, true)).toBe(false);
  });
});
