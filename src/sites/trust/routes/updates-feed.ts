import type { APIRoute } from 'astro';
import { getContainerRenderer as mdxRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { absolute, builtAt, feed, feedAuthor, renderEntry, site, updates } from '../data/trust.ts';
import { absoluteLinks, atomFeed, tagUri } from '../../../lib/publish/atom.ts';
import { advisoryUpdates } from '../data/product-security.ts';

const thisFeed = feed('updates');

// Each entry carries the whole post, so a reader shows it without opening the site.
const container = await AstroContainer.create({ renderers: await loadRenderers([mdxRenderer()]) });
const postHtml = async (update: (typeof updates)[number]) =>
  absoluteLinks((await container.renderToString(await renderEntry(update.entry))).trim(), site.trustCenter.url);
const contents = await Promise.all(updates.map(postHtml));

export const GET: APIRoute = () =>
  new Response(
    atomFeed({
      id: absolute(thisFeed.href),
      title: thisFeed.title,
      subtitle: 'Advisories, vulnerability assessments, audit results and sub-processor notices.',
      selfUrl: absolute(thisFeed.href),
      pageUrl: absolute('/updates/'),
      author: feedAuthor,
      fallbackUpdated: builtAt.toISOString(),
      icon: absolute('/favicon.svg'),
      entries: [
        ...updates.map((u, i) => ({
          id: tagUri(site.trustCenter.url, u.data.published, `updates/${u.data.id}`),
          title: u.data.title,
          published: u.data.published,
          updated: u.data.updated ?? u.data.published,
          link: absolute(`/updates/${u.data.id}/`),
          summary: u.data.summary,
          contentHtml: contents[i],
        })),
        // Security advisories: a revision (a staged fix, a correction) moves the entry's updated date.
        ...advisoryUpdates.map((a) => ({
          id: tagUri(site.trustCenter.url, a.published, `advisories/${a.id}`),
          title: a.title,
          published: a.published,
          updated: a.updated ?? a.published,
          link: absolute(a.href),
          summary: a.summary,
          categories: ['security-advisory'],
        })),
      ],
    }),
    { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } },
  );
