// Writes the example company's compliance repository: a git repository whose HEAD holds exactly
// this project's content/, frameworks/, evidence-snapshots/ and public/, and whose history reads
// like Kestrel's own — an initial import in autumn 2024, then pull requests merged the way
// GitHub merges them (merge commits and squash merges, with Approved-by/Reviewed-by trailers),
// a few direct commits, and evidence committed weekly by the evidence bot. The changes are in
// scripts/example/history.mjs. Example-only tooling: not part of Charter.
//
//   node scripts/example/make-history.mjs [--out DIR] [--from DIR]
//
// --out   where to write the repository (default .example/ at the project top; git-ignored).
//         An existing folder is replaced only when this script wrote it.
// --from  the project whose content to take (default this one).
//
// Same content in, same commit hashes out: every author, committer and date is fixed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { changes, evidenceBot, importAuthor, importDate, importMessage } from './history.mjs';

const project = fileURLToPath(new URL('../../', import.meta.url));
/** What the repository holds, as in this project. */
const folders = ['content', 'frameworks', 'evidence-snapshots', 'public'];
const MARKER = 'charter-example-history';
const github = { name: 'GitHub', email: 'noreply@github.com' };
const organisation = 'kestrel';

class HistoryError extends Error {}
const fail = (message) => {
  throw new HistoryError(message);
};

function options(argv) {
  const result = { out: join(project, '.example'), from: project };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name !== '--out' && name !== '--from') {
      console.error(`make-history: unknown option ${name} (use --out DIR, --from DIR)`);
      process.exit(2);
    }
    const value = argv[++i];
    if (!value) {
      console.error(`make-history: ${name} needs a folder`);
      process.exit(2);
    }
    result[name.slice(2)] = resolve(value);
  }
  return result;
}

