import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FORM_BODY_LIMIT } from '../middleware/on-demand.ts';

/**
 * Headers every response of a site's server carries, static files and rendered pages alike.
 * The CSP here restricts only what a header can and a page's own policy cannot: who may frame
 * the page, where forms post, <base> and plugins. Scripts and styles stay the pages' business.
 * docs/server.md lists the same headers for a static host.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Decides, before any file or page is served, whether a request may go on; a Response refuses it. */
export type Gate = (request: IncomingMessage) => Promise<Response | undefined>;

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * The site's HTTP server: the Node adapter's handler (static files, then on-demand routes)
 * behind the security headers and, where given, a gate that sees every request first.
 */
export function startSiteServer(handler: NodeHandler, options: { host?: string | boolean; port?: number }, gate?: Gate) {
  const port = process.env.PORT ? Number(process.env.PORT) : (options.port ?? 8080);
  const host = process.env.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const go = async () => {
      // A body larger than any form is refused before anything reads it (the adapter would answer 500).
      if (Number(req.headers['content-length'] ?? 0) > FORM_BODY_LIMIT) {
        console.warn(`${req.method} ${req.url?.split('?')[0]}: 413 body of ${req.headers['content-length']} bytes`);
        req.resume();
        return send(
          res,
          new Response('The request body is too large.\n', { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' } }),
        );
      }
      const refusal = gate ? await gate(req) : undefined;
      if (refusal) return send(res, refusal);
      await handler(req, res);
    };
    go().catch((error: unknown) => {
      console.error(`${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Something went wrong on our side.');
    });
  });
  server.listen(port, host);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop).once('SIGINT', stop);
  return server;
}
