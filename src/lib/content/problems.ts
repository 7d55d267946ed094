/** One finding about the content, located as precisely as we can for the person who fixes it. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Path relative to the content root, e.g. content/policies/access-control.mdx. */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** 1-based column on that line, when known (MDX compiler errors). */
  column?: number;
  /** Field path as written in the file, e.g. controls[2] or mappings.soc2[0]. */
  field?: string;
  message: string;
}

export type FieldPath = ReadonlyArray<PropertyKey>;

/** Renders a path the way a person reads it in YAML: `rows[3].customer`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

/** `file:line: field: message` or `file:line:column: message`, the shapes editors and CI logs turn into links. */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}${problem.column ? `:${problem.column}` : ''}` : problem.file;
  const field = problem.field ? `${problem.field}: ` : '';
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${prefix}${field}${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Errors first, then by file and line, so a long report reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      Number(a.severity === 'warning') - Number(b.severity === 'warning') ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}
