/**
 * Encodings (real byte fixtures, generated here): a `.properties` file with GBK, Shift-JIS or Latin-1
 * comments is read as ISO-8859-1 (what Properties.load(InputStream) and Spring Boot read) and linted;
 * YAML in UTF-16 with a byte-order mark is text; YAML with bytes that are not UTF-8 keeps them. Each
 * case: the findings, `--fix` changes only the bytes of its edit (everything before and after is the
 * same, in the file's own encoding, BOM and line ends included), and a second `--fix` changes nothing.
 */
import test, { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { cli, json, tempFolders, write } from './helpers';
import { load } from '../support';

const enc = load('cli/encoding');
const { dir, cleanup } = tempFolders('kafka-idempotence-encoding-');
after(cleanup);

const ascii = (s: string) => Buffer.from(s, 'latin1');
/** "生产者配置" (producer configuration) in GBK, checked against the platform's decoder below. */
const GBK = Buffer.from([0xc9, 0xfa, 0xb2, 0xfa, 0xd5, 0xdf, 0xc5, 0xe4, 0xd6, 0xc3]);
/** "設定" (settings) in Shift-JIS. */
const SJIS = Buffer.from([0x90, 0xdd, 0x92, 0xe8]);
/** "Paramètres de sécurité" in Latin-1. */
const LATIN1 = Buffer.concat([
  ascii('Param'),
  Buffer.from([0xe8]),
  ascii('tres de s'),
  Buffer.from([0xe9]),
  ascii('curit'),
  Buffer.from([0xe9]),
]);

function utf16(text: string, le: boolean): Buffer {
  const b = Buffer.from(text, 'utf16le');
  if (!le) for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), b]);
}

/** Where two buffers differ: the common prefix and suffix lengths. */
function diffBounds(a: Buffer, b: Buffer): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

interface Case {
  name: string;
  file: string;
  bytes: Buffer;
  /** `line:column ruleId` of the findings. */
  findings: string[];
  /** The bytes that replace the changed part, and the bytes they replace. */
  removed: Buffer;
  inserted: Buffer;
}

const CASES: Case[] = [
  {
    name: 'GBK comments in a .properties file (CRLF)',
    file: 'producer.properties',
    bytes: Buffer.concat([ascii('# '), GBK, ascii('\r\nbootstrap.servers=b:9092\r\n# '), GBK, ascii(': acks\r\nacks=1\r\n')]),
    findings: ['4:6 idempotence-implicit-downgrade'],
    removed: ascii('1'),
    inserted: ascii('all'),
  },
  {
    name: 'Shift-JIS comments in a .properties file, and one in a value',
    file: 'producer.properties',
    bytes: Buffer.concat([
      ascii('# '),
      SJIS,
      ascii('\nclient.id=app-'),
      SJIS,
      ascii('\nenable.idempotence=true\nacks=0\n# '),
      SJIS,
      ascii('\n'),
    ]),
    findings: ['4:6 idempotence-acks-conflict'],
    removed: ascii('0'),
    inserted: ascii('all'),
  },
  {
    name: 'Latin-1 comments in a .properties file with a UTF-8-looking BOM-less start',
    file: 'producer.properties',
    bytes: Buffer.concat([ascii('! '), LATIN1, ascii('\nretries=0\nenable.idempotence=true\n')]),
    findings: ['2:9 idempotence-retries-zero'],
    removed: ascii('retries=0\n'),
    inserted: ascii(''),
  },
  {
    name: 'UTF-16LE YAML with a byte-order mark',
    file: 'application.yml',
    bytes: utf16('# Konfiguration für die Zahlungen — 生产者\nspring:\n  kafka:\n    producer:\n      acks: 1\n', true),
    findings: ['5:13 idempotence-implicit-downgrade'],
    removed: Buffer.from('1', 'utf16le'),
    inserted: Buffer.from('all', 'utf16le'),
  },
  {
    name: 'UTF-16BE YAML with a byte-order mark (CRLF)',
    file: 'application.yaml',
    bytes: utf16('spring:\r\n  kafka:\r\n    producer:\r\n      acks: 1 # 設定\r\n', false),
    findings: ['4:13 idempotence-implicit-downgrade'],
    removed: utf16('1', false).subarray(2),
    inserted: utf16('all', false).subarray(2),
  },
  {
    name: 'YAML with GBK comments (not UTF-8): the bytes are kept as they are',
    file: 'application.yml',
    bytes: Buffer.concat([ascii('# '), GBK, ascii('\nspring:\n  kafka:\n    producer:\n      acks: 1 # '), GBK, ascii('\n')]),
    findings: ['5:13 idempotence-implicit-downgrade'],
    removed: ascii('1'),
    inserted: ascii('all'),
  },
  {
    name: 'UTF-8 with a BOM and CRLF',
    file: 'producer.properties',
    bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Café ☕ 生产者\r\nacks=1\r\n', 'utf8')]),
    findings: ['2:6 idempotence-implicit-downgrade'],
    removed: ascii('1'),
    inserted: ascii('all'),
  },
];

