import { sql } from 'kysely';
import type { Store } from './store/database.ts';

/**
 * What a load balancer's health check asks: can this instance reach its database? 200 with
 * {"ok":true,...} when a query answers, 503 when it does not, so the balancer stops sending
 * traffic to an instance that cannot store what it accepts.
 */
export async function healthResponse(open: () => Promise<{ store: { store: Store } }>): Promise<Response> {
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  try {
    const { store } = await open();
    await sql`SELECT 1`.execute(store.store.db);
    const pending = await store.store.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return new Response(JSON.stringify({ ok: true, database: store.store.dialect, mailWaiting: Number(pending.n) }), { headers });
  } catch (error) {
    console.error(`[healthz] the database does not answer: ${(error as Error).message}`);
    return new Response(JSON.stringify({ ok: false, error: 'the database does not answer' }), { status: 503, headers });
  }
}
