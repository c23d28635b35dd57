// A writer process for sqlite-two-processes.test.ts: opens the given SQLite file, says
// "ready", waits for "go" on stdin, appends `count` messages to one room, then says "done".
// Not a product entry point.
import { createInterface } from 'node:readline';
import { groupRef, userMessageFixture } from '../testing/store-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

const [file, groupId, writer, count] = process.argv.slice(2);
if (!file || !groupId || !writer || !count) throw new Error('usage: file groupId writer count');
const store = openSqliteStore({ file, busyTimeoutMs: 30_000 });
const ref = groupRef({ id: groupId });
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line !== 'go') continue;
  for (let i = 0; i < Number(count); i += 1)
    await store.messages.append(
      ref,
      userMessageFixture(ref, `${writer} ${i}`, { clientMessageId: `${writer}-${i}` }),
    );
  await store.close();
  process.stdout.write('done\n');
  break;
}
lines.close();
