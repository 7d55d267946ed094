import type { z } from 'zod';
import { formatFieldPath, type FieldPath, type Problem } from './problems.ts';
import { plural } from '../words.ts';

/** Says what a value is, in the words a YAML author would use. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
};

/** Charter's wording for an issue whose schema did not write its own message. */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required but missing';
      return `expected ${typeWords[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (check the spelling)`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${plural(Number(issue.minimum), 'item')}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'expected an email address';
      if (issue.format === 'url') return 'expected a full URL such as https://example.com';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Parse options for content schemas: issues carry the input, and each gets Charter's wording
 * unless its schema wrote its own message, which zod puts first (schema, then this map).
 */
export const contentParseOptions = {
  reportInput: true,
  error: (issue: z.core.$ZodRawIssue) => issueMessage(issue),
} as const;

/** Issues about the value itself: the message also says what was written, whoever worded it. */
const saysWhatWasFound = new Set<string>(['invalid_type', 'invalid_value', 'invalid_format']);

function problemMessage(issue: z.core.$ZodIssue): string {
  // A schema's message for a wrong value ("expected a date …") reads oddly for a missing one.
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required but missing';
  if (issue.input !== undefined && saysWhatWasFound.has(issue.code)) return `${issue.message}, got ${describeValue(issue.input)}`;
  return issue.message;
}

/**
 * Turns a failed zod parse (with `contentParseOptions`) into problems that name the file and
 * the field. For an unknown field the path is extended with its name, so the line points at
 * the typo itself.
 */
export function zodProblems(
  error: z.ZodError,
  file: string,
  locate: (path: FieldPath) => number | undefined = () => undefined,
): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    return {
      severity: 'error' as const,
      file,
      line: locate(path),
      field: formatFieldPath(issue.path) || undefined,
      message: problemMessage(issue),
    };
  });
}
