// A CVSS v3.1 base-vector parser and calculator, written from the FIRST specification
// (sections 5, 7.1 and Appendix A): small, fixed, and exactly what advisories need.

export type Severity = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Cvss31 {
  vectorString: string;
  baseScore: number;
  baseSeverity: Severity;
}

const weights = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  PR: { N: 0.85, L: 0.62, H: 0.27 },
  UI: { N: 0.85, R: 0.62 },
  S: { U: 0, C: 0 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
} as const;
type Metric = keyof typeof weights;
const order = Object.keys(weights) as Metric[];

/** Round up to one decimal the way the specification does it (Appendix A), free of floating-point surprises. */
export function roundUp(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

export function severityOf(score: number): Severity {
  if (score === 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  if (score < 9) return 'HIGH';
  return 'CRITICAL';
}

/**
 * Parses a CVSS v3.1 base vector and computes its base score. Throws an Error whose message
 * says what is wrong, e.g. `AV:X is not a valid value (use N, A, L or P)`.
 */
export function parseCvss31(vector: string): Cvss31 {
  const [prefix, ...parts] = vector.trim().split('/');
  if (prefix !== 'CVSS:3.1') throw new Error(`"${vector}" must start with CVSS:3.1/`);
  const values = new Map<Metric, string>();
  for (const part of parts) {
    const [key, value, extra] = part.split(':');
    if (!key || value === undefined || extra !== undefined) throw new Error(`"${part}" is not a metric written as KEY:VALUE`);
    if (!(key in weights)) throw new Error(`${key} is not a CVSS v3.1 base metric (expected ${order.join(', ')})`);
    if (values.has(key as Metric)) throw new Error(`${key} appears twice`);
    const allowed = Object.keys(weights[key as Metric]);
    if (!allowed.includes(value)) throw new Error(`${key}:${value} is not a valid value (use ${allowed.join(', ')})`);
    values.set(key as Metric, value);
  }
  const missing = order.filter((m) => !values.has(m));
  if (missing.length) throw new Error(`the vector lacks ${missing.join(', ')}; a base vector names all of ${order.join(', ')}`);
  const w = (m: Metric) => (weights[m] as Record<string, number>)[values.get(m)!]!;
  const changed = values.get('S') === 'C';
  const pr = changed && values.get('PR') !== 'N' ? ({ L: 0.68, H: 0.5 } as Record<string, number>)[values.get('PR')!]! : w('PR');
  const iss = 1 - (1 - w('C')) * (1 - w('I')) * (1 - w('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * w('AV') * w('AC') * pr * w('UI');
  const baseScore = impact <= 0 ? 0 : roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
  const vectorString = `CVSS:3.1/${order.map((m) => `${m}:${values.get(m)}`).join('/')}`;
  return { vectorString, baseScore, baseSeverity: severityOf(baseScore) };
}
