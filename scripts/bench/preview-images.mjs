// Times the trust center's preview image renderer directly: each image once with an empty
// cache, then the same images again with the cache warm. Prints JSON; run.mjs starts it in its
// own process (with type stripping on Node versions that need the flag).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPreviewImage } from '../../src/lib/publish/og-image.ts';

const count = Number(process.argv[2] ?? 12);
const project = new URL('../../', import.meta.url);
const logoSvg = await readFile(new URL('public/logo.svg', project), 'utf8').catch(() => undefined);
const badges = [
  { label: 'SOC 2 Type II', status: 'Report available', tone: 'ok' },
  { label: 'ISO/IEC 27001:2022', status: 'Certified', tone: 'ok' },
  { label: 'IEC 62443-4-2 (SL 2)', status: 'In progress', tone: 'warn' },
  { label: 'NIST CSF 2.0', status: 'Aligned', tone: 'accent' },
];
const inputs = Array.from({ length: count }, (_, i) => ({
  organisation: 'Kestrel Systems',
  host: 'trust.kestrel.example',
  eyebrow: i === 0 ? undefined : 'Policy',
  title: `Vulnerability disclosure policy for the KG-200 gateway and Kestrel Cloud, revision ${i + 1}`,
  description: 'How to report a vulnerability to us, what we promise in return, and how we publish fixes and advisories.',
  badges,
  logoSvg,
}));

const cacheDir = await mkdtemp(join(tmpdir(), 'charter-bench-og-'));
try {
  const time = async (input) => {
    const started = performance.now();
    const { cached, png } = await renderPreviewImage(input, { cacheDir });
    return { ms: performance.now() - started, cached, bytes: png.length };
  };
  const cold = [];
  for (const input of inputs) cold.push(await time(input));
  const warm = [];
  for (const input of inputs) warm.push(await time(input));
  if (cold.some((r) => r.cached) || warm.some((r) => !r.cached)) throw new Error('the preview image cache did not behave as expected');
  const mean = (list) => list.reduce((sum, r) => sum + r.ms, 0) / list.length;
  console.log(
    JSON.stringify({
      images: count,
      // The first render also loads the fonts and warms satori and resvg up.
      firstMs: cold[0].ms,
      renderMs: mean(cold.slice(1)),
      cachedMs: mean(warm),
      pngBytes: Math.round(cold.reduce((sum, r) => sum + r.bytes, 0) / count),
    }),
  );
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
