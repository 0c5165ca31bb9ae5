/**
 * The server's code cache of the TypeScript compiler (server/src/pool/codeCache.ts): kept in the folder
 * the client names (`initializationOptions.storagePath`, the VS Code extension's global storage), used
 * by the next start, and never a reason for a TS file to go unlinted — an unwritable folder or a corrupt
 * cache lint the same.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TestClient } from './lspClient';

// the folder comes from the client here (the variable would override it)
delete process.env.KAFKA_IDEMPOTENCE_LINT_CACHE_DIR;

const TS = `import { Kafka } from 'kafkajs';

const kafka = new Kafka({ clientId: 'orders', brokers: ['localhost:9092'] });
export const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 10 });
`;

let serial = 0;
const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.v8cache')) : []);
const summary = (ds: Diagnostic[]) => ds.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`).sort();

/** Starts a server with `storagePath`, opens the Kafka TS file, returns its diagnostics; waits for the cache file when `waitFor` is given. */
async function lintTs(storagePath: string, waitFor?: string): Promise<Diagnostic[]> {
  const c = await TestClient.start({ initializationOptions: { storagePath } });
  try {
    const uri = pathToFileURL(path.join(os.tmpdir(), 'kil-code-cache', `case${++serial}`, 'producer.ts')).toString();
    await c.open(uri, TS, 'typescript');
    const d = (await c.waitForDiagnostics(uri, { version: 1 })).diagnostics;
    // the worker writes the cache after answering: wait for it (a bounded poll)
    for (let i = 0; waitFor && i < 100 && cacheFiles(waitFor).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(c.errors, []);
    return d;
  } finally {
    assert.equal(await c.stop(), 0);
  }
}

test("the cache is written into the client's storage folder and used by the next start: the same diagnostics", async () => {
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-storage-'));
  const folder = path.join(storage, 'v8-cache');
  const first = await lintTs(storage, folder);
  assert.ok(
    summary(first).some((s) => s.startsWith('kafkajs-')),
    JSON.stringify(summary(first)),
  );
  const files = cacheFiles(folder);
  assert.equal(files.length, 1, 'one cache file');
  const written = fs.statSync(path.join(folder, files[0])).mtimeMs;
  const second = await lintTs(storage);
  assert.deepEqual(summary(second), summary(first));
  assert.equal(fs.statSync(path.join(folder, files[0])).mtimeMs, written, 'a cache that was used is not written again');
});

test('an unwritable storage folder and a corrupt cache: the TS file is linted the same', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-storage-'));
  const reference = await lintTs(fs.mkdtempSync(path.join(os.tmpdir(), 'kil-storage-')));
  // a folder below a regular file cannot be created
  fs.writeFileSync(path.join(base, 'file'), 'x');
  assert.deepEqual(summary(await lintTs(path.join(base, 'file', 'storage'))), summary(reference));
  // a cache whose bytes were damaged after it was written
  const storage = path.join(base, 'ok');
  const folder = path.join(storage, 'v8-cache');
  await lintTs(storage, folder);
  const file = path.join(folder, cacheFiles(folder)[0]);
  const bytes = fs.readFileSync(file);
  for (let i = 64; i < bytes.length; i += 101) bytes[i] ^= 0x5a;
  fs.writeFileSync(file, bytes);
  assert.deepEqual(summary(await lintTs(storage, undefined)), summary(reference));
});
