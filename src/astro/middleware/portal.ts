import { siteRoutes } from '../site-routes.ts';
import { onDemandRules } from './on-demand.ts';

/** The portal server's middleware, added by the integration to portal builds only. */
export const onRequest = onDemandRules(siteRoutes.portal);
