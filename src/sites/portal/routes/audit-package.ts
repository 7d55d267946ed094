import type { APIRoute } from 'astro';
import { auditPackages } from '../data/audit-packages.ts';

// One static file per package the exports page links: the page and the files come from one list.
export function getStaticPaths() {
  return auditPackages.map((p) => ({ params: { file: p.file }, props: { bytes: p.bytes } }));
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/zip' } });
