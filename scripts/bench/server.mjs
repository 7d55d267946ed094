// Server benchmarks: requests per second and latency percentiles under a bounded load on
// 127.0.0.1, with autocannon against the trust center's built server (dist/trust-server/entry.mjs):
// a static page, the report request form, and the watermarked download.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => done(port));
      });
  });
}

/** Starts a built site's server entry on 127.0.0.1 and waits until it answers. */
export async function startSiteServer(entry, { cwd, env = {}, port } = {}) {
  if (!existsSync(entry)) throw new Error(`no server entry at ${entry}; build the site first`);
  port ??= await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
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
  return {
    url,
    stop: () =>
      new Promise((done) => {
        child.once('exit', done);
        child.kill();
      }),
  };
}

/**
 * One bounded load test: `amount` requests, `connections` at a time. Returns requests per
 * second, latency percentiles in ms and the status codes seen. `requests` follows autocannon
 * (method, path, headers, body; setupRequest to vary them per request).
 */
export async function loadTest(url, { connections = 10, amount = 2000, requests, method = 'GET', headers, body } = {}) {
  const { default: autocannon } = await import('autocannon');
  // autocannon notices the last response only on its one-second sampling tick, so its duration
  // is rounded up to whole seconds; time the run to its last response instead.
  const started = performance.now();
  let last = started;
  const result = await new Promise((done, fail) => {
    // With `amount` set autocannon ignores its duration; each request still times out after 10 s.
    const instance = autocannon({ url, connections, amount, timeout: 10, requests, method, headers, body }, (error, r) => (error ? fail(error) : done(r)));
    instance.on('response', () => {
      last = performance.now();
    });
  });
  const codes = Object.fromEntries(Object.entries(result).filter(([k]) => /^\dxx$/.test(k)));
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / Math.max((last - started) / 1000, 0.001),
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts,
    codes,
  };
}

export const autocannonAvailable = () =>
  import('autocannon').then(
    () => true,
    () => false,
  );

/** A real SMTP server on 127.0.0.1 that keeps the text of every message, for the emailed links. */
async function startMailSink() {
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]);
  const messages = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push({ to: mail.to?.text ?? '', text: mail.text ?? '' });
        callback();
      }, callback);
    },
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return { port: server.server.address().port, messages, close: () => new Promise((done) => server.close(done)) };
}

/** The example content with rate limits raised far enough that a load test measures work, not refusals. */
async function serverContentRoot(project, work) {
  const root = join(work, 'server-root');
  for (const dir of ['content', 'frameworks', 'evidence-snapshots', 'public']) await cp(join(project, dir), join(root, dir), { recursive: true });
  const access = join(root, 'content/trust/access.yaml');
  await writeFile(access, `${await readFile(access, 'utf8')}\nrateLimits:\n  perIpPerHour: 100000000\n  perEmailPerDay: 100000000\n`);
  return root;
}

/**
 * The path and query of the first link to `path` mailed to `email` (on whatever origin the
 * server writes into its mail), waiting up to 30 s for the mail.
 */
