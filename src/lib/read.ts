import matter from 'gray-matter';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { collections, type CollectionName, type CollectionSpec } from './collections.ts';
import type { FieldPath, Problem } from './problems.ts';
import type { ContentSource } from './source.ts';

/** A content file as written, before validation. */
export interface RawEntry {
  collection: CollectionName;
  /** The document's id: its `id` field for folder collections, the collection name for single files. */
  id: string;
  /** Path relative to the content root. */
  file: string;
  data: unknown;
  body?: string;
  /** The 1-based line of a field in the file, for error messages. */
  locate(path: FieldPath): number | undefined;
}

// Dates stay strings ("YAML 1.2 core"), so a value means the same in the CLI, in Astro and in git history.
const yamlOptions = { schema: 'core', prettyErrors: false } as const;

function parseYaml(text: string, lineOffset: number, file: string): { data: unknown; locate: RawEntry['locate']; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { ...yamlOptions, lineCounter });
  const problems: Problem[] = doc.errors.map((error) => ({
    severity: 'error',
    file,
    line: lineCounter.linePos(error.pos[0]).line + lineOffset,
    message: `not valid YAML: ${error.message.split('\n')[0]}`,
  }));
  return { data: problems.length ? undefined : doc.toJS(), locate: fieldLocator(() => doc, lineCounter, lineOffset), problems };
}

/**
 * Finds the 1-based line of a field in a parsed YAML (or JSON) document. A missing field has no
 * node, so it points at the nearest parent that exists. The document is asked for on first use.
 */
export function fieldLocator(document: () => Document, lineCounter: LineCounter, lineOffset = 0): RawEntry['locate'] {
  return (path) => {
    const doc = document();
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line + lineOffset;
    }
    return undefined;
  };
}

/** Parses one file's text into a raw entry, or problems when it cannot be read at all. */
export function parseContentFile(
  collection: CollectionName,
  file: string,
  text: string,
): { entry?: RawEntry; problems: Problem[] } {
  const spec: CollectionSpec = collections[collection];
  let data: unknown;
  let body: string | undefined;
  let locate: RawEntry['locate'];
  let problems: Problem[];
  if (spec.body) {
    if (!/^---\r?\n/.test(text)) {
      return { problems: [{ severity: 'error', file, line: 1, message: 'missing frontmatter: the file must start with a --- line, then the fields, then another ---' }] };
    }
    const parsed = matter(text, { engines: { yaml: () => ({}) } });
    // gray-matter splits the file; `yaml` parses the frontmatter so every field keeps its line.
    // The frontmatter starts on line 2, or on line 1 of `matter` when gray-matter kept the newline after ---.
    ({ data, locate, problems } = parseYaml(parsed.matter, parsed.matter.startsWith('\n') ? 0 : 1, file));
    body = parsed.content;
  } else {
    ({ data, locate, problems } = parseYaml(text, 0, file));
  }
  if (problems.length) return { problems };
  if (data === null || data === undefined) data = {};
  const declaredId = 'folder' in spec.location && typeof (data as { id?: unknown }).id === 'string' ? (data as { id: string }).id : undefined;
  const id = 'folder' in spec.location ? (declaredId ?? fileStem(file)) : collection;
  return { entry: { collection, id, file, data, body, locate }, problems: [] };
}

function fileStem(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}

/** Reads every file of a collection from a source. A missing single file is a problem; an empty folder is not. */
export async function readCollection(
  source: ContentSource,
  collection: CollectionName,
): Promise<{ entries: RawEntry[]; problems: Problem[] }> {
  const spec: CollectionSpec = collections[collection];
  const files = 'folder' in spec.location
    ? (await source.list(spec.location.folder)).filter((f) => (spec.location as { extensions: readonly string[] }).extensions.some((ext) => f.endsWith(ext)))
    : [spec.location.file];
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const text = await source.read(file);
    if (text === undefined) {
      problems.push({ severity: 'error', file, message: 'file is missing; create it (see the example content)' });
      continue;
    }
    const parsed = parseContentFile(collection, file, text);
    problems.push(...parsed.problems);
    if (parsed.entry) entries.push(parsed.entry);
  }
  return { entries, problems };
}
