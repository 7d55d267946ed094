import { z } from 'zod';
import { nonEmpty, slug } from './common.ts';
import { utcTimestamp } from './evidence.ts';

/**
 * content/evidence-keys.yaml: the public keys whose signatures `charter evidence verify` accepts,
 * per collector. A collector signs with the Ed25519 private key in CHARTER_EVIDENCE_KEY (never
 * in the repository); a snapshot's `signature.key` is the fingerprint of the public key listed here.
 */
export const evidenceKeysSchema = z.strictObject({
  keys: z
    .array(
      z.strictObject({
        /** The collector whose snapshots this key signs, e.g. git-change-management. */
        collector: slug,
        /** Ed25519 public key: PEM ("-----BEGIN PUBLIC KEY-----…") or the base64 of its SPKI DER. */
        publicKey: nonEmpty,
        /** Who holds the private key and where it is kept, for the auditor. */
        note: z.string().optional(),
        /** From this instant (UTC), every snapshot of the collector must be signed; earlier ones may be unsigned. */
        requiredFrom: utcTimestamp.optional(),
      }),
    )
    .default([]),
});
export type EvidenceKeys = z.infer<typeof evidenceKeysSchema>;
