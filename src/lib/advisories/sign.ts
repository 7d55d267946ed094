import * as openpgp from 'openpgp';

/** A private key ready to sign, with what the provider publishes about it. */
export interface SigningKey {
  key: openpgp.PrivateKey;
  /** The armoured public key, published beside the documents. */
  publicArmored: string;
  /** Upper-case hex fingerprint, as CSAF's provider metadata lists it. */
  fingerprint: string;
}

/**
 * Reads an armoured OpenPGP private key (CHARTER_OPENPGP_KEY), unlocking it with the passphrase
 * when it is protected. Throws naming the variable when the key cannot be used.
 */
export async function readSigningKey(armored: string, passphrase?: string): Promise<SigningKey> {
  let key: openpgp.PrivateKey;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: armored });
    if (!key.isDecrypted()) {
      if (!passphrase) throw new Error('the key is protected; set CHARTER_OPENPGP_PASSPHRASE');
      key = await openpgp.decryptKey({ privateKey: key, passphrase });
    }
  } catch (cause) {
    throw new Error(`CHARTER_OPENPGP_KEY: not a usable armoured OpenPGP private key: ${(cause as Error).message}`, { cause });
  }
  return { key, publicArmored: key.toPublic().armor(), fingerprint: key.getFingerprint().toUpperCase() };
}

/** A detached, armoured signature of a document: its .asc file (CSAF 2.0 section 7.1.19). */
export async function detachedSignature(text: string, signing: SigningKey): Promise<string> {
  const message = await openpgp.createMessage({ text, format: 'utf8' });
  return (await openpgp.sign({ message, signingKeys: signing.key, detached: true, format: 'armored' })) as string;
}

/** The text wrapped in an OpenPGP cleartext signature, as RFC 9116 allows for security.txt. */
export async function clearSign(text: string, signing: SigningKey): Promise<string> {
  const message = await openpgp.createCleartextMessage({ text });
  return (await openpgp.sign({ message, signingKeys: signing.key, format: 'armored' })) as string;
}
