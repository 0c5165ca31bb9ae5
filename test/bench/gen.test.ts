/**
 * The benchmark's input generators (bench/gen.mjs): deterministic from a seed, the requested
 * sizes, and the content each figure relies on (Kafka where it should be, none where it should not).
 * Nothing here is timed.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { load, ROOT } from '../support';

const props = load('service/formats/properties');

interface Rng {
  next(): number;
}
interface Gen {
  rngFrom(seed: number): Rng;
  springYaml(r: Rng, bytes: number): string;
  genericYaml(r: Rng, bytes: number): string;
  producerProperties(r: Rng, bytes: number): string;
  kafkaTs(r: Rng, size: { bytes?: number; lines?: number }): string;
  genericTs(r: Rng, size: { bytes?: number; lines?: number }): string;
  workspace(r: Rng, n: number): Array<{ path: string; text: string; kind: string; kafka: boolean }>;
}
// module node16 keeps import() in CommonJS output, so this loads the ES module
const gen = () => import(pathToFileURL(path.join(ROOT, 'bench', 'gen.mjs')).href) as Promise<Gen>;

test('the same seed gives the same bytes, another seed other bytes', async () => {
  const g = await gen();
  assert.equal(g.springYaml(g.rngFrom(1), 50_000), g.springYaml(g.rngFrom(1), 50_000));
  assert.notEqual(g.springYaml(g.rngFrom(1), 50_000), g.springYaml(g.rngFrom(2), 50_000));
  const a = g.workspace(g.rngFrom(3), 200);
  const b = g.workspace(g.rngFrom(3), 200);
  assert.deepEqual(a, b);
});

test('sizes: at least what was asked, at most one chunk more; TS cut at exactly N lines', async () => {
  const g = await gen();
  for (const bytes of [10_240, 1 << 20]) {
    for (const text of [
      g.springYaml(g.rngFrom(5), bytes),
      g.genericYaml(g.rngFrom(5), bytes),
      g.producerProperties(g.rngFrom(5), bytes),
      g.kafkaTs(g.rngFrom(5), { bytes }),
    ]) {
      const size = Buffer.byteLength(text);
      assert.ok(size >= bytes && size < bytes + 8000, `${size} for ${bytes}`);
    }
  }
  assert.equal(g.kafkaTs(g.rngFrom(5), { lines: 5000 }).split('\n').length - 1, 5000);
});

test('Kafka content where the figures need it, none in the generic inputs', async () => {
  const g = await gen();
  const yml = g.springYaml(g.rngFrom(9), 100_000);
  assert.match(yml, /\nspring:\n[^]*\n {2}kafka:\n[^]*\n {4}producer:\n {6}acks: 1/);
  assert.doesNotMatch(g.genericYaml(g.rngFrom(9), 100_000), /kafka|acks|idempoten/i);
  assert.doesNotMatch(g.genericTs(g.rngFrom(9), { bytes: 100_000 }), /kafka/i);
  assert.match(g.kafkaTs(g.rngFrom(9), { lines: 5000 }), /from 'kafkajs'[^]*kafka\.producer\(\{[^]*idempotent: true/);
  const parsed = props.parseProperties(g.producerProperties(g.rngFrom(9), 100_000));
  assert.equal(parsed.problems.length, 0);
  assert.equal(parsed.map.get('enable.idempotence'), 'true');
  assert.equal(parsed.map.get('acks'), '1');
  assert.ok(parsed.entries.length > 500, `${parsed.entries.length} entries`);
});

test('the workspace mix: mostly non-Kafka, every kind present', async () => {
  const g = await gen();
  const files = g.workspace(g.rngFrom(4), 2000);
  const count = (p: (f: (typeof files)[number]) => boolean) => files.filter(p).length;
  assert.ok(count((f) => f.kafka) < files.length * 0.1);
  for (const kind of ['ts', 'yaml', 'properties', 'other']) assert.ok(count((f) => f.kind === kind) > 100, kind);
  for (const f of files) {
    const ext = f.path.split('.').pop();
    assert.equal({ ts: 'ts', yml: 'yaml', properties: 'properties', json: 'other', md: 'other' }[ext!], f.kind, f.path);
    if (f.kind === 'ts') assert.equal(/from 'kafkajs'/.test(f.text), f.kafka, f.path);
  }
  assert.equal(new Set(files.map((f) => f.path)).size, files.length);
});

test('the shapes that were quadratic: one-line YAML, a large build.gradle, a long directive run', async () => {
  const g = (await gen()) as unknown as Gen & Record<'oneLineYaml' | 'largeGradle' | 'directiveRun', (r: Rng, bytes: number) => string>;
  const yml = g.oneLineYaml(g.rngFrom(4), 100_000);
  assert.ok(!yml.includes('\n') && Buffer.byteLength(yml) >= 100_000);
  assert.match(yml, /"spring": \{"kafka": \{"producer": \{"acks": 1\}\}\}\}$/);
  const gradle = g.largeGradle(g.rngFrom(4), 100_000);
  assert.ok(Buffer.byteLength(gradle) >= 100_000 && gradle.split('\n').length > 1500);
  assert.match(gradle, /org\.apache\.kafka:kafka-clients:\$\{kafkaVersion\}/);
  const run = g.directiveRun(g.rngFrom(4), 100_000);
  assert.ok(run.startsWith('# kafka-idempotence-disable ') && run.endsWith('acks=1\n') && run.split('\n').length === 4);
});
