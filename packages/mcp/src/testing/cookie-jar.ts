/** The cookies a test "browser" keeps between requests to one site (paths and expiry ignored, deletion honoured). */
export interface CookieJar {
  header(): string;
  take(setCookies: readonly string[]): void;
}

export function createCookieJar(): CookieJar {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    take: (setCookies) => {
      for (const line of setCookies) {
        const [pair = '', ...attributes] = line.split(';');
        const at = pair.indexOf('=');
        if (at <= 0) continue;
        const name = pair.slice(0, at).trim();
        const expired = attributes.some((a) => /^\s*expires=.*1970/i.test(a));
        if (expired || pair.slice(at + 1) === '') cookies.delete(name);
        else cookies.set(name, pair.slice(at + 1).trim());
      }
    },
  };
}
