// What a browser downloads for one built page: the HTML, the stylesheets and scripts it
// references, and the web fonts its text needs (a browser fetches a @font-face file only when
// the page uses a character in its unicode-range). Images are left out.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const attribute = (tag, name) =>
  new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(2)
    .find((v) => v !== undefined);

/** Site-relative files only: an absolute URL to another host is not part of the site's weight. */
const local = (href) => href && !/^[a-z]+:|^\/\//i.test(href);

function fontNeeded(unicodeRange, codePoints) {
  if (!unicodeRange) return true;
  const ranges = unicodeRange.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    if (from.includes('?')) return [parseInt(from.replace(/\?/g, '0'), 16), parseInt(from.replace(/\?/g, 'F'), 16)];
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
  for (const point of codePoints) for (const [from, to] of ranges) if (point >= from && point <= to) return true;
  return false;
}

/**
 * Bytes of one page of a built site, raw and gzip-compressed (as a server or CDN sends them).
 * `page` is a path inside `siteDir`, e.g. `index.html`.
 */
export async function pageWeight(siteDir, page) {
  const html = await readFile(join(siteDir, page), 'utf8');
  const tags = html.match(/<(link|script)\b[^>]*>/gi) ?? [];
  const stylesheets = tags
    .filter((t) => /^<link/i.test(t) && /rel\s*=\s*["']?stylesheet/i.test(t))
    .map((t) => attribute(t, 'href'))
    .filter(local);
  const scripts = [
    ...tags.filter((t) => /^<script/i.test(t)).map((t) => attribute(t, 'src')),
    ...tags.filter((t) => /^<link/i.test(t) && /rel\s*=\s*["']?modulepreload/i.test(t)).map((t) => attribute(t, 'href')),
  ].filter(local);
  const inlineScript = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].reduce((sum, m) => sum + Buffer.byteLength(m[1]), 0);
  const inlineStyle = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].reduce((sum, m) => sum + Buffer.byteLength(m[1]), 0);
  const read = (href) =>
    readFile(join(siteDir, decodeURI(href.split(/[?#]/)[0]))).catch(() => {
      throw new Error(`${page} references ${href}, which is not in ${siteDir}`);
    });

  const css = await Promise.all([...new Set(stylesheets)].map(read));
  const js = await Promise.all([...new Set(scripts)].map(read));
  const text = html.replace(/<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' ');
  const codePoints = new Set([...text].map((c) => c.codePointAt(0)));
  const fonts = new Set();
  for (const sheet of [...css.map((b) => b.toString('utf8')), ...[...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1])]) {
    for (const face of sheet.match(/@font-face\s*{[^}]*}/g) ?? []) {
      const url = /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(face)?.[1];
      if (url && local(url) && fontNeeded(/unicode-range\s*:\s*([^;}]+)/.exec(face)?.[1], codePoints)) fonts.add(url);
    }
  }
  const fontFiles = await Promise.all([...fonts].map(read));

  const sum = (buffers) => buffers.reduce((total, b) => total + b.length, 0);
  const gz = (buffers) => buffers.reduce((total, b) => total + gzipSync(b, { level: 9 }).length, 0);
  const htmlBuffer = Buffer.from(html);
  return {
    page,
    html: htmlBuffer.length,
    inlineScript,
    inlineStyle,
    css: sum(css),
    js: sum(js),
    fonts: sum(fontFiles),
    files: 1 + css.length + js.length + fontFiles.length,
    total: htmlBuffer.length + sum(css) + sum(js) + sum(fontFiles),
    // Fonts are already compressed; gzip would not shrink them further.
    totalGzip: gz([htmlBuffer]) + gz(css) + gz(js) + sum(fontFiles),
  };
}
