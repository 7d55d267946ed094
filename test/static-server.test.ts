import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../src/server/static.ts';

/** A raw GET, so paths such as /../ reach the server as written. */
function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response
        .setEncoding('utf8')
        .on('data', (chunk) => (body += chunk))
        .on('end', () => done({ status: response.statusCode!, type: String(response.headers['content-type']), body }));
    })
      .on('error', fail)
      .end();
  });
}

describe('the local static server', () => {
  let parent: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'charter-static-'));
    const site = join(parent, 'site');
    await mkdir(join(site, 'controls'), { recursive: true });
    await writeFile(join(site, 'index.html'), '<h1>Home</h1>');
    await writeFile(join(site, 'controls', 'index.html'), '<h1>Controls</h1>');
    await writeFile(join(site, '404.html'), '<h1>No such page</h1>');
    await writeFile(join(site, 'feed.xml'), '<feed/>');
    await writeFile(join(parent, 'secret.txt'), 'outside the site');
    server = serveDirectory(site);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('serves a folder as its index.html, and files with their content type', async () => {
    expect(await get(port, '/')).toMatchObject({ status: 200, body: '<h1>Home</h1>' });
    expect(await get(port, '/controls/')).toMatchObject({ status: 200, body: '<h1>Controls</h1>' });
    expect((await get(port, '/controls/')).type).toMatch(/^text\/html/);
    expect((await get(port, '/feed.xml')).type).toMatch(/xml/);
  });

  it("answers an unknown path with the site's 404 page and status 404", async () => {
    expect(await get(port, '/no-such-page/')).toMatchObject({ status: 404, body: '<h1>No such page</h1>' });
  });

  it('serves nothing outside the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await get(port, path);
      expect(response.body, path).not.toContain('outside the site');
    }
  });
});
