import type { APIRoute } from 'astro';
import { isSameOrigin, portalRuntime } from '../../../server/instances.ts';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/** The signed-in person's state for one policy, for the acknowledgement panel on policy pages. */
export const GET: APIRoute = async ({ request, url }) => {
  const runtime = await portalRuntime();
  const who = await runtime.verifyIdentity(request.headers);
  if (!who.ok) return json({ error: who.reason }, 401);
  const policy = url.searchParams.get('policy') ?? '';
  const state = runtime.acknowledgements.state(who.identity, policy);
  if (!state) return json({ error: `no policy "${policy}"` }, 404);
  return json({ person: who.identity.email, ...state });
};

/** Records "I have read and acknowledge". Forms post here; scripts ask for JSON. */
export const POST: APIRoute = async ({ request, redirect }) => {
  const runtime = await portalRuntime();
  const who = await runtime.verifyIdentity(request.headers);
  if (!who.ok) return json({ error: who.reason }, 401);
  if (!isSameOrigin(request)) return json({ error: 'cross-site request refused' }, 403);
  const form = await request.formData().catch(() => undefined);
  const policy = String(form?.get('policy') ?? '').slice(0, 100);
  const version = String(form?.get('version') ?? '').slice(0, 20);
  const result = runtime.acknowledgements.acknowledge(who.identity, policy, version);
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  if (!result.ok) return wantsJson ? json({ error: result.message }, result.status) : new Response(result.message, { status: result.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return wantsJson ? json({ created: result.created, ...result.state }) : redirect(`/my/?acknowledged=${encodeURIComponent(policy)}`, 303);
};
