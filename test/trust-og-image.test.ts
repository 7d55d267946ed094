import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewImagePath, renderPreviewImage, type PreviewImageInput } from '../src/lib/publish/og-image.ts';

const input: PreviewImageInput = {
  organisation: 'Acme Sensors',
  host: 'trust.acme.example',
  eyebrow: 'Security update',
  title: 'Our assessment of the OpenSSL advisories',
  description: 'Neither product was exploitable.',
  badges: [
    { label: 'SOC 2 Type II', status: 'Report available', tone: 'ok' },
    { label: 'IEC 62443-4-2', status: 'In progress', tone: 'warn' },
  ],
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('social preview images', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'charter-og-'));
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('renders a 1200×630 PNG', async () => {
    const first = await renderPreviewImage(input, { cacheDir });
    expect(first.cached).toBe(false);
    expect(pngSize(first.png)).toEqual({ width: 1200, height: 630 });
  });

  it('serves a second render with the same inputs from the cache', async () => {
    const first = await renderPreviewImage(input, { cacheDir });
    const second = await renderPreviewImage({ ...input, badges: input.badges.map((b) => ({ ...b })) }, { cacheDir });
    expect(second.cached).toBe(true);
    expect(second.key).toBe(first.key);
    expect(second.png.equals(first.png)).toBe(true);
  });

  it('renders again when anything shown changes', async () => {
    const original = await renderPreviewImage(input, { cacheDir });
    const retitled = await renderPreviewImage({ ...input, title: 'A different title' }, { cacheDir });
    const rebadged = await renderPreviewImage({ ...input, badges: [{ ...input.badges[0]!, status: 'Certified' }] }, { cacheDir });
    expect(retitled.cached).toBe(false);
    expect(rebadged.cached).toBe(false);
    expect(new Set([original.key, retitled.key, rebadged.key]).size).toBe(3);
    // Each image is kept with the inputs it was made from (one PNG and one JSON per key).
    const files = await readdir(cacheDir);
    expect(files.filter((f) => f.endsWith('.png')).sort()).toEqual([original.key, retitled.key, rebadged.key].map((k) => `${k}.png`).sort());
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(3);
  });

  it('names each image after its page', () => {
    expect(previewImagePath('/')).toBe('/og/index.png');
    expect(previewImagePath('/subprocessors/')).toBe('/og/subprocessors.png');
    expect(previewImagePath('/updates/2026-07-pentest/')).toBe('/og/updates/2026-07-pentest.png');
  });
});
