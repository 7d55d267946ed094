import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serverDir } from '../src/astro/build-paths.ts';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** What the server printed so far, stdout and stderr. */
  log(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the adapter does not report the port it got for PORT=0). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ready) => probe.listen(0, '127.0.0.1', ready));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** Starts a built site's server on 127.0.0.1 with a free port, and waits until it listens. */
export async function startSiteServer(out: string, target: 'portal' | 'trust', env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [join(serverDir(out, target), 'entry.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  // The server is ready when it answers; it was built --silent, so it prints nothing.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the ${target} server exited (${child.exitCode}):\n${log}`);
    if (
      await fetch(`${url}/favicon.svg`).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`the ${target} server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    process: child,
    log: () => log,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
