import type { APIRoute } from 'astro';
import { absolute, builtAt, disclosurePolicy, site } from '../data/trust.ts';
import { securityTxt, securityTxtExpiry } from '../../../lib/publish/security-txt.ts';
import { clearSign } from '../../../lib/advisories/sign.ts';
import { advisories, products, signingKey } from '../data/product-security.ts';

// RFC 9116: Expires counts from the build, so every build republishes a fresh file.
const text = securityTxt({
  contact: [`mailto:${site.trustCenter.securityEmail}`],
  expires: securityTxtExpiry(builtAt),
  canonical: [absolute('/.well-known/security.txt')],
  policy: disclosurePolicy ? absolute(`/policies/${disclosurePolicy.data.id}/`) : undefined,
  preferredLanguages: ['en'],
  csaf: products.length || advisories.length ? [absolute('/.well-known/csaf/provider-metadata.json')] : undefined,
});
// With CHARTER_OPENPGP_KEY set, the file is an OpenPGP cleartext-signed message (RFC 9116 section 2.3).
const body = signingKey ? await clearSign(text, signingKey) : text;

export const GET: APIRoute = () => new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
