import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { entriesOf, renderEntry as renderBody, type AnyEntry } from '../../../astro/content.ts';
import type { PublicControl } from '../../../schemas/control.ts';
import type { Policy } from '../../../schemas/policy.ts';
import type { SharedResponsibility } from '../../../schemas/shared-responsibility.ts';
import type { PublicSite } from '../../../schemas/site.ts';
import type { Subprocessor } from '../../../schemas/subprocessor.ts';
import type { SystemBoundary } from '../../../schemas/system-boundary.ts';
import type { Nda, SecurityUpdate, TrustDocument, TrustPage } from '../../../schemas/trust.ts';
import { processClock } from '../../../lib/time/clock.ts';
import { formatDate } from '../../../lib/time/dates.ts';
import { slug } from '../../../lib/graph/ids.ts';
import type { PreviewImageInput } from '../../../lib/publish/preview-image-paths.ts';
import { lastChangeDate, subprocessorChanges, type MaterialField } from '../../../lib/publish/subprocessor-changes.ts';

// The trust center reads only the collections its target defines (see src/lib/content/targets.ts):
// public projections, never the internal catalog.
type Loaded<T> = { entry: AnyEntry; data: T };
async function load<T>(name: string): Promise<Loaded<T>[]> {
  return (await entriesOf(name)).map((entry) => ({ entry, data: entry.data as T }));
}
async function single<T>(name: string): Promise<Loaded<T>> {
  const [first] = await load<T>(name);
  if (!first) throw new Error(`the trust center needs ${name}; run \`charter check\``);
  return first;
}

/** The folder holding content/ and public/, as the build command sets it. */
const contentRoot = process.env.CHARTER_ROOT ?? process.cwd();

export const site = (await single<PublicSite>('site')).data;
export const subprocessors = (await single<{ subprocessors: Subprocessor[] }>('subprocessors')).data.subprocessors;
export const systemBoundary = (await single<SystemBoundary>('systemBoundary')).data;
export const sharedResponsibility = (await single<SharedResponsibility>('sharedResponsibility')).data;
export const documents = (await single<{ documents: TrustDocument[] }>('trustDocuments')).data.documents;
export const nda = await single<Nda>('nda');
export const publicControls = (await load<PublicControl>('controls')).map((c) => c.data);
export const controlAreas = Map.groupBy(
  publicControls.sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id, 'en', { numeric: true })),
  (c) => c.area,
);
/** The fragment id of an area's section on the controls page. */
export const areaAnchor = (area: string) => slug(area);
export const publicPolicies = (await load<Policy>('policies')).sort((a, b) => a.data.title.localeCompare(b.data.title));
export const pages = (await load<TrustPage>('trustPages')).sort((a, b) => a.data.order - b.data.order);
/** The trust page shown on the home page, if there is one. */
export const overview = pages.find((p) => p.data.id === 'overview');
/** The other trust pages: each has its own path and a place in the header. */
export const standalonePages = pages.filter((p) => p !== overview);
export const updates = (await load<SecurityUpdate>('securityUpdates')).sort((a, b) => b.data.published.localeCompare(a.data.published));

export const renderEntry = async (entry: AnyEntry) => (await renderBody(entry)).Content;

/** The instant this build judges dates at (CHARTER_NOW, SOURCE_DATE_EPOCH, asOf, or the build's start): security.txt's expiry counts from it. */
export const builtAt = processClock(site.asOf).now;

/** Additions, removals and material changes to the sub-processor list, newest first. */
export const subprocessorChangeLog = await subprocessorChanges(contentRoot, subprocessors, { now: builtAt });
export const subprocessorsLastChanged = lastChangeDate(subprocessorChangeLog);

/** Absolute address of a path on the published trust center. */
export const absolute = (path: string) => new URL(path, site.trustCenter.url).href;

/** The Atom feeds a visitor can subscribe to. */
export const feeds = [
  {
    topic: 'updates',
    href: '/updates/feed.xml',
    title: `${site.organisation.name} security updates`,
    label: 'Security updates',
    description: 'Advisories, assessments and audit news as we publish them.',
  },
  {
    topic: 'subprocessors',
    href: '/subprocessors/feed.xml',
    title: `${site.organisation.name} sub-processor changes`,
    label: 'Sub-processor changes',
    description: 'Each sub-processor we add or remove, and changes to where and how they process data.',
  },
] as const;
export type FeedTopic = (typeof feeds)[number]['topic'];
export const feed = (topic: FeedTopic) => feeds.find((f) => f.topic === topic)!;
/** Who the feeds name as their author. */
export const feedAuthor = { name: site.organisation.legalName ?? site.organisation.name, email: site.trustCenter.contactEmail, uri: site.trustCenter.url };

