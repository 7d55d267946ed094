// `npm run bench`: build benchmarks for Charter against a bare Astro + MDX site and Hugo, on
// generated content of 100, 1,000 and 5,000 documents; preview image and page weight figures.
//
//   npm run bench                       all sizes (under 30 minutes on 2 cores)
//   npm run bench -- --quick            100 documents only, for iteration
//   npm run bench -- --sizes 100,1000   chosen sizes
//   npm run bench -- --update           also write the figures into BENCHMARKS.md
//   npm run bench -- --keep             keep the generated content and builds
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { documentCounts, generateContent } from './generate.mjs';
import { hugoInstallHint, hugoVersion, writeHugoSite } from './hugo-site.mjs';
import { canSampleMemory, measureOk } from './measure.mjs';
import { pageWeight } from './page-weight.mjs';
import { serverBenchmarks } from './server.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`The bench builds with Astro 7, which needs Node 22.12 or later; this is Node ${process.version}.`);
  process.exit(1);
}
// The bench imports the project's TypeScript modules: Node before 22.18 needs the flag for that.
if (!process.features?.typescript) {
  const self = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(self.status ?? 1);
}
const { serverDir } = await import('../../src/astro/build-paths.ts');

const project = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const packageDir = (name) => join(project, 'node_modules', name);
const astroBin = join(packageDir('astro'), 'bin/astro.mjs');
const pagefindBin = join(packageDir('pagefind'), 'lib/runner/bin.cjs');
const charter = join(project, 'bin/charter.mjs');
const node = process.execPath;

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    update: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = options.sizes ? options.sizes.split(',').map(Number) : options.quick ? [100] : [100, 1000, 5000];

