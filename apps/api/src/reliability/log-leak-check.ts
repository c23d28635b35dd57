import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';

/**
 * Secrets a reliability test plants (in message content, tool arguments) or holds (tokens),
 * checked against every log line its stack wrote: none may ever appear there.
 *
 * ```ts
 * const secrets = watchForLeaks('crm-outage');
 * await send(`How is ${secrets.canary('question')} doing?`);
 * secrets.track(await stack.token('alex'));
 * // afterAll, once the stack is closed:
 * secrets.expectAbsentFrom(stack.logLines);
 * ```
 */
export interface LeakWatch {
  /** A fresh, unguessable marker to put in content or arguments; remembered for the check. */
  canary(label: string): string;
  /** Remembers a secret the test did not make (a token). */
  track(secret: string): void;
  /** Every planted or tracked secret. */
  readonly secrets: readonly string[];
  /** Fails with the offending lines when any secret appears in any line. Needs at least one line. */
  expectAbsentFrom(lines: readonly string[]): void;
}

export function watchForLeaks(scope: string): LeakWatch {
  const secrets: string[] = [];
  return {
    canary(label) {
      const marker = `CANARY${scope.replace(/[^A-Za-z0-9]/g, '')}${label.replace(/[^A-Za-z0-9]/g, '')}${randomBytes(6).toString('hex')}`;
      secrets.push(marker);
      return marker;
    },
    track(secret) {
      // A JWT's signature alone is as secret as the whole token.
      const parts = secret.split('.');
      const signature = parts.length === 3 ? parts[2] : undefined;
      for (const value of [secret, signature]) {
        if (value !== undefined && value.length >= 16 && !secrets.includes(value))
          secrets.push(value);
      }
    },
    secrets,
    expectAbsentFrom(lines) {
      expect(lines.length, `no log lines were captured for ${scope}`).toBeGreaterThan(0);
      const leaks = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
      expect(leaks, `log lines of ${scope} carry a planted secret`).toEqual([]);
    },
  };
}
