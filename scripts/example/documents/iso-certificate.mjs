// The ISO/IEC 27001 certificate (public): one landscape page drawn at fixed positions, as a certification body would.

import { LEGAL_NAME } from './company.mjs';
import { A4_LANDSCAPE, C, Doc, longDate, wrap } from './layout.mjs';

export async function isoCertificate(meta) {
  const certNo = 'BAC-27001-2509-0417';
  const doc = await Doc.create(
    { ...meta, subject: `ISO/IEC 27001:2022 certificate ${certNo} for ${LEGAL_NAME}` },
    {
      size: A4_LANDSCAPE,
      margin: { top: 70, bottom: 60, left: 42, right: 42 },
      footerNote: `Certificate ${certNo} issued by Baltic Assurance Certification GmbH, Rostock`,
      author: 'Baltic Assurance Certification GmbH',
    },
  );
  const [W, H] = doc.size;
  const page = doc.page;
  const frame = { x: 42, y: 54, w: W - 84, h: H - 118 };
  page.drawRectangle({ x: frame.x, y: frame.y, width: frame.w, height: frame.h, borderColor: C.accent, borderWidth: 2.2 });
  page.drawRectangle({ x: frame.x + 6, y: frame.y + 6, width: frame.w - 12, height: frame.h - 12, borderColor: C.accent, borderWidth: 0.6 });
  // Corner ornaments
  for (const [cx, cy] of [
    [frame.x + 6, frame.y + 6],
    [frame.x + frame.w - 6, frame.y + 6],
    [frame.x + 6, frame.y + frame.h - 6],
    [frame.x + frame.w - 6, frame.y + frame.h - 6],
  ]) {
    page.drawRectangle({ x: cx - 4, y: cy - 4, width: 8, height: 8, color: C.accent, rotate: { type: 'degrees', angle: 0 } });
  }

  let y = frame.y + frame.h - 46;
  // Certification body mark
  const mark = 'BALTIC ASSURANCE CERTIFICATION GMBH';
  const spaced = mark.split('').join(' ');
  doc.drawCentered(spaced, y, { bold: true, size: 10, color: C.accentInk });
  y -= 15;
  doc.drawCentered('Management system certification', y, { size: 8.5, color: C.muted });
  y -= 32;
  doc.drawCentered('CERTIFICATE', y, { bold: true, size: 30, color: C.ink });
  y -= 20;
  doc.drawCentered(`Certificate number ${certNo}`, y, { size: 10, color: C.ink2 });
  y -= 28;
  doc.drawCentered('This is to certify that the information security management system of', y, { size: 10.5, color: C.ink2 });
  y -= 30;
  doc.drawCentered(LEGAL_NAME, y, { bold: true, size: 22, color: C.ink });
  y -= 16;
  doc.drawCentered('Berlin, Germany, with the sites Berlin (headquarters, engineering and operations) and Lisbon, Portugal (engineering)', y, {
    size: 9,
    color: C.ink2,
  });
  y -= 24;
  doc.drawCentered('has been audited and found to conform to the requirements of', y, { size: 10.5, color: C.ink2 });
  y -= 26;
  doc.drawCentered('ISO/IEC 27001:2022', y, { bold: true, size: 18, color: C.accentInk });
  y -= 23;
  doc.drawCentered('Scope of certification', y, { bold: true, size: 9, color: C.ink });
  y -= 14;
  const scope =
    'The information security management system supporting the design, manufacture provisioning and operation of the KG-200 industrial IoT gateway and the Kestrel Cloud telemetry platform: KestrelOS firmware development, signing and over-the-air distribution; issuance of device identities, including the Kestrel-operated provisioning station at the contract manufacturer; and the development, hosting, operation and support of the multi-tenant cloud service in AWS eu-central-1 and eu-west-1. Statement of Applicability version 5.1 of 4 August 2025.';
  for (const line of wrap(scope, doc.fonts.regular, 9, 600)) {
    doc.drawCentered(line, y, { size: 9, color: C.ink2 });
    y -= 12.5;
  }

  // Dates
  y -= 8;
  const cols = [
    ['Initial certification', '15 September 2022'],
    ['Certificate issued', longDate('2025-09-15')],
    ['Valid until', longDate('2028-09-14')],
  ];
  const colW = 170;
  const startX = (W - colW * 3) / 2;
  cols.forEach(([label, value], i) => {
    const cx = startX + i * colW + colW / 2;
    const lw = doc.fonts.regular.widthOfTextAtSize(label, 8);
    const vw = doc.fonts.bold.widthOfTextAtSize(value, 10.5);
    doc.draw(label, cx - lw / 2, y, { size: 8, color: C.muted });
    doc.draw(value, cx - vw / 2, y - 14, { bold: true, size: 10.5, color: C.ink });
    if (i > 0) page.drawLine({ start: { x: startX + i * colW, y: y + 8 }, end: { x: startX + i * colW, y: y - 18 }, thickness: 0.5, color: C.rule });
  });

  // Signatures and seal
  const sigY = frame.y + 76;
  const sig = (x, name, role, script) => {
    doc.draw(script, x + 4, sigY + 6, { size: 13, bold: true, color: C.accentInk });
    page.drawLine({ start: { x, y: sigY }, end: { x: x + 190, y: sigY }, thickness: 0.6, color: C.ink2 });
    doc.draw(name, x, sigY - 12, { bold: true, size: 9 });
    doc.draw(role, x, sigY - 23, { size: 8, color: C.ink2 });
  };
  sig(frame.x + 52, 'Dr. Henrike Albers', 'Managing Director, Baltic Assurance Certification GmbH', 'H. Albers');
  sig(frame.x + frame.w - 52 - 190, 'Mikkel S\u00f8rensen', 'Lead Auditor, recertification audit July 2025', 'M. S\u00f8rensen');
  const sealX = W / 2;
  const sealY = sigY + 4;
  page.drawCircle({ x: sealX, y: sealY, size: 30, borderColor: C.accent, borderWidth: 1.6 });
  page.drawCircle({ x: sealX, y: sealY, size: 25.5, borderColor: C.accent, borderWidth: 0.5 });
  for (const [text, dy, size, bold] of [
    ['BAC', 2, 13, true],
    ['ISMS', -9, 6.5, false],
    ['27001', 13, 6.5, false],
  ]) {
    const font = bold ? doc.fonts.bold : doc.fonts.regular;
    const tw = font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: sealX - tw / 2, y: sealY + dy - size / 2 + 1, size, font, color: C.accentInk });
  }

  const small = [
    `This certificate remains valid subject to satisfactory annual surveillance audits. Verify its status at https://verify.baltic-assurance.example/${certNo}.`,
    'Baltic Assurance Certification GmbH, Hafenstrasse 14, 18055 Rostock, Germany.',
  ];
  let sy = frame.y + 22;
  for (const line of small) {
    doc.drawCentered(line, sy + 8, { size: 7, color: C.muted });
    sy -= 9;
  }
  return doc.save({ headerY: H - 34, footerY: 26 });
}
