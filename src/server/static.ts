import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
};

/** Resolves a URL path inside `dir`, refusing anything that climbs out of it. */
async function resolveFile(dir: string, urlPath: string): Promise<string | undefined> {
  let path: string;
  try {
    path = normalize(join(dir, decodeURIComponent(urlPath)));
  } catch {
    return undefined;
  }
  if (path !== dir && !path.startsWith(dir + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return resolveFile(dir, join(urlPath, 'index.html'));
  return info?.isFile() ? path : undefined;
}

/** A small static server for looking at a built site locally; production hosting is any static host. */
export function serveDirectory(dir: string): Server {
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = await resolveFile(dir, url.pathname);
    if (!file) {
      const notFound = await resolveFile(dir, '/404.html');
      response.writeHead(404, { 'content-type': types['.html']! });
      if (notFound) createReadStream(notFound).pipe(response);
      else response.end('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
}
