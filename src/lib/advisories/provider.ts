import { isPublicAdvisory, type Advisory } from '../../schemas/advisory.ts';
import type { Product } from '../../schemas/product.ts';
import { detachedSignature, type SigningKey } from './sign.ts';
import {
  advisoryDocumentPath,
  changesCsv,
  csafAdvisory,
  csafJson,
  csafVex,
  hashFile,
  indexTxt,
  providerMetadata,
  rolieFeed,
  ROLIE_FEED,
  trackingId,
  vexDocumentPath,
  vexTrackingId,
  WHITE_DIR,
  type CsafPublisher,
  type CsafSite,
  type DirectoryEntry,
} from './csaf.ts';

export interface ProviderInput {
  products: Product[];
  /** Advisories with their Markdown body; any that is not TLP:CLEAR is left out here. */
  advisories: { data: Advisory; body?: string }[];
  publisher: CsafPublisher;
  site: CsafSite;
  /** provider-metadata.json's last_updated when there is no advisory yet. */
  fallbackUpdated: string;
}

/** Where the provider publishes its public OpenPGP key, relative to /.well-known/csaf/. */
export const openpgpKeyPath = (fingerprint: string) => `openpgp/${fingerprint}.asc`;

/**
 * Signs a provider's files: a detached .asc beside every CSAF document, the public key under
 * openpgp/, and provider-metadata.json naming it. Returns a new map; the input stays unsigned.
 */
export async function signProviderFiles(files: Map<string, string>, input: ProviderInput, signing: SigningKey): Promise<Map<string, string>> {
  const signed = new Map(files);
  for (const [path, text] of files) {
    if (path.startsWith(`${WHITE_DIR}/`) && path.endsWith('.json')) signed.set(`${path}.asc`, await detachedSignature(text, signing));
  }
  const keyPath = openpgpKeyPath(signing.fingerprint);
  signed.set(keyPath, signing.publicArmored);
  const metadata = JSON.parse(files.get('provider-metadata.json')!) as { last_updated: string };
  signed.set(
    'provider-metadata.json',
    JSON.stringify(
      providerMetadata({
        base: input.site.base,
        publisher: input.publisher,
        lastUpdated: metadata.last_updated,
        openpgpKey: { fingerprint: signing.fingerprint, url: new URL(keyPath, input.site.base).href },
      }),
      null,
      2,
    ) + '\n',
  );
  return signed;
}

/**
 * Every file of the CSAF provider under /.well-known/csaf/, by path relative to it: each
 * advisory and VEX document with its .sha256 and .sha512, index.txt, changes.csv, the ROLIE
 * feed and provider-metadata.json.
 */
export function csafProviderFiles(input: ProviderInput): Map<string, string> {
  const files = new Map<string, string>();
  const entries: DirectoryEntry[] = [];
  const published = input.advisories.filter((a) => isPublicAdvisory(a.data));
  const add = (entry: DirectoryEntry, document: unknown) => {
    const text = csafJson(document);
    const name = entry.path.split('/').at(-1)!;
    files.set(entry.path, text);
    files.set(`${entry.path}.sha256`, hashFile('sha256', text, name));
    files.set(`${entry.path}.sha512`, hashFile('sha512', text, name));
    entries.push(entry);
  };
  for (const { data, body } of published) {
    add(
      {
        path: advisoryDocumentPath(data),
        trackingId: trackingId(data.id),
        title: data.title,
        initialRelease: data.initialRelease,
        currentRelease: data.currentRelease,
        summary: data.summary,
      },
      csafAdvisory(data, input.products, input.publisher, input.site, body),
    );
  }
  const advisories = published.map((a) => a.data);
  for (const product of input.products) {
    const path = vexDocumentPath(product, advisories);
    if (!path) continue;
    const document = csafVex(product, advisories, input.publisher, input.site) as {
      document: { title: string; tracking: { initial_release_date: string; current_release_date: string } };
    };
    const tracking = document.document.tracking;
    add(
      {
        path,
        trackingId: vexTrackingId(product),
        title: document.document.title,
        initialRelease: tracking.initial_release_date.slice(0, 10),
        currentRelease: tracking.current_release_date.slice(0, 10),
        summary: `Status of every published vulnerability for each ${product.name} version.`,
      },
      document,
    );
  }
  files.set(`${WHITE_DIR}/index.txt`, indexTxt(entries));
  files.set(`${WHITE_DIR}/changes.csv`, changesCsv(entries));
  const lastUpdated =
    entries
      .map((e) => `${e.currentRelease}T00:00:00.000Z`)
      .sort()
      .at(-1) ?? input.fallbackUpdated;
  files.set(
    ROLIE_FEED,
    JSON.stringify(rolieFeed(entries, input.site.base, `${input.publisher.name} CSAF advisories (TLP:WHITE)`, lastUpdated), null, 2) + '\n',
  );
  files.set('provider-metadata.json', JSON.stringify(providerMetadata({ base: input.site.base, publisher: input.publisher, lastUpdated }), null, 2) + '\n');
  return files;
}
