import type { APIRoute } from 'astro';
import { absolute, builtAt, feed, feedAuthor, site, updates } from '../data/trust.ts';
import { atomFeed, tagUri } from '../../../lib/publish/atom.ts';

const thisFeed = feed('updates');

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
      entries: updates.map((u) => ({
        id: tagUri(site.trustCenter.url, u.data.published, `updates/${u.data.id}`),
        title: u.data.title,
        published: u.data.published,
        updated: u.data.updated ?? u.data.published,
        link: absolute(`/updates/${u.data.id}/`),
        summary: u.data.summary,
      })),
    }),
    { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } },
  );
