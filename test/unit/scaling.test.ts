/**
 * Shapes that used to take quadratic (or worse) time, linted at two sizes: the work counted
 * (characters read and native string scans, test/support/work.ts) must about double when the
 * input doubles. No clock: the time per MB of these shapes is the benchmark's (`npm run bench`,
 * figure 4).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { service } from '../support/service';
import { growth } from '../support/work';

const LINEAR = 2.6;
const lint = (fileName: string, text: string, version = 'auto') =>
  service.lint({ fileName, text }, { ...service.DEFAULT_SETTINGS, kafkaClientsVersion: version, maxFileSize: 1e9 });
const ids = (r: ReturnType<typeof lint>) => r.findings.map((f) => f.ruleId);

/** JSON saved as YAML: every entry on one line. */
const oneLineYaml = (keys: number) => {
  const obj: Record<string, unknown> = {};
  for (let i = 0; i < keys; i++) obj[`key${i}`] = `v${i}`;
  obj.spring = { kafka: { producer: { acks: 1 } } };
  return JSON.stringify(obj);
};

describe('linear on shapes that were not', () => {
  test('a one-line YAML document (each entry used to walk back to the line start)', () => {
    assert.deepEqual(ids(lint('application.yaml', oneLineYaml(16_000))), ['idempotence-implicit-downgrade']);
    const g = growth(oneLineYaml, (t) => lint('application.yaml', t), 2000);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}× for twice the keys`);
  });

  test('a long run of directive words in one comment: a bounded number of findings, linear work', () => {
    const run = (n: number) => `# ${'kafka-idempotence-disable '.repeat(n)}\nacks=1\n`;
    const r = lint('producer.properties', run(8000), '3.9');
    // the repeated unknown id is one finding, and the producer's own finding stays
    assert.deepEqual(ids(r).sort(), ['idempotence-implicit-downgrade', 'unused-disable-directive']);
    const unknown = r.findings.find((f) => f.ruleId === 'unused-disable-directive')!;
    assert.equal(unknown.message, "Unknown rule 'kafka-idempotence-disable' in a kafka-idempotence-disable directive (listed 7999 times).");
    // its fix removes the whole directive (nothing would be left of the list)
    assert.equal(service.applyEdits(run(8000), unknown.fixes[0].edits), 'acks=1\n');
    const size = (n: number) => JSON.stringify(lint('producer.properties', run(n), '3.9').findings).length;
    assert.ok(size(8000) < 2 * size(1000), `the findings of a longer run are not larger: ${size(1000)} → ${size(8000)} characters`);
    const g = growth(run, (t) => lint('producer.properties', t, '3.9'), 2000);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}×`);
  });

  test('many distinct unknown ids in one directive: one finding for them all', () => {
    const text = `# kafka-idempotence-disable ${Array.from({ length: 5000 }, (_, i) => `r${i}`).join(', ')}\nacks=all\n`;
    const r = lint('producer.properties', text);
    assert.equal(r.findings.length, 1);
    assert.match(r.findings[0].message, /^5000 unknown rules in a kafka-idempotence-disable directive: 'r0', 'r1', 'r2', …\.$/);
    assert.equal(service.applyEdits(text, r.findings[0].fixes[0].edits), 'acks=all\n');
  });

  test('many directives and many findings: each finding looks at the directives of its own line only', () => {
    const make = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `# kafka-idempotence-disable-next-line unknown-idempotence-key\nenable.idempotenc${i % 10}=true\n`,
      ).join('') + 'acks=1\n';
    const r = lint('producer.properties', make(500), '3.9');
    assert.deepEqual(ids(r), ['idempotence-implicit-downgrade']);
    const g = growth(make, (t) => lint('producer.properties', t, '3.9'), 1000);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}×`);
  });

  test('a SmallRye file with thousands of channels (each channel searched every entry; each fix every key)', () => {
    const make = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `mp.messaging.outgoing.c${i}.connector=smallrye-kafka\nmp.messaging.outgoing.c${i}.acks=1\nmp.messaging.outgoing.c${i}.topic=t${i}`,
      ).join('\n') + '\n';
    const r = lint('application.properties', make(300));
    assert.equal(r.findings.length, 300);
    assert.ok(r.findings.every((f) => f.ruleId === 'idempotence-implicit-downgrade' && f.fixes.length > 0));
    const g = growth(make, (t) => lint('application.properties', t), 500);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}×`);
  });

  test('a YAML map with thousands of producers (each fix compared every key of the map)', () => {
    const make = (n: number) =>
      `kafka:\n  producers:\n${Array.from({ length: n }, (_, i) => `    p${i}:\n      acks: 1\n      retries: 0`).join('\n')}\n`;
    const r = lint('application.yml', make(200));
    assert.equal(r.findings.length, 400);
    const g = growth(make, (t) => lint('application.yml', t), 400);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}×`);
  });

  test('a long run of continued lines with findings in it (each finding walked the run again)', () => {
    const make = (n: number) => `acks=1\nretries=${'\\\n'.repeat(n)}0\nmax.in.flight.requests.per.connection=${'\\\n'.repeat(n)}6\n`;
    assert.equal(lint('producer.properties', make(100), '3.9').findings.length, 3);
    const g = growth(make, (t) => lint('producer.properties', t, '3.9'), 5000);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}×`);
  });
});
