// The trust center's server entry: the Node adapter's handler behind the security headers.
import { autostart } from './no-autostart.ts';
import { handler, options } from '@astrojs/node/server.js';
import { startSiteServer } from './site-server.ts';

export { handler, options };
export const startServer = () => startSiteServer(handler, options);
if (autostart && options.mode === 'standalone') startServer();
