import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export const DEV_SIGNING_KEY_FILE = 'dev-signing-key.json';
export const DEV_SIGNING_ALG = 'ES256';

export interface DevSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

interface StoredKey {
  readonly kid: string;
  readonly jwk: JWK;
}

/**
 * Loads the dev issuer's ES256 key from `dataDir`, creating it once (mode 0600). Creation
 * is atomic (written aside, then hard-linked into place), so two processes starting
 * together end up with the same key.
 */
export async function loadOrCreateDevSigningKey(dataDir: string): Promise<DevSigningKey> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, DEV_SIGNING_KEY_FILE);
  const existing = await readStoredKey(path);
  if (existing) return importStoredKey(existing, path);

  const { privateKey } = await generateKeyPair(DEV_SIGNING_ALG, { extractable: true });
  const stored: StoredKey = { kid: randomUUID(), jwk: await exportJWK(privateKey) };
  const aside = `${path}.${randomUUID()}.tmp`;
  await writeFile(aside, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
  try {
    await link(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(aside);
  }
  const winner = await readStoredKey(path);
  if (!winner) throw new Error(`Dev signing key ${path} could not be created`);
  return importStoredKey(winner, path);
}

async function readStoredKey(path: string): Promise<StoredKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) await chmod(path, 0o600);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Dev signing key ${path} is not valid JSON; delete it to create a new one`);
  }
  if (!isStoredKey(parsed))
    throw new Error(`Dev signing key ${path} is not an ES256 key; delete it to create a new one`);
  return parsed;
}

function isStoredKey(value: unknown): value is StoredKey {
  if (typeof value !== 'object' || value === null) return false;
  const { kid, jwk } = value as Partial<StoredKey>;
  return (
    typeof kid === 'string' &&
    typeof jwk === 'object' &&
    jwk !== null &&
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    typeof jwk.d === 'string'
  );
}

async function importStoredKey(stored: StoredKey, path: string): Promise<DevSigningKey> {
  const privateKey = await importJWK(stored.jwk, DEV_SIGNING_ALG);
  if (privateKey instanceof Uint8Array)
    throw new Error(`Dev signing key ${path} is not an asymmetric key`);
  const { kty, crv, x, y } = stored.jwk;
  return {
    kid: stored.kid,
    privateKey,
    publicJwk: { kty, crv, x, y, kid: stored.kid, alg: DEV_SIGNING_ALG, use: 'sig' },
  };
}
