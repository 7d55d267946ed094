import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveDirectory } from '../server/static.ts';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string', default: 'dist' },
      'portal-port': { type: 'string', default: '4321' },
      'trust-port': { type: 'string', default: '4322' },
    },
  });
  const sites = [
    { name: 'Policy portal', dir: resolve(values.out!, 'portal'), port: Number(values['portal-port']) },
    { name: 'Trust center', dir: resolve(values.out!, 'trust'), port: Number(values['trust-port']) },
  ];
  for (const site of sites) {
    const server = serveDirectory(site.dir);
    await new Promise<void>((ready, fail) => server.once('error', fail).listen(site.port, '127.0.0.1', ready));
    console.log(`${site.name}: http://127.0.0.1:${site.port}/`);
  }
  console.log('Press Ctrl+C to stop.');
  await new Promise(() => {});
  return 0;
}
