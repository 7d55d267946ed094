import type { APIRoute } from 'astro';
import { healthResponse } from '../../../server/health.ts';
import { portalRuntime } from '../../../server/instances.ts';

/** For the load balancer: 200 when this instance reaches its database, 503 when it does not. */
export const GET: APIRoute = () => healthResponse(portalRuntime);
