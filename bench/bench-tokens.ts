import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_SIGNING_KEY_FILE, DEV_TENANT_ID } from '@salescoach/auth';
import { importJWK, SignJWT, type JWK } from 'jose';

export interface BenchUser {
  /** The id the API gives this user: `dev:<key>`. */
  readonly userId: string;
  readonly key: string;
  readonly name: string;
  readonly token: string;
}

/**
 * Signs tokens for any number of benchmark users with the dev issuer's key from the API's
 * DATA_DIR (the key the running API created). The API checks them like any dev token:
 * same issuer, audience, tenant, algorithm and key; production auth is untouched.
 */
export async function createBenchTokenSigner(
  dataDir: string,
): Promise<(key: string, roles?: readonly string[]) => Promise<BenchUser>> {
  const stored = JSON.parse(await readFile(join(dataDir, DEV_SIGNING_KEY_FILE), 'utf8')) as {
    kid: string;
    jwk: JWK;
  };
  const privateKey = await importJWK(stored.jwk, 'ES256');
  return async (key, roles = ['Sales']) => {
    const name = `Bench ${key}`;
    const email = `${key}@bench.salescoach.dev`;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      oid: key,
      tid: DEV_TENANT_ID,
      name,
      email,
      preferred_username: email,
      roles: [...roles],
    })
      .setProtectedHeader({ alg: 'ES256', kid: stored.kid, typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(key)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 4 * 3600)
      .sign(privateKey);
    return { userId: `${DEV_TENANT_ID}:${key}`, key, name, token };
  };
}
