import type { APIRoute } from 'astro';
import { cacheKey } from '../../../astro/cache-key.ts';
import { exports } from '../data/exports.ts';

export function getStaticPaths() {
  return exports.map((e) => {
    const csv = e.render();
    // The file is the whole page: unchanged text, nothing to write.
    return { params: { file: e.file }, props: { csv }, cacheKey: cacheKey(csv) };
  });
}

export const GET: APIRoute = ({ props }) => new Response(props.csv as string, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