describe('encodings: real byte fixtures', () => {
  test('the fixtures are what they say (the platform decoders read them so)', () => {
    assert.equal(new TextDecoder('gbk').decode(GBK), '生产者配置');
    assert.equal(new TextDecoder('shift_jis').decode(SJIS), '設定');
    assert.equal(new TextDecoder('latin1').decode(LATIN1), 'Paramètres de sécurité');
    for (const b of [GBK, SJIS, LATIN1]) assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(b), 'not UTF-8');
  });

  for (const c of CASES) {
    test(`${c.name}: findings, --fix changes only its edit, a second --fix changes nothing`, () => {
      const d = dir();
      const p = write(d, c.file, c.bytes);
      const { run, report } = json([c.file], d);
      assert.equal(run.stderr, '');
      assert.deepEqual(
        report[0].findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`),
        c.findings,
      );
      assert.ok(run.status === 0 || run.status === 1, String(run.status));

      const fixed = cli(['--fix', c.file], d);
      assert.match(fixed.stderr, /fixed 1 problem in 1 file/);
      assert.doesNotMatch(fixed.stderr, /warning|error/);
      const after = fs.readFileSync(p);
      // everything outside the edit is the same bytes: what differs is no longer than the edit itself
      const { prefix, suffix } = diffBounds(c.bytes, after);
      assert.ok(prefix + suffix >= c.bytes.length - c.removed.length, `only ${prefix} + ${suffix} of ${c.bytes.length} bytes kept`);
      assert.equal(after.length - c.bytes.length, c.inserted.length - c.removed.length);
      if (c.inserted.length > 0)
        assert.ok(
          after.subarray(Math.max(0, prefix - c.inserted.length), after.length - suffix + c.inserted.length).includes(c.inserted),
          'the inserted bytes are in the edit',
        );
      // the fixed file is clean, in the same encoding
      const again = json([c.file], d);
      assert.deepEqual(
        again.report[0].findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId),
        [],
      );
      // a second --fix is a no-op: same bytes, same mtime
      const mtime = fs.statSync(p).mtimeMs;
      const second = cli(['--fix', c.file], d);
      assert.doesNotMatch(second.stderr, /fixed/);
      assert.deepEqual(fs.readFileSync(p), after);
      assert.equal(fs.statSync(p).mtimeMs, mtime);
    });
  }

  test('UTF-16 without a byte-order mark, and UTF-32: not read, with the file-not-linted notice (not "binary")', () => {
    const d = dir();
    write(d, 'a-producer.properties', Buffer.from('enable.idempotence=true\nacks=0\n', 'utf16le'));
    write(d, 'b-application.yml', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\0\0\0', 'latin1')]));
    const { run, report } = json(['.'], d);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      report.map((r) => [r.file, r.findings.map((f) => `${f.ruleId}: ${f.message}`)]),
      [
        [
          'a-producer.properties',
          [
            'file-not-linted: Not linted: the file looks like UTF-16 without a byte-order mark, which is not read, so nothing in it was judged.',
          ],
        ],
        ['b-application.yml', ['file-not-linted: Not linted: the file is in UTF-32, which is not read, so nothing in it was judged.']],
      ],
    );
    assert.equal(cli(['--max-warnings', '0', '.'], d).status, 1);
  });
});

describe('encoding module', () => {
  test('decode: UTF-8 first; ISO-8859-1 for .properties only; kept bytes elsewhere; UTF-16 by its mark', () => {
    const latin = Buffer.concat([ascii('# caf'), Buffer.from([0xe9]), ascii('\n')]);
    assert.deepEqual(enc.decode(latin, 'properties'), { text: '# café\n', encoding: { name: 'iso-8859-1', bom: false } });
    assert.deepEqual(enc.decode(latin, 'yaml'), { text: '# caf\udce9\n', encoding: { name: 'utf-8', bom: false, keptBytes: true } });
    assert.deepEqual(enc.decode(Buffer.from('é', 'utf8'), 'properties'), { text: 'é', encoding: { name: 'utf-8', bom: false } });
    assert.deepEqual(enc.decode(utf16('x', true), 'yaml'), { text: 'x', encoding: { name: 'utf-16le', bom: true } });
    assert.deepEqual(enc.decode(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'yaml'), { text: 'a', encoding: { name: 'utf-8', bom: true } });
  });

  test('the kept bytes: every invalid sequence round-trips, valid ones decode as TextDecoder does', () => {
    const samples = [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98],
      [0x80],
      [0xff, 0xfe],
      [0xe2, 0x82, 0xac],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xc3, 0xa9, 0xc3],
      [0x61, 0xe9, 0x62],
    ];
    for (const s of samples) {
      const b = Buffer.from(s);
      const text = enc.decodeUtf8KeepingBytes(b);
      const back = enc.encode(text, { name: 'utf-8', bom: false, keptBytes: true });
      assert.ok('bytes' in back);
      assert.deepEqual([...back.bytes], s, JSON.stringify(text));
      // the valid parts are what the standard decoder makes of them
      assert.equal(
        text.replace(/[\udc80-\udcff]/g, '\ufffd').replace(/\ufffd+/g, '\ufffd'),
        new TextDecoder().decode(b).replace(/\ufffd+/g, '\ufffd'),
      );
    }
    // random bytes round-trip too
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) & 0xff;
    for (let n = 0; n < 200; n++) {
      const b = Buffer.from(Array.from({ length: 64 }, rnd));
      const back = enc.encode(enc.decodeUtf8KeepingBytes(b), { name: 'utf-8', bom: false, keptBytes: true });
      assert.ok('bytes' in back && back.bytes.equals(b));
    }
  });

  test('encode refuses what the encoding cannot hold, naming the character and where', () => {
    assert.deepEqual(enc.encode('acks=all # €', { name: 'iso-8859-1', bom: false }), { unrepresentable: { offset: 11, char: '€' } });
    assert.deepEqual(enc.encode('a\ud800b', { name: 'utf-8', bom: false }), { unrepresentable: { offset: 1, char: 'U+D800' } });
    assert.deepEqual(enc.encode('a\udce9', { name: 'utf-8', bom: false }), { unrepresentable: { offset: 1, char: 'U+DCE9' } });
    const ok = enc.encode('é€', { name: 'utf-16be', bom: true });
    assert.ok('bytes' in ok && ok.bytes.equals(Buffer.from([0xfe, 0xff, 0x00, 0xe9, 0x20, 0xac])));
  });
});
