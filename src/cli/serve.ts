import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadContent } from '../lib/content/load.ts';
import { directorySource } from '../lib/content/source.ts';
import { serverDir } from '../astro/build-paths.ts';
import type { CharterCommand } from './command.ts';
import { portNumber, rootOf } from './options.ts';

interface ServeOptions {
  out: string;
  portalPort: number;
  trustPort: number;
}

export function serveCommand(program: CharterCommand): void {
  program
    .command('serve')
    .description('serve the built sites (and their servers) on 127.0.0.1')
    .option('--out <dir>', 'the folder the sites were built into', 'dist')
    .option('--portal-port <port>', "the policy portal's port", portNumber, 4321)
    .option('--trust-port <port>', "the trust center's port", portNumber, 4322)
    .action((options: ServeOptions, command: CharterCommand) => serve(rootOf(command), options));
}

/**
 * Serves the built sites on 127.0.0.1 for a look before publishing: each site's server entry
 * (pages plus its on-demand routes) when it was built with one, else the static files.
 */
async function serve(root: string, options: ServeOptions): Promise<number> {
  const out = resolve(options.out);
  const env: NodeJS.ProcessEnv = { ...process.env, CHARTER_ROOT: root };
  if (env.NODE_ENV !== 'production' && env.CHARTER_MODE !== 'production' && !env.CHARTER_DEV_IDENTITY && !env.CHARTER_JWKS_URL) {
    // Without an SSO proxy in front, preview as the first person in site.yaml so acknowledgements work.
    const { content } = await loadContent(directorySource(root), ['site']);
    const person = content.site?.data.people[0];
    if (person) {
      env.CHARTER_DEV_IDENTITY = person.email;
      console.log(`Previewing the portal as ${person.name} <${person.email}> (set CHARTER_DEV_IDENTITY to choose someone else).`);
    }
  }
  const children: ChildProcess[] = [];
  for (const site of [
    { name: 'Policy portal', target: 'portal', port: options.portalPort },
    { name: 'Trust center', target: 'trust', port: options.trustPort },
  ]) {
    const entry = join(serverDir(out, site.target), 'entry.mjs');
    if (existsSync(entry)) {
      children.push(
        spawn(process.execPath, [entry], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, HOST: '127.0.0.1', PORT: String(site.port) } }),
      );
    } else {
      const { serveDirectory } = await import('../server/static.ts');
      const server = serveDirectory(join(out, site.target));
      await new Promise<void>((ready, fail) => server.once('error', fail).listen(site.port, '127.0.0.1', ready));
    }
    console.log(`${site.name}: http://127.0.0.1:${site.port}/`);
  }
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    for (const child of children) child.kill();
    process.exit(0);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  await new Promise(() => {});
  return 0;
}
