import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { evidenceKeysSchema } from '../../schemas/evidence-keys.ts';
import type { Problem } from '../content/problems.ts';
import { fieldLocator } from '../content/read.ts';
import type { ContentSource } from '../content/source.ts';
import { contentParseOptions, zodProblems } from '../content/zod-problems.ts';
import type { SnapshotFile } from './snapshots.ts';

/**
 * Signed evidence: a collector holding an Ed25519 private key signs each snapshot's hash (which
 * covers its content and the previous snapshot's hash) when it is appended; `charter evidence
 * verify` checks every signature against the public keys in content/evidence-keys.yaml. The
 * private key comes only from the environment (CHARTER_EVIDENCE_KEY).
 */

export const EVIDENCE_KEYS_FILE = 'content/evidence-keys.yaml';
export const SIGNING_KEY_VARIABLE = 'CHARTER_EVIDENCE_KEY';

/** What appendSnapshot writes into a snapshot: the key's fingerprint and the signature of `hash`. */
export interface SnapshotSignature {
  key: string;
  value: string;
}

/** A key given as PEM, or as the base64 of its DER (PKCS#8 for private, SPKI for public keys). */
function keyObject(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('-----');
  const der = Buffer.from(trimmed, 'base64');
  const key =
    kind === 'private'
      ? createPrivateKey(pem ? trimmed : { key: der, format: 'der', type: 'pkcs8' })
      : createPublicKey(pem ? trimmed : { key: der, format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/** SHA-256 of the public key's SPKI DER, first 16 hex characters: how a signature names its key. */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

/** The signing key from CHARTER_EVIDENCE_KEY, undefined when unset; throws with a clear message when unreadable. */
export function signingKeyFromEnvironment(environment: NodeJS.ProcessEnv = process.env): KeyObject | undefined {
  const text = environment[SIGNING_KEY_VARIABLE];
  if (!text) return undefined;
  try {
    return keyObject(text, 'private');
  } catch (error) {
    throw new Error(`${SIGNING_KEY_VARIABLE}: not an Ed25519 private key in PEM or base64 PKCS#8 DER (${(error as Error).message})`, { cause: error });
  }
}

export function signSnapshotHash(hash: string, key: KeyObject): SnapshotSignature {
  return { key: keyFingerprint(key), value: sign(null, Buffer.from(hash, 'utf8'), key).toString('base64') };
}

export interface CollectorKey {
  collector: string;
  key: KeyObject;
  fingerprint: string;
  requiredFrom?: string;
}

/** The keys of content/evidence-keys.yaml (none when the file does not exist), or problems naming its fields. */
export async function loadEvidenceKeys(source: ContentSource): Promise<{ keys: CollectorKey[]; problems: Problem[] }> {
  const text = await source.read(EVIDENCE_KEYS_FILE);
  if (text === undefined) return { keys: [], problems: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const locate = fieldLocator(() => doc, lineCounter);
  if (doc.errors.length) return { keys: [], problems: [{ severity: 'error', file: EVIDENCE_KEYS_FILE, message: `not valid YAML: ${doc.errors[0]!.message}` }] };
  const parsed = evidenceKeysSchema.safeParse(doc.toJS() ?? {}, contentParseOptions);
  if (!parsed.success) return { keys: [], problems: zodProblems(parsed.error, EVIDENCE_KEYS_FILE, locate) };
  const keys: CollectorKey[] = [];
  const problems: Problem[] = [];
  parsed.data.keys.forEach((entry, index) => {
    try {
      const key = keyObject(entry.publicKey, 'public');
      keys.push({ collector: entry.collector, key, fingerprint: keyFingerprint(key), requiredFrom: entry.requiredFrom });
    } catch (error) {
      problems.push({
        severity: 'error',
        file: EVIDENCE_KEYS_FILE,
        line: locate(['keys', index, 'publicKey']),
        field: `keys[${index}].publicKey`,
        message: `not an Ed25519 public key in PEM or base64 SPKI DER (${(error as Error).message})`,
      });
    }
  });
  return { keys, problems };
}

/** Each snapshot whose signature does not verify, names an unknown key, or is missing where one is required. */
export function signatureProblems(snapshots: readonly SnapshotFile[], keys: readonly CollectorKey[]): Problem[] {
  const problems: Problem[] = [];
  const at = (snapshot: SnapshotFile, field: string, message: string) =>
    problems.push({ severity: 'error', file: snapshot.file, line: snapshot.locate(field.split('.')), field, message });
  for (const snapshot of snapshots) {
    const { collector, collectedAt, hash } = snapshot.data;
    const signature = snapshot.raw.signature as Partial<SnapshotSignature> | undefined;
    const collectorKeys = keys.filter((k) => k.collector === collector);
    if (signature === undefined) {
      const required = collectorKeys.find((k) => k.requiredFrom !== undefined && Date.parse(collectedAt) >= Date.parse(k.requiredFrom));
      if (required)
        at(snapshot, 'collector', `unsigned, but ${EVIDENCE_KEYS_FILE} requires signatures from collector "${collector}" since ${required.requiredFrom}`);
      continue;
    }
    if (typeof signature !== 'object' || typeof signature.key !== 'string' || typeof signature.value !== 'string') {
      at(snapshot, 'signature', 'expected a signature with key (the public key fingerprint) and value (base64)');
      continue;
    }
    const key = collectorKeys.find((k) => k.fingerprint === signature.key);
    if (!key) {
      at(snapshot, 'signature.key', `signed with key ${signature.key}, which ${EVIDENCE_KEYS_FILE} does not list for collector "${collector}"`);
      continue;
    }
    if (!verify(null, Buffer.from(hash, 'utf8'), key.key, Buffer.from(signature.value, 'base64')))
      at(snapshot, 'signature.value', `the signature does not match: the snapshot was changed or re-hashed after collector "${collector}" signed it`);
  }
  return problems;
}
