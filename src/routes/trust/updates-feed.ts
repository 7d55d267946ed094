import type { APIRoute } from 'astro';
import { absolute, builtAt, site, updates } from '../../data/trust.ts';
import { atomFeed, tagUri } from '../../lib/atom.ts';

export const GET: APIRoute = () =>
  new Response(
    atomFeed({
      id: absolute('/updates/feed.xml'),
      title: `${site.organisation.name} security updates`,
      subtitle: 'Advisories, vulnerability assessments, audit results and sub-processor notices.',
      selfUrl: absolute('/updates/feed.xml'),
      pageUrl: absolute('/updates/'),
      author: { name: site.organisation.legalName ?? site.organisation.name, email: site.trustCenter.contactEmail, uri: site.trustCenter.url },
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
