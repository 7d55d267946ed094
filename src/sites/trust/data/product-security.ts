import { entriesOf } from '../../../astro/content.ts';
import { isPublicAdvisory, type Advisory } from '../../../schemas/advisory.ts';
import type { Product } from '../../../schemas/product.ts';
import { advisoryDocumentPath, advisorySeverity, trackingId, vexDocumentPath, type CsafPublisher } from '../../../lib/advisories/csaf.ts';
import { csafProviderFiles, openpgpKeyPath, signProviderFiles, type ProviderInput } from '../../../lib/advisories/provider.ts';
import { readSigningKey } from '../../../lib/advisories/sign.ts';
import { parseCvss31 } from '../../../lib/advisories/cvss.ts';
import { absolute, builtAt, site } from './trust.ts';

// Products and TLP:CLEAR advisories, and the CSAF provider built from them once per build.

export const products = (await entriesOf('products')).map((e) => e.data as Product).sort((a, b) => a.name.localeCompare(b.name));
/** Published advisories, newest first; the target's view already dropped every one not labelled TLP:CLEAR. */
export const advisories = (await entriesOf('advisories'))
  .map((e) => ({ data: e.data as Advisory, body: e.body }))
  .filter((a) => isPublicAdvisory(a.data))
  .sort((a, b) => b.data.initialRelease.localeCompare(a.data.initialRelease) || a.data.id.localeCompare(b.data.id));

export const csafBase = absolute('/.well-known/csaf/');
export const publisher: CsafPublisher = {
  name: site.organisation.legalName ?? site.organisation.name,
  namespace: site.organisation.website,
  contactDetails: `Report vulnerabilities to ${site.trustCenter.securityEmail}`,
};

const providerInput: ProviderInput = {
  products,
  advisories,
  publisher,
  site: { base: csafBase, pageUrl: () => absolute('/product-security/') },
  fallbackUpdated: builtAt.toISOString(),
};

/** The signing key, when CHARTER_OPENPGP_KEY holds an armoured private key (from the environment only). */
export const signingKey = process.env.CHARTER_OPENPGP_KEY
  ? await readSigningKey(process.env.CHARTER_OPENPGP_KEY, process.env.CHARTER_OPENPGP_PASSPHRASE)
  : undefined;

/** Every file under /.well-known/csaf/, by path relative to it; with .asc signatures and the public key when a key is set. */
export const csafFiles = signingKey ? await signProviderFiles(csafProviderFiles(providerInput), providerInput, signingKey) : csafProviderFiles(providerInput);

/** Where the public key is published, when documents are signed. */
export const publicKeyPath = signingKey ? `/.well-known/csaf/${openpgpKeyPath(signingKey.fingerprint)}` : undefined;

/** Advisories as entries of the updates page and its feed: each links to its place on the product security page. */
export const advisoryUpdates = advisories.map(({ data: a }) => ({
  id: a.id,
  title: `${trackingId(a.id)}: ${a.title}`,
  summary: a.summary,
  published: a.initialRelease,
  updated: a.currentRelease === a.initialRelease ? undefined : a.currentRelease,
  href: `/product-security/#${a.id}`,
}));

export const csafPath = (advisory: Advisory) => `/.well-known/csaf/${advisoryDocumentPath(advisory)}`;
export const vexPath = (product: Product) => {
  const path = vexDocumentPath(
    product,
    advisories.map((a) => a.data),
  );
  return path ? `/.well-known/csaf/${path}` : undefined;
};
export { advisorySeverity };
export const cvssScore = (vector: string | undefined) => (vector ? parseCvss31(vector).baseScore : undefined);

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "June 2031" from 2031-06. */
export const formatMonth = (month: string) => `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
/** Whether a version still gets security updates at the build's date. */
export const supported = (supportEnds: string) => supportEnds >= builtAt.toISOString().slice(0, 7);
