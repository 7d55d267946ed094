import { latestAuditPackages } from '../../../lib/audit/published.ts';
import { root } from './portal.ts';

/** The latest audit package of each framework found in the content root's audit-packages/, read once per build. */
const published = await latestAuditPackages(root);
for (const problem of published.problems) console.warn(`warning: ${problem}`);
export const auditPackages = published.packages;
