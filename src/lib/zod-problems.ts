import type { z } from 'zod';
import { formatFieldPath, type FieldPath, type Problem } from './problems.ts';

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

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required but missing';
      return `expected ${typeWords[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (check the spelling)`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'email') return `expected an email address, got ${describeValue(issue.input)}`;
      if (issue.format === 'url') return `expected a full URL such as https://example.com, got ${describeValue(issue.input)}`;
      return `${issue.message}, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

/**
 * Turns a failed zod parse into problems that name the file and the field. For an unknown
 * field the path is extended with its name, so the line points at the typo itself.
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
      message: issueMessage(issue),
    };
  });
}