/** How the sub-processor page and feed name the fields whose change they report. */
export const subprocessorFieldLabels: Record<MaterialField, string> = {
  purpose: 'Purpose',
  data: 'Data',
  location: 'Location',
  transferMechanism: 'Transfer mechanism',
};

export const statusLabels = {
  certified: 'Certified',
  'report-available': 'Report available',
  'in-progress': 'In progress',
  aligned: 'Aligned',
} as const;
export const statusTone = { certified: 'ok', 'report-available': 'ok', 'in-progress': 'warn', aligned: 'accent' } as const;

export const accessLabels = { public: 'Public', nda: 'NDA required', approval: 'NDA and approval' } as const;
/** Badge tone for a document's access: green when anyone can download it. */
export const accessTone = { public: 'ok', nda: 'warn', approval: 'warn' } as const;
export const publicDocuments = documents.filter((d) => d.access === 'public');
export const gatedDocuments = documents.filter((d) => d.access !== 'public');

/** "PDF, 240 KB": what a visitor is about to download; sizes only for public files, which the build ships. */
const fileSizes = new Map(
  await Promise.all(
    publicDocuments.map(async (d) => [d.id, (await stat(join(contentRoot, 'public/documents', d.file)).catch(() => undefined))?.size] as const),
  ),
);
export function documentFormat(d: TrustDocument): string {
  const type = extname(d.file).slice(1).toUpperCase() || 'File';
  const bytes = fileSizes.get(d.id);
  if (bytes === undefined) return type;
  return `${type}, ${bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`}`;
}

/** The public policy security.txt points researchers to. */
export const disclosurePolicy = (() => {
  const wanted = site.trustCenter.disclosurePolicy;
  if (wanted) {
    const policy = publicPolicies.find((p) => p.data.id === wanted);
    if (!policy)
      throw new Error(
        `content/site.yaml: trustCenter.disclosurePolicy: "${wanted}" is not a public policy; set visibility: public on it or name another policy`,
      );
    return policy;
  }
  return publicPolicies.find((p) => p.data.id.includes('disclosure'));
})();

// Fixed routes own these first path segments; a trust page with one of these ids would be hidden.
const reservedPageIds = ['controls', 'documents', 'og', 'policies', 'product-security', 'sbom', 'subprocessors', 'system-boundary', 'updates'];
for (const page of pages) {
  if (reservedPageIds.includes(page.data.id)) {
    throw new Error(`content/trust/pages: id: "${page.data.id}" is taken by a built-in trust center page; choose another id`);
  }
}

/** Every HTML page of the trust center: its title, description and preview-image text. */
export interface SitePage {
  path: string;
  title: string;
  description: string;
  /** Small line above the title in the preview image, e.g. "Security update". */
  eyebrow?: string;
  /** YYYY-MM-DD of the last content change, for the sitemap. */
  lastmod?: string;
  /** Pages such as the 404 page stay out of the sitemap. */
  sitemap: boolean;
  /** Rendered per request by the server (the request flow): no preview image of its own. */
  perRequest?: boolean;
}

/** Meta descriptions and link previews read best under ~200 characters: keep whole sentences up to that. */
function brief(text: string, max = 200): string {
  if (text.length <= max) return text;
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [text];
  let out = sentences[0]!.trim();
  for (const next of sentences.slice(1)) {
    if ((out + ' ' + next.trim()).length > max) break;
    out += ' ' + next.trim();
  }
  return out;
}

const newest = (dates: (string | undefined)[]) => dates.filter(Boolean).sort().at(-1);
const controlCount = publicControls.length;

/** Whether the company publishes products (content/products/): then the trust center has a product security page. */
export const hasProducts = (await entriesOf('products')).length > 0;

export const sitePages: SitePage[] = [
  ...(hasProducts
    ? [
        {
          path: '/product-security/',
          title: 'Product security',
          description:
            'Supported versions and support periods, SBOMs, security advisories in CSAF 2.0 and VEX, and how to report a vulnerability in our products.',
          eyebrow: 'Products',
          sitemap: true,
        },
      ]
    : []),
  {
    path: '/',
    title: overview?.data.title ?? `Security at ${site.organisation.name}`,
    description: brief(overview?.data.summary ?? site.organisation.description),
    sitemap: true,
    lastmod: newest([updates[0]?.data.published, ...site.frameworks.map((f) => f.issued)]),
  },
  {
    path: '/controls/',
    title: 'Security controls',
    description: `The ${controlCount} controls that protect ${site.organisation.name} customers, in ${controlAreas.size} areas, each in a sentence.`,
    eyebrow: 'Controls',
    sitemap: true,
  },
  { path: '/system-boundary/', title: systemBoundary.title, description: brief(systemBoundary.summary), eyebrow: 'Scope', sitemap: true },
  {
    path: '/subprocessors/',
    title: 'Sub-processors',
    description: `The ${subprocessors.length} third parties that process customer data on our behalf: what they do, which data, where, and under which transfer mechanism.`,
    eyebrow: subprocessorsLastChanged ? `Last changed ${formatDate(subprocessorsLastChanged)}` : undefined,
    lastmod: subprocessorsLastChanged,
    sitemap: true,
  },
  {
    path: '/updates/',
    title: 'Security updates',
    description: 'Advisories, vulnerability assessments, audit results and sub-processor notices.',
    eyebrow: 'Updates',
    lastmod: newest(updates.map((u) => u.data.updated ?? u.data.published)),
    sitemap: true,
  },
  ...updates.map((u) => ({
    path: `/updates/${u.data.id}/`,
    title: u.data.title,
    description: brief(u.data.summary),
    eyebrow: `Security update · ${formatDate(u.data.published)}`,
    lastmod: u.data.updated ?? u.data.published,
    sitemap: true,
  })),
  {
    path: '/documents/',
    title: 'Documents',
    description: 'Reports, certificates and policies: download the public ones, request the confidential ones under NDA.',
    eyebrow: 'Documents',
    lastmod: newest(documents.map((d) => d.updated)),
    sitemap: true,
  },
  ...gatedDocuments.map((d) => ({
    path: `/documents/${d.id}/`,
    title: d.title,
    description: brief(d.description),
    eyebrow: `Document · ${accessLabels[d.access]}`,
    lastmod: d.updated,
    sitemap: true,
  })),
  ...publicPolicies.map((p) => ({
    path: `/policies/${p.data.id}/`,
    title: p.data.title,
    description: brief(p.data.summary),
    eyebrow: `Policy · version ${p.data.version}`,
    lastmod: p.data.lastReviewed ?? p.data.effective,
    sitemap: true,
  })),
  ...standalonePages.map((p) => ({ path: `/${p.data.id}/`, title: p.data.title, description: brief(p.data.summary), sitemap: true })),
  { path: '/404/', title: 'Page not found', description: 'This page does not exist on the trust center.', sitemap: false },
  // The request flow, rendered per request by the trust center's server.
  { path: '/request/', title: 'Request a document', description: 'Request a confidential document from the trust center.', sitemap: false, perRequest: true },
  {
    path: '/request/nda/',
    title: 'Non-disclosure agreement',
    description: 'Accept the NDA to receive a confidential document.',
    sitemap: false,
    perRequest: true,
  },
  { path: '/request/review/', title: 'Review a request', description: 'Approve or deny a document request.', sitemap: false, perRequest: true },
  { path: '/request/download/', title: 'Download', description: 'Download a confidential document.', sitemap: false, perRequest: true },
  { path: '/subscribe/', title: 'Subscribe', description: 'Get trust center news by email.', sitemap: false, perRequest: true },
  {
    path: '/subscribe/confirm/',
    title: 'Confirm your subscription',
    description: 'Confirm your subscription to trust center news.',
    sitemap: false,
    perRequest: true,
  },
  { path: '/subscribe/cancel/', title: 'Unsubscribe', description: 'Stop trust center news by email.', sitemap: false, perRequest: true },
];

/** The registered page for a path; every page of the site must be registered, so each has a preview image. */
export function sitePage(path: string): SitePage {
  const page = sitePages.find((p) => p.path === path || (p.path === '/404/' && path === '/404'));
  if (!page)
    throw new Error(
      `the trust center page ${path} is missing from sitePages in src/sites/trust/data/trust.ts; add it there so it gets a preview image and a sitemap entry`,
    );
  return page;
}

/** The logo as the preview images embed it, when it is an SVG under public/. */
const logoSvg =
  site.organisation.logo && extname(site.organisation.logo) === '.svg'
    ? await readFile(join(contentRoot, 'public', site.organisation.logo), 'utf8').catch(() => undefined)
    : undefined;

/** What the preview image of a page shows: company, page title, framework badges. */
export function previewImageInput(page: SitePage): PreviewImageInput {
  return {
    organisation: site.organisation.name,
    host: new URL(site.trustCenter.url).host,
    eyebrow: page.eyebrow,
    title: page.title,
    description: page.description,
    badges: site.frameworks.map((f) => ({ label: f.label, status: statusLabels[f.status], tone: statusTone[f.status] })),
    logoSvg,
  };
}

/** Pages shown in the header, in order. */
export const navigation = [
  { href: '/', label: 'Overview' },
  { href: '/controls/', label: 'Controls' },
  { href: '/system-boundary/', label: 'System boundary' },
  { href: '/subprocessors/', label: 'Sub-processors' },
  { href: '/updates/', label: 'Updates' },
  { href: '/documents/', label: 'Documents' },
  ...(hasProducts ? [{ href: '/product-security/', label: 'Product security' }] : []),
  ...standalonePages.map((p) => ({ href: `/${p.data.id}/`, label: p.data.title })),
];
