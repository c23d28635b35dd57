import { createHash } from 'node:crypto';

/** Model APIs accept function names of `[A-Za-z0-9_-]{1,64}`. */
export const MAX_TOOL_NAME_LENGTH = 64;

const sanitise = (text: string): string => text.replace(/[^A-Za-z0-9_-]/g, '_');
const shortHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 6);

/**
 * The name a model sees for `tool` on `server`: `server__tool`, sanitised and at most 64
 * characters. A name that had to be shortened, or that would collide with one in `taken`,
 * gets a short hash of the original so it stays unique and stable.
 */
export function exposedToolName(
  server: string,
  tool: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const original = `${server}__${tool}`;
  let name = `${sanitise(server)}__${sanitise(tool)}`;
  if (name.length > MAX_TOOL_NAME_LENGTH || taken.has(name)) {
    const suffix = `_${shortHash(original)}`;
    name = `${name.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length)}${suffix}`;
  }
  return name;
}
