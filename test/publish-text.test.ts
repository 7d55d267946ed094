import { describe, expect, it } from 'vitest';
import { separateBlocks } from '../src/astro/search-index.ts';
import { absoluteLinks } from '../src/lib/publish/atom.ts';
import { clampAtWord } from '../src/lib/publish/og-image.ts';

describe('text for previews, feeds and search', () => {
  it('cuts a preview description at a word, with an ellipsis', () => {
    const text = 'Our security programme is certified to ISO/IEC 27001:2022 and audited for SOC 2 Type II every year.';
    expect(clampAtWord(text, 200)).toBe(text);
    const cut = clampAtWord(text, 48);
    expect(cut).toBe('Our security programme is certified to ISO/IEC…');
    expect(cut.length).toBeLessThanOrEqual(49);
    expect(clampAtWord('Certified to ISO/IEC 27001, audited yearly', 28)).toBe('Certified to ISO/IEC 27001…');
  });

  it("makes a post's site links absolute for feed readers, leaving other links alone", () => {
    const html = '<p><a href="/updates/x/">x</a> <a href="https://cve.org/">cve</a> <a href="//cdn.example/a">cdn</a> <img src="/i.png"></p>';
    expect(absoluteLinks(html, 'https://trust.kestrel.example')).toBe(
      '<p><a href="https://trust.kestrel.example/updates/x/">x</a> <a href="https://cve.org/">cve</a> <a href="//cdn.example/a">cdn</a> <img src="https://trust.kestrel.example/i.png"></p>',
    );
  });

  it('separates the text of neighbouring elements for the search index, not the words inside one', () => {
    expect(separateBlocks('<td>FW-03</td><td>Secure boot</td>')).toBe('<td>FW-03</td> <td>Secure boot</td>');
    expect(separateBlocks('<p>log<em>ged</em> daily</p>')).toBe('<p>log<em>ged</em> daily</p>');
  });
});
