import { loadSnapshots } from '../../../lib/evidence/snapshots.ts';
import { evidenceReport } from '../../../lib/evidence/report.ts';
import { directorySource } from '../../../lib/content/source.ts';
import { declaredWindows, recentWindows } from '../../../lib/evidence/freshness.ts';
import { clock, controls, graph, root, site, today } from './portal.ts';

// Apart from portal.ts, so that only the pages showing evidence read the snapshots: the
// on-demand pages (/my/, /acknowledgements/) load portal.ts through the layout.

/** Evidence snapshots, judged against each control's frequency as of this build, over the rolling windows and each declared audit period. */
export const evidence = evidenceReport(graph, (await loadSnapshots(directorySource(root))).snapshots, clock.now.toISOString(), {
  controls,
  windows: [...recentWindows(today), ...declaredWindows(site.frameworks)],
});
