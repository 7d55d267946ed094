import type { FrameworkNode } from '../graph/graph.ts';
import { controlMatrix, statementOfApplicability } from '../graph/soa.ts';

/** A table for CSV and PDF alike. */
export interface Table {
  header: string[];
  rows: string[][];
}

/** "inclusionJustification" → "Inclusion justification". */
const heading = (key: string) => {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const cell = (value: unknown): string =>
  Array.isArray(value) ? value.join('; ') : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : value === undefined || value === null ? '' : String(value);

/**
 * Every field of every row, as columns named after the fields: the package carries whatever
 * the Statement of Applicability and the control matrix hold, in the order the graph gives them.
 */
export function tableOf(rows: readonly object[]): Table {
  const keys: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return { header: keys.map(heading), rows: rows.map((row) => keys.map((key) => cell((row as Record<string, unknown>)[key]))) };
}

export const soaTable = (framework: FrameworkNode): Table => tableOf(statementOfApplicability(framework));
export const controlMatrixTable = (framework: FrameworkNode): Table => tableOf(controlMatrix(framework));
