import { collections, type CollectionData, type CollectionName } from './collections.ts';
import { formatProblem, hasErrors, type FieldPath, type Problem } from './problems.ts';
import { fileStem, readCollection, type RawEntry, type RejectedEntry } from './read.ts';
import type { ContentSource } from './source.ts';
import { contentParseOptions, zodProblems } from './zod-problems.ts';

/** A validated document. */
export interface Entry<T> {
  id: string;
  /** Path relative to the content root. */
  file: string;
  data: T;
  body?: string;
  /** The 1-based line of the file on which the body starts. */
  bodyLine?: number;
  locate?: (path: FieldPath) => number | undefined;
}

type Single<N extends CollectionName> = Entry<CollectionData<N>> | undefined;
type Many<N extends CollectionName> = Entry<CollectionData<N>>[];

/** Every validated document of a content root, by collection. */
export interface ContentSet {
  site: Single<'site'>;
  policies: Many<'policies'>;
  runbooks: Many<'runbooks'>;
  controls: Many<'controls'>;
  frameworks: Many<'frameworks'>;
  applicability: Single<'applicability'>;
  systemBoundary: Single<'systemBoundary'>;
  sharedResponsibility: Single<'sharedResponsibility'>;
  subprocessors: Single<'subprocessors'>;
  trustPages: Many<'trustPages'>;
  securityUpdates: Many<'securityUpdates'>;
  trustDocuments: Single<'trustDocuments'>;
  nda: Single<'nda'>;
  trustAccess: Single<'trustAccess'>;
  products: Many<'products'>;
  advisories: Many<'advisories'>;
}

/** Validates one raw entry against its collection's schema; an invalid one comes back as rejected. */
export function validateEntry<N extends CollectionName>(
  raw: RawEntry & { collection: N },
): { entry?: Entry<CollectionData<N>>; rejected?: RejectedEntry; problems: Problem[] } {
  const result = collections[raw.collection].schema.safeParse(raw.data, contentParseOptions);
  if (!result.success) {
    const faults = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path]);
    const ids = 'folder' in collections[raw.collection].location ? [...new Set([raw.id, fileStem(raw.file)])] : [raw.id];
    return {
      rejected: { collection: raw.collection, ids, file: raw.file, data: raw.data, body: raw.body, bodyLine: raw.bodyLine, locate: raw.locate, faults },
      problems: zodProblems(result.error, raw.file, raw.locate),
    };
  }
  return {
    entry: { id: raw.id, file: raw.file, data: result.data as CollectionData<N>, body: raw.body, bodyLine: raw.bodyLine, locate: raw.locate },
    problems: [],
  };
}

/** Two files claiming one id would make links and acknowledgements ambiguous. */
function duplicateIdProblems(entries: readonly Entry<unknown>[], noun: string): Problem[] {
  const firstById = new Map<string, Entry<unknown>>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    const first = firstById.get(entry.id);
    if (first) {
      problems.push({
        severity: 'error',
        file: entry.file,
        line: entry.locate?.(['id']),
        field: 'id',
        message: `duplicate ${noun} id "${entry.id}": ${first.file} already uses it; give one of them a new id`,
      });
    } else {
      firstById.set(entry.id, entry);
    }
  }
  return problems;
}

const nouns: Partial<Record<CollectionName, string>> = {
  policies: 'policy',
  runbooks: 'runbook',
  controls: 'control',
  frameworks: 'framework',
  trustPages: 'trust page',
  securityUpdates: 'security update',
  products: 'product',
  advisories: 'advisory',
};

/**
 * Reads and validates the given collections from a source; the rest stay empty. Files that
 * cannot be read or fail validation are reported in `problems` and listed in `rejected`.
 */
export async function loadContent(
  source: ContentSource,
  names: readonly CollectionName[] = Object.keys(collections) as CollectionName[],
): Promise<{ content: ContentSet; rejected: RejectedEntry[]; problems: Problem[] }> {
  const content = emptyContentSet();
  const rejected: RejectedEntry[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const read = await readCollection(source, name);
    problems.push(...read.problems);
    rejected.push(...read.rejected);
    const valid: Entry<unknown>[] = [];
    for (const raw of read.entries) {
      const result = validateEntry(raw);
      problems.push(...result.problems);
      if (result.entry) valid.push(result.entry);
      if (result.rejected) rejected.push(result.rejected);
    }
    if ('folder' in collections[name].location) {
      problems.push(...duplicateIdProblems(valid, nouns[name] ?? name));
      (content as unknown as Record<string, unknown>)[name] = valid;
    } else {
      (content as unknown as Record<string, unknown>)[name] = valid[0];
    }
  }
  return { content, rejected, problems };
}

/** Like loadContent, for servers and commands that cannot work around invalid content: errors throw. */
export async function loadValidContent(source: ContentSource, names: readonly CollectionName[]): Promise<ContentSet> {
  const { content, problems } = await loadContent(source, names);
  if (hasErrors(problems)) throw new Error(`the content has errors; run \`charter check\`:\n${problems.map(formatProblem).join('\n')}`);
  return content;
}

export function emptyContentSet(): ContentSet {
  return {
    site: undefined,
    policies: [],
    runbooks: [],
    controls: [],
    frameworks: [],
    applicability: undefined,
    systemBoundary: undefined,
    sharedResponsibility: undefined,
    subprocessors: undefined,
    trustPages: [],
    securityUpdates: [],
    trustDocuments: undefined,
    nda: undefined,
    trustAccess: undefined,
    products: [],
    advisories: [],
  };
}
