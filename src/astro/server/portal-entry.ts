// The portal's server entry: every request, static pages and exports included, passes the SSO
// proxy's identity check before the Node adapter serves a file or renders a page.
import { autostart } from './no-autostart.ts';
import { handler, options } from '@astrojs/node/server.js';
import { portalGate } from '../../server/portal-gate.ts';
import { startSiteServer } from './site-server.ts';

export { handler, options };
export const startServer = () => startSiteServer(handler, options, portalGate(process.env));
if (autostart && options.mode === 'standalone') startServer();
