/** Renew a token this long before it expires. */
const RENEW_BEFORE_MS = 60_000;

type Issued = { readonly token: string; readonly expiresAt: number };

/** A token source that asks again a minute before the last token expires. */
export function renewing(issue: () => Promise<Issued>): () => Promise<string> {
  let current: Issued | undefined;
  return async () => {
    if (!current || current.expiresAt - Date.now() < RENEW_BEFORE_MS) current = await issue();
    return current.token;
  };
}
