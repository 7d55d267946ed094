import { join } from 'node:path';
import { loadValidContent } from '../lib/content/load.ts';
import { directorySource } from '../lib/content/source.ts';
import type { ServerConfig } from './config.ts';
import type { TrustSettings } from './report-service.ts';

/** Where gated files live unless CHARTER_DOCUMENTS_DIR says otherwise: inside content/, never public/. */
export const DEFAULT_DOCUMENTS_DIR = 'content/trust/gated';

/** Reads what the request server needs from the content root, validated like `charter check` does. */
export async function loadTrustSettings(root: string, config: Pick<ServerConfig, 'documentsDir' | 'publicUrl'>): Promise<TrustSettings> {
  const { site, trustDocuments, trustAccess, nda } = await loadValidContent(directorySource(root), ['site', 'trustDocuments', 'trustAccess', 'nda']);
  if (!site || !trustDocuments || !nda) throw new Error('content/site.yaml, content/trust/documents.yaml and content/trust/nda.md are required');
  if (!trustAccess) throw new Error('content/trust/access.yaml is missing: the request server needs its reviewers and rules');
  return {
    organisation: site.data.organisation.name,
    baseUrl: config.publicUrl ?? site.data.trustCenter.url,
    documents: trustDocuments.data.documents,
    access: trustAccess.data,
    nda: { meta: nda.data, text: (nda.body ?? '').trim() },
    documentsDir: config.documentsDir ?? join(root, DEFAULT_DOCUMENTS_DIR),
  };
}
