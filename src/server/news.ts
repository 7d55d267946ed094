import { trackingId } from '../lib/advisories/csaf.ts';
import { loadValidContent } from '../lib/content/load.ts';
import { isPublicAdvisory } from '../schemas/advisory.ts';
import { directorySource } from '../lib/content/source.ts';
import { subprocessorAnchor, subprocessorChangeHeadings, subprocessorChanges } from '../lib/publish/subprocessor-changes.ts';
import type { NewsItem } from './subscription-service.ts';

/** What the trust center has published that subscribers hear about: updates, security advisories (each release and revision) and sub-processor changes. */
export async function loadNews(root: string, baseUrl: string): Promise<NewsItem[]> {
  const content = await loadValidContent(directorySource(root), ['securityUpdates', 'subprocessors', 'advisories']);
  const url = (path: string) => new URL(path, baseUrl).href;
  const updates: NewsItem[] = content.securityUpdates.map((u) => ({
    id: `update:${u.data.id}`,
    topic: 'updates',
    date: u.data.published,
    title: u.data.title,
    summary: u.data.summary,
    url: url(`/updates/${u.data.id}/`),
  }));
  // Only TLP:CLEAR advisories are public; each revision (a staged fix, a correction) is news of its own.
  const advisories: NewsItem[] = content.advisories
    .filter((a) => isPublicAdvisory(a.data))
    .flatMap((a) =>
      a.data.revisions.map((r) => ({
        id: `advisory:${a.data.id}:${r.number}`,
        topic: 'updates' as const,
        date: r.date,
        title: `${r.number === 1 ? 'Security advisory' : `Security advisory updated (revision ${r.number})`}: ${trackingId(a.data.id)} ${a.data.title}`,
        summary: r.number === 1 ? a.data.summary : `${r.summary} ${a.data.summary}`,
        url: url(`/product-security/#${a.data.id}`),
      })),
    );
  const changes = await subprocessorChanges(root, content.subprocessors?.data.subprocessors ?? []);
  const subprocessors: NewsItem[] = changes.map((c) => ({
    id: `subprocessor:${c.kind}:${c.name}:${c.date.slice(0, 10)}`,
    topic: 'subprocessors',
    date: c.date,
    title: `${subprocessorChangeHeadings[c.kind]}: ${c.name}`,
    summary: `${c.subprocessor.purpose}. Data: ${c.subprocessor.data.join(', ')}. Location: ${c.subprocessor.location}.`,
    url: url(`/subprocessors/#${subprocessorAnchor(c.name)}`),
  }));
  return [...updates, ...advisories, ...subprocessors].sort((a, b) => a.date.localeCompare(b.date));
}
