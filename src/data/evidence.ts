import { loadSnapshots } from '../lib/evidence.ts';
import { evidenceReport } from '../lib/evidence-report.ts';
import { directorySource } from '../lib/source.ts';
import { controls, graph, root } from './portal.ts';

// Apart from portal.ts, so that only the pages showing evidence read the snapshots: the
// on-demand pages (/my/, /acknowledgements/) load portal.ts through the layout.

/** Evidence snapshots, judged against each control's frequency as of this build. */
export const evidence = evidenceReport(graph, (await loadSnapshots(directorySource(root))).snapshots, new Date().toISOString(), { controls });
