/**
 * One configuration, two formats: the same generated producer config (the oracle's generator,
 * test/oracles/kafkaClients.ts) written as a `producer.properties` file and as Java code that puts the same
 * String values into a Properties handed to a KafkaProducer, in several Java shapes. Both must get the same
 * verdict: the same findings (by rule id and severity, per value) and the same effective configuration.
 * Typed values are held to the javac oracle (test/oracles/javaSource.ts) instead: they mean something else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../support/prng';
import { service, settingsWith } from '../support/service';
import { useJavaParser } from '../support/java';
import { producerEntries, propertiesText } from '../oracles/kafkaClients';
import { javaString } from '../oracles/javaSource';
import { pick } from '../oracles/properties';

useJavaParser();

const CASES = 600;
const SEED = 0x6a657175; // "jequ"

type Shape = 'put' | 'setProperty' | 'map-of' | 'brace';

function javaText(entries: Array<[string, string]>, shape: Shape): string {
  const kv = entries.map(([k, v]) => [javaString(k), javaString(v)] as const);
  const body: string[] = [];
  if (shape === 'map-of') {
    body.push(`        Map<String, Object> props = Map.of(${kv.map(([k, v]) => `${k}, ${v}`).join(', ')});`);
  } else if (shape === 'brace') {
    body.push('        Map<String, Object> props = new HashMap<String, Object>() {{');
    for (const [k, v] of kv) body.push(`            put(${k}, ${v});`);
    body.push('        }};');
  } else {
    body.push('        Properties props = new Properties();');
    for (const [k, v] of kv) body.push(`        props.${shape}(${k}, ${v});`);
  }
  return [
    'import java.util.*;',
    'import org.apache.kafka.clients.producer.KafkaProducer;',
    '',
    'class Producer {',
    '    KafkaProducer<String, String> create() {',
    ...body,
    '        return new KafkaProducer<>(props);',
    '    }',
    '}',
    '',
  ].join('\n');
}

const BLOCK_LEVEL = new Set(['idempotence-not-on-by-default']);

/** What is compared: the findings (rule, severity, the value they are about) and the effective configuration. */
function verdict(fileName: string, text: string, version: string) {
  const settings = settingsWith({ kafkaClientsVersion: version });
  const r = service.lint({ fileName, text }, settings);
  assert.deepEqual(r.failures, []);
  const block = r.blocks.find((b) => b.client === 'java');
  const findings = r.findings
    .filter((f) => f.ruleId !== 'unused-disable-directive')
    .map((f) => {
      // the value a finding is about, as the client reads it (spans differ between the formats)
      // (a finding about the whole block goes to its anchor: the first key of a .properties file, `new KafkaProducer` in Java)
      const item = BLOCK_LEVEL.has(f.ruleId)
        ? undefined
        : block?.items.find(
            (i) => f.span.start >= i.entry.keySpan.start && f.span.end <= Math.max(i.entry.valueSpan.end, i.entry.keySpan.end),
          );
      return `${f.ruleId}/${f.severity}${item ? ` @${item.key}=${JSON.stringify(item.entry.value)}` : ''}`;
    })
    .sort();
  const e = block ? service.effectiveJavaConfig(block, service.parseVersion(version)!) : undefined;
  return {
    findings,
    effective: e && {
      ...e,
      summary: e.summary.replace(/\(line \d+\)/g, '(line N)'),
      refusal: e.refusal && { key: e.refusal.key, message: e.refusal.message },
      refusals: e.refusals.map((x) => x.message),
    },
  };
}

test(`${CASES} generated configurations: .properties and Java source (String values) get the same verdict`, () => {
  const r = prng(SEED);
  const mismatches: string[] = [];
  let compared = 0;
  for (let i = 0; i < CASES; i++) {
    let entries = producerEntries(r);
    // Java string literals cannot hold what a .properties line continuation folds away: both read the decoded value
    const shape = pick(r, ['put', 'setProperty', 'map-of', 'brace'] as Shape[]);
    if (shape === 'map-of') {
      const seen = new Set<string>();
      entries = entries.filter(([k]) => (seen.has(k) ? false : (seen.add(k), true))).slice(0, 10);
    }
    if (entries.length === 0) continue;
    const version = pick(r, ['latest', '4.0', '3.9', '3.0.0', '2.8']);
    const text = propertiesText(r, entries);
    // the Java side puts the values java.util.Properties reads from that text (escapes and continuations decoded)
    const decoded = service.parseProperties(text, 0).entries.map((e) => [e.key, e.value ?? ''] as [string, string]);
    if (shape === 'map-of' && new Set(decoded.map(([k]) => k)).size !== decoded.length) continue;
    const props = verdict('producer.properties', text, version);
    const java = verdict('Producer.java', javaText(decoded, shape), version);
    compared++;
    const a = JSON.stringify(props);
    const b = JSON.stringify(java);
    if (a !== b && mismatches.length < 5)
      mismatches.push(`case ${i} (${shape}, ${version}) ${JSON.stringify(entries)}\n  properties: ${a}\n  java:       ${b}`);
  }
  assert.ok(compared > CASES * 0.9, `${compared} compared`);
  assert.deepEqual(mismatches, []);
});
