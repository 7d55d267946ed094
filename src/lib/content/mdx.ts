import { mdxToJs, mdxToMdast } from 'satteri';
import type { ContentSet } from './load.ts';
import type { Problem } from './problems.ts';
import type { RejectedEntry } from './read.ts';

/**
 * MDX bodies compiled as `charter build` compiles them, with Sätteri (the compiler @astrojs/mdx
 * runs), but without bundling or rendering: a broken tag or an unknown component fails
 * `charter check` at its line in the file, not the build at a line in a compiled chunk.
 */

/** As @astrojs/mdx passes it, so a body compiles here exactly when it compiles in the build. */
const compileOptions = { jsxImportSource: 'astro' } as const;

interface Body {
  file: string;
  body?: string;
  /** The 1-based line of the file on which the body starts. */
  bodyLine?: number;
}

/** Problems with every MDX body of the content, valid or rejected documents alike. */
export function mdxBodyProblems(content: ContentSet, rejected: readonly RejectedEntry[]): Problem[] {
  const documents: Body[] = [...rejected];
  for (const value of Object.values(content) as (Body | Body[] | undefined)[]) {
    if (value) documents.push(...(Array.isArray(value) ? value : [value]));
  }
  return documents.flatMap((document) =>
    document.body !== undefined && document.file.endsWith('.mdx') ? mdxProblems(document.file, document.body, document.bodyLine ?? 1) : []);
}

/** Compiles one body; lines and columns are those of the file the body starts on line `bodyLine` of. */
export function mdxProblems(file: string, body: string, bodyLine: number): Problem[] {
  // Blank lines in place of the frontmatter, as the build does, so every position is a position in the file.
  const source = '\n'.repeat(bodyLine - 1) + body;
  let code: string;
  try {
    code = mdxToJs(source, compileOptions).code;
  } catch (error) {
    return [compileError(file, String((error as Error).message ?? error), bodyLine)];
  }
  // Nothing provides components to content (pages render <Content /> bare), so a tag that is
  // neither imported nor exported by the body is one the compiled page throws on.
  const missing = [...code.matchAll(/_missingMdxReference\("([^"]+)", (true|false)/g)];
  if (!missing.length) return [];
  const tags = jsxTags(source);
  return missing.map(([, name, component]) => {
    const tag = tags.find((t) => t.name === name || t.name.startsWith(`${name}.`));
    const what = component === 'true' ? `unknown component <${name}>` : `<${tag?.name ?? name}>: ${name} is not defined`;
    return {
      severity: 'error' as const,
      file,
      line: tag?.line ?? bodyLine,
      column: tag?.column,
      message: `${what}; import it at the top of the body (import ${name} from '…') or remove the tag`,
    };
  });
}

/** Compiler messages read `line:column: text (rule)`; the rule id means nothing to a content author. */
function compileError(file: string, raw: string, bodyLine: number): Problem {
  const match = /^(\d+):(\d+): ([\s\S]*?)(?: \([\w-]+:[\w-]+\))?$/.exec(raw.trim());
  let message = match ? match[3]!.replace(` (${match[1]}:${match[2]})`, '') : raw.trim();
  const unclosed = /Expected a closing tag for `<([^>\s]+)>`/.exec(message);
  if (unclosed) message += `; close it with </${unclosed[1]}>, or write <${unclosed[1]} /> when it has no content`;
  else if (/Unexpected character|closing brace/.test(message)) message += '; to show a < or { as text, write \\< or \\{';
  return {
    severity: 'error',
    file,
    line: match ? Number(match[1]) : bodyLine,
    column: match ? Number(match[2]) : undefined,
    message: `not valid MDX: ${message}`,
  };
}

interface MdastNode {
  type: string;
  name?: string | null;
  position?: { start: { line: number; column: number } };
  children?: MdastNode[];
}

/** Every JSX tag of a body that compiles, with where it starts. */
function jsxTags(source: string): { name: string; line: number; column: number }[] {
  const tags: { name: string; line: number; column: number }[] = [];
  const visit = (node: MdastNode) => {
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name && node.position) {
      tags.push({ name: node.name, line: node.position.start.line, column: node.position.start.column });
    }
    node.children?.forEach(visit);
  };
  visit(mdxToMdast(source) as unknown as MdastNode);
  return tags;
}

/**
 * Whether an `.mdx` body may need the MDX compiler: JSX, expressions, imports or exports, or
 * something plain Markdown reads otherwise (an indented code block; MDX has none). A body
 * without any of these renders the same as Markdown, so the build renders it in the content
 * layer instead of bundling it as a module. Errs towards MDX: a `<` or `{` anywhere counts.
 */
export function needsMdx(body: string): boolean {
  return /[<>{}]/.test(body) || /^(?:import|export)\b/m.test(body) || /^(?: {4}|\t)/m.test(body);
}
