import { z } from 'zod';
import { controlIdPattern } from './control.ts';
import { nonEmpty, slug } from './common.ts';

// The descriptions double as the published JSON Schema (docs/evidence.schema.json), which
// companies' own collector scripts validate against, so they are written for those authors.

/** A moment in UTC, e.g. 2026-11-20T06:00:00Z: snapshots from any machine sort the same. */
export const utcTimestamp = z.iso.datetime({ offset: false, error: 'expected a UTC time such as 2026-11-20T06:00:00Z' });

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected a SHA-256 hash: 64 lower-case hexadecimal characters' });

export const evidenceDraftSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Optional: the address of this JSON Schema, for editors.'),
    collector: slug.describe(
      'Which collector produced the snapshot, in lower-case words joined by hyphens (e.g. identity-provider-mfa). Each collector has its own hash chain.',
    ),
    collectedAt: utcTimestamp.describe("When the collector ran, in UTC (e.g. 2026-11-20T06:00:00Z). Must be later than the collector's previous snapshot."),
    period: z
      .strictObject({
        from: utcTimestamp.describe('Start of the span the items cover, in UTC.'),
        to: utcTimestamp.describe('End of the span the items cover, in UTC.'),
      })
      .optional()
      .describe('Optional: the span of time the items cover, e.g. the merges since the previous run.'),
    controls: z
      .array(z.string().regex(controlIdPattern, { error: 'expected a control id such as AC-01' }))
      .min(1)
      .describe('Ids of the controls this evidence supports, as written in content/controls (e.g. AC-01). Every id must exist.'),
    summary: nonEmpty.describe('One sentence an auditor reads first, e.g. "84 of 84 active users sign in with WebAuthn only".'),
    source: z.string().trim().min(1).optional().describe('Optional: the system the evidence was read from, e.g. "Okta org kestrel.okta.com".'),
    items: z
      .array(z.record(z.string(), z.unknown()))
      .describe('The records collected, one object per record (a user, a merged change, a recovery point). May be empty when there was nothing to record.'),
  })
  .describe('A Charter evidence snapshot as a collector writes it, before `charter evidence import` adds it to the hash chain.');
export type EvidenceDraft = z.infer<typeof evidenceDraftSchema>;

/** The fields `charter evidence import` and `collect` add; a collector never writes them itself. */
export const chainFields = ['sequence', 'previous', 'hash', 'signature'] as const;

export const evidenceSnapshotSchema = evidenceDraftSchema.extend({
  /** Position in the collector's chain, from 1; a missing number means a deleted snapshot. */
  sequence: z.int().min(1),
  /** Hash of the collector's previous snapshot, or null for its first. */
  previous: sha256.nullable(),
  /** SHA-256 of this snapshot's canonical JSON without the hash and signature fields. */
  hash: sha256,
  /**
   * Ed25519 signature of `hash` (its hex text), added when the collector runs with
   * CHARTER_EVIDENCE_KEY: `key` is the public key's fingerprint (see content/evidence-keys.yaml),
   * `value` the signature in base64.
   */
  signature: z.strictObject({ key: z.string().regex(/^[0-9a-f]{16}$/), value: z.string().min(1) }).optional(),
});
export type EvidenceSnapshot = z.infer<typeof evidenceSnapshotSchema>;
