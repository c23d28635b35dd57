import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptTemplateSource } from './prompt-template-source.js';

let dir: string;
let server: Server;
let blobUrl: string;
let blobStatus = 200;
let blobRequests = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salescoach-prompt-'));
  await writeFile(join(dir, 'coach.md'), 'FILE TEMPLATE {{USER_NAME}}');
  server = createServer((_req, res) => {
    blobRequests++;
    res.statusCode = blobStatus;
    res.end(blobStatus === 200 ? 'BLOB TEMPLATE {{USER_NAME}}' : 'nope');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  blobUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prompts/coach.md?sv=sas`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('prompt template source', () => {
  it('reads the repo file by default', async () => {
    const source = createPromptTemplateSource({
      file: join(dir, 'coach.md'),
      logger: silentLogger,
    });
    expect(await source.load()).toBe('FILE TEMPLATE {{USER_NAME}}');
  });

  it('reads Azure Blob Storage (a SAS URL) when configured, and caches it', async () => {
    const source = createPromptTemplateSource({
      file: join(dir, 'coach.md'),
      blobUrl,
      logger: silentLogger,
    });
    blobRequests = 0;
    expect(await source.load()).toBe('BLOB TEMPLATE {{USER_NAME}}');
    expect(await source.load()).toBe('BLOB TEMPLATE {{USER_NAME}}');
    expect(blobRequests).toBe(1);
  });

  it('falls back to the file when the blob cannot be read', async () => {
    blobStatus = 503;
    const source = createPromptTemplateSource({
      file: join(dir, 'coach.md'),
      blobUrl,
      logger: silentLogger,
    });
    expect(await source.load()).toBe('FILE TEMPLATE {{USER_NAME}}');
    blobStatus = 200;
  });

  it('says clearly when the template is missing', async () => {
    const source = createPromptTemplateSource({
      file: join(dir, 'missing.md'),
      logger: silentLogger,
    });
    await expect(source.load()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
