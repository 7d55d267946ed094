import { siteRoutes } from '../site-routes.ts';
import { onDemandRules } from './on-demand.ts';

/** The trust center server's middleware, added by the integration to trust builds only. */
export const onRequest = onDemandRules(siteRoutes.trust);