const log = (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const mb = (bytes) => (bytes == null ? '–' : `${Math.round(bytes / 1024 / 1024)}`);
const kb = (bytes) => (bytes / 1024).toFixed(1);
const s = (seconds) => (seconds == null ? '–' : seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1));
const ratio = (a, b) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(1)}×`);
const fmt = (n) => n.toLocaleString('en-GB');

/** A build with --out outside dist/ leaves its server bundles under node_modules/.cache. */
async function removeServerBundles(out) {
  if (options.keep) return;
  for (const target of ['portal', 'trust']) await rm(dirname(serverDir(out, target)), { recursive: true, force: true });
}

function countHtml(dir) {
  let count = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else if (entry.name.endsWith('.html')) count++;
    }
  };
  try {
    walk(dir);
  } catch {
    return 0;
  }
  return count;
}

/** Whether `charter build` skipped a site because nothing it reads changed since the last build. */
const skippedIn = (stdout, target) => stdout.includes(`✓ ${target} unchanged since the last build`);
const builtIn = (stdout, target) => (skippedIn(stdout, target) ? 0 : Number(new RegExp(`✓ ${target} built in ([\\d.]+) s`).exec(stdout)?.[1] ?? NaN));
/** Files a site kept from the last build, as `charter build` reports them (0 when it says nothing; all of them when it skipped the site). */
const keptIn = (stdout, target, pages) =>
  skippedIn(stdout, target)
    ? pages
    : Number(new RegExp(`✓ ${target} built in .*\\(([\\d,]+) of [\\d,]+ files unchanged`).exec(stdout)?.[1]?.replaceAll(',', '') ?? 0);

/** A rebuild's time, memory and, per site, its build time and the files it kept (`pages`: each site's files in the full build). */
function rebuildFigures(run, pages) {
  const figures = { seconds: run.seconds, peakBytes: run.peakBytes };
  for (const target of ['portal', 'trust']) {
    figures[`${target}Seconds`] = builtIn(run.stdout, target);
    figures[`${target}Kept`] = keptIn(run.stdout, target, pages[target]);
  }
  return figures;
}

function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')[0];
    } catch {
      return 'not installed';
    }
  };
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    astro: require('astro/package.json').version,
    mdx: require('@astrojs/mdx/package.json').version,
    pagefind: JSON.parse(readFileSync(join(packageDir('pagefind'), 'package.json'), 'utf8')).version,
    hugo: hugoVersion()?.split(' ').slice(0, 2).join(' ') ?? 'not installed',
    git: version('git', ['--version']),
    os: version('uname', ['-sr']),
    load: loadAverage(),
  };
}

/** The 1, 5 and 15 minute load averages: other work on the machine shows up in every figure. */
function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

async function benchSize(work, documents) {
  const dir = join(work, String(documents));
  const root = join(dir, 'content-root');
  log(`${documents} documents: generating content`);
  const generated = performance.now();
  const counts = await generateContent(root, documents);
  const generateSeconds = (performance.now() - generated) / 1000;
  const result = { documents, counts, generateSeconds };

  log(`${documents} documents: charter check`);
  result.check = await measureOk(node, [charter, 'check', '--root', root], { cwd: project });

  // A fresh preview image cache, so the first build renders every image.
  const ogCache = join(dir, 'og-cache');
  const env = { ...process.env, CHARTER_OG_CACHE: ogCache };
  const out = join(dir, 'charter');
  log(`${documents} documents: charter build (both sites)`);
  result.charter = await measureOk(node, [charter, 'build', '--root', root, '--out', out], { cwd: project, env });
  result.charter.pages = { portal: countHtml(join(out, 'portal')), trust: countHtml(join(out, 'trust')) };
  result.charter.portalSeconds = builtIn(result.charter.stdout, 'portal');
  result.charter.trustSeconds = builtIn(result.charter.stdout, 'trust');
  result.previewImages = readdirSync(join(out, 'trust/og'), { recursive: true }).filter((f) => String(f).endsWith('.png')).length;
  const cachedImages = () => readdirSync(ogCache).filter((f) => f.endsWith('.png')).length;
  result.imagesRendered = cachedImages();

  // Incremental rebuilds (on by default): pages whose cache key and code are unchanged are kept.
  log(`${documents} documents: rebuild with nothing changed`);
  result.rebuild = rebuildFigures(await measureOk(node, [charter, 'build', '--root', root, '--out', out], { cwd: project, env }), result.charter.pages);
  result.trustRebuildSeconds = result.rebuild.trustSeconds;
  // Every image the rebuild had to render adds a file to the cache.
  result.imagesRenderedAgain = cachedImages() - result.imagesRendered;

  log(`${documents} documents: rebuild after editing one policy`);
  const policies = readdirSync(join(root, 'content/policies'))
    .sort()
    .map((file) => join(root, 'content/policies', file));
  const policy = policies.find((file) => !readFileSync(file, 'utf8').includes('visibility: public'));
  await writeFile(policy, `${await readFile(policy, 'utf8')}\nThis sentence was added by the benchmark's one-edit rebuild.\n`);
  result.editRebuild = rebuildFigures(await measureOk(node, [charter, 'build', '--root', root, '--out', out], { cwd: project, env }), result.charter.pages);

  log(`${documents} documents: Pagefind alone on the built portal`);
  result.pagefind = await measureOk(
    node,
    [pagefindBin, '--site', join(out, 'portal'), '--output-path', join(dir, 'pagefind'), '--force-language', 'en', '--silent'],
    { cwd: project },
  );

  log(`${documents} documents: bare Astro + MDX`);
  const astroOut = join(dir, 'astro');
  const astroEnv = { ...process.env, BENCH_CONTENT_ROOT: root, BENCH_OUT_DIR: astroOut, BENCH_CACHE_DIR: join(dir, 'astro-cache') };
  result.astro = await measureOk(node, [astroBin, 'build', '--silent', '--root', join(project, 'scripts/bench/baseline-astro')], {
    cwd: project,
    env: astroEnv,
  });
  result.astro.pages = countHtml(astroOut);
  // The fairer floor for two sites and a search index: the same Astro site, Pagefind over it,
  // and a second Astro site for the trust center's counterpart (the public policies).
  log(`${documents} documents: Pagefind on the bare Astro site, and a second bare Astro site`);
  result.astroPagefind = await measureOk(
    node,
    [pagefindBin, '--site', astroOut, '--output-path', join(dir, 'astro-pagefind'), '--force-language', 'en', '--silent'],
    { cwd: project },
  );
  const astroTrustOut = join(dir, 'astro-trust');
  result.astroTrust = await measureOk(node, [astroBin, 'build', '--silent', '--root', join(project, 'scripts/bench/baseline-astro')], {
    cwd: project,
    env: { ...astroEnv, BENCH_SITE: 'trust', BENCH_OUT_DIR: astroTrustOut, BENCH_CACHE_DIR: join(dir, 'astro-trust-cache') },
  });
  result.astroTrust.pages = countHtml(astroTrustOut);
  result.baseline = {
    seconds: result.astro.seconds + result.astroPagefind.seconds + result.astroTrust.seconds,
    pages: result.astro.pages + result.astroTrust.pages,
    peakBytes: Math.max(...[result.astro, result.astroPagefind, result.astroTrust].map((r) => r.peakBytes ?? 0)) || undefined,
  };

  if (hugoVersion()) {
    log(`${documents} documents: Hugo`);
    const site = join(dir, 'hugo-site');
    await writeHugoSite(root, site);
    result.hugo = await measureOk('hugo', ['--quiet', '--source', site, '--destination', join(dir, 'hugo')], { cwd: project });
    result.hugo.pages = countHtml(join(dir, 'hugo'));
  }
  await removeServerBundles(out);
  for (const key of ['check', 'charter', 'pagefind', 'astro', 'astroPagefind', 'astroTrust', 'hugo']) {
    if (!result[key]) continue;
    delete result[key].stdout;
    delete result[key].stderr;
  }
  log(
    `${documents} documents: Charter ${s(result.charter.seconds)} s (rebuilds ${s(result.rebuild.seconds)} s unchanged, ${s(result.editRebuild.seconds)} s one edit), Astro ${s(result.astro.seconds)} s, baseline ${s(result.baseline.seconds)} s, Hugo ${s(result.hugo?.seconds)} s`,
  );
  return result;
}

