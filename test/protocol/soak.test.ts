import test from 'node:test';
import assert from 'node:assert/strict';
import { soak, trend, type MemoryReport } from './soak';
import { TestClient } from './lspClient';

// The short CI version of `npm run soak`: 60 s of random edits, hovers, code actions and
// configuration changes against two real servers (push and pull mode).
// RSS over one minute on a shared 2-core machine is noisy (GC timing, other processes), so CI
// asserts on the live heap after a full GC in the servers; `npm run soak -- --minutes 10` asserts RSS too.
test(
  'LSP soak (60 s): no crash, every request answered, no handler error, live heap flat after warm-up',
  { timeout: 180_000 },
  async () => {
    const r = await soak({ seconds: Number(process.env.SOAK_SECONDS ?? 60), warmUp: 0.5 });
    console.log(
      `soak: ${r.operations} operations, ${r.requests} requests, heap after GC ${r.heapWarmMb.toFixed(1)} → ${r.heapEndMb.toFixed(1)} MB (${(r.heapGrowth * 100).toFixed(1)} %), ` +
        `rss ${r.rssWarmMb.toFixed(1)} → ${r.rssEndMb.toFixed(1)} MB (${(r.rssGrowth * 100).toFixed(1)} %, trend lines; not asserted here)`,
    );
    assert.ok(r.operations > 100, `only ${r.operations} operations ran`);
    assert.equal(r.crashes, 0, r.problems.join('\n'));
    assert.equal(r.unanswered, 0, r.problems.join('\n'));
    assert.equal(r.handlerErrors, 0, r.problems.join('\n'));
    assert.ok(r.heapGrowth < 0.1, `the live heap grew ${(r.heapGrowth * 100).toFixed(1)} %: ${r.problems.join('\n')}`);
  },
);

// What the soak cannot see in one minute: a per-document entry that outlives its document would
// grow with every document ever opened. The server's own counts (kafkaIdempotence/memory) say
// that closing every document leaves nothing behind, in push and in pull mode.
for (const pull of [false, true]) {
  test(`per-document state is dropped on close (${pull ? 'pull' : 'push'} mode)`, async () => {
    const c = await TestClient.start({ pull });
    try {
      const uris = [0, 1, 2, 3].map((i) => `file:///tmp/kil-soak-close/${i}/producer.properties`);
      for (const uri of uris) await c.open(uri, 'bootstrap.servers=b:9092\nacks=1\n');
      const binary = 'file:///tmp/kil-soak-close/binary/producer.properties';
      await c.open(binary, 'acks=1\n\u0000\u0000\u0000\u0000\u0001\u0002\n');
      if (pull) await c.pull(binary);
      uris.push(binary);
      for (const uri of uris) {
        if (pull) await c.pull(uri);
        else await c.waitForDiagnostics(uri);
        await c.change(uri, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } }, text: '0' }]);
        await c.hover(uri, { line: 1, character: 1 });
      }
      const open = await c.conn.sendRequest<MemoryReport>('kafkaIdempotence/memory', { gc: false });
      assert.equal(open.maps.documents, uris.length);
      assert.equal(open.maps.openGeneration, uris.length);
      assert.equal(open.maps.noticed, 1, 'the binary file has a status notice');
      assert.ok(open.maps.lintResults >= 1, 'the workers keep lint results');
      for (const uri of uris) await c.close(uri);
      const closed = await c.conn.sendRequest<MemoryReport>('kafkaIdempotence/memory', { gc: false });
      // lintResults: what the lint workers keep (each says how many results it holds)
      assert.deepEqual(closed.maps, {
        documents: 0,
        lintResults: 0,
        cutOffs: 0,
        settingsCache: 0,
        lastSettings: 0,
        openGeneration: 0,
        noticed: 0,
        pushTimers: 0,
        scheduledVersion: 0,
        codeLensEnabled: 0,
        scanResults: 0,
      });
      assert.equal(closed.collected, false);
      assert.ok(closed.rss > 0 && closed.heapUsed > 0 && closed.spaces.old_space.used > 0);
      assert.deepEqual(c.errors, []);
    } finally {
      await c.stop();
    }
  });
}

test("the soak's growth is the least-squares line through the samples, not two samples", () => {
  const line = trend(
    [0, 1000, 2000, 3000, 4000].map((t) => ({ t, y: 100 + t / 200 })),
    0,
    4000,
  );
  assert.ok(Math.abs(line.warmMb - 100) < 1e-9 && Math.abs(line.endMb - 120) < 1e-9 && Math.abs(line.growth - 0.2) < 1e-12);
  // a saw tooth around a flat level: the first sample is the lowest, the last the highest, no trend
  const saw = trend(
    [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ t: i * 1000, y: [90, 110, 100, 110, 90, 100, 90, 100, 110][i] })),
    0,
    8000,
  );
  assert.ok(Math.abs(saw.growth) < 0.03, `saw tooth growth ${saw.growth}`);
  assert.ok(Number.isNaN(trend([], 0, 1).growth));
});
