import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { watermarkOffice } from '../src/server/watermark.ts';

const mark = { email: 'jo@prospect.example', company: 'Prospect & Sons <AG>', requestId: 'req_abc123', date: '2026-11-22' };

// A Word document as Word writes its skeleton: content types, package relationships, the body; no document properties.
const docx = zipSync({
  '[Content_Types].xml': strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ),
  '_rels/.rels': strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  ),
  'word/document.xml': strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Data processing agreement</w:t></w:r></w:p><w:sectPr/></w:body></w:document>',
  ),
});

describe('marking a DOCX', () => {
  it('opens the document with the recipient and request, and adds document properties the package names', () => {
    const files = unzipSync(watermarkOffice(docx, 'docx', mark));
    const body = strFromU8(files['word/document.xml']!);
    expect(XMLValidator.validate(body)).toBe(true);
    expect(body).toMatch(
      /<w:body><w:p>.*Shared with jo@prospect\.example \(Prospect &amp; Sons &lt;AG&gt;\) on 2026-11-22, request req_abc123\..*<\/w:p><w:p><w:r><w:t>Data processing agreement/,
    );
    const core = strFromU8(files['docProps/core.xml']!);
    expect(XMLValidator.validate(core)).toBe(true);
    expect(core).toContain('<dc:description>Shared with jo@prospect.example');
    expect(strFromU8(files['[Content_Types].xml']!)).toContain('<Override PartName="/docProps/core.xml"');
    expect(strFromU8(files['_rels/.rels']!)).toContain('Target="docProps/core.xml"');
  });

  it('refuses a file that is not the package it claims to be, so nothing goes out unmarked', () => {
    expect(() => watermarkOffice(strToU8('not a zip'), 'docx', mark)).toThrow();
    expect(() => watermarkOffice(zipSync({ 'a.txt': strToU8('x') }), 'xlsx', mark)).toThrow(/Office Open XML/);
  });
});
