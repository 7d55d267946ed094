import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** CSV in and out through csv-parse and csv-stringify (RFC 4180), so quoting edge cases are theirs to get right. */

/**
 * Header row plus rows, CRLF line ends, with a byte-order mark so Excel reads UTF-8. Cells
 * starting with =, +, -, @, tab or CR get a leading ' so spreadsheet programs show them
 * instead of running them as formulas (numbers keep their minus sign).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return stringify([header, ...rows] as (string | number | undefined)[][], {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

/** One row of a CSV file and the file line it starts on, for messages that point at it. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A CSV file that cannot be read, at the line where reading stopped. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

const syntaxMessages: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed; add the closing " (a quote inside a cell is written "")',
  INVALID_OPENING_QUOTE: 'a quote in the middle of a cell; put the whole cell in quotes and write a quote inside it as ""',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote; put the whole cell in quotes and write a quote inside it as ""',
};

/**
 * Reads CSV (quoted fields, doubled quotes, CRLF, LF or CR line ends, optional byte-order
 * mark), skipping blank rows, with the line each row starts on. Throws CsvSyntaxError.
 */
export function readCsv(text: string): CsvRow[] {
  // One line-end style for the whole file: csv-parse counts CRLF inside a quoted cell as two lines.
  const input = text.replace(/\r\n?/g, '\n');
  let lastLine = 0;
  try {
    const records = parse(input, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // `lines` is where a row ends; a quoted cell may span several lines.
    return records.map(({ record, info }) => ({
      line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
      cells: record,
    }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // An unclosed quote is found only at the end of the file; it opened on the first line after the last complete row.
    const nextRow = () =>
      lastLine +
      1 +
      Math.max(
        0,
        input
          .split('\n')
          .slice(lastLine)
          .findIndex((l) => l.trim() !== ''),
      );
    const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? nextRow() : ((error as CsvError & { lines?: number }).lines ?? nextRow());
    throw new CsvSyntaxError(syntaxMessages[error.code] ?? error.message, line);
  }
}
