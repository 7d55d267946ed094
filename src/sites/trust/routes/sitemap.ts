import type { APIRoute } from 'astro';
import { absolute, sitePages } from '../data/trust.ts';
import { sitemapXml } from '../../../lib/publish/sitemap.ts';

export const GET: APIRoute = () =>
  new Response(sitemapXml(sitePages.filter((p) => p.sitemap).map((p) => ({ loc: absolute(p.path), lastmod: p.lastmod }))), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
