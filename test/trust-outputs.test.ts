import { describe, expect, it } from 'vitest';
import { atomFeed, tagUri } from '../src/lib/publish/atom.ts';
import { securityTxt, securityTxtExpiry } from '../src/lib/publish/security-txt.ts';
import { robotsTxt, sitemapXml } from '../src/lib/publish/sitemap.ts';
import { parseXml } from './trust-xml.ts';

const feed = (title: string) =>
  atomFeed({
    id: 'https://trust.acme.example/updates/feed.xml',
    title,
    selfUrl: 'https://trust.acme.example/updates/feed.xml',
    pageUrl: 'https://trust.acme.example/updates/',
    author: { name: 'Acme & Co <Sensors>' },
    fallbackUpdated: '2026-01-01T00:00:00Z',
    entries: [
      {
        id: tagUri('https://trust.acme.example', '2026-03-01', 'updates/a'),
        title: 'CVE-2026-1 "quoted" & <tagged>',
        updated: '2026-03-01',
        link: 'https://trust.acme.example/updates/a/?x=1&y=2',
        summary: 'R&D <b>bold</b>',
        contentHtml: '<p>Fish & chips</p>',
      },
      {
        id: tagUri('https://trust.acme.example', '2026-04-02', 'updates/b'),
        title: 'Later',
        updated: '2026-04-02T10:00:00+02:00',
        published: '2026-04-01',
        link: 'https://trust.acme.example/updates/b/',
      },
    ],
  });

describe('Atom feeds', () => {
  it('escape titles, links and HTML content so the feed stays valid XML', () => {
    const doc = parseXml(feed('Updates & advisories'));
    expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(doc.feed.title).toBe('Updates & advisories');
    const [first, second] = doc.feed.entry;
    expect(first.title).toBe('Later');
    expect(second.title).toBe('CVE-2026-1 "quoted" & <tagged>');
    expect(second.link[0]['@href']).toBe('https://trust.acme.example/updates/a/?x=1&y=2');
    expect(second.content['#text']).toBe('<p>Fish & chips</p>');
  });

  it('date the feed by its newest entry, in RFC 3339 UTC', () => {
    const doc = parseXml(feed('x'));
    expect(doc.feed.updated).toBe('2026-04-02T08:00:00Z');
    expect(doc.feed.entry[1].updated).toBe('2026-03-01T00:00:00Z');
  });

  it('give entries tag URIs that do not change with the page address', () => {
    expect(tagUri('https://trust.acme.example/', '2026-03-01T12:00:00Z', 'subprocessors/added/cloud-co')).toBe(
      'tag:trust.acme.example,2026-03-01:subprocessors/added/cloud-co',
    );
  });
});

describe('security.txt', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  const text = securityTxt({
    contact: ['mailto:security@acme.example'],
    expires: securityTxtExpiry(now),
    canonical: ['https://trust.acme.example/.well-known/security.txt'],
    policy: 'https://trust.acme.example/policies/vulnerability-disclosure/',
    preferredLanguages: ['en'],
  });
  const fields = new Map(
    text
      .trim()
      .split('\n')
      .map((line) => line.split(/: (.*)/s).slice(0, 2) as [string, string]),
  );

  it('has the fields RFC 9116 requires, and the policy', () => {
    expect(fields.get('Contact')).toBe('mailto:security@acme.example');
    expect(fields.get('Canonical')).toBe('https://trust.acme.example/.well-known/security.txt');
    expect(fields.get('Policy')).toBe('https://trust.acme.example/policies/vulnerability-disclosure/');
    expect(fields.get('Preferred-Languages')).toBe('en');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('expires less than a year after the build, written as an RFC 3339 UTC time', () => {
    const expires = fields.get('Expires')!;
    expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const ms = Date.parse(expires) - now.getTime();
    expect(ms).toBeGreaterThan(300 * 86_400_000);
    expect(ms).toBeLessThanOrEqual(365 * 86_400_000);
  });

  it('refuses a contact that is not a URI, naming where to fix it', () => {
    expect(() => securityTxt({ contact: [], expires: now, canonical: [] })).toThrow(/securityEmail/);
    expect(() => securityTxt({ contact: ['security@acme.example'], expires: now, canonical: [] })).toThrow(/mailto:/);
  });
});

describe('sitemap and robots.txt', () => {
  it('list every page as valid sitemap XML, escaping addresses', () => {
    const doc = parseXml(sitemapXml([{ loc: 'https://trust.acme.example/', lastmod: '2026-03-01' }, { loc: 'https://trust.acme.example/a/?b=1&c=2' }]));
    expect(doc.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(doc.urlset.url.map((u: { loc: string }) => u.loc)).toEqual(['https://trust.acme.example/', 'https://trust.acme.example/a/?b=1&c=2']);
    expect(doc.urlset.url[0].lastmod).toBe('2026-03-01');
  });

  it('robots.txt points crawlers to the sitemap', () => {
    expect(robotsTxt('https://trust.acme.example/sitemap.xml')).toMatch(/^Sitemap: https:\/\/trust\.acme\.example\/sitemap\.xml$/m);
  });
});

describe('the XML check the tests rely on', () => {
  it('rejects what a feed reader would reject', () => {
    expect(() => parseXml('<feed><title>R&D</title></feed>')).toThrow();
    expect(() => parseXml('<feed><title>x</feed>')).toThrow(/closing tag/);
  });
});
