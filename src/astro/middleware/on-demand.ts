import type { MiddlewareHandler } from 'astro';
import { isSameOrigin } from '../../server/http.ts';
import type { OnDemandRule, SiteRoute } from '../site-routes.ts';

const visits = new Set(['GET', 'HEAD']);

/** A refusal in the form the client asked for: JSON for scripts, a line of text for browsers. */
function refusal(request: Request, status: number, message: string, headers: Record<string, string> = {}): Response {
  const json = (request.headers.get('accept') ?? '').includes('application/json');
  return new Response(json ? JSON.stringify({ error: message }) : message, {
    status,
    headers: { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/**
 * What a server renders per request names people or carries signed links: no browser or proxy
 * may keep it. A route that says more (a download's `no-store, private`) keeps its own.
 */
function noStore(response: Response): Response {
  if (response.headers.has('cache-control')) return response;
  try {
    response.headers.set('cache-control', 'no-store');
    return response;
  } catch {
    // Redirects made with Response.redirect() have immutable headers.
    const copy = new Response(response.body, response);
    copy.headers.set('cache-control', 'no-store');
    return copy;
  }
}

/** What the forms send; anything else is refused before a route reads it. */
const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
/** The largest form body, as astro.config.mjs gives the Node adapter (bodySizeLimit). */
export const FORM_BODY_LIMIT = 64 * 1024;

/**
 * Why a POST's body cannot be a form we read, as a status and a sentence, or undefined when it
 * can: the wrong content type is 415, too large 413, a body that does not parse 400. Each
 * refusal is logged, so an operator sees what clients send.
 */
async function unreadableForm(request: Request): Promise<[number, string] | undefined> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!formTypes.has(type)) return [415, 'Send the form as application/x-www-form-urlencoded or multipart/form-data.'];
  if (Number(request.headers.get('content-length') ?? 0) > FORM_BODY_LIMIT) return [413, 'The form is too large.'];
  try {
    await request.clone().formData();
    return undefined;
  } catch (error) {
    if (/limit|too large/i.test(`${(error as Error).name} ${(error as Error).message}`)) return [413, 'The form is too large.'];
    return [400, 'The form could not be read.'];
  }
}

const allowed = (rule: OnDemandRule) => (rule.forms === 'only' ? 'POST' : rule.forms ? 'GET, HEAD, POST' : 'GET, HEAD');

/**
 * The rules every on-demand route shares, from its entry in the site's route table: visits to a
 * forms-only route are sent elsewhere, other methods are refused, a write must come from our
 * own pages, and nothing is cached. Static pages and unknown routes pass through untouched.
 */
export function onDemandRules(routes: readonly SiteRoute[]): MiddlewareHandler {
  const rules = new Map(routes.flatMap((r) => (r.onDemand ? [[r.pattern, r.onDemand] as const] : [])));
  return async (context, next) => {
    const rule = context.isPrerendered ? undefined : rules.get(context.routePattern);
    if (!rule) return next();
    const { request } = context;
    if (visits.has(request.method)) {
      return noStore(rule.forms === 'only' ? context.redirect(rule.otherwise ?? '/', 303) : await next());
    }
    if (request.method !== 'POST' || !rule.forms) {
      return refusal(request, 405, `This address does not accept ${request.method} requests.`, { allow: allowed(rule) });
    }
    if (!isSameOrigin(request)) return refusal(request, 403, 'Cross-site form submissions are refused.');
    const unreadable = await unreadableForm(request);
    if (unreadable) {
      const [status, message] = unreadable;
      console.warn(`${request.method} ${new URL(request.url).pathname}: ${status} ${message} (content-type: ${request.headers.get('content-type') ?? 'none'})`);
      return refusal(request, status, message);
    }
    return noStore(await next());
  };
}
