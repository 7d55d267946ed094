import { loadValidContent } from '../lib/content/load.ts';
import { directorySource } from '../lib/content/source.ts';
import { subprocessorAnchor, subprocessorChangeHeadings, subprocessorChanges } from '../lib/publish/subprocessor-changes.ts';
import type { NewsItem } from './subscription-service.ts';

/** What the trust center has published that subscribers hear about: updates and sub-processor changes. */
export async function loadNews(root: string, baseUrl: string): Promise<NewsItem[]> {
  const content = await loadValidContent(directorySource(root), ['securityUpdates', 'subprocessors']);
  const url = (path: string) => new URL(path, baseUrl).href;
  const updates: NewsItem[] = content.securityUpdates.map((u) => ({
    id: `update:${u.data.id}`,
    topic: 'updates',
    date: u.data.published,
    title: u.data.title,
    summary: u.data.summary,
    url: url(`/updates/${u.data.id}/`),
  }));
  const changes = await subprocessorChanges(root, content.subprocessors?.data.subprocessors ?? []);
  const subprocessors: NewsItem[] = changes.map((c) => ({
    id: `subprocessor:${c.kind}:${c.name}:${c.date.slice(0, 10)}`,
    topic: 'subprocessors',
    date: c.date,
    title: `${subprocessorChangeHeadings[c.kind]}: ${c.name}`,
    summary: `${c.subprocessor.purpose}. Data: ${c.subprocessor.data.join(', ')}. Location: ${c.subprocessor.location}.`,
    url: url(`/subprocessors/#${subprocessorAnchor(c.name)}`),
  }));
  return [...updates, ...subprocessors].sort((a, b) => a.date.localeCompare(b.date));
}
