import { createHash } from 'node:crypto';

/** The namespace of every UUID Charter derives for OSCAL: the v5 UUID of "charter:oscal" in the URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based UUID (RFC 9562 version 5, SHA-1): the same name always gives the same UUID, so exports are byte-identical. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const CHARTER_OSCAL_NAMESPACE = uuidV5('charter:oscal', URL_NAMESPACE);

/** The UUID of one thing in an export, e.g. oscalUuid('party', 'priya'). */
export const oscalUuid = (...parts: string[]): string => uuidV5(parts.join('/'), CHARTER_OSCAL_NAMESPACE);
