// Server benchmarks: requests per second and latency percentiles under a bounded load on
// 127.0.0.1, with autocannon against a site's built server entry (dist/<site>-server/entry.mjs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Starts a built site's server entry on 127.0.0.1 and waits until it answers. */
export async function startSiteServer(entry, { cwd, env = {}, port } = {}) {
  if (!existsSync(entry)) throw new Error(`no server entry at ${entry}; build the site first`);
  port ??= await freePort();
  const child = spawn(process.execPath, [entry], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server at ${entry} exited with ${child.exitCode}: ${stderr}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`the server at ${entry} did not answer within 30 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop: () => new Promise((done) => { child.once('exit', done); child.kill(); }) };
}

/**
 * One bounded load test: at most `amount` requests and `seconds` seconds, `connections` at a
 * time. Returns requests per second, latency percentiles in ms and the status codes seen.
 * `requests` follows autocannon (method, path, headers, body; setupRequest to vary them).
 */
export async function loadTest(url, { connections = 10, amount = 2000, seconds = 10, requests, method = 'GET', headers, body } = {}) {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections, amount, duration: seconds, requests, method, headers, body });
  const codes = Object.fromEntries(Object.entries(result).filter(([k]) => /^\dxx$/.test(k)).map(([k, v]) => [k, v]));
  return {
    requests: result.requests.total,
    // autocannon's own average is per whole second of sampling, which misleads for short runs.
    requestsPerSecond: result.requests.total / Math.max(result.duration, 0.01),
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts,
    codes,
  };
}

export const autocannonAvailable = () => import('autocannon').then(() => true, () => false);

/**
 * The server section of the report: { lines (Markdown), scenarios (figures) }. `out` is a build
 * of the example content (both sites) whose trust server bundle is still in place.
 */
export async function serverBenchmarks({ out, project, work, log, serverDir }) {
  const entry = join(serverDir(out, 'trust'), 'entry.mjs');
  if (!existsSync(entry)) return { scenarios: [], lines: ['Not measured: the trust build made no server bundle.'] };
  if (!(await autocannonAvailable())) return { scenarios: [], lines: ['Not measured: autocannon is not installed (`npm install`).'] };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startSiteServer(entry, {
    cwd: project,
    port,
    env: { CHARTER_ROOT: project, CHARTER_DB: join(work, 'server-bench.db'), CHARTER_SECRET: 'bench-secret-'.padEnd(48, 'x'), CHARTER_PUBLIC_URL: url },
  });
  const scenarios = [];
  const measure = async (label, path, options) => {
    log(`server: ${label}`);
    // A short warm-up, so the figures are of a running server rather than of its first requests.
    await loadTest(`${url}${path}`, { ...options, amount: 200, seconds: 2 });
    scenarios.push({ label, connections: options.connections, ...(await loadTest(`${url}${path}`, options)) });
  };
  try {
    // Bounded by time first: autocannon notices that `amount` is reached only on its one-second tick.
    await measure('GET / (trust center home, a static file through the server)', '/', { connections: 10, amount: 100_000, seconds: 5 });

    // ─── TO FILL IN when the on-demand report request endpoints exist ────────────────────
    // One scenario per endpoint, against this server (CHARTER_ROOT is the example content;
    // raise `rateLimits` in a copy's content/trust/access.yaml as test/trust-requests.test.ts
    // does, or every request after the first few is a 429 and the test measures refusals):
    //   - POST /request/ with the form fields (document, name, email, company, reason) and an
    //     Origin header, a distinct email per request via `requests: [{ setupRequest }]`;
    //   - GET /api/requests/download/?token=… with tokens of approved requests created through
    //     the store before the run (each download is watermarked and logged: the costly one).
    // Keep amount and seconds bounded; the table reports status codes so refusals show.
    // ──────────────────────────────────────────────────────────────────────────────────────
  } finally {
    await server.stop();
  }
  const lines = [
    'autocannon on 127.0.0.1 against the trust center\'s server bundle (`node dist/trust-server/entry.mjs`), after a short warm-up; each for 5 seconds or 100,000 requests, whichever comes first. The request form (`POST /request/`) and the download endpoint (`GET /api/requests/download/?token=…`) are not measured yet: they are still being built, and `scripts/bench/server.mjs` marks where their scenarios go.',
    '',
    '| endpoint | connections | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | status codes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of scenarios) {
    const codes = Object.entries(s.codes).filter(([, n]) => n).map(([k, n]) => `${k}: ${n}`).join(', ');
    lines.push(`| ${s.label} | ${s.connections} | ${s.requests} | ${s.requestsPerSecond.toFixed(0)} | ${s.latency.p50} | ${s.latency.p90} | ${s.latency.p99} | ${s.latency.max} | ${s.errors} | ${codes} |`);
  }
  return { scenarios, lines };
}
