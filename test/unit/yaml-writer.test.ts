/**
 * The YAML writer keeps the file's formatting: quoting style on set, insertion at the
 * right nesting level with the file's indentation (creating missing parent maps, or a
 * flat dotted key when the file uses those), deletion of whole lines (and of a parent
 * map left empty), flow maps, comments, CRLF, and files without a final newline.
 * Every case states the exact text after the edit.
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import type * as YamlModule from '../../server/src/service/formats/yaml';
import type * as WriterModule from '../../server/src/service/formats/yamlWriter';
import type { KeyPath } from '../../server/src/service/formats/editor';
import { svc } from '../support/dialectCase';
import * as YAML from 'yaml';
import { load } from '../support';

const Y = load('service/formats/yaml');
const W = load('service/formats/yamlWriter');

function editor(text: string) {
  const doc = Y.parseYaml(text);
  return { doc, ed: new W.YamlEditor(doc) };
}
function entry(doc: YamlModule.YamlParse, key: string) {
  const e = doc.entries.find((x) => x.key === key);
  assert.ok(e, `no entry ${key}`);
  return e;
}
const apply = (text: string, edits: ReturnType<WriterModule.YamlEditor['setEntry']>) => {
  assert.ok(edits, 'the writer refused the edit');
  return svc.applyEdits(text, edits);
};
const springPath = (leaf: string, doc = 0): KeyPath => ({
  doc,
  elements: ['spring', 'kafka', 'producer', 'properties', ...leaf.split('.')],
  leafFrom: 4,
});

describe('set keeps the quoting style', () => {
  const P = load('service/detect/placeholder');
  const cases: Array<[string, string, string, string]> = [
    ['acks: 1 # leader only\n', 'acks', 'all', 'acks: all # leader only\n'],
    ["acks: '1'\n", 'acks', 'all', "acks: 'all'\n"],
    ['acks: "1"\n', 'acks', 'all', 'acks: "all"\n'],
    ['acks:\n', 'acks', 'all', 'acks: all\n'],
    ['acks: ~\n', 'acks', '-1', 'acks: -1\n'],
    ['x: {acks: 1, retries: 0}\n', 'x.acks', 'all', 'x: {acks: all, retries: 0}\n'],
    ["acks: '${ACKS:1}'\n", 'acks', 'all', "acks: '${ACKS:all}'\n"],
    ['acks: ${ACKS:1}\n', 'acks', 'all', 'acks: ${ACKS:all}\n'],
    ['v: &v 1\nacks: *v\n', 'acks', 'all', 'v: &v 1\nacks: all\n'],
    ['k: "a b"\n', 'k', 'it\'s "x"', 'k: "it\'s \\"x\\""\n'],
    ['k: plain\n', 'k', 'needs: quoting', 'k: "needs: quoting"\n'],
  ];
  for (const [before, key, value, after] of cases) {
    test(`${JSON.stringify(before)} ← ${value}`, () => {
      const { doc, ed } = editor(before);
      // placeholders are resolved by the dialects; the writer gets the resolved entry
      const e = P.withPlaceholder(entry(doc, key), before, 'spring');
      assert.equal(apply(before, ed.setEntry(e, value)), after);
    });
  }

  test('a block scalar and text reached through an alias are not rewritten', () => {
    const { doc, ed } = editor('acks: |\n  1\n');
    assert.equal(ed.setEntry(entry(doc, 'acks'), 'all'), undefined);
    const t = 'base: &b {acks: 1}\ncopy: *b\n';
    const a = editor(t);
    const copied = a.doc.entries.find((e) => e.key === 'copy.acks')!;
    assert.equal(a.ed.setEntry(copied, 'all'), undefined);
    assert.equal(a.ed.removeEntry(copied), undefined);
  });
});

describe('insert', () => {
  test('creates the missing `properties` map under an existing nested producer map, after its last key', () => {
    const text = [
      'spring:',
      '  kafka:',
      '    producer:',
      '      acks: all # durable',
      '      retries: 3',
      '    consumer:',
      '      group-id: g',
      '',
    ].join('\n');
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('enable.idempotence'), 'true')),
      [
        'spring:',
        '  kafka:',
        '    producer:',
        '      acks: all # durable',
        '      retries: 3',
        '      properties:',
        '        enable.idempotence: true',
        '    consumer:',
        '      group-id: g',
        '',
      ].join('\n'),
    );
  });

  test("uses the file's indentation step and line ending", () => {
    const text = 'spring:\r\n    kafka:\r\n        producer:\r\n            acks: all\r\n';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('linger.ms'), '5')),
      'spring:\r\n    kafka:\r\n        producer:\r\n            acks: all\r\n            properties:\r\n                linger.ms: 5\r\n',
    );
  });

  test('adds to an existing properties map, in bracket form when its keys use it', () => {
    const text = 'spring:\n  kafka:\n    producer:\n      properties:\n        "[linger.ms]": 5\n      acks: all\n';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('enable.idempotence'), 'true')),
      'spring:\n  kafka:\n    producer:\n      properties:\n        "[linger.ms]": 5\n        "[enable.idempotence]": true\n      acks: all\n',
    );
  });

  test('writes a flat dotted key when the file uses flat keys', () => {
    const text = 'spring.kafka.producer.acks: 1\nspring.kafka.producer.transaction-id-prefix: tx-\n';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('enable.idempotence'), 'true')),
      'spring.kafka.producer.acks: 1\nspring.kafka.producer.transaction-id-prefix: tx-\nspring.kafka.producer.properties.enable.idempotence: true\n',
    );
  });

  test("follows dotted keys part of the way, then continues in that map's style", () => {
    const text = 'spring:\n  kafka.producer:\n    acks: 1\n';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('enable.idempotence'), 'false')),
      'spring:\n  kafka.producer:\n    acks: 1\n    properties:\n      enable.idempotence: false\n',
    );
  });

  test('fills an empty `producer:` key', () => {
    const text = 'spring:\n  kafka:\n    producer:\n    consumer:\n      group-id: g\n';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('enable.idempotence'), 'true')),
      'spring:\n  kafka:\n    producer:\n      properties:\n        enable.idempotence: true\n    consumer:\n      group-id: g\n',
    );
  });

  test('inserts into a flow map', () => {
    const text = 'spring: {kafka: {producer: {acks: 1}}}\n';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('enable.idempotence'), 'false')),
      'spring: {kafka: {producer: {acks: 1, properties: {enable.idempotence: false}}}}\n',
    );
    const t2 = 'cfg: {}\n';
    const e2 = editor(t2);
    assert.equal(
      apply(t2, e2.ed.insert({ doc: 0, elements: ['acks'], leafFrom: 0, map: e2.doc.extra.maps[1].id }, 'all')),
      'cfg: {acks: all}\n',
    );
  });

  test('at the end of a file without a final newline', () => {
    const text = 'spring:\n  kafka:\n    producer:\n      acks: 1';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert(springPath('enable.idempotence'), 'false')),
      'spring:\n  kafka:\n    producer:\n      acks: 1\n      properties:\n        enable.idempotence: false',
    );
  });

  test('into the right document of a stream, after nested children and comments of the last key', () => {
    const text =
      'a: 1\n---\nspring:\n  kafka:\n    producer:\n      acks: 1\n      properties:\n        linger.ms: 5 # batch\n# end of profile\n---\nb: 2\n';
    const { ed } = editor(text);
    assert.equal(
      apply(text, ed.insert({ doc: 1, elements: ['spring', 'kafka', 'producer', 'retries'], leafFrom: 3 }, '3')),
      'a: 1\n---\nspring:\n  kafka:\n    producer:\n      acks: 1\n      properties:\n        linger.ms: 5 # batch\n      retries: 3\n# end of profile\n---\nb: 2\n',
    );
  });

  test('into a map of a sequence item', () => {
    const text = 'producers:\n  - name: a\n    acks: 1\n';
    const { doc, ed } = editor(text);
    const item = doc.extra.maps.find((m) => !m.seq && m.path.length === 2)!;
    assert.equal(
      apply(text, ed.insert({ doc: 0, elements: ['enable', 'idempotence'], leafFrom: 0, map: item.id }, 'true')),
      'producers:\n  - name: a\n    acks: 1\n    enable.idempotence: true\n',
    );
  });
});

describe('remove', () => {
  test("deletes the key's line and keeps comments around it", () => {
    const text = 'spring:\n  kafka:\n    producer:\n      # leader only\n      acks: 1 # fast\n      retries: 0\n';
    const { doc, ed } = editor(text);
    assert.equal(
      apply(text, ed.removeEntry(entry(doc, 'spring.kafka.producer.acks'))),
      'spring:\n  kafka:\n    producer:\n      # leader only\n      retries: 0\n',
    );
  });

  test('deletes a parent map it leaves empty, when that parent is a plain `key:` line', () => {
    const text = 'spring:\r\n  kafka:\r\n    producer:\r\n      properties:\r\n        retries: 0\r\n      acks: all\r\n';
    const { doc, ed } = editor(text);
    assert.equal(
      apply(text, ed.removeEntry(entry(doc, 'spring.kafka.producer.properties.retries'))),
      'spring:\r\n  kafka:\r\n    producer:\r\n      acks: all\r\n',
    );
  });

  test('keeps a parent whose key line carries a comment', () => {
    const text = 'p:\n  properties: # tuned\n    retries: 0\n  acks: all\n';
    const { doc, ed } = editor(text);
    assert.equal(apply(text, ed.removeEntry(entry(doc, 'p.properties.retries'))), 'p:\n  properties: # tuned\n  acks: all\n');
  });

  test('deletes a multi-line value completely', () => {
    const text = 'a:\n  b: |\n    x\n    y\n  c: 1\n';
    const { doc, ed } = editor(text);
    assert.equal(apply(text, ed.removeEntry(entry(doc, 'a.b'))), 'a:\n  c: 1\n');
  });

  test('in a flow map: first, middle, last and only pair', () => {
    const t = 'x: {a: 1, b: 2, c: 3}\n';
    for (const [k, out] of [
      ['x.a', 'x: {b: 2, c: 3}\n'],
      ['x.b', 'x: {a: 1, c: 3}\n'],
      ['x.c', 'x: {a: 1, b: 2}\n'],
    ]) {
      const { doc, ed } = editor(t);
      assert.equal(apply(t, ed.removeEntry(entry(doc, k))), out, k);
    }
    const one = 'x: {a: 1}\n';
    const o = editor(one);
    assert.equal(apply(one, o.ed.removeEntry(entry(o.doc, 'x.a'))), 'x: {}\n');
  });

  test('the last line of a file without a final newline', () => {
    const text = 'p:\n  acks: all\n  retries: 0';
    const { doc, ed } = editor(text);
    assert.equal(apply(text, ed.removeEntry(entry(doc, 'p.retries'))), 'p:\n  acks: all\n');
  });

  test('refuses a key that shares its line with a sequence dash', () => {
    const text = '- acks: 1\n  retries: 0\n';
    const { doc, ed } = editor(text);
    assert.equal(ed.removeEntry(entry(doc, '[0].acks')), undefined);
    assert.equal(apply(text, ed.removeEntry(entry(doc, '[0].retries'))), '- acks: 1\n');
  });
});

test('a byte-order mark is not indentation: a key added next to the first line starts at column 0 (fuzz counterexample)', () => {
  const text = '\ufeffspring.kafka.producer.acks: 1\nother: x\n';
  const r = svc.lint({ fileName: 'application.yml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
  const f = r.findings.find((x) => x.ruleId === 'idempotence-not-on-by-default');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  const fixed = svc.applyEdits(text, f.fixes.find((x) => x.title.startsWith('Set enable.idempotence=true'))!.edits);
  assert.ok(fixed.startsWith('\ufeff'));
  for (const line of fixed.slice(1).split('\n').filter(Boolean)) assert.match(line, /^\S/, JSON.stringify(fixed));
});

test('…nor is a byte-order mark after empty lines at the start of the text, which the yaml lexer still reads as one (fuzz counterexample)', () => {
  const text = '\r\n\ufeffspring.kafka.producer.acks: 1\r\nother: x\r\n';
  const r = svc.lint({ fileName: 'application.yml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
  const f = r.findings.find((x) => x.ruleId === 'idempotence-not-on-by-default');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  const fixed = svc.applyEdits(text, f.fixes.find((x) => x.title.startsWith('Set enable.idempotence=true'))!.edits);
  assert.equal(
    YAML.parseAllDocuments(fixed).reduce((n, d) => n + d.errors.length, 0),
    0,
    JSON.stringify(fixed),
  );
  assert.ok(fixed.includes('\r\nspring.kafka.producer.properties.enable.idempotence: true\r\n'), JSON.stringify(fixed));
});

test('a parent key that holds a scalar is not written a second time as a map (fuzz counterexample: a duplicate key)', () => {
  const text = 'spring:\n  kafka:\n    producer:\n      batch-size: 64KB\n      retries: 3\n      properties:\n        linger.ms 20\n';
  const r = svc.lint({ fileName: 'application.yml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
  const f = r.findings.find((x) => x.ruleId === 'idempotence-not-on-by-default');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  for (const fix of f.fixes) assert.equal(svc.applyEdits(text, fix.edits).match(/^ {6}properties:/gm)?.length, 1, fix.title);
});

test('a YAML text with a lone CR: read with the CR as a line break (as YAML and editors do, unlike the yaml package), findings, but no fix nor suppression comment; the writer still places lines after the LF that ends the line for yaml (fuzz counterexamples)', () => {
  for (const text of [
    'kafka:\r\n  bootstrap:\r\n    servers: kafka:9092\r\n  acks: 1\r',
    'spring:\r\n  kafka:\n    producer:\n      acks: 1 # fast\r      retries: 3\r\n      ',
    'spring:\r  kafka:\r    producer:\r      acks: 1\r',
  ]) {
    const r = svc.lint({ fileName: 'values.yaml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
    assert.ok(
      r.findings.some((x) => x.ruleId === 'idempotence-not-on-by-default'),
      JSON.stringify(text),
    );
    assert.deepEqual(
      r.findings.flatMap((f) => f.fixes),
      [],
    );
    // nor a suppression comment: a line added after the CR would land inside the yaml package's line
    assert.deepEqual(
      r.findings.map((f) => f.suppress),
      r.findings.map(() => undefined),
    );
  }
  // fuzz counterexample: `producer\r: {acks: 0}` — the suppression line went between the key and its colon
  const text =
    'spring:\r\n  kafka:\r\n    producer\r: {acks: 1, retries: 3}\r\n# kafka-idempotence-disable-next-line no-such-rule\r\nx: 1\r\n';
  const r = svc.lint({ fileName: 'application.yaml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
  // `producer` and `: {…}` are two lines for YAML: the document does not load, the directive is unused
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['unused-disable-directive'],
  );
  // the same lines with the CR where YAML allows a break: the producer is judged, on the lines an editor shows
  const ok = 'spring:\r  kafka:\r    producer: {acks: 1, retries: 3}\r# kafka-idempotence-disable-next-line no-such-rule\rx: 1\r';
  const okr = svc.lint({ fileName: 'application.yaml', text: ok }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
  assert.ok(okr.findings.some((f) => f.ruleId === 'unused-disable-directive'));
  const lines = new svc.LineIndex(ok);
  assert.deepEqual(
    okr.findings.filter((f) => f.ruleId !== 'unused-disable-directive').map((f) => [f.ruleId, lines.lineOf(f.span.start)]),
    [['idempotence-not-on-by-default', 2]],
  );
  assert.deepEqual(
    okr.findings.flatMap((f) => [...f.fixes, ...(f.suppress ? [f.suppress] : [])]),
    [],
  );
  assert.deepEqual(
    r.findings.flatMap((f) => [...f.fixes, ...(f.suppress ? [f.suppress] : [])]),
    [],
  );
  const { insertLines } = W;
  assert.deepEqual(insertLines('a: 1\r', 5, 'b: 2', '\r\n'), { span: { start: 5, end: 5 }, newText: '\nb: 2\r\n' });
  assert.deepEqual(insertLines('a: 1 # x\r  c: 3\r\nd: 4\r\n', 9, 'b: 2', '\r\n'), { span: { start: 17, end: 17 }, newText: 'b: 2\r\n' });
  assert.deepEqual(insertLines('a: 1\n', 5, 'b: 2', '\n'), { span: { start: 5, end: 5 }, newText: 'b: 2\n' });
  assert.deepEqual(insertLines('a: 1', 4, 'b: 2', '\n'), { span: { start: 4, end: 4 }, newText: '\nb: 2' });
});

test('a key added after a map that holds only a merge key goes after the merge line, not between the key and its map (fuzz counterexample)', () => {
  const text =
    'base: &base\n  linger.ms: 5\nspring:\n  cloud:\n    stream:\n      bindings:\n        out-0:\n          destination: orders\n      kafka:\n        binder:\n          producer-properties:\n            <<: *base\n# end\n';
  const r = svc.lint({ fileName: 'application.yml', text }, { ...svc.DEFAULT_SETTINGS, springCloudStreamBinderVersion: '5.0.1' });
  const f = r.findings.find((x) => x.ruleId === 'spring-cloud-stream-required-acks-default-1');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  const fixed = svc.applyEdits(text, f.fixes[0].edits);
  assert.ok(fixed.includes('          producer-properties:\n            <<: *base\n          required-acks: all\n# end\n'), fixed);
  assert.deepEqual(
    YAML.parseAllDocuments(fixed).flatMap((d) => d.errors.map((e) => e.code)),
    [],
  );
});

test('…and after a map whose only key is an empty merge key `<<:` at the end of the text (fuzz counterexample)', () => {
  const text =
    'spring:\n  cloud:\n    stream:\n      bindings:\n        out-0:\n          destination: orders\n      kafka:\n        binder:\n          transaction:\n            transaction-id-prefix: tx-\n          producer-properties:\n            <<:';
  const r = svc.lint(
    { fileName: 'application.yml', text },
    { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8', springCloudStreamBinderVersion: '5.0.1' },
  );
  const f = r.findings.find((x) => x.ruleId === 'spring-cloud-stream-required-acks-default-1');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  const fixed = svc.applyEdits(text, f.fixes[0].edits);
  assert.ok(fixed.endsWith('          producer-properties:\n            <<:\n          required-acks: all'), JSON.stringify(fixed));
  assert.deepEqual(
    YAML.parseAllDocuments(fixed).flatMap((d) => d.errors.map((e) => e.code)),
    [],
  );
});

test('a plain value ending in U+FEFF: the span keeps it (only YAML white space is trimmed), so the fix replaces it (fuzz counterexample)', () => {
  const text = 'spring:\n  kafka:\n    producer:\n      properties:\n        "[enable.idempotence]": true\ufeff\n';
  const r = svc.lint({ fileName: 'application.yml', text }, svc.DEFAULT_SETTINGS);
  const f = r.findings.find((x) => x.ruleId === 'enable-idempotence-invalid-boolean');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  const fixed = svc.applyEdits(text, f.fixes[0].edits);
  assert.equal(fixed, 'spring:\n  kafka:\n    producer:\n      properties:\n        "[enable.idempotence]": true\n');
  assert.deepEqual(svc.lint({ fileName: 'application.yml', text: fixed }, svc.DEFAULT_SETTINGS).findings, []);
});

test("a map whose first key carries a tag or an anchor: new keys align with the item, not with the key after its properties (fuzz counterexample: '! key:')", () => {
  const cases: Array<[string, string]> = [
    // a tag: the new sibling goes to column 2, where the item starts
    ['a:\n  ! b: 1\n', 'a:\n  ! b: 1\n  c: x\n'],
    ['a:\n  &anchor b: 1\n', 'a:\n  &anchor b: 1\n  c: x\n'],
    ['a:\n  &anchor !!str b: 1\n', 'a:\n  &anchor !!str b: 1\n  c: x\n'],
    ['a:\n  !t\tb: 1\n', 'a:\n  !t\tb: 1\n  c: x\n'],
  ];
  for (const [text, want] of cases) {
    const { doc, ed } = editor(text);
    const out = apply(text, ed.insert({ doc: 0, elements: ['a', 'c'], leafFrom: 1 }, 'x'));
    assert.equal(out, want, JSON.stringify(text));
    assert.equal(
      YAML.parseAllDocuments(out).reduce((n, d) => n + d.errors.length, 0),
      0,
      out,
    );
    assert.ok(doc.entries.length > 0);
  }
  // a null parent with a tag: its new children are indented below the item
  const text = 'a:\n  ! b:\n';
  const { ed } = editor(text);
  const out = apply(text, ed.insert({ doc: 0, elements: ['a', 'b', 'c'], leafFrom: 2 }, 'x'));
  assert.equal(out, 'a:\n  ! b:\n    c: x\n');
  assert.deepEqual(YAML.parse(out), { a: { b: { c: 'x' } } });
});

test('the fuzz counterexample: a tagged Spring Cloud Stream key; the fix adds the binder keys at the item column and the file still loads', () => {
  // (retries: 3 says something about delivery, so idempotence-not-on-by-default has something to advise on)
  const text =
    'spring:\n  kafka:\n    producer:\n      retries: 3\n  cloud:\n    stream:\n      bindings:\n        enrich-out-0:\n          destination: orders\n      kafka:\n       ! kafka-idempotence-disable-line  binder:\n          brokers: broker-1:9092\n';
  const r = svc.lint({ fileName: 'application.yml', text }, { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8' });
  const f = r.findings.find((x) => x.ruleId === 'idempotence-not-on-by-default');
  assert.ok(f, JSON.stringify(r.findings.map((x) => x.ruleId)));
  const fix = f.fixes.find((x) => x.title === 'Set enable.idempotence=true');
  assert.ok(fix);
  const out = svc.applyEdits(text, fix.edits);
  assert.equal(
    YAML.parseAllDocuments(out).reduce((n, d) => n + d.errors.length, 0),
    0,
    out,
  );
  assert.match(out, /\n {7}binder:\n {9}producer-properties:\n {11}enable\.idempotence: true\n/);
});

test('a key added after a map whose last line is a merge key goes after that line, not between the map and it (fuzz counterexample)', () => {
  const text =
    'base: &base\n  acks: 1\nspring:\n  cloud:\n    stream:\n      bindings:\n        out-0:\n          destination: orders\n      kafka:\n        binder:\n          transaction:\n            transaction-id-prefix: tx-\n# a comment\n            <<: *base\n';
  const r = svc.lint(
    { fileName: 'application.yml', text },
    { ...svc.DEFAULT_SETTINGS, kafkaClientsVersion: '2.8', springCloudStreamBinderVersion: '5.0.1' },
  );
  const f = r.findings.find((x) => x.ruleId === 'spring-cloud-stream-required-acks-default-1');
  assert.ok(f, r.findings.map((x) => x.ruleId).join());
  const fixed = svc.applyEdits(text, f.fixes[0].edits);
  assert.ok(
    fixed.endsWith('            transaction-id-prefix: tx-\n# a comment\n            <<: *base\n          required-acks: all\n'),
    JSON.stringify(fixed),
  );
  assert.deepEqual(
    YAML.parseAllDocuments(fixed).flatMap((d) => d.errors.map((e) => e.code)),
    [],
  );
});

test('a flow map: a key is added after the tag or anchor of an empty last value, and after a value ending in U+2028 (YAML white space is only space, tab and line breaks) (fuzz counterexamples)', () => {
  for (const [text, want] of [
    [
      'spring:\n  kafka:\n    producer: {acks: 1, retries: !0}\n',
      'spring:\n  kafka:\n    producer: {acks: 1, retries: !0, properties: {enable.idempotence: false}}\n',
    ],
    [
      'spring:\n  kafka:\n    producer: {acks: 1, retries: 3\u2028}\n',
      'spring:\n  kafka:\n    producer: {acks: 1, retries: 3\u2028, properties: {enable.idempotence: false}}\n',
    ],
    [
      'spring:\n  kafka:\n    producer: {acks: 1, retries: 3, }\n',
      'spring:\n  kafka:\n    producer: {acks: 1, retries: 3, properties: {enable.idempotence: false} }\n',
    ],
  ]) {
    const r = svc.lint({ fileName: 'application.yml', text }, svc.DEFAULT_SETTINGS);
    const f = r.findings.find((x) => x.ruleId === 'idempotence-implicit-downgrade');
    assert.ok(f, JSON.stringify(text) + r.findings.map((x) => x.ruleId).join());
    const fix = f.fixes.find((x) => x.title.startsWith('Set enable.idempotence=false'));
    assert.ok(fix, JSON.stringify(text));
    const out = svc.applyEdits(text, fix.edits);
    assert.equal(out, want, JSON.stringify(out));
    assert.equal(
      YAML.parseAllDocuments(out).reduce((n, d) => n + d.errors.length, 0),
      0,
      JSON.stringify(out),
    );
  }
});

test('nested: one key per element, through maps keyed exactly by the elements, never a flat dotted key (SmallRye Config)', () => {
  const path = (elements: string[], map?: number): KeyPath => ({
    doc: 0,
    elements,
    leafFrom: 1,
    nested: true,
    ...(map !== undefined ? { map } : {}),
  });
  const cases: Array<[string, string[], string]> = [
    // a map of flat keys: the new key is still nested
    ['a:\n  x.y: 1\n', ['a', 'b', 'c'], 'a:\n  x.y: 1\n  b:\n    c: v\n'],
    // a flat key that covers the path is not descended into: its name is one element
    ['a.b:\n  x: 1\nz: 2\n', ['a', 'b', 'c'], 'a.b:\n  x: 1\nz: 2\na:\n  b:\n    c: v\n'],
    // existing maps are descended into
    ['a:\n  b:\n    x: 1\n', ['a', 'b', 'c'], 'a:\n  b:\n    x: 1\n    c: v\n'],
    // a null parent takes the rest
    ['a:\n  b:\n', ['a', 'b', 'c', 'd'], 'a:\n  b:\n    c:\n      d: v\n'],
  ];
  for (const [text, elements, want] of cases) {
    const { ed } = editor(text);
    assert.equal(apply(text, ed.insert(path(elements), 'v')), want, JSON.stringify(text));
  }
  // the leaf's name taken by a map that cannot hold it: no edit
  const { ed } = editor('a:\n  b: 1\n');
  assert.equal(ed.insert(path(['a', 'b']), 'v'), undefined);
  // from a given map: the elements below it
  const t = 'x:\n  enable.idempotence: true\n';
  const { doc, ed: e2 } = editor(t);
  assert.equal(
    apply(t, e2.insert(path(['enable', 'idempotence'], doc.extra.maps[1].id), 'false')),
    'x:\n  enable.idempotence: true\n  enable:\n    idempotence: false\n',
  );
});
