import { describe, expect, it } from 'vitest';
import { anchorId, slug } from '../src/lib/graph/ids.ts';
import { subprocessorAnchor } from '../src/lib/publish/subprocessor-changes.ts';

describe('the one slug rule', () => {
  it('turns a name into lower-case words without accents or stray hyphens', () => {
    expect(slug('Snowflake Inc.')).toBe('snowflake-inc');
    expect(slug('  Access & Identity  ')).toBe('access-identity');
    expect(slug('Zürich Rück AG')).toBe('zurich-ruck-ag');
    expect(subprocessorAnchor('Northwind Analytics GmbH')).toBe('northwind-analytics-gmbh');
  });

  it('keeps a code readable as the code', () => {
    expect(anchorId('SR 1.1')).toBe('SR-1.1');
    expect(anchorId('A.5.15')).toBe('A.5.15');
    expect(anchorId('PR.AA-01')).toBe('PR.AA-01');
  });
});
