import { describe, expect, it } from 'vitest';
import { readCsv, toCsv } from '../src/lib/publish/csv.ts';

describe('CSV exports', () => {
  it('defuses every cell a spreadsheet would run as a formula, and leaves other cells and negative numbers alone', () => {
    const csv = toCsv(['cell'], [['=SUM(A1)'], ['+1'], ['-1'], ['@cmd'], ['\tx'], ['\rx'], ['a=b'], [-3], [undefined]]);
    expect(csv.slice(1).split('\r\n')).toEqual(['cell', "'=SUM(A1)", "'+1", "'-1", "'@cmd", "'\tx", `"'\rx"`, 'a=b', '-3', '', '']);
  });

  it('starts with a byte-order mark and ends each row with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});

describe('reading CSV', () => {
  it('gives each row the file line it starts on, skipping blank rows', () => {
    expect(readCsv('\uFEFFa,b\n\n"x\ny",z\n , \nlast,row\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x\ny', 'z'] },
      { line: 6, cells: ['last', 'row'] },
    ]);
  });
});
