import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { previewImageSize, type PreviewImageInput } from './preview-image-paths.ts';

export { previewImagePath, previewImageSize, type PreviewImageInput } from './preview-image-paths.ts';

/** Bump when the template below changes, so cached images are rendered again. */
const templateVersion = 7;

const fontFiles = { 400: 'inter-latin-400-normal.woff', 600: 'inter-latin-600-normal.woff', 700: 'inter-latin-700-normal.woff' } as const;

// The Astro build bundles this module away from node_modules, so resolve from the project too.
function resolvePackageFile(specifier: string): string {
  for (const base of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(base).resolve(specifier);
    } catch {
      // try the next base
    }
  }
  throw new Error(`cannot find ${specifier}; run npm install`);
}

let fonts: Promise<{ name: string; data: Buffer; weight: 400 | 600 | 700; style: 'normal' }[]> | undefined;
const loadFonts = () =>
  (fonts ??= Promise.all(
    Object.entries(fontFiles).map(async ([weight, file]) => ({
      name: 'Inter',
      data: await readFile(resolvePackageFile(`@fontsource/inter/files/${file}`)),
      weight: Number(weight) as 400 | 600 | 700,
      style: 'normal' as const,
    })),
  ));

/** The cache key: a hash of everything that decides the image's pixels. */
export function previewImageKey(input: PreviewImageInput): string {
  return createHash('sha256').update(JSON.stringify({ templateVersion, fontFiles, input })).digest('hex');
}

/** Where rendered images are kept between builds. */
export function defaultPreviewCacheDir(): string {
  return process.env.CHARTER_OG_CACHE ?? join(process.cwd(), 'node_modules/.cache/charter-og');
}

/**
 * Renders a page's preview image to PNG, or returns the cached one when nothing that
 * decides its pixels has changed. Next to each PNG the cache keeps the inputs it was made
 * from, so a test can check what every image shows without reading pixels.
 */
export async function renderPreviewImage(
  input: PreviewImageInput,
  options: { cacheDir?: string } = {},
): Promise<{ png: Buffer; cached: boolean; key: string }> {
  const cacheDir = options.cacheDir ?? defaultPreviewCacheDir();
  const key = previewImageKey(input);
  const file = join(cacheDir, `${key}.png`);
  const hit = await readFile(file).catch(() => undefined);
  if (hit) return { png: hit, cached: true, key };

  // Loaded on first render only: resvg's native loader inspects the process (a reverse-DNS lookup
  // per open socket), which must never run inside a server that has connections open.
  const [{ default: satori }, { Resvg }] = await Promise.all([import('satori'), import('@resvg/resvg-js')]);
  const svg = await satori(template(input) as never, { ...previewImageSize, fonts: await loadFonts() });
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: previewImageSize.width }, font: { loadSystemFonts: false } }).render().asPng();
  await mkdir(cacheDir, { recursive: true });
  // Write then rename: two builds sharing the cache never read a half-written file.
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temp, png);
  await rename(temp, file);
  await writeFile(join(cacheDir, `${key}.json`), JSON.stringify(input, null, 2));
  return { png, cached: false, key };
}

// Satori takes React-like element objects; a tiny helper keeps the template readable without JSX.
type Style = Record<string, string | number>;
type Node = { type: string; props: Record<string, unknown> & { style?: Style; children?: unknown } } | string;
const el = (type: string, style: Style, ...children: (Node | Node[] | false | undefined)[]): Node => ({
  type,
  props: { style, children: children.flat().filter((c): c is Node => Boolean(c)) },
});

const colors = { ink: '#0f172a', ink2: '#334155', muted: '#5b6678', line: '#e2e8f0', accent: '#0f766e', accentSoft: '#e6f4f2' };
const tones = {
  ok: { fg: '#15803d', bg: '#e8f6ec' },
  warn: { fg: '#a16207', bg: '#fdf6e3' },
  accent: { fg: '#0b5f58', bg: '#e6f4f2' },
};

/** Text cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function clampAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max).replace(/\s+\S*$/, '');
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}

function template(input: PreviewImageInput): Node {
  const logo = input.logoSvg
    ? ({
        type: 'img',
        props: { src: `data:image/svg+xml;base64,${Buffer.from(input.logoSvg).toString('base64')}`, width: 56, height: 56, style: { borderRadius: 12 } },
      } as Node)
    : undefined;
  const titleSize = input.title.length > 70 ? 52 : input.title.length > 40 ? 60 : 68;
  return el(
    'div',
    {
      width: '100%',
      height: '100%',
      display: 'flex',
      flexDirection: 'column',
      fontFamily: 'Inter',
      color: colors.ink,
      background: 'linear-gradient(180deg, #f8fafc 0%, #ffffff 60%)',
      position: 'relative',
    },
    el('div', { position: 'absolute', left: 0, top: 0, width: '100%', height: 10, background: colors.accent }),
    el(
      'div',
      { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '58px 72px 52px' },
      el(
        'div',
        { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
        el(
          'div',
          { display: 'flex', alignItems: 'center' },
          logo,
          el('div', { display: 'flex', marginLeft: logo ? 20 : 0, fontSize: 32, fontWeight: 700, letterSpacing: -0.5 }, input.organisation),
          el('div', { display: 'flex', marginLeft: 12, fontSize: 32, fontWeight: 400, color: colors.muted }, 'Trust Center'),
        ),
        el('div', { display: 'flex', fontSize: 22, color: colors.muted }, input.host),
      ),
      el(
        'div',
        { display: 'flex', flexDirection: 'column', flexGrow: 1, justifyContent: 'center', paddingRight: 40 },
        input.eyebrow &&
          el(
            'div',
            { display: 'flex', fontSize: 22, fontWeight: 600, letterSpacing: 2, textTransform: 'uppercase', color: colors.accent, marginBottom: 14 },
            input.eyebrow,
          ),
        el(
          'div',
          {
            display: 'block',
            fontSize: titleSize,
            fontWeight: 700,
            lineHeight: 1.12,
            letterSpacing: -1.5,
            lineClamp: 3,
            textWrap: input.title.length <= 45 ? 'balance' : 'wrap',
          },
          input.title,
        ),
        input.description &&
          el(
            'div',
            { display: 'block', fontSize: 26, lineHeight: 1.4, color: colors.ink2, marginTop: 20, lineClamp: input.title.length > 60 ? 1 : 2 },
            clampAtWord(input.description, input.title.length > 60 ? 64 : 128),
          ),
      ),
      el(
        'div',
        { display: 'flex', flexWrap: 'wrap', gap: 12, borderTop: `2px solid ${colors.line}`, paddingTop: 26 },
        input.badges.map((b) =>
          el(
            'div',
            {
              display: 'flex',
              alignItems: 'center',
              fontSize: 20,
              fontWeight: 600,
              padding: '8px 16px',
              borderRadius: 999,
              background: tones[b.tone].bg,
              color: tones[b.tone].fg,
            },
            el('div', { display: 'flex', width: 10, height: 10, borderRadius: 999, background: tones[b.tone].fg, marginRight: 10 }),
            `${b.label} · ${b.status}`,
          ),
        ),
      ),
    ),
  );
}
