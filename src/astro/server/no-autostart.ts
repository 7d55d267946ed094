// Imported before the Node adapter's server module: it would start its own HTTP server on import,
// and ours must wrap its handler instead (see site-server.ts).
export const autostart = process.env.ASTRO_NODE_AUTOSTART !== 'disabled';
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
