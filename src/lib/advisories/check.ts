import type { Advisory } from '../../schemas/advisory.ts';
import type { Entry } from '../content/load.ts';
import type { ContentSet } from '../content/load.ts';
import { formatFieldPath, type FieldPath, type Problem } from '../content/problems.ts';
import type { ContentSource } from '../content/source.ts';
import { parseCvss31 } from './cvss.ts';

/** Where published SBOM files live; the trust center copies them to /sbom/. */
export const SBOM_DIR = 'public/sbom';

/**
 * What `check` says about products and advisories beyond their schemas: versions that do not
 * exist, vectors that do not parse, revision histories that disagree with the release dates,
 * and SBOM files that are named but missing.
 */
export async function advisoryProblems(content: ContentSet, source: ContentSource): Promise<Problem[]> {
  const problems: Problem[] = [];
  const error = (entry: Entry<unknown>, path: FieldPath, message: string) =>
    problems.push({ severity: 'error', file: entry.file, line: entry.locate?.(path), field: formatFieldPath(path), message });

  const versions = new Map<string, Set<string>>();
  for (const product of content.products) {
    const seen = new Set<string>();
    for (const [index, version] of product.data.versions.entries()) {
      if (seen.has(version.version)) error(product, ['versions', index, 'version'], `version ${version.version} is listed twice`);
      seen.add(version.version);
      if (version.sbom && version.sbom !== 'on-request' && !(await source.exists(`${SBOM_DIR}/${version.sbom}`))) {
        error(product, ['versions', index, 'sbom'], `"${version.sbom}" is not in ${SBOM_DIR}/; add the CycloneDX file or write on-request`);
      }
    }
    versions.set(product.data.id, seen);
  }
  const known = [...versions.keys()].join(', ') || 'none: add content/products/<id>.yaml';

  for (const entry of content.advisories) {
    const advisory: Advisory = entry.data;
    const refs = (path: FieldPath, list: { product: string; versions: string[] }[]) => {
      for (const [i, ref] of list.entries()) {
        const listed = versions.get(ref.product);
        if (!listed) {
          error(entry, [...path, i, 'product'], `unknown product "${ref.product}" (known: ${known})`);
          continue;
        }
        for (const [j, version] of ref.versions.entries()) {
          if (!listed.has(version)) {
            error(
              entry,
              [...path, i, 'versions', j],
              `${ref.product} has no version "${version}" (known: ${[...listed].join(', ')}); add it to the product file first`,
            );
          }
        }
      }
    };
    for (const [v, vulnerability] of advisory.vulnerabilities.entries()) {
      const at = (field: string): FieldPath => ['vulnerabilities', v, field];
      refs(at('affected'), vulnerability.affected);
      refs(at('fixed'), vulnerability.fixed);
      refs(at('notAffected'), vulnerability.notAffected);
      for (const [r, remediation] of vulnerability.remediations.entries()) refs([...at('remediations'), r, 'products'], remediation.products);
      if (vulnerability.cvss31 !== undefined) {
        try {
          parseCvss31(vulnerability.cvss31);
        } catch (cause) {
          error(entry, at('cvss31'), `invalid CVSS v3.1 vector: ${(cause as Error).message}`);
        }
      }
      if (vulnerability.affected.length === 0 && vulnerability.fixed.length === 0 && vulnerability.notAffected.length === 0) {
        error(entry, ['vulnerabilities', v], `${vulnerability.cve} names no product: list affected, fixed or notAffected versions`);
      }
      if (vulnerability.affected.length > 0 && vulnerability.remediations.length === 0) {
        error(
          entry,
          at('remediations'),
          `${vulnerability.cve} affects versions but has no remediation; add one (vendor_fix, mitigation, workaround, no_fix_planned or none_available)`,
        );
      }
    }
    const revisions = advisory.revisions;
    for (const [i, revision] of revisions.entries()) {
      if (revision.number !== i + 1) error(entry, ['revisions', i, 'number'], `revision numbers count 1, 2, 3… in order; expected ${i + 1}`);
      if (i > 0 && revision.date < revisions[i - 1]!.date)
        error(entry, ['revisions', i, 'date'], `${revision.date} is before the previous revision (${revisions[i - 1]!.date})`);
    }
    const last = revisions.length - 1;
    if (revisions[last]!.date !== advisory.currentRelease) {
      error(
        entry,
        ['revisions', last, 'date'],
        `the latest revision is dated ${revisions[last]!.date} but currentRelease is ${advisory.currentRelease}; add a revision for the current release or correct the date`,
      );
    }
    if (revisions[0]!.date !== advisory.initialRelease) {
      error(entry, ['revisions', 0, 'date'], `the first revision is dated ${revisions[0]!.date} but initialRelease is ${advisory.initialRelease}`);
    }
  }
  return problems;
}
