import matter from 'gray-matter';
import { isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
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
  /** The 1-based line of the file on which the body starts, so body errors point into the file. */
  bodyLine?: number;
  /** The 1-based line of a field in the file, for error messages. */
  locate(path: FieldPath): number | undefined;
}

/**
 * A file that exists but cannot be used as written: its YAML does not parse, or (see load.ts)
 * it fails its schema. Kept so that what depends on it is not reported a second time.
 */
export interface RejectedEntry {
  collection: CollectionName;
  /** The ids it may be known by: its `id` field when readable, and its file name. */
  ids: string[];
  file: string;
  /** The fields as written, when the YAML could be read. */
  data?: unknown;
  body?: string;
  bodyLine?: number;
  locate?: RawEntry['locate'];
  /** Fields the schema rejected (`[]` for the whole file): references inside them are not checked again. */
  faults: FieldPath[];
}

// Dates stay strings ("YAML 1.2 core"), so a value means the same in the CLI, in Astro and in git history.
const yamlOptions = { schema: 'core', prettyErrors: false } as const;

function parseYaml(text: string, lineOffset: number, file: string): { data: unknown; locate: RawEntry['locate']; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { ...yamlOptions, lineCounter });
  const problems: Problem[] = doc.errors.map((error) => {
    const { offset, message } = describeYamlError(doc, error);
    return { severity: 'error', file, line: lineCounter.linePos(offset).line + lineOffset, message: `not valid YAML: ${message}` };
  });
  return { data: problems.length ? undefined : doc.toJS(), locate: fieldLocator(() => doc, lineCounter, lineOffset), problems };
}

/**
 * Where a YAML fault is, and what to do about it. The parser notices an unclosed quote or
 * bracket only where the text runs out, often many lines later; the fault is where it opened.
 */
function describeYamlError(doc: Document, error: YAMLError): { offset: number; message: string } {
  const message = error.message.split('\n')[0]!;
  const at = error.pos[0];
  const opened = (match: (node: unknown) => boolean): number | undefined => {
    let start: number | undefined;
    visit(doc, (_key, node) => {
      const range = (node as { range?: [number, number, number] }).range;
      if (range && range[0] <= at && at <= range[2] && match(node) && (start === undefined || range[0] > start)) start = range[0];
    });
    return start;
  };
  if (error.code === 'MISSING_CHAR' && /quote/.test(message)) {
    const start = opened((node) => isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'));
    const mark = message.includes("'") ? "'" : '"';
    if (start !== undefined) return { offset: start, message: `the ${mark} that opens this value is never closed; end the value with ${mark}` };
  }
  if (/end with an? [\]}]/.test(message)) {
    const start = opened((node) => isCollection(node) && node.flow === true);
    const bracket = message.endsWith(']') ? ']' : '}';
    if (start !== undefined) return { offset: start, message: `the ${bracket === ']' ? '[ that opens this list' : '{ that opens this mapping'} is never closed; end it with ${bracket}` };
  }
  return { offset: at, message };
}

/**
 * Finds the 1-based line of a field in a parsed YAML (or JSON) document. A missing field has no
 * node, so it points at the nearest parent that exists. The document is asked for on first use.
 */
export function fieldLocator(document: () => Document, lineCounter: LineCounter, lineOffset = 0): RawEntry['locate'] {
  return (path) => {
    const doc = document();
    for (let depth = path.length; depth >= 0; depth--) {
      // A named field is where its name is written: a list or mapping value starts a line later.
      const parent = depth > 0 ? doc.getIn(path.slice(0, depth - 1) as unknown[], true) : undefined;
      const key = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === path[depth - 1])?.key : undefined;
      const node = (key ?? doc.getIn(path.slice(0, depth) as unknown[], true)) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line + lineOffset;
    }
    return undefined;
  };
}

/** Parses one file's text into a raw entry, or problems (and what is left of it) when it cannot be read. */
export function parseContentFile(
  collection: CollectionName,
  file: string,
  text: string,
): { entry?: RawEntry; rejected?: RejectedEntry; problems: Problem[] } {
  const spec: CollectionSpec = collections[collection];
  let data: unknown;
  let body: string | undefined;
  let bodyLine: number | undefined;
  let locate: RawEntry['locate'];
  let problems: Problem[];
  if (spec.body) {
    if (!/^---\r?\n/.test(text)) {
      return {
        problems: [{ severity: 'error', file, line: 1, message: 'missing frontmatter: the file must start with a --- line, then the fields, then another ---' }],
        rejected: { collection, ids: ['folder' in spec.location ? fileStem(file) : collection], file, faults: [[]] },
      };
    }
    const parsed = matter(text, { engines: { yaml: () => ({}) } });
    // gray-matter splits the file; `yaml` parses the frontmatter so every field keeps its line.
    // The frontmatter starts on line 2, or on line 1 of `matter` when gray-matter kept the newline after ---.
    ({ data, locate, problems } = parseYaml(parsed.matter, parsed.matter.startsWith('\n') ? 0 : 1, file));
    body = parsed.content;
    // The body is the end of the file: it starts one line after the last newline before it.
    bodyLine = text.slice(0, text.length - body.length).split('\n').length;
  } else {
    ({ data, locate, problems } = parseYaml(text, 0, file));
  }
  const folder = 'folder' in spec.location;
  if (problems.length) {
    return { problems, rejected: { collection, ids: [folder ? fileStem(file) : collection], file, body, bodyLine, locate, faults: [[]] } };
  }
  if (data === null || data === undefined) data = {};
  const declaredId = folder && typeof (data as { id?: unknown }).id === 'string' ? (data as { id: string }).id : undefined;
  const id = folder ? (declaredId ?? fileStem(file)) : collection;
  return { entry: { collection, id, file, data, body, bodyLine, locate }, problems: [] };
}

/** A file's name without folder and extension: `content/controls/AC-01.yaml` is AC-01. */
export function fileStem(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}

/** Reads every file of a collection from a source. A missing single file is a problem; an empty folder is not. */
export async function readCollection(
  source: ContentSource,
  collection: CollectionName,
): Promise<{ entries: RawEntry[]; rejected: RejectedEntry[]; problems: Problem[] }> {
  const spec: CollectionSpec = collections[collection];
  const files = 'folder' in spec.location
    ? (await source.list(spec.location.folder)).filter((f) => (spec.location as { extensions: readonly string[] }).extensions.some((ext) => f.endsWith(ext)))
    : [spec.location.file];
  const entries: RawEntry[] = [];
  const rejected: RejectedEntry[] = [];
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
    if (parsed.rejected) rejected.push(parsed.rejected);
  }
  return { entries, rejected, problems };
}
