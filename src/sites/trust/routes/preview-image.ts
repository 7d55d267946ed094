import type { APIRoute, GetStaticPaths } from 'astro';
import { previewImageInput, sitePages, type SitePage } from '../data/trust.ts';
import { previewImagePath, renderPreviewImage } from '../../../lib/publish/og-image.ts';

// One image per registered static page and no other: the registry lists only public pages.
export const getStaticPaths = (() =>
  sitePages
    .filter((page) => !page.perRequest)
    .map((page) => ({ params: { image: previewImagePath(page.path).replace(/^\/og\/|\.png$/g, '') }, props: { page } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { png } = await renderPreviewImage(previewImageInput((props as { page: SitePage }).page));
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