async function mailedLink(mail, email, path) {
  const pattern = new RegExp(`https?://[^\\s/]+(${path.replace(/[.?]/g, '\\$&')}\\?token=[^\\s&]+)`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const link = mail.messages
      .filter((m) => m.to.includes(email))
      .map((m) => pattern.exec(m.text)?.[1])
      .find(Boolean);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no mail with a ${path} link reached ${email}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Approved requests for the gated SOC 2 report, made through the real flow (request form, NDA,
 * the auto-approval rule for a customer's domain) and the download links mailed for them.
 */
async function downloadLinks(url, mail, count, form, post) {
  const customer = 'baltic-foods.example'; // listed under autoApprove in content/trust/access.yaml
  const links = [];
  for (let i = 0; i < count; i++) {
    const email = `bench-buyer-${i}@${customer}`;
    let html = await (await post('/request/', form(email))).text();
    // The first requester accepts the NDA through the link mailed to them; once one person of a
    // company has accepted it, it covers colleagues (ndaCoversDomain) and they are approved at once.
    if (!html.includes('Approved')) {
      const token = new URL(await mailedLink(mail, email, '/request/nda/'), url).searchParams.get('token');
      html = await (await post('/request/nda/', { token, accept: 'yes' })).text();
    }
    if (!html.includes('Approved')) throw new Error(`the request of ${email} was not approved by the customer-domain rule`);
  }
  for (let i = 0; i < count; i++) links.push(await mailedLink(mail, `bench-buyer-${i}@${customer}`, '/request/download/'));
  return links;
}

/**
 * The server section of the report: { lines (Markdown), scenarios (figures) }. `out` is a build
 * of the example content (both sites) whose trust server bundle is still in place; the server
 * runs as in production (a signing secret, real SMTP to a sink on 127.0.0.1, SQLite in `work`).
 */
export async function serverBenchmarks({ out, project, work, log, serverDir }) {
  const entry = join(serverDir(out, 'trust'), 'entry.mjs');
  if (!existsSync(entry)) return { scenarios: [], lines: ['Not measured: the trust build made no server bundle.'] };
  if (!(await autocannonAvailable())) return { scenarios: [], lines: ['Not measured: autocannon is not installed (`npm install`).'] };
  const root = await serverContentRoot(project, work);
  const mail = await startMailSink();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startSiteServer(entry, {
    cwd: project,
    port,
    env: {
      CHARTER_ROOT: root,
      CHARTER_DB: join(work, 'server-bench.db'),
      CHARTER_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      CHARTER_MODE: 'production',
      CHARTER_PUBLIC_URL: url,
      // Each mailed link allows 10 downloads by default: 20 links would answer most of the load with refusals.
      CHARTER_DOWNLOAD_LIMIT: '1000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.port),
      SMTP_FROM: 'Kestrel Trust <trust@kestrel.example>',
    },
  });
  const formHeaders = { origin: url, 'content-type': 'application/x-www-form-urlencoded' };
  const form = (email) => ({
    document: 'soc2-type2-2026',
    name: 'Jo Buyer',
    email,
    company: 'Prospect AG',
    reason: 'Vendor security review before our rollout.',
  });
  const post = (path, fields) => fetch(`${url}${path}`, { method: 'POST', redirect: 'manual', headers: formHeaders, body: new URLSearchParams(fields) });

  const scenarios = [];
  let prospect = 0;
  let downloadsSent = 0;
  const measure = async (label, path, options) => {
    log(`server: ${label}`);
    // A warm-up, so the figures are of a running server rather than of its first requests.
    await loadTest(`${url}${path}`, { ...options, amount: Math.min(500, Math.ceil(options.amount / 4)) });
    scenarios.push({ label, connections: options.connections, ...(await loadTest(`${url}${path}`, options)) });
  };
  try {
    await measure('`GET /` trust center home (a static file through the server)', '/', { connections: 10, amount: 30_000 });

    // Before the form's load test, whose thousands of confirmation mails would queue ahead of these.
    log('server: approving requests for the download links');
    const links = await downloadLinks(url, mail, 20, form, post);

    // Every request a new prospect at a new company: no rate limit, duplicate or NDA-covered domain short-cuts it.
    await measure('`POST /request/` request form (validation, rules, a request and an audit entry in SQLite, the NDA step)', '/request/', {
      connections: 10,
      amount: 3000,
      requests: [
        {
          method: 'POST',
          path: '/request/',
          headers: formHeaders,
          setupRequest: (request) => ({ ...request, body: new URLSearchParams(form(`buyer-${++prospect}@prospect-${prospect}.example`)).toString() }),
        },
      ],
    });

    await measure('`GET /request/download/?token=…` download (signed link, a PDF watermarked with requester and request id, an audit entry)', links[0], {
      connections: 10,
      amount: 400,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: links[downloadsSent++ % links.length] }) }],
    });
  } finally {
    await server.stop();
  }
  // The same request endpoint on PostgreSQL, three instances sharing one database.
  let postgresNote;
  try {
    const scenario = await postgresRequests({ entry, project, root, mail, log, form, instances: 3, amount: 3000, connections: 12 });
    scenarios.push(scenario);
    postgresNote = ` On PostgreSQL the database held ${scenario.stored} of the ${scenario.sent} requests sent to the three instances (warm-up included).`;
  } catch (error) {
    log(`server: PostgreSQL not measured: ${error.message}`);
    postgresNote = ` PostgreSQL was not measured: ${error.message}.`;
  } finally {
    await mail.close();
  }
  // The status codes say the server answered; the database says it did the work.
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(work, 'server-bench.db'), { readOnly: true });
  const count = (sql) => Number(db.prepare(sql).get().n);
  const stored = count("SELECT count(*) AS n FROM report_requests WHERE email LIKE 'buyer-%@prospect-%'");
  const downloads = count("SELECT count(*) AS n FROM audit_log WHERE kind = 'document.downloaded'");
  db.close();
  const lines = [
    "autocannon on 127.0.0.1 against the trust center's server bundle (`node dist/trust-server/entry.mjs`) running as in production: a signing secret, SQLite, real SMTP to a sink on 127.0.0.1, and the example content with its rate limits and the per-link download limit (`CHARTER_DOWNLOAD_LIMIT`, 1,000) raised so that the load is served rather than refused. Each endpoint gets a warm-up, then the stated number of requests over 10 connections; the download links are those mailed for 20 requests approved through the form, the NDA and the customer-domain rule.",
    '',
    '',
    `Afterwards the database held ${stored} of the ${prospect} requests sent to the form (warm-up included) and ${downloads} logged downloads for ${downloadsSent} download requests.${postgresNote}`,
    '',
    '| endpoint | connections | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | status codes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of scenarios) {
    const codes = Object.entries(s.codes)
      .filter(([, n]) => n)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
    lines.push(
      `| ${s.label} | ${s.connections} | ${s.requests} | ${s.requestsPerSecond.toFixed(0)} | ${s.latency.p50} | ${s.latency.p90} | ${s.latency.p99} | ${s.latency.max} | ${s.errors} | ${codes} |`,
    );
  }
  return { scenarios, lines };
}

