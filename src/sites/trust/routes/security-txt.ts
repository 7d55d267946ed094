import type { APIRoute } from 'astro';
import { absolute, builtAt, disclosurePolicy, site } from '../data/trust.ts';
import { securityTxt, securityTxtExpiry } from '../../../lib/publish/security-txt.ts';
import { advisories, products } from '../data/product-security.ts';

// RFC 9116: Expires counts from the build, so every build republishes a fresh file.
export const GET: APIRoute = () =>
  new Response(
    securityTxt({
      contact: [`mailto:${site.trustCenter.securityEmail}`],
      expires: securityTxtExpiry(builtAt),
      canonical: [absolute('/.well-known/security.txt')],
      policy: disclosurePolicy ? absolute(`/policies/${disclosurePolicy.data.id}/`) : undefined,
      preferredLanguages: ['en'],
      csaf: products.length || advisories.length ? [absolute('/.well-known/csaf/provider-metadata.json')] : undefined,
    }),
    { headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
