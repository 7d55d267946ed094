import { createHash } from 'node:crypto';
import { isPublicAdvisory, type Advisory, type Vulnerability } from '../../schemas/advisory.ts';
import type { Product } from '../../schemas/product.ts';
import { parseCvss31, severityOf } from './cvss.ts';

// Builds CSAF 2.0 documents (OASIS, csaf_security_advisory and csaf_vex profiles) and the
// files of a CSAF provider's directory (section 7.1) from content. Pure: no clock, no I/O.

/** Who publishes the documents: the vendor. */
export interface CsafPublisher {
  name: string;
  /** The vendor's web address: CSAF's publisher namespace. */
  namespace: string;
  contactDetails: string;
}

/** Where the provider's files live, e.g. https://trust.example/.well-known/csaf/. */
export interface CsafSite {
  base: string;
  /** The address of an advisory's page on the trust center. */
  pageUrl?: (advisory: Advisory) => string;
}

type Json = Record<string, unknown>;
type Ref = { product: string; versions: string[] };

export const CSAF_SCHEMA_URL = 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json';
/** The folder of TLP:WHITE (CLEAR) documents, relative to /.well-known/csaf/. */
export const WHITE_DIR = 'white';
export const ROLIE_FEED = 'feed-tlp-white.json';

const dateTime = (date: string) => `${date}T00:00:00.000Z`;
export const trackingId = (id: string) => id.toUpperCase();
/** CSAF 2.0 section 5.1: lower-case tracking id, anything but +, - and a-z0-9 as _, then .json. */
export const csafFileName = (tracking: string) => `${tracking.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
export const productId = (product: string, version: string) => `${product}-${version}`;

/** The path of an advisory's document under /.well-known/csaf/: white/<year of initial release>/<file>. */
export function advisoryDocumentPath(advisory: Pick<Advisory, 'id' | 'initialRelease'>): string {
  return `${WHITE_DIR}/${advisory.initialRelease.slice(0, 4)}/${csafFileName(trackingId(advisory.id))}`;
}

const ids = (refs: Ref[], only?: string) => refs.filter((r) => !only || r.product === only).flatMap((r) => r.versions.map((v) => productId(r.product, v)));

function productTree(vendor: string, products: Product[], used: Set<string>): Json {
  return {
    branches: [
      {
        category: 'vendor',
        name: vendor,
        branches: products
          .filter((p) => p.versions.some((v) => used.has(productId(p.id, v.version))))
          .map((p) => ({
            category: 'product_name',
            name: p.name,
            branches: p.versions
              .filter((v) => used.has(productId(p.id, v.version)))
              .map((v) => ({
                category: 'product_version',
                name: v.version,
                product: { product_id: productId(p.id, v.version), name: `${p.name} ${v.version}` },
              })),
          })),
      },
    ],
  };
}

function vulnerability(v: Vulnerability, only?: string): Json {
  const affected = ids(v.affected, only);
  const fixed = ids(v.fixed, only);
  const notAffected = v.notAffected.filter((r) => !only || r.product === only);
  const byJustification = Map.groupBy(notAffected, (r) => r.justification);
  const score = v.cvss31 && affected.length ? parseCvss31(v.cvss31) : undefined;
  const remediations = v.remediations
    .map((r) => ({
      category: r.category,
      details: r.details,
      product_ids: ids(r.products, only),
      ...(r.date ? { date: dateTime(r.date) } : {}),
      ...(r.url ? { url: r.url } : {}),
    }))
    .filter((r) => r.product_ids.length);
  return {
    cve: v.cve,
    title: v.title,
    ...(v.cwe ? { cwe: { id: v.cwe.id, name: v.cwe.name } } : {}),
    notes: [{ category: 'description', title: 'Description', text: v.description }],
    product_status: {
      ...(affected.length ? { known_affected: affected } : {}),
      ...(fixed.length ? { fixed } : {}),
      ...(notAffected.length ? { known_not_affected: ids(notAffected) } : {}),
    },
    ...(byJustification.size
      ? {
          flags: [...byJustification].map(([label, refs]) => ({ label, product_ids: ids(refs) })),
          threats: notAffected.map((r) => ({ category: 'impact', details: r.impact, product_ids: ids([r]) })),
        }
      : {}),
    ...(remediations.length ? { remediations } : {}),
    ...(score
      ? {
          scores: [
            { products: affected, cvss_v3: { version: '3.1', vectorString: score.vectorString, baseScore: score.baseScore, baseSeverity: score.baseSeverity } },
          ],
        }
      : {}),
  };
}

const usedIds = (vulnerabilities: Vulnerability[], only?: string) =>
  new Set(
    vulnerabilities.flatMap((v) => [
      ...ids(v.affected, only),
      ...ids(v.fixed, only),
      ...ids(v.notAffected, only),
      ...v.remediations.flatMap((r) => ids(r.products, only)),
    ]),
  );

/** The highest CVSS v3.1 severity of an advisory's vulnerabilities, e.g. "Critical". */
export function advisorySeverity(advisory: Advisory): string | undefined {
  const scores = advisory.vulnerabilities.flatMap((v) => (v.cvss31 ? [parseCvss31(v.cvss31).baseScore] : []));
  if (!scores.length) return undefined;
  const severity = severityOf(Math.max(...scores));
  return severity.charAt(0) + severity.slice(1).toLowerCase();
}

function publisherJson(publisher: CsafPublisher): Json {
  return { category: 'vendor', name: publisher.name, namespace: publisher.namespace, contact_details: publisher.contactDetails };
}

/** One advisory as a CSAF 2.0 document of the csaf_security_advisory profile. */
export function csafAdvisory(advisory: Advisory, products: Product[], publisher: CsafPublisher, site: CsafSite, details?: string): Json {
  if (!isPublicAdvisory(advisory)) throw new Error(`${advisory.id} is TLP:${advisory.tlp}; only TLP:CLEAR advisories are published`);
  const severity = advisorySeverity(advisory);
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: advisory.title,
      lang: 'en',
      publisher: publisherJson(publisher),
      distribution: { tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      ...(severity ? { aggregate_severity: { text: severity } } : {}),
      notes: [
        { category: 'summary', title: 'Summary', text: advisory.summary },
        ...(details?.trim() ? [{ category: 'details', title: 'Details', text: details.trim() }] : []),
      ],
      references: [
        { category: 'self', summary: 'This CSAF document', url: new URL(advisoryDocumentPath(advisory), site.base).href },
        ...(site.pageUrl ? [{ category: 'external', summary: 'The advisory on the trust center', url: site.pageUrl(advisory) }] : []),
      ],
      ...(advisory.acknowledgements.length ? { acknowledgments: advisory.acknowledgements } : {}),
      tracking: {
        id: trackingId(advisory.id),
        status: advisory.status,
        version: String(advisory.revisions.at(-1)!.number),
        initial_release_date: dateTime(advisory.initialRelease),
        current_release_date: dateTime(advisory.currentRelease),
        revision_history: advisory.revisions.map((r) => ({ number: String(r.number), date: dateTime(r.date), summary: r.summary })),
      },
    },
    product_tree: productTree(publisher.name, products, usedIds(advisory.vulnerabilities)),
    vulnerabilities: advisory.vulnerabilities.map((v) => vulnerability(v)),
  };
}

/** The tracking id of a product's VEX document. */
export const vexTrackingId = (product: Pick<Product, 'id'>) => `${product.id.toUpperCase()}-VEX`;

/** Public advisories that say anything about a product, oldest first. */
export function advisoriesFor(product: Pick<Product, 'id'>, advisories: Advisory[]): Advisory[] {
  return advisories
    .filter((a) => isPublicAdvisory(a) && usedIds(a.vulnerabilities, product.id).size > 0)
    .sort((a, b) => a.initialRelease.localeCompare(b.initialRelease) || a.id.localeCompare(b.id));
}

/** The path of a product's VEX document under /.well-known/csaf/, or undefined when no advisory names the product. */
export function vexDocumentPath(product: Product, advisories: Advisory[]): string | undefined {
  const relevant = advisoriesFor(product, advisories);
  if (!relevant.length) return undefined;
  return `${WHITE_DIR}/${relevant[0]!.initialRelease.slice(0, 4)}/${csafFileName(vexTrackingId(product))}`;
}

/**
 * A product's VEX (csaf_vex profile): every published vulnerability that names one of its
 * versions, with the versions it affects, those that fix it and those it does not affect, and why.
 * One revision per day on which an advisory about the product was released or revised.
 */
export function csafVex(product: Product, advisories: Advisory[], publisher: CsafPublisher, site: CsafSite): Json {
  const relevant = advisoriesFor(product, advisories);
  if (!relevant.length) throw new Error(`no published advisory names ${product.id}`);
  const days = [...new Set(relevant.flatMap((a) => a.revisions.map((r) => r.date)))].sort();
  const revisions = days.map((date, i) => ({
    number: String(i + 1),
    date: dateTime(date),
    summary: relevant
      .flatMap((a) => a.revisions.filter((r) => r.date === date).map((r) => `${trackingId(a.id)} ${r.number === 1 ? 'published' : `revision ${r.number}`}`))
      .join('; '),
  }));
  const vulnerabilities = relevant.flatMap((a) => a.vulnerabilities.filter((v) => usedIds([v], product.id).size > 0));
  return {
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      title: `${product.name}: status of known vulnerabilities (VEX)`,
      lang: 'en',
      publisher: publisherJson(publisher),
      distribution: { tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      notes: [
        {
          category: 'summary',
          title: 'Summary',
          text: `Which ${product.name} versions each vulnerability in our published advisories affects, which versions fix it, and which are not affected and why.`,
        },
      ],
      references: [
        { category: 'self', summary: 'This CSAF document', url: new URL(vexDocumentPath(product, advisories)!, site.base).href },
        ...relevant.map((a) => ({ category: 'external', summary: `Advisory ${trackingId(a.id)}`, url: new URL(advisoryDocumentPath(a), site.base).href })),
      ],
      tracking: {
        id: vexTrackingId(product),
        status: 'final',
        version: String(revisions.length),
        initial_release_date: revisions[0]!.date,
        current_release_date: revisions.at(-1)!.date,
        revision_history: revisions,
      },
    },
    product_tree: productTree(publisher.name, [product], usedIds(vulnerabilities, product.id)),
    vulnerabilities: vulnerabilities.map((v) => vulnerability(v, product.id)),
  };
}

/** CSAF documents are published as UTF-8 JSON, two-space indented, with a final newline. */
export const csafJson = (document: unknown) => JSON.stringify(document, null, 2) + '\n';

/** The .sha256 / .sha512 file beside a document: `<hex>  <file name>`, as sha256sum writes it. */
export function hashFile(algorithm: 'sha256' | 'sha512', content: string, fileName: string): string {
  return `${createHash(algorithm).update(content).digest('hex')}  ${fileName}\n`;
}

/** One published document of the provider directory. */
export interface DirectoryEntry {
  /** Relative to /.well-known/csaf/, e.g. white/2026/ksa-2026-001.json. */
  path: string;
  trackingId: string;
  title: string;
  initialRelease: string;
  currentRelease: string;
  summary: string;
}

/** index.txt (section 7.1.13): every document's path relative to the directory, one per line. */
export function indexTxt(entries: DirectoryEntry[]): string {
  return entries
    .map((e) => e.path.slice(WHITE_DIR.length + 1))
    .sort()
    .map((p) => `${p}\n`)
    .join('');
}

/** changes.csv (section 7.1.14): "path","current release date-time", newest first. */
export function changesCsv(entries: DirectoryEntry[]): string {
  return [...entries]
    .sort((a, b) => b.currentRelease.localeCompare(a.currentRelease) || a.path.localeCompare(b.path))
    .map((e) => `"${e.path.slice(WHITE_DIR.length + 1)}","${dateTime(e.currentRelease)}"\n`)
    .join('');
}

/** The ROLIE feed (section 7.1.20, RFC 8322 in its JSON form) of the TLP:WHITE documents. */
export function rolieFeed(entries: DirectoryEntry[], base: string, feedTitle: string, fallbackUpdated: string): Json {
  const sorted = [...entries].sort((a, b) => b.currentRelease.localeCompare(a.currentRelease) || a.path.localeCompare(b.path));
  const url = (path: string) => new URL(path, base).href;
  return {
    feed: {
      id: `${new URL(base).hostname}-csaf-feed-tlp-white`,
      title: feedTitle,
      link: [{ rel: 'self', href: url(ROLIE_FEED) }],
      category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
      updated: sorted[0] ? dateTime(sorted[0].currentRelease) : fallbackUpdated,
      entry: sorted.map((e) => ({
        id: e.trackingId,
        title: e.title,
        link: [
          { rel: 'self', href: url(e.path) },
          { rel: 'hash', href: url(`${e.path}.sha256`) },
          { rel: 'hash', href: url(`${e.path}.sha512`) },
        ],
        published: dateTime(e.initialRelease),
        updated: dateTime(e.currentRelease),
        summary: { content: e.summary },
        content: { type: 'application/json', src: url(e.path) },
        format: { schema: CSAF_SCHEMA_URL, version: '2.0' },
      })),
    },
  };
}

/** provider-metadata.json (section 7.1.7): who publishes, where the documents and the feed are. */
export function providerMetadata(options: {
  base: string;
  publisher: CsafPublisher;
  lastUpdated: string;
  openpgpKey?: { fingerprint: string; url: string };
}): Json {
  const url = (path: string) => new URL(path, options.base).href;
  return {
    canonical_url: url('provider-metadata.json'),
    distributions: [
      {
        directory_url: url(`${WHITE_DIR}/`),
        rolie: { feeds: [{ summary: 'All TLP:WHITE (TLP:CLEAR) advisories and VEX documents.', tlp_label: 'WHITE', url: url(ROLIE_FEED) }] },
      },
    ],
    last_updated: options.lastUpdated,
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    ...(options.openpgpKey ? { public_openpgp_keys: [options.openpgpKey] } : {}),
    publisher: publisherJson(options.publisher),
    role: 'csaf_provider',
  };
}
