import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import sirv from 'sirv';

/**
 * A static server for looking at a built site locally (`charter serve`, screenshots);
 * production hosting is any static host. sirv does the file serving: content types, ETags,
 * ranges, `/path/` → `/path/index.html`, and nothing outside `dir`. It lists the files when
 * the server starts, so serve after building.
 */
export function serveDirectory(dir: string): Server {
  const root = resolve(dir);
  const files = existsSync(root) ? sirv(root, { etag: true, dotfiles: false }) : undefined;
  const notFound = async (response: ServerResponse) => {
    const page = await readFile(join(root, '404.html')).catch(() => undefined);
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? '<!doctype html><title>Not found</title><h1>Not found</h1>');
  };
  return createServer((request, response) => {
    if (!files) return void notFound(response);
    files(request, response, () => void notFound(response));
  });
}
