// The fastest static generator as a baseline: a minimal Hugo site over the same documents
// (policies and runbooks are plain Markdown under their frontmatter; controls become pages).
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Hugo's version line, or undefined when hugo is not installed. */
export function hugoVersion() {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export const hugoInstallHint = 'Hugo is not installed; on Debian or Ubuntu: sudo apt-get install -y hugo (the Hugo baseline is skipped without it)';

const config = `baseURL = "https://bench.example/"
title = "Documents"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
`;

const baseof = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{ .Title }}</title>
  </head>
  <body>
    <main>
      <h1>{{ .Title }}</h1>
      {{ block "main" . }}{{ end }}
    </main>
  </body>
</html>
`;

const single = `{{ define "main" }}<p>{{ .Params.summary }}</p>
{{ .Content }}{{ end }}
`;

const list = `{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`;

const controlPage = (data) => `---
${JSON.stringify({ title: data.title, summary: data.publicSummary ?? '' })}
---

${data.description}

${data.evidence.map((item) => `- ${item}`).join('\n')}

${Object.entries(data.mappings ?? {})
  .map(([framework, ids]) => `- ${framework}: ${ids.join(', ')}`)
  .join('\n')}
`;

/** Writes a Hugo site for the content root's policies, runbooks and controls into siteDir. */
export async function writeHugoSite(contentRoot, siteDir) {
  await mkdir(join(siteDir, 'layouts/_default'), { recursive: true });
  await writeFile(join(siteDir, 'config.toml'), config);
  await writeFile(join(siteDir, 'layouts/_default/baseof.html'), baseof);
  await writeFile(join(siteDir, 'layouts/_default/single.html'), single);
  await writeFile(join(siteDir, 'layouts/_default/list.html'), list);
  await writeFile(join(siteDir, 'layouts/index.html'), list);
  for (const kind of ['policies', 'runbooks']) {
    await mkdir(join(siteDir, 'content', kind), { recursive: true });
    for (const file of await readdir(join(contentRoot, 'content', kind))) {
      // The bodies are plain Markdown (no JSX), so the MDX file is a valid Hugo page as it is.
      await writeFile(join(siteDir, 'content', kind, file.replace(/\.mdx$/, '.md')), await readFile(join(contentRoot, 'content', kind, file)));
    }
  }
  await mkdir(join(siteDir, 'content/controls'), { recursive: true });
  for (const file of await readdir(join(contentRoot, 'content/controls'))) {
    const data = parse(await readFile(join(contentRoot, 'content/controls', file), 'utf8'));
    await writeFile(join(siteDir, 'content/controls', file.replace(/\.yaml$/, '.md')), controlPage(data));
  }
}