async function filesUnder(root, folder) {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Every file of the project's folders: path → bytes. */
async function readProject(root) {
  const files = new Map();
  for (const folder of folders) for (const path of await filesUnder(root, folder)) files.set(path, await readFile(join(root, path)));
  if (!files.has('content/site.yaml')) fail(`${join(root, 'content/site.yaml')} does not exist: --from must name a Charter content root`);
  return files;
}

// ---- Undoing a change ------------------------------------------------------------------------

const preview = (text) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}…` : text);

function occurrences(text, part) {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
  return count;
}

/** The top-level `key: value` lines an edit may change: a document's frontmatter, or a YAML file's top level. */
function fieldArea(path, text, where) {
  if (!path.endsWith('.mdx') && !path.endsWith('.md')) return { start: 0, end: text.length };
  const match = /^---\n[\s\S]*?\n---\n/.exec(text);
  if (!match) fail(`${where}: ${path} has no frontmatter`);
  return { start: 0, end: match[0].length };
}

function setFields(path, text, values, where) {
  const area = fieldArea(path, text, where);
  let head = text.slice(area.start, area.end);
  for (const [key, value] of Object.entries(values)) {
    const line = new RegExp(`^${key}:.*\\n`, 'm');
    const present = line.test(head);
    if (value === null) {
      if (!present) fail(`${where}: ${path} has no "${key}:" field to remove`);
      head = head.replace(line, '');
    } else if (present) {
      head = head.replace(line, `${key}: ${value}\n`);
    } else {
      // A field the newer version dropped comes back after `effective:` (or `version:`, or `owner:`).
      const anchor = ['effective', 'version', 'owner'].map((k) => new RegExp(`^${k}:.*\\n`, 'm').exec(head)).find(Boolean);
      if (!anchor) fail(`${where}: ${path} has no "${key}:" field and nowhere to put one back`);
      const at = anchor.index + anchor[0].length;
      head = `${head.slice(0, at)}${key}: ${value}\n${head.slice(at)}`;
    }
  }
  return text.slice(0, area.start) + head + text.slice(area.end);
}

/** Applies one undo edit to the files (path → text or undefined when absent). */
function undo(files, edit, where) {
  const stored = files.get(edit.path);
  const text = Buffer.isBuffer(stored) ? stored.toString('utf8') : stored;
  if (edit.op === 'added') {
    if (text === undefined) fail(`${where}: the change adds ${edit.path}, which does not exist`);
    files.set(edit.path, undefined);
    return;
  }
  if (text === undefined) fail(`${where}: ${edit.path} does not exist at this point of the history`);
  if (edit.op === 'replace') {
    const count = occurrences(text, edit.now);
    if (count !== 1) fail(`${where}: ${edit.path} should contain ${preview(edit.now)} once, but has it ${count} times`);
    files.set(
      edit.path,
      text.replace(edit.now, () => edit.before),
    );
  } else if (edit.op === 'cut') {
    const from = text.indexOf(edit.from);
    if (from < 0 || occurrences(text, edit.from) !== 1) fail(`${where}: ${edit.path} should contain ${preview(edit.from)} once`);
    const to = edit.to === null ? text.length : text.indexOf(edit.to, from + edit.from.length);
    if (to < 0) fail(`${where}: ${edit.path} has no ${preview(edit.to)} after ${preview(edit.from)}`);
    files.set(edit.path, text.slice(0, from) + edit.before + text.slice(to));
  } else if (edit.op === 'fields') {
    files.set(edit.path, setFields(edit.path, text, edit.values, where));
  } else {
    fail(`${where}: unknown edit ${edit.op}`);
  }
  if (files.get(edit.path) === text) fail(`${where}: undoing the edit of ${edit.path} changes nothing`);
}

// ---- The plan: every commit with its files ----------------------------------------------------

const evidenceFile = /^evidence-snapshots\/.+\.json$/;

/**
 * Walks the changes back from today's files, so each commit knows the files it writes; what is
 * left is the initial import.
 */
function plan(current, people, asOf) {
  const text = new Map();
  // Files stay bytes (PDFs, spreadsheets) until an edit reads them as text.
  for (const [path, bytes] of current) if (!evidenceFile.test(path)) text.set(path, bytes);
  const person = (id, where) => people.get(id) ?? fail(`${where}: no person "${id}" in content/site.yaml`);
  const ordered = [...changes].sort((a, b) => a.date.localeCompare(b.date));
  const commits = [];
  let number = 11;
  const numbers = new Map();
  ordered.forEach((change, index) => {
    if (change.via !== 'direct') {
      // Pull request numbers rise with gaps, for pull requests closed without merging and issues.
      number += [1, 3, 2, 1, 4, 2, 1][index % 7];
      numbers.set(change, number);
    }
  });
  for (const change of ordered.toReversed()) {
    const where = `change "${change.title}" (${change.date.slice(0, 10)}, scripts/example/history.mjs)`;
    if (change.date.slice(0, 10) >= asOf) fail(`${where} is dated on or after asOf ${asOf} in content/site.yaml`);
    if (change.date <= importDate) fail(`${where} is dated before the initial import`);
    const author = person(change.author, where);
    const states = [];
    for (const commit of change.commits.toReversed()) {
      const paths = [...new Set(commit.edits.map((edit) => edit.path))];
      const after = new Map(paths.map((path) => [path, text.get(path)]));
      for (const edit of commit.edits) undo(text, edit, where);
      states.unshift({ subject: commit.subject ?? change.title, after });
    }
    const approverOf = (path) => /^approver:\s*(\S+)/m.exec(String(text.get(path) ?? ''))?.[1];
    const firstDocument = change.commits.flatMap((c) => c.edits.map((e) => e.path)).find(approverOf);
    const approverIds = change.approvers ?? (firstDocument ? [approverOf(firstDocument)] : []);
    if (change.via !== 'direct' && !approverIds.length) fail(`${where} needs approvers: none of its files names an approver`);
    commits.unshift({
      change,
      where,
      number: numbers.get(change),
      author,
      merger: change.mergedBy ? person(change.mergedBy, where) : author,
      approvers: approverIds.map((id) => person(id, where)),
      reviewers: (change.reviewers ?? []).map((id) => person(id, where)),
      states,
    });
  }
  // The import cannot record a review or test made after it: that needs a change of its own.
  for (const [path, value] of text) {
    const head = value && path.endsWith('.mdx') ? (/^---\n[\s\S]*?\n---\n/.exec(String(value))?.[0] ?? '') : '';
    const dated = /^(lastReviewed|lastTested):\s*(\d{4}-\d{2}-\d{2})/m.exec(head);
    if (dated && dated[2] > importDate.slice(0, 10))
      fail(
        `${path}: the initial import would say ${dated[1]}: ${dated[2]}, after the import itself; add the change that set it to scripts/example/history.mjs`,
      );
  }
  return { initial: text, commits };
}

// ---- Writing the repository -------------------------------------------------------------------

const identity = (who) => `${who.name} <${who.email}>`;

/** Runs git in the repository, away from the user's and the system's configuration. */
function gitRunner(out) {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  return (args, { input } = {}) =>
    execFileSync('git', ['-C', out, '-c', 'core.autocrlf=false', '-c', 'gc.auto=0', ...args], {
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      env,
    });
}

/** An ISO date-time `minutes` earlier. */
const earlier = (date, minutes) => new Date(Date.parse(date) - minutes * 60_000).toISOString().replace('.000Z', 'Z');

function trailers(commit) {
  return [...commit.approvers.map((p) => `Approved-by: ${identity(p)}`), ...commit.reviewers.map((p) => `Reviewed-by: ${identity(p)}`)].join('\n');
}

async function prepare(out) {
  if (existsSync(out)) {
    const entries = await readdir(out);
    if (entries.length && !existsSync(join(out, '.git', MARKER)))
      fail(`${out} exists and was not written by this script; choose another --out or remove it yourself`);
    await rm(out, { recursive: true, force: true });
  }
  await mkdir(out, { recursive: true });
}

export async function makeHistory({ out, from }) {
  const current = await readProject(from);
  const site = parse(current.get('content/site.yaml').toString('utf8'));
  const asOf = site?.asOf ? String(site.asOf) : fail('content/site.yaml has no asOf: the history must end before a fixed day');
  const people = new Map((site.people ?? []).map((p) => [p.id, { name: p.name, email: p.email }]));
  const { initial, commits } = plan(current, people, asOf);

  // Evidence: committed by the bot in weekly batches, at the last collection of each week.
  const evidence = [];
  for (const [path, bytes] of current) {
    if (!evidenceFile.test(path)) continue;
    const collectedAt = JSON.parse(bytes.toString('utf8')).collectedAt;
    if (typeof collectedAt !== 'string') fail(`${path} has no collectedAt`);
    if (collectedAt.slice(0, 10) > asOf) fail(`${path} was collected on ${collectedAt}, after asOf ${asOf} in content/site.yaml`);
    evidence.push({ path, collectedAt, bytes });
  }
  const weeks = new Map();
  for (const snapshot of evidence) {
    const day = new Date(snapshot.collectedAt);
    const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - ((day.getUTCDay() + 6) % 7))).toISOString().slice(0, 10);
    if (!weeks.has(monday)) weeks.set(monday, []);
    weeks.get(monday).push(snapshot);
  }

  const events = [];
  events.push({ at: importDate, kind: 'import' });
  for (const [monday, batch] of weeks) {
    batch.sort((a, b) => a.collectedAt.localeCompare(b.collectedAt) || a.path.localeCompare(b.path));
    const at = new Date(Math.max(...batch.map((s) => Date.parse(s.collectedAt))) + 60_000).toISOString().replace('.000Z', 'Z');
    events.push({ at: at < importDate ? importDate : at, kind: 'evidence', monday, batch });
  }
  for (const commit of commits) {
    const { change } = commit;
    if (change.via === 'merge') {
      // Branch commits a day apart before the merge, the last one the day before.
      commit.states.forEach((state, i) =>
        events.push({ at: earlier(change.date, (commit.states.length - i) * 24 * 60 - 37 * i), kind: 'branch', commit, state }),
      );
    }
    events.push({ at: change.date, kind: change.via, commit });
  }
  // Stable: at the same instant the import comes first, then branch work, then the main line.
  const rank = { import: 0, branch: 1, evidence: 2, merge: 3, squash: 3, direct: 3 };
  events.sort((a, b) => a.at.localeCompare(b.at) || rank[a.kind] - rank[b.kind]);

  await prepare(out);
  const git = gitRunner(out);
  git(['init', '-q', '-b', 'main']);
  await writeFile(join(out, '.git', MARKER), 'Written by scripts/example/make-history.mjs; it replaces this folder on every run.\n');

  // One `git fast-import` stream writes every commit: the same objects `git commit` and
  // `git merge` would, without a work tree or index to refresh between them.
  const stream = [];
  const put = (text) => stream.push(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
  const data = (bytes) => {
    const body = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
    put(`data ${body.length}\n`);
    put(body);
    put('\n');
  };
  const stamp = (who, date) => `${who.name} <${who.email}> ${Math.floor(Date.parse(date) / 1000)} +0000`;
  let marks = 0;
  const write = ({ ref, author, committer = author, date, message, from, merge, files }) => {
    const mark = ++marks;
    put(`commit ${ref}\nmark :${mark}\nauthor ${stamp(author, date)}\ncommitter ${stamp(committer, date)}\n`);
    data(`${message}\n`);
    if (from) put(`from :${from}\n`);
    if (merge) put(`merge :${merge}\n`);
    const paths = [...files.keys()].sort();
    if (!paths.length && !merge) fail(`nothing to commit for "${message.split('\n')[0]}"`);
    for (const path of paths) {
      const content = files.get(path);
      if (content === undefined) put(`D ${path}\n`);
      else {
        put(`M 100644 inline ${path}\n`);
        data(content);
      }
    }
    put('\n');
    return mark;
  };

  let main;
  /** When each path last changed on the main line, to refuse a branch that would conflict. */
  const changedOnMain = new Map();
  const branches = new Map();
  const branchOf = (commit) => commit.change.branch ?? fail(`${commit.where} has no branch`);
  const onMain = (files, at) => {
    for (const path of files.keys()) changedOnMain.set(path, at);
  };
  let pullRequests = 0;
  for (const event of events) {
    if (event.kind === 'import') {
      const files = new Map([...initial].filter(([, content]) => content !== undefined));
      for (const s of evidence) if (s.collectedAt <= importDate) files.set(s.path, s.bytes);
      main = write({ ref: 'refs/heads/main', author: people.get(importAuthor), date: importDate, message: importMessage, files });
    } else if (event.kind === 'evidence') {
      const batch = event.batch.filter((s) => s.collectedAt > importDate);
      if (!batch.length) continue;
      const days = [batch[0].collectedAt.slice(0, 10), batch.at(-1).collectedAt.slice(0, 10)];
      const span = days[0] === days[1] ? days[0] : `${days[0]} to ${days[1]}`;
      const collectors = [...new Set(batch.map((s) => s.path.slice('evidence-snapshots/'.length).split('.')[0]))].sort();
      const files = new Map(batch.map((s) => [s.path, s.bytes]));
      const message = `Evidence: ${batch.length} snapshot${batch.length === 1 ? '' : 's'} collected ${span}\n\nCollectors: ${collectors.join(', ')}.`;
      main = write({ ref: 'refs/heads/main', author: evidenceBot, date: event.at, message, from: main, files });
      onMain(files, event.at);
    } else if (event.kind === 'branch') {
      const name = branchOf(event.commit);
      const branch = branches.get(name) ?? { base: main, since: event.at, files: new Map() };
      branch.tip = write({
        ref: `refs/heads/${name}`,
        author: event.commit.author,
        date: event.at,
        message: event.state.subject,
        from: branch.tip ?? branch.base,
        files: event.state.after,
      });
      for (const [path, content] of event.state.after) branch.files.set(path, content);
      branches.set(name, branch);
    } else if (event.kind === 'merge') {
      const { commit } = event;
      const name = branchOf(commit);
      const branch = branches.get(name) ?? fail(`${commit.where}: no commits on ${name}`);
      for (const path of branch.files.keys())
        if ((changedOnMain.get(path) ?? '') > branch.since) fail(`${commit.where}: ${path} changed on main while ${name} was open; the merge would conflict`);
      const message = `Merge pull request #${commit.number} from ${organisation}/${name}\n\n${commit.change.title}\n\n${trailers(commit)}`;
      main = write({
        ref: 'refs/heads/main',
        author: commit.merger,
        committer: github,
        date: commit.change.date,
        message,
        from: main,
        merge: branch.tip,
        files: branch.files,
      });
      onMain(branch.files, commit.change.date);
      branches.delete(name);
      pullRequests++;
    } else {
      const { commit } = event;
      const files = new Map();
      for (const state of commit.states) for (const [path, content] of state.after) files.set(path, content);
      const body = commit.change.body ? `\n\n${commit.change.body}` : '';
      const message = event.kind === 'squash' ? `${commit.change.title} (#${commit.number})${body}\n\n${trailers(commit)}` : `${commit.change.title}${body}`;
      main = write({
        ref: 'refs/heads/main',
        author: commit.author,
        committer: event.kind === 'squash' ? github : commit.author,
        date: commit.change.date,
        message,
        from: main,
        files,
      });
      onMain(files, commit.change.date);
      if (event.kind === 'squash') pullRequests++;
    }
  }
  if (branches.size) fail(`branches never merged: ${[...branches.keys()].join(', ')}`);
  git(['fast-import', '--quiet', '--date-format=raw'], { input: Buffer.concat(stream) });
  // Merged branches are deleted, as GitHub offers after a merge.
  const leftover = git(['for-each-ref', '--format=%(refname)', 'refs/heads/'])
    .split('\n')
    .filter((ref) => ref && ref !== 'refs/heads/main');
  if (leftover.length) git(['update-ref', '--stdin'], { input: leftover.map((ref) => `delete ${ref}\n`).join('') });
  git(['reset', '-q', '--hard', 'main']);

  // HEAD must be today's content, byte for byte: nothing more, nothing less.
  const tracked = git(['ls-files', '-z']).split('\0').filter(Boolean).sort();
  const expected = [...current.keys()].sort();
  const missing = expected.filter((p) => !tracked.includes(p));
  const extra = tracked.filter((p) => !current.has(p));
  if (missing.length || extra.length)
    fail(`HEAD does not hold the project's files (missing: ${missing.slice(0, 5).join(', ') || 'none'}; extra: ${extra.slice(0, 5).join(', ') || 'none'})`);
  for (const path of expected) {
    if (!(await readFile(join(out, path))).equals(current.get(path)))
      fail(`HEAD's ${path} differs from the project's; check the edits of scripts/example/history.mjs`);
  }
  if (git(['status', '--porcelain']).trim()) fail('the work tree is not clean after the last commit');
  const head = git(['rev-parse', 'HEAD']).trim();
  const count = Number(git(['rev-list', '--count', 'HEAD']).trim());
  return { out, head, commits: count, pullRequests };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { out, from } = options(process.argv.slice(2));
  try {
    const result = await makeHistory({ out, from });
    console.log(
      `✓ example repository ${relative(process.cwd(), result.out) || '.'}: ${result.commits} commits, ${result.pullRequests} pull requests, HEAD ${result.head.slice(0, 12)}`,
    );
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    console.error(`make-history: ${error.message}`);
    process.exit(1);
  }
}
