/**
 * The YAML format: entries (flattened keys, bound values, kinds), exact UTF-16 spans
 * (CRLF, BOM, non-ASCII), multi-document streams, comments, anchors/aliases/merge keys,
 * and hostile input: malformed documents, an alias bomb, 10,000-deep nesting and seeded
 * random garbage must neither throw nor run unbounded.
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import type * as YamlModule from '../../server/src/service/formats/yaml';
import { at, lintText, where } from '../support/dialectCase';
import { load } from '../support';

const Y = load('service/formats/yaml');
const P = load('service/detect/placeholder');
type Meta = YamlModule.YamlEntryMeta;

function table(text: string) {
  const r = Y.parseYaml(text);
  return r.entries.map((e) => `${e.key}=${e.value === undefined ? '∅' : JSON.stringify(e.value)}:${e.kind}`);
}

describe('entries', () => {
  test('nested maps, dotted keys inside maps, bracket keys, flow maps and sequences flatten as Spring flattens them', () => {
    const text = [
      'spring:',
      '  kafka:',
      '    producer:',
      '      acks: all',
      '      properties:',
      '        enable.idempotence: true',
      '        "[max.in.flight.requests.per.connection]": 5',
      '        linger: {ms: 10}',
      '    bootstrap-servers: [a:9092, b:9092]',
      '',
    ].join('\n');
    assert.deepEqual(table(text), [
      'spring.kafka.producer.acks="all":string',
      'spring.kafka.producer.properties.enable.idempotence="true":boolean',
      'spring.kafka.producer.properties.max.in.flight.requests.per.connection="5":number',
      'spring.kafka.producer.properties.linger.ms="10":number',
      'spring.kafka.bootstrap-servers[0]="a:9092":string',
      'spring.kafka.bootstrap-servers[1]="b:9092":string',
    ]);
    const r = Y.parseYaml(text);
    const meta = r.entries[2].meta as unknown as Meta;
    assert.deepEqual(meta.path, ['spring', 'kafka', 'producer', 'properties', '[max.in.flight.requests.per.connection]']);
    assert.equal(meta.keyStyle, 'QUOTE_DOUBLE');
    assert.equal((r.entries[3].meta as unknown as Meta).flow, true);
    assert.equal((r.entries[0].meta as unknown as Meta).indent, 6);
  });

  test('values are what the framework binds (YAML 1.2 core schema)', () => {
    const text = [
      'a: all',
      'b: -1',
      'c: "1"',
      "d: '0'",
      'e: true',
      'f: False',
      'g: +5',
      'h: 007',
      'i: 1.0',
      'j: ~',
      'k:',
      'l: yes',
      'm: |',
      '  text',
      'n: ${ACKS:all}',
      '',
    ].join('\n');
    assert.deepEqual(table(text), [
      'a="all":string',
      'b="-1":number',
      'c="1":string',
      'd="0":string',
      'e="true":boolean',
      'f="false":boolean',
      'g="5":number',
      'h="7":number',
      'i="1.0":number',
      'j=∅:null',
      'k=∅:null',
      'l="yes":string',
      'm="text\\n":string',
      'n="${ACKS:all}":string',
    ]);
    const r = Y.parseYaml(text);
    const yes = r.entries.find((e) => e.key === 'l')!;
    assert.equal((yes.meta as unknown as Meta).yaml11Boolean, true);
    assert.equal((r.entries.find((e) => e.key === 'e')!.meta as unknown as Meta).yaml11Boolean, undefined);
    const styles = r.entries.map((e) => (e.meta as unknown as Meta).style);
    assert.deepEqual(styles, [
      'PLAIN',
      'PLAIN',
      'QUOTE_DOUBLE',
      'QUOTE_SINGLE',
      'PLAIN',
      'PLAIN',
      'PLAIN',
      'PLAIN',
      'PLAIN',
      'PLAIN',
      'NULL',
      'PLAIN',
      'BLOCK_LITERAL',
      'PLAIN',
    ]);
  });

  test('every YAML 1.1 boolean word is marked, true/false are not', () => {
    for (const [w, b] of [
      ['yes', true],
      ['Y', true],
      ['ON', true],
      ['on', true],
      ['no', false],
      ['n', false],
      ['Off', false],
      ['NO', false],
    ] as const) {
      const r = Y.parseYaml(`x: ${w}\n`);
      assert.equal((r.entries[0].meta as unknown as Meta).yaml11Boolean, b, w);
      assert.equal(r.entries[0].value, w, w);
    }
    for (const w of ['true', 'false', 'True', '"yes"', 'yess']) {
      assert.equal((Y.parseYaml(`x: ${w}\n`).entries[0].meta as unknown as Meta).yaml11Boolean, undefined, w);
    }
  });
});

describe('spans', () => {
  test('key, value and entry spans are exact with CRLF, a BOM and non-ASCII text', () => {
    const text = '\uFEFF# 🚀 producer\r\nspring:\r\n  kafka:\r\n    producer:\r\n      acks: "1" # ü\r\n      retries: 0\r\n';
    const r = Y.parseYaml(text);
    assert.equal(r.eol, '\r\n');
    const [acks, retries] = r.entries;
    assert.equal(at(text, acks.keySpan), 'acks');
    assert.equal(at(text, acks.valueSpan), '"1"');
    assert.equal(at(text, acks.entrySpan), '      acks: "1" # ü\r\n');
    assert.equal(at(text, retries.keySpan), 'retries');
    assert.equal(at(text, retries.valueSpan), '0');
    assert.equal(at(text, retries.entrySpan), '      retries: 0\r\n');
    assert.deepEqual(
      r.comments.map((c) => [at(text, c.span), c.text, c.marker]),
      [
        ['# 🚀 producer', ' 🚀 producer', '#'],
        ['# ü', ' ü', '#'],
      ],
    );
    assert.equal(r.commentMarker, '#');
  });

  test('lint positions in a CRLF + BOM YAML file are UTF-16 columns on the right lines', () => {
    const text = '\uFEFFspring:\r\n  kafka:\r\n    producer:\r\n      acks: 1 # 🚀\r\n      transaction-id-prefix: tx-\r\n';
    const r = lintText('application.yml', text);
    assert.deepEqual(where(text, r), ['4:13 error idempotence-acks-conflict']);
    assert.equal(at(text, r.findings[0].span), '1');
  });

  test('a value with no trailing newline and an empty value have usable spans', () => {
    const text = 'a:\n  b:\n  c: x';
    const r = Y.parseYaml(text);
    assert.deepEqual(
      r.entries.map((e) => [e.key, at(text, e.valueSpan), e.valueSpan.start]),
      [
        ['a.b', '', 7], // just after the colon
        ['a.c', 'x', 13],
      ],
    );
    assert.equal(at(text, r.entries[1].entrySpan), '  c: x');
  });
});

describe('documents, anchors, aliases', () => {
  test("a multi-document stream keeps each entry's document index", () => {
    const r = Y.parseYaml('a: 1\n---\nb: 2\n---\n# only a comment\n---\nc: 3\n');
    assert.deepEqual(
      r.entries.map((e) => [e.key, (e.meta as unknown as Meta).doc]),
      [
        ['a', 0],
        ['b', 1],
        ['c', 3],
      ],
    );
    assert.equal(r.extra.docs.length, 4);
  });

  test('aliases and merge keys are followed; explicit keys win over merged ones; shared text is marked', () => {
    const text = [
      'base: &base',
      '  acks: "1"',
      '  linger.ms: 5',
      'copy: *base',
      'merged:',
      '  <<: *base',
      '  acks: all',
      'scalar: &s 7',
      'ref: *s',
      '',
    ].join('\n');
    const r = Y.parseYaml(text);
    assert.deepEqual(
      r.entries.map((e) => `${e.key}=${e.value}${(e.meta as unknown as Meta).viaAlias ? ' (alias)' : ''}`),
      [
        'base.acks=1',
        'base.linger.ms=5',
        'copy.acks=1 (alias)',
        'copy.linger.ms=5 (alias)',
        'merged.linger.ms=5 (alias)',
        'merged.acks=all',
        'scalar=7',
        'ref=7',
      ],
    );
    const ref = r.entries[7];
    assert.equal(at(text, ref.valueSpan), '*s');
    assert.equal((ref.meta as unknown as Meta).style, 'ALIAS');
  });

  test('duplicate keys make a document unloadable, as YAML compares keys (`a` = "a", 1 ≠ "1")', () => {
    const r = Y.parseYaml('x: {a: 1, "a": 2}\n---\n1: x\n"1": y\n---\nk:\n  j: 1\n  j: 2\n');
    assert.deepEqual(
      r.extra.docs.map((d) => d.ok),
      [false, true, false],
    );
    assert.deepEqual(
      r.entries.map((e) => e.key),
      ['1', '1'],
    );
    assert.deepEqual(
      r.problems.map((p) => p.code),
      ['yaml-duplicate-key', 'yaml-duplicate-key'],
    );
  });

  test('an alias bomb is cut off by the expansion budget', () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 0; i < 12; i++) {
      const p = String.fromCharCode(97 + i);
      const q = String.fromCharCode(98 + i);
      text += `${q}: &${q} [${Array(9)
        .fill('*' + p)
        .join(',')}]\n`;
    }
    text += 'spring.kafka.producer.acks: 1\n';
    const r = Y.parseYaml(text);
    assert.ok(r.entries.length <= Y.YAML_LIMITS.maxAliasNodes + 100, `${r.entries.length} entries`);
    assert.ok(r.problems.some((p) => p.code === 'yaml-alias-limit'));
    // the rest of the document is still read and judged, and the file says it was not read whole
    assert.deepEqual(where(text, lintText('bomb.yml', text)), [
      '1:1 warning file-partly-linted',
      '14:29 warning idempotence-implicit-downgrade',
    ]);
    assert.match(lintText('bomb.yml', text).findings[0].message, /^Partly linted: Alias expansion stopped after \d+ aliases/);
  });

  test('a bomb of nested map aliases is cut off too', () => {
    let text = 'x0: &x0 {acks: 1, linger.ms: 5}\n';
    for (let i = 1; i < 40; i++) text += `x${i}: &x${i}\n  a: *x${i - 1}\n  b: *x${i - 1}\n`;
    const r = Y.parseYaml(text);
    assert.ok(r.entries.length <= Y.YAML_LIMITS.maxAliasNodes + 100);
    assert.ok(r.problems.some((p) => p.code === 'yaml-alias-limit'));
    // one generic producer map (the anchor); aliased copies are not blocks of their own
    assert.deepEqual(
      lintText('values.yaml', text).blocks.map((b) => b.name),
      ['x0'],
    );
  });
});

describe('hostile input', () => {
  const N = 10000;
  const deep: Array<[string, string]> = [
    ['flow sequences', '['.repeat(N) + ']'.repeat(N)],
    ['flow maps', 'a: ' + '{a: '.repeat(N) + '1' + '}'.repeat(N)],
    ['block sequences', '- '.repeat(N) + 'x'],
  ];
  test("a sequence under each key at the key's own column: 600 levels on lines under 600 characters are still not composed", () => {
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(`${' '.repeat(i)}k${i % 10}:`, `${' '.repeat(i)}-`);
    const text = `spring.kafka.producer.acks: 1\n---\n${lines.join('\n')}\n${' '.repeat(300)}x\n`;
    const r = Y.parseYaml(text);
    assert.equal(r.extra.docs[1].ok, false);
    assert.ok(
      r.problems.some((p) => /nests more than 500 levels deep/.test(p.message)),
      JSON.stringify(r.problems),
    );
    assert.deepEqual(
      r.entries.map((e) => e.key),
      ['spring.kafka.producer.acks'],
    );
  });
  for (const [name, body] of deep) {
    test(`10,000-deep ${name} neither crash nor hide the other documents`, () => {
      const text = `spring.kafka.producer.acks: 1\n---\n${body}\n`;
      const r = Y.parseYaml(text);
      assert.equal(r.extra.docs.length, 2);
      assert.equal(r.extra.docs[1].ok, false);
      assert.ok(r.problems.length > 0);
      assert.deepEqual(
        r.entries.map((e) => e.key),
        ['spring.kafka.producer.acks'],
      );
      // the deep document is not read, and the file says so
      assert.deepEqual(where(text, lintText('application.yml', text)), [
        '1:1 warning file-partly-linted',
        '1:29 warning idempotence-implicit-downgrade',
      ]);
      assert.match(
        lintText('application.yml', text).findings[0].message,
        /^Partly linted: a YAML document nests too deeply \(or is too large\) for the parser at line 3 /,
      );
    });
  }

  test('malformed documents yield no entries; the well-formed ones still do', () => {
    const text = [
      'spring:',
      '  kafka:',
      '    producer:',
      '      acks: 1',
      '     bad: [',
      '---',
      'spring.kafka.producer.retries: 0',
      'spring.kafka.producer.transaction-id-prefix: tx-',
      '---',
      'dup: 1',
      'dup: 2',
      '',
    ].join('\n');
    const r = Y.parseYaml(text);
    assert.deepEqual(
      r.extra.docs.map((d) => d.ok),
      [false, true, false],
    );
    assert.deepEqual(
      r.entries.map((e) => e.key),
      ['spring.kafka.producer.retries', 'spring.kafka.producer.transaction-id-prefix'],
    );
    assert.ok(r.problems.some((p) => p.code === 'yaml-duplicate-key'));
    assert.deepEqual(where(text, lintText('application.yml', text)), ['7:32 error idempotence-retries-zero']);
  });

  test('seeded random garbage never throws, and spans stay inside the text', () => {
    let seed = 0x79616d6c;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 0x100000000;
    };
    const pieces = [
      'a',
      'acks',
      ': ',
      ':',
      '-',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '{',
      '}',
      '[',
      ']',
      ',',
      '"',
      "'",
      '#',
      '&x',
      '*x',
      '<<',
      '|',
      '>',
      '?',
      '!',
      '%YAML 1.1',
      '---',
      '...',
      '${A:1}',
      '\t',
      '\\',
      'é',
      '🚀',
      'spring.kafka.producer.',
      'enable.idempotence',
      'yes',
      '1',
    ];
    for (let n = 0; n < 1500; n++) {
      let text = '';
      const len = Math.floor(rnd() * 40);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      const r = Y.parseYaml(text);
      for (const e of r.entries) {
        for (const s of [e.keySpan, e.valueSpan, e.entrySpan]) {
          assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, JSON.stringify(text));
        }
      }
      for (const c of r.comments) assert.equal(text[c.span.start], '#', JSON.stringify(text));
      const lr = lintText('application.yml', text);
      for (const f of lr.findings) for (const fix of f.fixes) assert.doesNotThrow(() => at(text, fix.edits[0].span));
    }
  });
});

describe('placeholders', () => {
  const cases: Array<[string, 'spring' | 'generic', string | undefined, string]> = [
    ['${ACKS:all}', 'spring', 'all', 'placeholder'],
    ['${ACKS:-1}', 'spring', '-1', 'placeholder'],
    ['${ACKS:-1}', 'generic', '1', 'placeholder'],
    ['${ACKS-1}', 'generic', '1', 'placeholder'],
    ['${ACKS:all}', 'generic', 'all', 'placeholder'],
    ['${ACKS}', 'spring', undefined, 'unknown'],
    ['${ACKS}', 'generic', undefined, 'unknown'],
    ['${A:${B:1}}', 'spring', '1', 'placeholder'],
    ['${A:${B}}', 'spring', undefined, 'unknown'],
    ['tx-${HOSTNAME}', 'spring', undefined, 'unknown'],
    [' ${ACKS:1} ', 'spring', '1', 'placeholder'],
    ['${ACKS:}', 'spring', '', 'placeholder'],
  ];
  for (const [value, style, expected, kind] of cases) {
    test(`${JSON.stringify(value)} (${style}) → ${expected === undefined ? 'unknown' : JSON.stringify(expected)}`, () => {
      const p = P.resolvePlaceholder(value, style);
      assert.ok(p);
      assert.equal(p.value, expected);
      assert.equal(p.kind, kind);
    });
  }
  test('a value without a placeholder is left alone', () => {
    assert.equal(P.resolvePlaceholder('all', 'spring'), undefined);
  });
});
