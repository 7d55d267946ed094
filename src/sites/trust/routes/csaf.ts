import type { APIRoute, GetStaticPaths } from 'astro';
import { csafFiles } from '../data/product-security.ts';

// The CSAF provider directory (CSAF 2.0 section 7): documents, hashes, index, feed and metadata.
export const getStaticPaths = (() => [...csafFiles.keys()].map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

const types: [RegExp, string][] = [
  [/\.json$/, 'application/json; charset=utf-8'],
  [/\.csv$/, 'text/csv; charset=utf-8'],
];

export const GET: APIRoute = ({ params }) => {
  const file = String(params.file);
  const body = csafFiles.get(file);
  if (body === undefined) return new Response('not found', { status: 404 });
  return new Response(body, { headers: { 'content-type': types.find(([re]) => re.test(file))?.[1] ?? 'text/plain; charset=utf-8' } });
};
