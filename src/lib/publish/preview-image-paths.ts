// What pages need to point at a preview image, without the renderer: server bundles import
// this, and must never load the renderer's native code (see og-image.ts).

/** What a social preview image shows; every field is part of the cache key. */
export interface PreviewImageInput {
  organisation: string;
  /** Host shown in the corner, e.g. trust.kestrel.example. */
  host: string;
  /** The kind of page, e.g. "Security update"; omitted on the home page. */
  eyebrow?: string;
  title: string;
  description?: string;
  /** The frameworks in scope, as the overview shows them. */
  badges: { label: string; status: string; tone: 'ok' | 'warn' | 'accent' }[];
  /** The organisation's logo as SVG text, when it has one. */
  logoSvg?: string;
}

export const previewImageSize = { width: 1200, height: 630 } as const;

/** The image's address for a page: /og/index.png for the home page, /og/updates/x.png for /updates/x/. */
export function previewImagePath(pagePath: string): string {
  const slug = pagePath.replace(/^\/+|\/+$/g, '');
  return `/og/${slug || 'index'}.png`;
}
