/**
 * The lint worker pool (server/src/pool/workerPool.ts) with a test worker (test/support/poolWorker.ts):
 * a stuck job is cut off at the budget and its worker replaced, other jobs are answered meanwhile
 * (ordering, not timing), progress says where a job stopped, running out of memory and a throwing
 * job are results, not crashes, and a worker that cannot load makes the pool give up.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as Pool from '../../server/src/pool/workerPool';
import type { PoolTestJob } from '../support/poolWorker';
import { load, ROOT } from '../support';

const { WorkerPool, budgetFromEnv, DEFAULT_BUDGET_MS } = load('pool/workerPool');
const SCRIPT = path.join(ROOT, 'test', 'out', 'support', 'poolWorker.js');

function pool(options: Partial<Pool.PoolOptions> = {}) {
  return new WorkerPool<PoolTestJob, unknown>({ script: SCRIPT, min: 1, max: 3, spareAfterMs: 50, budgetMs: 1500, ...options });
}

test('jobs are answered; a job that throws is a crashed result, and the worker goes on', async () => {
  const p = pool();
  try {
    assert.deepEqual(await p.run({ kind: 'echo', value: [1, 'a'] }), { ok: true, value: { echoed: [1, 'a'] } });
    const thrown = await p.run({ kind: 'throw', message: 'boom' });
    assert.equal(thrown.ok, false);
    assert.ok(!thrown.ok && thrown.reason === 'crashed' && /Error: boom/.test(thrown.error ?? ''), JSON.stringify(thrown));
    assert.deepEqual(await p.run({ kind: 'echo', value: 2 }), { ok: true, value: { echoed: 2 } });
    assert.equal(p.stats.started, 1, 'a thrown error does not cost the worker');
  } finally {
    await p.close();
  }
});

test('a stuck job is cut off at the budget; a job sent after it is answered first (a spare worker), then the cut-off arrives', async () => {
  const p = pool();
  const events: string[] = [];
  try {
    const stuck = p.run({ kind: 'spin' }).then((r) => {
      events.push(`stuck: ${r.ok ? 'ok' : r.reason}`);
      return r;
    });
    const other = p.run({ kind: 'echo', value: 'other' }).then((r) => {
      events.push(`other: ${r.ok ? 'ok' : r.reason}`);
      return r;
    });
    const [s, o] = await Promise.all([stuck, other]);
    assert.deepEqual(events, ['other: ok', 'stuck: time-budget']);
    assert.deepEqual(o, { ok: true, value: { echoed: 'other' } });
    assert.equal(s.ok, false);
    // the pool goes on with a fresh worker
    assert.deepEqual(await p.run({ kind: 'echo', value: 3 }), { ok: true, value: { echoed: 3 } });
    assert.equal(p.stats.cutOff, 1);
  } finally {
    await p.close();
  }
});

test('progress: the cut-off hands back the last progress; restartBudget gives a phase its own budget', async () => {
  const p = pool({ budgetMs: 800 });
  try {
    const seen: unknown[] = [];
    const r = await p.run({ kind: 'progress-then-spin', phases: 3 }, { onProgress: (x) => seen.push(x) });
    assert.deepEqual(seen, [{ phase: 0 }, { phase: 1 }, { phase: 2 }]);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason === 'time-budget');
    assert.deepEqual(!r.ok && r.progress, { phase: 2 });
  } finally {
    await p.close();
  }
});

test('a job that runs out of memory ends as out-of-memory; the process and the pool go on', async () => {
  const p = pool({ maxOldGenerationSizeMb: 64, budgetMs: 60_000 });
  try {
    const r = await p.run({ kind: 'alloc' });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason === 'out-of-memory', JSON.stringify(r));
    assert.deepEqual(await p.run({ kind: 'echo', value: 4 }), { ok: true, value: { echoed: 4 } });
  } finally {
    await p.close();
  }
});

test('many jobs with a stuck one among them: every other job is answered, in a bounded pool', async () => {
  const p = pool({ min: 2, max: 3 });
  try {
    const jobs: Array<Promise<Pool.JobResult<unknown>>> = [];
    for (let i = 0; i < 40; i++) jobs.push(p.run(i === 5 || i === 6 ? { kind: 'spin' } : { kind: 'echo', value: i }));
    const results = await Promise.all(jobs);
    results.forEach((r, i) => {
      if (i === 5 || i === 6) assert.ok(!r.ok && r.reason === 'time-budget');
      else assert.deepEqual(r, { ok: true, value: { echoed: i } });
    });
    assert.ok(p.size <= 3);
  } finally {
    await p.close();
  }
});

test('affinity: an idle worker that ran the key last gets the job', async () => {
  const p = pool({ min: 2, max: 2 });
  try {
    await Promise.all([
      p.run({ kind: 'echo', value: 'a' }, { affinity: 'doc-a' }),
      p.run({ kind: 'echo', value: 'b' }, { affinity: 'doc-b' }),
    ]);
    for (let i = 0; i < 5; i++)
      assert.deepEqual(await p.run({ kind: 'echo', value: i }, { affinity: 'doc-a' }), { ok: true, value: { echoed: i } });
    assert.equal(p.stats.started, 2);
  } finally {
    await p.close();
  }
});

test('a worker that cannot load: the pool gives up after three tries instead of restarting it forever', async () => {
  const p = new WorkerPool<PoolTestJob, unknown>({
    script: path.join(ROOT, 'test', 'out', 'support', 'poolWorkerBroken.js'),
    min: 1,
    max: 2,
    spareAfterMs: 50,
    budgetMs: 5000,
  });
  try {
    const r = await p.run({ kind: 'echo', value: 1 });
    assert.ok(!r.ok && r.reason === 'crashed' && /does not start/.test(r.error ?? ''), JSON.stringify(r));
    assert.ok(p.stats.started <= 3, String(p.stats.started));
    const again = await p.run({ kind: 'echo', value: 1 });
    assert.ok(!again.ok && again.reason === 'crashed');
  } finally {
    await p.close();
  }
});

test('the budget comes from KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS when it is a positive number', () => {
  assert.equal(budgetFromEnv({}, DEFAULT_BUDGET_MS), 10_000);
  assert.equal(budgetFromEnv({ KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS: '250' }, DEFAULT_BUDGET_MS), 250);
  for (const bad of ['', '0', '-5', 'soon', '1e3']) assert.equal(budgetFromEnv({ KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS: bad }, 7), 7, bad);
});
