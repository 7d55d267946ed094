import type { APIRoute } from 'astro';
import { requestFields } from '../../../../server/http.ts';
import { portalRuntime } from '../../../../server/instances.ts';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The signed-in person's state for one policy, for the acknowledgement panel on policy pages. */
export const GET: APIRoute = async ({ request, url }) => {
  const runtime = await portalRuntime();
  const who = await runtime.verifyIdentity(request.headers);
  if (!who.ok) return json({ error: who.reason }, 401);
  const policy = url.searchParams.get('policy') ?? '';
  const state = await runtime.acknowledgements.state(who.identity, policy);
  if (!state) return json({ error: `no policy "${policy}"` }, 404);
  return json({ person: who.identity.email, ...state });
};

/** Records "I have read and acknowledge". Forms post here; scripts ask for JSON. The middleware has refused cross-site posts. */
export const POST: APIRoute = async ({ request, redirect }) => {
  const runtime = await portalRuntime();
  const who = await runtime.verifyIdentity(request.headers);
  if (!who.ok) return json({ error: who.reason }, 401);
  const form = await requestFields(request);
  const policy = form.get('policy', 100);
  const version = form.get('version', 20);
  const result = await runtime.acknowledgements.acknowledge(who.identity, policy, version);
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  if (!result.ok)
    return wantsJson
      ? json({ error: result.message }, result.status)
      : new Response(result.message, { status: result.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return wantsJson ? json({ created: result.created, ...result.state }) : redirect(`/my/?acknowledged=${encodeURIComponent(policy)}`, 303);
};
