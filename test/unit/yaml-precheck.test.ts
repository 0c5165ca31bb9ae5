/**
 * The YAML pre-check (detect/trigger.ts, `yamlMayHoldProducer`): a YAML text in which no
 * detector's trigger words occur is not parsed. These tests hold the trigger lists to the
 * detectors: every detector declares its triggers, every key a detector recognises contains
 * one, and texts with the trigger words blanked out give nothing when fully parsed and detected.
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, settings, svc } from '../support/dialectCase';
import type * as TriggerModule from '../../server/src/service/detect/trigger';
import { load } from '../support';

const detect = load('service/detect');
const trigger = load('service/detect/trigger');
const javaConfig = load('service/clients/java/config');
const { LineIndex } = load('service/text');

/** The full pipeline, without the pre-check: parse, then every detector. */
function fullDetect(fileName: string, text: string) {
  const doc = svc.parseDocument('yaml', text, { fileName });
  assert.ok(doc);
  return detect.detectBlocks({ doc, input: { fileName, text }, settings: settings(), lines: new LineIndex(text) });
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const SNIPPETS: Array<[string, string]> = [
  ['application.yml', 'spring:\n  kafka:\n    producer:\n      acks: 1\n      retries: 3\n'],
  ['application.yml', 'spring.kafka.producer.properties[enable.idempotence]: false\nspring.kafka.producer.acks: all\n'],
  ['application.yml', 'spring:\n  Ka-fka:\n    PRODUCER:\n      ACKS: 1\n'],
  [
    'application.yml',
    'spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          required-acks: 1\n      bindings:\n        out-out-0:\n          destination: t\n',
  ],
  [
    'application.yml',
    'spring:\n  cloud:\n    stream:\n      defaultBinder: kafka\n      bindings:\n        out-out-0:\n          producer:\n            partition-count: 2\n',
  ],
  [
    'application-prod.yml',
    'spring:\n  kafka:\n    producer:\n      transaction-id-prefix: tx-\n---\nspring:\n  config:\n    activate:\n      on-profile: prod\n  kafka:\n    producer:\n      acks: 1\n',
  ],
  ['values.yaml', 'app:\n  producer:\n    linger:\n      ms: 5\n    batch:\n      size: 100\n    acks: 1\n'],
  ['values.yaml', 'producer:\n  config: {enable.idempotence: true, acks: 1}\n'],
  ['values.yaml', 'cfg:\n  "[max.in.flight.requests.per.connection]": 9\n  compression.type: lz4\n  delivery.timeout.ms: 1\n'],
  ['values.yaml', 'cfg:\n  transactional.id: t\n  enable.idempotence: "false"\n'],
  ['values.yaml', 'healthcheck:\n  retries: 3\n# kafka-idempotence-disable idempotence-implicit-downgrade\n'],
  ['values.yaml', 'a: &x\n  acks: "1"\n  linger.ms: 5\nb: *x\n'],
];

function corpus(): Array<[string, string]> {
  const files = yamlFiles(path.join(ROOT, 'examples')).map((p): [string, string] => [path.basename(p), readFileSync(p, 'utf8')]);
  return [...files, ...SNIPPETS];
}

/** Every trigger word blanked out: exact ones as whole words, relaxed ones with `-`/`_` and any case. */
function blankTriggers(text: string): string {
  let out = text;
  const all: TriggerModule.Trigger[] = [];
  for (const t of detect.YAML_TRIGGERS.values()) if (t !== 'no-yaml') all.push(...t);
  for (const t of all) {
    for (const w of t.words) {
      const re = t.relaxed ? new RegExp([...w].join('[-_]*'), 'giu') : new RegExp(`(?<![A-Za-z0-9_])${w}(?![A-Za-z0-9_])`, 'g');
      out = out.replace(re, (m) => 'Q'.repeat(m.length));
    }
  }
  return out;
}

describe('trigger lists', () => {
  test('every detector declares what it needs to see in a YAML text', () => {
    for (const d of detect.DETECTORS) assert.ok(detect.YAML_TRIGGERS.has(d), `detector ${d.name} has no YAML_TRIGGERS entry`);
  });

  test('every producer-only or idempotence key matches a generic-map trigger, flat and nested', () => {
    const triggers = detect.YAML_TRIGGERS.get(detect.DETECTORS.find((d) => d.name === 'detectGenericMaps')!);
    assert.ok(Array.isArray(triggers) && triggers.length > 0);
    for (const key of [...javaConfig.IDEMPOTENCE_KEYS, ...javaConfig.PRODUCER_ONLY_KEYS]) {
      const flat = `cfg:\n  ${key}: 1\n`;
      const nested = `cfg:\n${key
        .split('.')
        .map((s, i) => `${'  '.repeat(i + 1)}${s}:`)
        .join('\n')} 1\n`;
      for (const text of [flat, nested]) assert.ok(new trigger.TriggerMatcher(triggers).test(text), `${key} in ${JSON.stringify(text)}`);
    }
  });

  test('Spring keys in relaxed forms match the Spring trigger', () => {
    const triggers = detect.YAML_TRIGGERS.get(detect.DETECTORS.find((d) => d.name === 'detectSpring')!);
    assert.ok(Array.isArray(triggers) && triggers.length > 0);
    for (const key of [
      'spring.kafka.producer.acks',
      'spring.KAFKA.producer.acks',
      'spring.Ka-f_ka.producer.acks',
      'spring.\u212Aafka.producer.acks',
      'spring.cloud.stream.kafka.binder.required-acks',
    ]) {
      assert.ok(new trigger.TriggerMatcher(triggers).test(`${key}: 1\n`), key);
    }
    assert.ok(
      new trigger.TriggerMatcher(triggers).test('spring:\n  cloud:\n    stream:\n      binders:\n        b:\n          type: kafka\n'),
    );
  });

  test('a word spelled with double-quoted escapes always passes', () => {
    for (const text of ['cfg:\n  "\\x61cks": 1\n  "linger.ms": 5\n', 'cfg:\n  "\\u0061cks": 1\n', 'cfg:\n  ? "ac\\\n    ks"\n  : 1\n']) {
      assert.equal(detect.yamlMayHoldProducer(text), true, text);
    }
  });
});

describe('the pre-check against the full pipeline', () => {
  test('files and snippets with producer configs pass the pre-check', () => {
    for (const [name, text] of corpus()) {
      if (fullDetect(name, text).length > 0) assert.equal(detect.yamlMayHoldProducer(text), true, name);
    }
  });

  test('with the trigger words blanked out, the full pipeline finds no block and the pre-check skips', () => {
    let withBlocks = 0;
    for (const [name, text] of corpus()) {
      if (fullDetect(name, text).length > 0) withBlocks++;
      const blank = blankTriggers(text);
      assert.deepEqual(
        fullDetect(name, blank).map((b) => b.name),
        [],
        `${name}: ${blank}`,
      );
      assert.equal(detect.yamlMayHoldProducer(blank), false, blank);
      assert.deepEqual(svc.lint({ fileName: name, text: blank }, settings()), { findings: [], blocks: [], failures: [] });
    }
    assert.ok(withBlocks >= 10, `only ${withBlocks} texts with blocks`);
  });

  test('Kubernetes manifests are skipped, and would give nothing anyway', () => {
    const k8s = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: cleanup',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      backoffLimit: 3',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: c',
      '              resources:',
      '                requests: {memory: 64Mi}',
      '              env:',
      '                - name: SIZE',
      '                  value: "10"',
      '',
    ].join('\n');
    assert.equal(detect.yamlMayHoldProducer(k8s), false);
    assert.deepEqual(fullDetect('job.yaml', k8s), []);
  });
});
