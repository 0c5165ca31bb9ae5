/**
 * The CLI on Java source files: a folder walk picks up `.java`, the lint workers of the bundled CLI load the
 * Java parser (dist/*.wasm) on their first Java file with Kafka, `--fix` edits the Java code, a Java file
 * without Kafka is skipped quietly, and the kafka-clients version comes from the build file next to it. A
 * parser that cannot be loaded gives the file-not-linted notice and costs the other files nothing.
 */
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, cli, json, tempFolders, write } from './helpers';

const { dir, cleanup } = tempFolders('kafka-idempotence-java-');
after(cleanup);

const PRODUCER = [
  'package com.example;',
  '',
  'import java.util.Properties;',
  'import org.apache.kafka.clients.producer.KafkaProducer;',
  'import org.apache.kafka.clients.producer.ProducerConfig;',
  '',
  'public class Orders {',
  '    public KafkaProducer<String, String> create() {',
  '        Properties props = new Properties();',
  '        props.put(ProducerConfig.ACKS_CONFIG, "1");',
  '        props.put(ProducerConfig.RETRIES_CONFIG, 3L);',
  '        return new KafkaProducer<>(props);',
  '    }',
  '}',
  '',
].join('\n');

test('a folder walk lints .java files; a Java file without Kafka gives nothing', () => {
  const d = dir();
  write(d, 'src/main/java/com/example/Orders.java', PRODUCER);
  write(d, 'src/main/java/com/example/Util.java', 'class Util {\n    int twice(int x) { return 2 * x; }\n}\n');
  const { run, report } = json(['.'], d);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(
    report.map((f) => [f.file, f.findings.length]),
    [
      ['src/main/java/com/example/Orders.java', 2],
      ['src/main/java/com/example/Util.java', 0],
    ],
  );
  assert.deepEqual(
    report[0].findings.map((f) => [f.ruleId, f.severity, f.line]),
    [
      ['idempotence-implicit-downgrade', 'warning', 10],
      ['producer-config-invalid-value', 'error', 11],
    ],
  );
});

test('--fix edits the Java code: the value in place, in a class the client takes', () => {
  const d = dir();
  const file = write(d, 'Orders.java', PRODUCER);
  const r = cli(['--fix', 'Orders.java'], d);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(
    fs.readFileSync(file, 'utf8'),
    PRODUCER.replace('ACKS_CONFIG, "1"', 'ACKS_CONFIG, "all"').replace('RETRIES_CONFIG, 3L', 'RETRIES_CONFIG, 3'),
  );
});

test('the kafka-clients version comes from the pom.xml above the Java file', () => {
  const d = dir();
  fs.mkdirSync(path.join(d, '.git'));
  write(
    d,
    'pom.xml',
    '<project><dependencies><dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId><version>2.8.1</version></dependency></dependencies></project>\n',
  );
  write(d, 'src/main/java/Orders.java', PRODUCER.replace('props.put(ProducerConfig.RETRIES_CONFIG, 3L);\n', ''));
  const { report } = json(['src'], d);
  // 2.8: idempotence is off by default, so acks=1 disables nothing; the producer is simply not idempotent
  assert.deepEqual(
    report[0].findings.map((f) => f.ruleId),
    ['idempotence-not-on-by-default'],
  );
});

test('without the .wasm files next to the bundles, a Java file with Kafka gets file-not-linted; the other files are linted as before', () => {
  const d = dir();
  // the bundles alone, away from dist/ and node_modules: the Java parser's files cannot be found
  const bundles = path.join(d, 'bundles');
  fs.mkdirSync(bundles);
  for (const f of ['cli.js', 'cliWorker.js']) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(bundles, f));
  write(d, 'src/Orders.java', PRODUCER);
  write(d, 'src/Util.java', 'class Util {\n    int twice(int x) { return 2 * x; }\n}\n');
  write(d, 'src/producer.properties', 'bootstrap.servers=localhost:9092\nacks=1\n');
  const r = spawnSync(process.execPath, [path.join(bundles, 'cli.js'), '--format', 'json', 'src'], { cwd: d, encoding: 'utf8' });
  // warnings only (the notice is one; --max-warnings 0 would fail the run)
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }>;
  assert.deepEqual(
    report.map((f) => [f.file, f.findings.map((x) => x.ruleId)]),
    [
      [path.join('src', 'Orders.java'), ['file-not-linted']],
      [path.join('src', 'Util.java'), []],
      [path.join('src', 'producer.properties'), ['idempotence-implicit-downgrade']],
    ],
  );
  assert.match(
    report[0].findings[0].message,
    /^Not linted: the Java parser could not be loaded \(.*web-tree-sitter.*\), so nothing in it was judged\.$/,
  );
});
