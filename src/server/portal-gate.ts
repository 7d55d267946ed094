import type { IncomingMessage } from 'node:http';
import { loadServerConfig } from './config.ts';
import { proxyIdentityVerifier } from './identity.ts';

const refuse = () =>
  new Response(`Sign in through your company's single sign-on to read the policy portal.\n`, {
    status: 401,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * The portal's check in front of every route. With an SSO proxy configured (CHARTER_JWKS_URL …),
 * and always in production, a request without a valid proxy JWT gets 401, whatever it asks for:
 * the policies, the matrix and the CSV exports are internal, not only the pages that name the
 * reader. A development server without a proxy lets everything through.
 */
export function portalGate(env: NodeJS.ProcessEnv): (request: IncomingMessage) => Promise<Response | undefined> {
  const check = identityCheck(env);
  // The load balancer's health check carries no identity and learns only whether the database answers.
  return async (request) => (/^\/healthz\/?(\?|$)/.test(request.url ?? '') && request.method === 'GET' ? undefined : check(request));
}

function identityCheck(env: NodeJS.ProcessEnv): (request: IncomingMessage) => Promise<Response | undefined> {
  const config = loadServerConfig(env);
  const identity = config.identity;
  if (identity?.kind === 'proxy') {
    const verify = proxyIdentityVerifier(identity);
    return async (request) => {
      const value = request.headers[identity.header];
      const result = await verify(new Headers(typeof value === 'string' ? { [identity.header]: value } : {}));
      if (result.ok) return undefined;
      console.warn(`portal: 401 for ${request.method} ${request.url?.split('?')[0]}: ${result.reason}`);
      return refuse();
    };
  }
  if (config.production) {
    // A production portal with no proxy to check would be public: refuse everything instead.
    console.warn('portal: no identity provider is configured (CHARTER_JWKS_URL, CHARTER_JWT_ISSUER, CHARTER_JWT_AUDIENCE): every request gets 401');
    return async () => refuse();
  }
  return async () => undefined;
}