/**
 * `POST /request/` against `instances` trust servers sharing one PostgreSQL database (a throwaway
 * cluster from test/postgres.ts), the load split evenly over them, as behind a load balancer.
 * Requests per second are the total over the slowest instance's time; latency percentiles are
 * the worst instance's.
 */
export async function postgresRequests({ entry, project, root, mail, log, form, instances = 3, amount = 3000, connections = 12 }) {
  const { startPostgres } = await import(join(project, 'test/postgres.ts'));
  const cluster = await startPostgres();
  const servers = [];
  try {
    const databaseUrl = await cluster.createDatabase('charter_bench');
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      servers.push(
        await startSiteServer(entry, {
          cwd: project,
          port,
          env: {
            CHARTER_ROOT: root,
            CHARTER_DATABASE_URL: databaseUrl,
            CHARTER_SECRET: 'bench-secret-'.padEnd(48, 'x'),
            CHARTER_MODE: 'production',
            CHARTER_PUBLIC_URL: `http://127.0.0.1:${port}`,
            SMTP_HOST: '127.0.0.1',
            SMTP_PORT: String(mail.port),
            SMTP_FROM: 'Kestrel Trust <trust@kestrel.example>',
          },
        }),
      );
    }
    let sent = 0;
    const run = (share) =>
      Promise.all(
        servers.map((server) => {
          const headers = { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' };
          return loadTest(`${server.url}/request/`, {
            connections: Math.ceil(connections / instances),
            amount: Math.ceil(share / instances),
            requests: [
              {
                method: 'POST',
                path: '/request/',
                headers,
                setupRequest: (request) => ({ ...request, body: new URLSearchParams(form(`pg-buyer-${++sent}@pg-prospect-${sent}.example`)).toString() }),
              },
            ],
          });
        }),
      );
    log(`server: POST /request/ on PostgreSQL, ${instances} instances`);
    await run(Math.min(600, amount / 4));
    const started = performance.now();
    const results = await run(amount);
    const seconds = (performance.now() - started) / 1000;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = Number((await client.query("SELECT count(*) AS n FROM report_requests WHERE email LIKE 'pg-buyer-%'")).rows[0].n);
    await client.end();
    const worst = (key) => Math.max(...results.map((r) => r.latency[key]));
    const codes = {};
    for (const r of results) for (const [k, n] of Object.entries(r.codes)) codes[k] = (codes[k] ?? 0) + n;
    const requests = results.reduce((n, r) => n + r.requests, 0);
    return {
      label: `\`POST /request/\` request form on PostgreSQL, ${instances} instances sharing one database (the same work; rate limits and the audit chain shared through the database)`,
      connections: results.length * Math.ceil(connections / instances),
      requests,
      requestsPerSecond: requests / seconds,
      latency: { p50: worst('p50'), p90: worst('p90'), p99: worst('p99'), max: worst('max') },
      errors: results.reduce((n, r) => n + r.errors, 0),
      codes,
      stored,
      sent,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await cluster.stop();
  }
}

/**
 * Only the request endpoint, SQLite with one instance beside PostgreSQL with three, on an
 * existing build: `node scripts/bench/server.mjs --requests-only OUT` after
 * `node bin/charter.mjs build --target trust --out OUT`.
 */
if (process.argv[2] === '--requests-only') {
  const project = join(import.meta.dirname, '../..');
  const { serverDir } = await import(join(project, 'src/astro/build-paths.ts'));
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const out = process.argv[3];
  const entry = join(serverDir(out, 'trust'), 'entry.mjs');
  const work = await mkdtemp(join(tmpdir(), 'charter-bench-requests-'));
  const root = await serverContentRoot(project, work);
  const mail = await startMailSink();
  const log = (line) => console.error(line);
  const form = (email) => ({
    document: 'soc2-type2-2026',
    name: 'Jo Buyer',
    email,
    company: 'Prospect AG',
    reason: 'Vendor security review before our rollout.',
  });
  const rows = [];
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startSiteServer(entry, {
      cwd: project,
      port,
      env: {
        CHARTER_ROOT: root,
        CHARTER_DB: join(work, 'bench.db'),
        CHARTER_SECRET: 'bench-secret-'.padEnd(48, 'x'),
        CHARTER_MODE: 'production',
        CHARTER_PUBLIC_URL: url,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.port),
        SMTP_FROM: 'Kestrel Trust <trust@kestrel.example>',
      },
    });
    try {
      let n = 0;
      const options = {
        connections: 12,
        amount: 3000,
        requests: [
          {
            method: 'POST',
            path: '/request/',
            headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
            setupRequest: (request) => ({ ...request, body: new URLSearchParams(form(`buyer-${++n}@prospect-${n}.example`)).toString() }),
          },
        ],
      };
      log('server: POST /request/ on SQLite, 1 instance');
      await loadTest(`${url}/request/`, { ...options, amount: 600 });
      rows.push({ label: '`POST /request/` on SQLite, 1 instance', connections: 12, ...(await loadTest(`${url}/request/`, options)) });
    } finally {
      await server.stop();
    }
    rows.push(await postgresRequests({ entry, project, root, mail, log, form }));
  } finally {
    await mail.close();
  }
  console.log('| endpoint | connections | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | status codes |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const s of rows) {
    const codes = Object.entries(s.codes)
      .filter(([, c]) => c)
      .map(([k, c]) => `${k}: ${c}`)
      .join(', ');
    console.log(
      `| ${s.label} | ${s.connections} | ${s.requests} | ${s.requestsPerSecond.toFixed(0)} | ${s.latency.p50} | ${s.latency.p90} | ${s.latency.p99} | ${s.latency.max} | ${s.errors} | ${codes} |`,
    );
  }
}
