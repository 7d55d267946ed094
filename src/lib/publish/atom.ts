// Hand-written on purpose: Atom (RFC 4287) is small and fixed; this writer emits exactly the elements the feeds use, byte-identical between builds, with no feed library to track.
import { xmlText } from './xml.ts';

/** One entry of an Atom feed (RFC 4287). */
export interface AtomEntry {
  /** A permanent, unique IRI: readers use it to tell new entries from ones already seen. */
  id: string;
  title: string;
  /** When the entry last changed, ISO 8601. */
  updated: string;
  /** When it first appeared, ISO 8601. */
  published?: string;
  /** The page a reader opens for the entry. */
  link: string;
  summary?: string;
  /** Full content as HTML; readers show it in place of the summary. */
  contentHtml?: string;
  categories?: string[];
}

export interface AtomFeed {
  /** A permanent IRI for the feed; its own address is the usual choice. */
  id: string;
  title: string;
  subtitle?: string;
  /** The feed's own address (rel="self"). */
  selfUrl: string;
  /** The HTML page the feed belongs to (rel="alternate"). */
  pageUrl: string;
  author: { name: string; email?: string; uri?: string };
  /** Used for the feed's `updated` when it has no entries. */
  fallbackUpdated: string;
  entries: AtomEntry[];
  icon?: string;
}

/** Atom requires RFC 3339 date-times; content often has plain dates. */
export function atomDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Renders an Atom 1.0 document, newest entry first; the feed's `updated` is its newest entry's. */
export function atomFeed(feed: AtomFeed): string {
  const entries = [...feed.entries].sort((a, b) => atomDate(b.updated).localeCompare(atomDate(a.updated)));
  const updated = entries.length ? entries.map((e) => atomDate(e.updated)).reduce((a, b) => (b > a ? b : a)) : atomDate(feed.fallbackUpdated);
  const author = [
    `<name>${xmlText(feed.author.name)}</name>`,
    feed.author.email ? `<email>${xmlText(feed.author.email)}</email>` : '',
    feed.author.uri ? `<uri>${xmlText(feed.author.uri)}</uri>` : '',
  ].join('');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle>${xmlText(feed.subtitle)}</subtitle>` : '',
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.pageUrl)}"/>`,
    `  <author>${author}</author>`,
    feed.icon ? `  <icon>${xmlText(feed.icon)}</icon>` : '',
    ...entries.map((e) =>
      [
        '  <entry>',
        `    <id>${xmlText(e.id)}</id>`,
        `    <title>${xmlText(e.title)}</title>`,
        `    <updated>${atomDate(e.updated)}</updated>`,
        e.published ? `    <published>${atomDate(e.published)}</published>` : '',
        `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
        ...(e.categories ?? []).map((c) => `    <category term="${xmlText(c)}"/>`),
        e.summary ? `    <summary>${xmlText(e.summary)}</summary>` : '',
        e.contentHtml ? `    <content type="html">${xmlText(e.contentHtml)}</content>` : '',
        '  </entry>',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    '</feed>',
    '',
  ];
  return lines.filter((line) => line !== '').join('\n') + '\n';
}

/**
 * A tag URI (RFC 4151) for entry ids: stable across rebuilds and hosts that move, unlike a
 * page address with a fragment.
 */
export function tagUri(siteUrl: string, date: string, specific: string): string {
  return `tag:${new URL(siteUrl).hostname},${date.slice(0, 10)}:${specific}`;
}

/**
 * Makes site-relative links and images in a post's HTML absolute: a feed reader shows the post
 * away from the site, where "/updates/…" would point nowhere.
 */
export function absoluteLinks(html: string, siteUrl: string): string {
  return html.replace(/\b(href|src)="(\/(?!\/)[^"]*)"/g, (_, attribute: string, path: string) => `${attribute}="${new URL(path, siteUrl).href}"`);
}
