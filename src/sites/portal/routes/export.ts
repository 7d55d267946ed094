import type { APIRoute } from 'astro';
import { exports } from '../data/exports.ts';

export function getStaticPaths() {
  return exports.map((e) => ({ params: { file: e.file }, props: { csv: e.render() } }));
}

export const GET: APIRoute = ({ props }) => new Response(props.csv as string, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