async function previewImageFigures() {
  log('preview images: rendering directly');
  const run = await measureOk(node, [...process.execArgv, join(project, 'scripts/bench/preview-images.mjs'), '12'], { cwd: project });
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

async function pageWeights(work) {
  // The example content: a real policy page and the trust center home as a prospect sees it.
  log('page weight: building the example content');
  const out = join(work, 'example');
  await measureOk(node, [charter, 'build', '--out', out], { cwd: project, env: { ...process.env, CHARTER_OG_CACHE: join(work, 'example-og') } });
  const policy = readdirSync(join(out, 'portal/policies'), { withFileTypes: true }).find((e) => e.isDirectory())?.name;
  const weights = [
    { label: 'Trust center home', ...(await pageWeight(join(out, 'trust'), 'index.html')) },
    { label: `Portal policy page (/policies/${policy}/)`, ...(await pageWeight(join(out, 'portal'), `policies/${policy}/index.html`)) },
  ];
  return { weights, out };
}

function report({ info, results, images, weights, server, seconds, command }) {
  const lines = [];
  const push = (...l) => lines.push(...l);
  push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${command}\` in ${s(seconds / 60)} minutes.`, '');
  push('| machine | |', '|---|---|');
  push(`| CPU | ${info.cpu}, ${info.cores} cores |`, `| memory | ${info.memoryGiB} GiB |`, `| OS | ${info.os} |`);
  push(`| software | Node ${info.node}, Astro ${info.astro}, @astrojs/mdx ${info.mdx}, Pagefind ${info.pagefind}, ${info.hugo}, ${info.git} |`);
  push(`| load average (1, 5, 15 min) at start and end | ${info.load}; ${info.loadAtEnd} |`, '');

  push('### Build time', '');
  push(
    'Documents split 30 % policies, 20 % runbooks, 50 % controls; policies and runbooks are MDX of about 900 words with headings, lists and tables; controls map to the real framework catalogs. Charter is `charter build` (check, portal with search index, trust center with preview images) into an empty folder, with an empty preview image cache. "Astro + MDX" is one bare Astro site with a page per document; "baseline" is what Charter builds, done bare: that site, Pagefind over it, and a second bare Astro site for the trust center (the public policies). Peak memory is the largest resident set of the whole process tree, sampled every 50 ms (– when a run was too short to sample).',
    '',
  );
  push(
    '| documents | Charter s | pages | pages/s | peak MB | Astro + MDX s | pages | peak MB | baseline s | pages | Hugo s | pages | peak MB | Charter ÷ Astro | Charter ÷ baseline | peak ÷ Astro | Charter ÷ Hugo |',
  );
  push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const pages = r.charter.pages.portal + r.charter.pages.trust;
    push(
      `| ${fmt(r.documents)} | ${s(r.charter.seconds)} | ${fmt(pages)} | ${(pages / r.charter.seconds).toFixed(0)} | ${mb(r.charter.peakBytes)} | ${s(r.astro.seconds)} | ${fmt(r.astro.pages)} | ${mb(r.astro.peakBytes)} | ${s(r.baseline.seconds)} | ${fmt(r.baseline.pages)} | ${s(r.hugo?.seconds)} | ${r.hugo ? fmt(r.hugo.pages) : '–'} | ${mb(r.hugo?.peakBytes)} | ${ratio(r.charter.seconds, r.astro.seconds)} | ${ratio(r.charter.seconds, r.baseline.seconds)} | ${ratio(r.charter.peakBytes, r.astro.peakBytes)} | ${ratio(r.charter.seconds, r.hugo?.seconds)} |`,
    );
  }
  push('', '### Incremental rebuilds', '');
  push(
    '`charter build` again into the same folder: first with nothing changed (the command finds the same content, git HEAD, Charter code, date and settings as last time, and the last output untouched, so it builds nothing), then after appending a sentence to one internal policy. The trust center is not built again after that edit: what it loads (its public projection of the content, the history of the sub-processor list) is unchanged. In the portal, pages whose cache key (the document, what the page lists about its neighbours, its history, the date) and code are unchanged are kept from the last build; Astro still syncs content and bundles, and Pagefind indexes the whole portal again when any page changed. "Kept" counts files of both sites.',
    '',
  );
  push('| documents | full build s | nothing changed s | ÷ full | kept | one policy edited s | ÷ full | kept | peak MB, one edit |');
  push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const kept = (x) => `${fmt(x.portalKept + x.trustKept)} of ${fmt(r.charter.pages.portal + r.charter.pages.trust)}`;
    const share = (x) => (x.seconds / r.charter.seconds).toFixed(2);
    push(
      `| ${fmt(r.documents)} | ${s(r.charter.seconds)} | ${s(r.rebuild.seconds)} | ${share(r.rebuild)} | ${kept(r.rebuild)} | ${s(r.editRebuild.seconds)} | ${share(r.editRebuild)} | ${kept(r.editRebuild)} | ${mb(r.editRebuild.peakBytes)} |`,
    );
  }
  if (!results[0]?.hugo) push('', `Hugo: ${hugoInstallHint}.`);
  push('', "### Where Charter's time goes", '');
  push(
    '| documents | check alone s | portal build s | Pagefind alone s | trust build s | Charter ÷ Astro, portal only | bare Astro s | Pagefind on it s | bare trust s |',
  );
  push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results)
    push(
      `| ${fmt(r.documents)} | ${s(r.check.seconds)} | ${s(r.charter.portalSeconds)} | ${s(r.pagefind.seconds)} | ${s(r.charter.trustSeconds)} | ${ratio(r.charter.portalSeconds, r.astro.seconds)} | ${s(r.astro.seconds)} | ${s(r.astroPagefind.seconds)} | ${s(r.astroTrust.seconds)} |`,
    );
  push(
    '',
    'The portal and trust builds are the times `charter build` prints for each site; "check alone" and "Pagefind alone" are separate runs of `charter check` and of the Pagefind CLI on the built portal; the last three columns are the parts of the baseline.',
  );

  if (results.length > 1) {
    push('', '### How cost grows', '', 'Ratio of build times between sizes; linear growth is the ratio of document counts.', '');
    const steps = results.slice(1).map((r, i) => [results[i], r]);
    push(`| | ${steps.map(([a, b]) => `${fmt(a.documents)} → ${fmt(b.documents)} (×${b.documents / a.documents})`).join(' | ')} |`);
    push(`|---|${steps.map(() => '---:').join('|')}|`);
    push(`| Charter | ${steps.map(([a, b]) => ratio(b.charter.seconds, a.charter.seconds)).join(' | ')} |`);
    push(`| Charter portal | ${steps.map(([a, b]) => ratio(b.charter.portalSeconds, a.charter.portalSeconds)).join(' | ')} |`);
    push(`| Astro + MDX | ${steps.map(([a, b]) => ratio(b.astro.seconds, a.astro.seconds)).join(' | ')} |`);
    push(`| baseline | ${steps.map(([a, b]) => ratio(b.baseline.seconds, a.baseline.seconds)).join(' | ')} |`);
    if (results.every((r) => r.hugo)) push(`| Hugo | ${steps.map(([a, b]) => ratio(b.hugo.seconds, a.hugo.seconds)).join(' | ')} |`);
  }

  push('', '### Preview images', '');
  push(
    `Rendering directly with \`src/lib/publish/og-image.ts\` (satori, then resvg to PNG, 1200 × 630): ${s(images.renderMs)} ms per image (the first image of a process ${s(images.firstMs)} ms, as it loads the fonts), ${images.cachedMs.toFixed(2)} ms per image from the cache, ${kb(images.pngBytes)} KB per PNG.`,
    '',
  );
  push(
    '| documents | images in the trust build | rendered, empty cache | rendering time s (estimate) | trust build s | rendered again on a rebuild with nothing changed | rendering time s (estimate) | trust rebuild s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of results) {
    const renderTime = (rendered) => (rendered * images.renderMs + (r.previewImages - rendered) * images.cachedMs) / 1000;
    push(
      `| ${fmt(r.documents)} | ${r.previewImages} | ${r.imagesRendered} | ${renderTime(r.imagesRendered).toFixed(2)} | ${s(r.charter.trustSeconds)} | ${r.imagesRenderedAgain} | ${renderTime(r.imagesRenderedAgain).toFixed(2)} | ${s(r.trustRebuildSeconds)} |`,
    );
  }
  push(
    '',
    "Rendered images are counted as new files in the image cache; rendering time is that count times the per-image figures above. The trust build times also hold Astro's own work, which a rebuild repeats.",
  );

  push(
    '',
    '### Page weight',
    '',
    'Bytes a browser downloads for the page, from the built example content: the HTML, the stylesheets and scripts it references, and the web font files its text needs. Compressed is gzip level 9 of HTML, CSS and JS (fonts are WOFF2 already). Images are not counted.',
    '',
  );
  push(
    '| page | HTML KB | of which inline JS KB | CSS KB | JS files KB | fonts KB | files | total KB | compressed KB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const w of weights)
    push(
      `| ${w.label} | ${kb(w.html)} | ${kb(w.inlineScript)} | ${kb(w.css)} | ${kb(w.js)} | ${kb(w.fonts)} | ${w.files} | ${kb(w.total)} | ${kb(w.totalGzip)} |`,
    );

  push('', '### Server', '', ...server.lines);
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const info = machine();
  if (!hugoVersion()) log(hugoInstallHint);
  if (!canSampleMemory) log('cannot read /proc: peak memory is not measured');
  log(
    `sizes ${sizes.join(', ')}: ${sizes
      .map((n) => {
        const c = documentCounts(n);
        return `${c.policies}/${c.runbooks}/${c.controls}`;
      })
      .join(', ')} policies/runbooks/controls`,
  );
  const work = await mkdtemp(join(tmpdir(), 'charter-bench-'));
  try {
    const results = [];
    for (const documents of sizes) {
      results.push(await benchSize(work, documents));
      // Keep the disk small between sizes; the figures are already taken.
      if (!options.keep) await rm(join(work, String(documents)), { recursive: true, force: true });
    }
    const images = await previewImageFigures();
    const { weights, out: example } = await pageWeights(work);
    // The build figures are taken by now; a server that will not start must not lose them.
    const server = await serverBenchmarks({ out: example, project, work, log, serverDir }).catch((error) => {
      log(`server: ${error.message}`);
      return { scenarios: [], lines: [`Not measured: ${error.message.split('\n')[0]}`] };
    });
    await removeServerBundles(example);
    const seconds = (performance.now() - started) / 1000;
    info.loadAtEnd = loadAverage();
    const markdown = report({ info, results, images, weights, server, seconds, command });
    await writeFile(join(work, 'results.json'), JSON.stringify({ info, results, images, weights, server, seconds }, null, 2));
    await writeFile(join(work, 'report.md'), markdown);
    console.log(markdown);
    if (options.update) await updateBenchmarksFile(markdown);
    log(`done in ${s(seconds / 60)} minutes${options.keep ? `; everything is in ${work}` : ''}`);
  } finally {
    if (!options.keep) {
      // Keep the report and raw figures; the builds are large.
      for (const entry of readdirSync(work)) if (statSync(join(work, entry)).isDirectory()) await rm(join(work, entry), { recursive: true, force: true });
      log(`report and raw figures: ${join(work, 'report.md')}, ${join(work, 'results.json')}`);
    }
  }
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the measured section of BENCHMARKS.md, leaving the prose around it alone. */
async function updateBenchmarksFile(markdown) {
  const file = join(project, 'BENCHMARKS.md');
  const text = await readFile(file, 'utf8').catch(() => `# Benchmarks\n\n${START}\n${END}\n`);
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`BENCHMARKS.md has no ${START} … ${END} section to replace`);
  await writeFile(file, `${text.slice(0, from + START.length)}\n${markdown}\n${text.slice(to)}`);
  log('updated BENCHMARKS.md');
}

await main();
// Something the server scenarios open (not found by 1 December 2026) keeps the event loop alive
// after the report is written: two runs that day sat idle until killed. Everything is done here.
process.exit(0);
