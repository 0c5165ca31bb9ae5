/**
 * The Java parser is per-thread state that the lint workers load on their first `.java` file that names
 * Kafka (parserToLoad → parsers.ts → javaParser.ts), under a budget of its own; until then, or when the
 * load failed, a `.java` file with Kafka gets the file-not-linted notice, never silence. This file runs in
 * a process of its own (node --test), which starts without a parser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as LintFileModule from '../../server/src/cli/lintFile';
import { ROOT, service } from '../support/service';

const { lintFile } = require(path.join(ROOT, 'server', 'out', 'cli', 'lintFile')) as typeof LintFileModule;

const PRODUCER = [
  'import java.util.Properties;',
  'import org.apache.kafka.clients.producer.KafkaProducer;',
  'import org.apache.kafka.clients.producer.ProducerConfig;',
  '',
  'class Orders {',
  '    KafkaProducer<String, String> create() {',
  '        Properties props = new Properties();',
  '        props.put(ProducerConfig.ACKS_CONFIG, "1");',
  '        return new KafkaProducer<>(props);',
  '    }',
  '}',
  '',
].join('\n');
const NO_KAFKA = 'class Util {\n    int twice(int x) { return 2 * x; }\n}\n';

test('the Java parser: loaded by a lint worker on its first .java file with Kafka, a notice while it is missing', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-java-load-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const abs = path.join(tmp, name);
    fs.writeFileSync(abs, text);
    return abs;
  };
  const settings = service.DEFAULT_SETTINGS;

  // nothing to load for other formats, nor for Java that does not name Kafka
  assert.equal(service.parserToLoad({ fileName: 'Orders.java', text: PRODUCER }), 'java');
  assert.equal(service.parserToLoad({ fileName: 'Util.java', text: NO_KAFKA }), undefined);
  assert.equal(service.parserToLoad({ fileName: 'producer.properties', text: 'acks=1\n' }), undefined);
  assert.equal(service.parserToLoad({ fileName: 'Orders', languageId: 'java', text: PRODUCER }), 'java');

  // no parser in this thread: the file-not-linted notice (finding and status), no findings of rules
  const missing = service.lint({ fileName: 'Orders.java', text: PRODUCER }, settings);
  assert.deepEqual(
    missing.findings.map((f) => [f.ruleId, f.message]),
    [['file-not-linted', 'Not linted: the Java parser is not loaded, so nothing in it was judged.']],
  );
  assert.equal(missing.notice, 'Kafka Idempotence Lint skipped Orders.java: the Java parser is not loaded, so nothing in it was judged.');
  assert.deepEqual(
    service.lint({ fileName: 'Util.java', text: NO_KAFKA }, settings).findings,
    [],
    'no Kafka: nothing to say, parser or not',
  );

  // a load that failed: the reason in the notice, and no second attempt
  service.setJavaParser(undefined, 'Error: ENOENT: no such file or directory, open tree-sitter-java.wasm');
  assert.equal(service.parserToLoad({ fileName: 'Orders.java', text: PRODUCER }), undefined);
  assert.deepEqual(
    service.lint({ fileName: 'Orders.java', text: PRODUCER }, settings).findings.map((f) => f.message),
    [
      'Not linted: the Java parser could not be loaded (Error: ENOENT: no such file or directory, open tree-sitter-java.wasm), so nothing in it was judged.',
    ],
  );
  service.setJavaParser(undefined);
  assert.equal(service.parserToLoad({ fileName: 'Orders.java', text: PRODUCER }), 'java', 'forgotten with the next setJavaParser');

  // the CLI's file job (what a lint worker runs): a Java file without Kafka loads nothing
  const progress: Array<{ data: unknown; restartBudget?: boolean; grace?: number }> = [];
  const record = (data: unknown, restartBudget?: boolean, grace?: number) => progress.push({ data, restartBudget, grace });
  const job = (abs: string) => ({ abs, display: path.basename(abs), settings, fix: 'none' as const });
  const util = await lintFile(job(file('Util.java', NO_KAFKA)), record);
  assert.equal(util.kind === 'done' && util.findings.length, 0);
  assert.equal(progress.length, 0, JSON.stringify(progress));
  assert.equal(service.parserToLoad({ fileName: 'Orders.java', text: PRODUCER }), 'java', 'still not loaded');

  // the first Java file with Kafka: the load is announced with a budget of its own (and no spare for it), then the lint
  const first = await lintFile(job(file('Orders.java', PRODUCER)), record);
  assert.deepEqual(progress.slice(0, 2), [
    { data: { phase: 'loading-parser' }, restartBudget: true, grace: 5000 },
    { data: { phase: 'lint' }, restartBudget: true, grace: undefined },
  ]);
  assert.ok(first.kind === 'done');
  assert.deepEqual(
    first.findings.map((f) => f.ruleId),
    ['idempotence-implicit-downgrade'],
  );
  assert.equal(service.parserToLoad({ fileName: 'Orders.java', text: PRODUCER }), undefined, 'loaded');

  // the next one finds it loaded: nothing to announce
  progress.length = 0;
  const second = await lintFile(job(file('Second.java', PRODUCER)), record);
  assert.ok(second.kind === 'done');
  assert.deepEqual(
    second.findings.map((f) => f.ruleId),
    ['idempotence-implicit-downgrade'],
  );
  assert.deepEqual(
    progress.map((p) => (p.data as { phase: string }).phase).filter((p) => p !== 'linted'),
    [],
  );
});
