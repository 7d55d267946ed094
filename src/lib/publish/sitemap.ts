// Hand-written on purpose: the URLs and each lastmod come from `sitePages`, the data the pages themselves are built from, so the sitemap cannot drift from the site; a route-crawling integration would need lastmod fed back per URL.
import { xmlText } from './xml.ts';

export interface SitemapUrl {
  /** Absolute address of the page. */
  loc: string;
  /** YYYY-MM-DD of the page's last meaningful change, when known. */
  lastmod?: string;
}

/** A sitemap (sitemaps.org 0.9) listing pages in the order given. */
export function sitemapXml(urls: SitemapUrl[]): string {
  const body = urls.map((u) => `  <url><loc>${xmlText(u.loc)}</loc>${u.lastmod ? `<lastmod>${xmlText(u.lastmod)}</lastmod>` : ''}</url>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...body, '</urlset>', ''].join('\n');
}

/** Everything on the trust center is public, so crawlers may read all of it. */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}
