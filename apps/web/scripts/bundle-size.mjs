// Reports the gzipped size of the JavaScript a first visit downloads: the entry chunk and
// every chunk it imports statically (lazy chunks excluded), read from Vite's manifest.
// Prints one JSON line; exits non-zero when the budget is exceeded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
const seen = new Set();
const files = [];
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) return;
  if (chunk.file.endsWith('.js')) files.push(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
for (const [key] of entries) visit(key);

let initialJsGzipBytes = 0;
let initialJsBytes = 0;
for (const file of files) {
  const content = readFileSync(join(dist, file));
  initialJsBytes += content.length;
  initialJsGzipBytes += gzipSync(content, { level: 9 }).length;
}
console.log(
  JSON.stringify({ initialJsGzipBytes, initialJsBytes, files, budgetBytes: BUDGET_BYTES }),
);
if (initialJsGzipBytes > BUDGET_BYTES) {
  console.error(
    `initial JS is ${initialJsGzipBytes} bytes gzipped, over the ${BUDGET_BYTES} byte budget`,
  );
  process.exit(1);
}
