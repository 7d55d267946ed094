import { getCollection, render, type CollectionEntry } from 'astro:content';
import type { PublicControl } from '../schemas/control.ts';
import type { Policy } from '../schemas/policy.ts';
import type { SharedResponsibility } from '../schemas/shared-responsibility.ts';
import type { PublicSite } from '../schemas/site.ts';
import type { Subprocessor } from '../schemas/subprocessor.ts';
import type { SystemBoundary } from '../schemas/system-boundary.ts';
import type { SecurityUpdate, TrustDocument, TrustPage } from '../schemas/trust.ts';

// The trust center reads only the collections its target defines (see src/lib/targets.ts):
// public projections, never the internal catalog.
type Loaded<T> = { entry: CollectionEntry<string>; data: T };
async function load<T>(name: string): Promise<Loaded<T>[]> {
  return ((await getCollection(name as never)) as CollectionEntry<string>[]).map((entry) => ({ entry, data: entry.data as T }));
}
async function single<T>(name: string): Promise<T> {
  const [first] = await load<T>(name);
  if (!first) throw new Error(`the trust center needs ${name}; run \`charter check\``);
  return first.data;
}

export const site = await single<PublicSite>('site');
export const subprocessors = (await single<{ subprocessors: Subprocessor[] }>('subprocessors')).subprocessors;
export const systemBoundary = await single<SystemBoundary>('systemBoundary');
export const sharedResponsibility = await single<SharedResponsibility>('sharedResponsibility');
export const documents = (await single<{ documents: TrustDocument[] }>('trustDocuments')).documents;
export const publicControls = (await load<PublicControl>('controls')).map((c) => c.data);
export const controlAreas = Map.groupBy(publicControls.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })), (c) => c.area);
export const publicPolicies = (await load<Policy>('policies')).sort((a, b) => a.data.title.localeCompare(b.data.title));
export const pages = (await load<TrustPage>('trustPages')).sort((a, b) => a.data.order - b.data.order);
export const updates = (await load<SecurityUpdate>('securityUpdates')).sort((a, b) => b.data.published.localeCompare(a.data.published));

export const renderEntry = async (entry: CollectionEntry<string>) => (await render(entry)).Content;

/** Pages shown in the header, in order. */
export const navigation = [
  { href: '/', label: 'Overview' },
  ...pages.filter((p) => p.data.id !== 'overview').map((p) => ({ href: `/${p.data.id}/`, label: p.data.title })),
  { href: '/system-boundary/', label: 'System boundary' },
  { href: '/subprocessors/', label: 'Sub-processors' },
  { href: '/documents/', label: 'Documents' },
];

export const statusLabels = {
  certified: 'Certified',
  'report-available': 'Report available',
  'in-progress': 'In progress',
  aligned: 'Aligned',
} as const;
