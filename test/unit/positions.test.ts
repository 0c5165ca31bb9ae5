/**
 * Exact spans (UTF-16 offsets, 1-based line/column as an editor shows them) on awkward
 * files: CRLF, CR-only, a byte-order mark, tabs, non-BMP characters, multi-line
 * continuation entries, and suppression directives above multi-line entries. The fixes
 * on such files are checked by the RuleTester (exact output, file still loadable).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { service, settingsWith, type Finding } from '../support/service';

const IFL = 'max.in.flight.requests.per.connection';
const lint = (text: string, version = 'latest') =>
  service.lint({ fileName: 'producer.properties', text }, settingsWith({ kafkaClientsVersion: version }));
const only = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);
const slice = (text: string, f: { span: { start: number; end: number } }) => text.slice(f.span.start, f.span.end);

describe('offsets', () => {
  test('CRLF: spans are offsets into the text, lines end at \\r\\n', () => {
    const text = 'bootstrap.servers=b\r\nenable.idempotence=true\r\nacks=1\r\n';
    const [f] = only(lint(text).findings, 'idempotence-acks-conflict');
    assert.deepEqual(f.span, { start: 51, end: 52 });
    assert.equal(slice(text, f), '1');
    const lines = new service.LineIndex(text);
    assert.deepEqual(lines.position(51), { line: 2, character: 5 });
    assert.equal(lines.offsetAt(2, 5), 51);
    assert.equal(lines.lineEnd(1), 44, 'content ends before \\r\\n');
    assert.equal(lines.lineEnd(1, true), 46);
    const [block] = lint(text).blocks;
    const e = block.items[1].entry;
    assert.deepEqual(
      [e.keySpan, e.valueSpan, e.entrySpan],
      [
        { start: 21, end: 39 },
        { start: 40, end: 44 },
        { start: 21, end: 46 },
      ],
    );
  });

  test('CR only: \\r alone ends a line', () => {
    const text = 'acks=1\rretries=0\r';
    const fs = only(lint(text, '3.9').findings, 'idempotence-implicit-downgrade');
    assert.deepEqual(
      fs.map((f) => f.span),
      [
        { start: 5, end: 6 },
        { start: 15, end: 16 },
      ],
    );
    const lines = new service.LineIndex(text);
    assert.deepEqual(
      fs.map((f) => lines.position(f.span.start)),
      [
        { line: 0, character: 5 },
        { line: 1, character: 8 },
      ],
    );
  });

  test('BOM: offsets count the U+FEFF at 0; the first key starts at 1', () => {
    const text = '\ufeffacks=1\nretries=3\n';
    const r = lint(text, '3.9');
    const e = r.blocks[0].items[0].entry;
    assert.equal(r.blocks[0].items[0].key, 'acks', 'the BOM is not part of the key');
    assert.deepEqual(e.keySpan, { start: 1, end: 5 });
    assert.deepEqual(e.valueSpan, { start: 6, end: 7 });
    assert.deepEqual(e.entrySpan, { start: 1, end: 8 });
    const [f] = only(r.findings, 'idempotence-implicit-downgrade');
    assert.deepEqual(f.span, { start: 6, end: 7 });
    assert.deepEqual(new service.LineIndex(text).position(f.span.start), { line: 0, character: 6 });
  });

  test('tabs are single code units', () => {
    const text = '\tenable.idempotence\t=\ttrue\n\tacks\t=\t1\n';
    const [f] = only(lint(text).findings, 'idempotence-acks-conflict');
    assert.deepEqual(new service.LineIndex(text).position(f.span.start), { line: 1, character: 8 });
    assert.equal(slice(text, f), '1');
  });

  test('non-BMP characters count two code units (as LSP positions do)', () => {
    const text = '# 😀 producer 🚀\nclient.id=😀😀\nacks=😀all\n';
    const [f] = only(lint(text).findings, 'acks-invalid-value');
    assert.equal(slice(text, f), '😀all');
    const lines = new service.LineIndex(text);
    assert.deepEqual(lines.position(f.span.start), { line: 2, character: 5 });
    assert.deepEqual(lines.position(f.span.end), { line: 2, character: 10 });
    assert.match(f.message, /Invalid value 😀all for configuration acks/);
  });

  test('multi-line entries: key and value spans cross the continuation', () => {
    const text = `ac\\\n  ks=\\\n    1\\\n    0\n`;
    const [block] = lint(text).blocks;
    const e = block.items[0].entry;
    assert.equal(e.key, 'acks');
    assert.equal(e.value, '10');
    assert.equal(slice(text, { span: e.keySpan }), 'ac\\\n  ks');
    assert.equal(slice(text, { span: e.valueSpan }), '1\\\n    0');
    assert.deepEqual(e.entrySpan, { start: 0, end: text.length });
  });
});

// ------------------------------------------------------------------------------------------
// Fixes and suppressions on the same kinds of file (exact outputs, every fix re-linted).

ruleTester('idempotence-acks-conflict', {
  valid: [{ name: 'CRLF, acks=all', text: 'enable.idempotence=true\r\nacks=all\r\n' }],
  invalid: [
    {
      name: 'CRLF',
      text: 'bootstrap.servers=b\r\nenable.idempotence=true\r\nacks=1\r\n',
      findings: [
        {
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 7,
          text: '1',
          fixes: [
            { output: 'bootstrap.servers=b\r\nenable.idempotence=true\r\nacks=all\r\n' },
            { output: 'bootstrap.servers=b\r\nenable.idempotence=false\r\nacks=1\r\n' },
          ],
          suppress: {
            line: 'bootstrap.servers=b\r\nenable.idempotence=true\r\n# kafka-idempotence-disable-next-line idempotence-acks-conflict\r\nacks=1\r\n',
            file: '# kafka-idempotence-disable idempotence-acks-conflict\r\nbootstrap.servers=b\r\nenable.idempotence=true\r\nacks=1\r\n',
          },
        },
      ],
    },
    {
      name: 'tabs: style of the file kept',
      text: '\tenable.idempotence\t=\ttrue\n\tacks\t=\t1\n',
      findings: [
        {
          line: 2,
          column: 9,
          fixes: [
            { output: '\tenable.idempotence\t=\ttrue\n\tacks\t=\tall\n' },
            { output: '\tenable.idempotence\t=\tfalse\n\tacks\t=\t1\n' },
          ],
          suppress: {
            line: '\tenable.idempotence\t=\ttrue\n\t# kafka-idempotence-disable-next-line idempotence-acks-conflict\n\tacks\t=\t1\n',
          },
        },
      ],
    },
    {
      name: 'value on a continuation line',
      text: 'enable.idempotence=true\nacks=\\\n    1\n',
      findings: [
        {
          line: 3,
          column: 5,
          text: '1',
          fixes: [{ output: 'enable.idempotence=true\nacks=\\\n    all\n' }, { output: 'enable.idempotence=false\nacks=\\\n    1\n' }],
          // the directive goes above the entry's first line, never inside the continuation
          suppress: { line: 'enable.idempotence=true\n# kafka-idempotence-disable-next-line idempotence-acks-conflict\nacks=\\\n    1\n' },
        },
      ],
    },
    {
      name: 'non-BMP characters before the entry',
      text: '# 😀🚀\nclient.id=😀\nenable.idempotence=true\nacks=1\n',
      findings: [
        {
          line: 4,
          column: 6,
          fixes: [
            { output: '# 😀🚀\nclient.id=😀\nenable.idempotence=true\nacks=all\n' },
            { output: '# 😀🚀\nclient.id=😀\nenable.idempotence=false\nacks=1\n' },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-implicit-downgrade', {
  valid: [
    {
      name: 'directive above a multi-line entry',
      text: `# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=\\\n  1\n`,
      settings: { kafkaClientsVersion: '3.9' },
    },
    {
      name: 'directive above an entry whose key is continued',
      text: `# kafka-idempotence-disable-next-line idempotence-implicit-downgrade -- on purpose\nre\\\n  tries=\\\n  0\n`,
      settings: { kafkaClientsVersion: '3.9' },
    },
  ],
  invalid: [
    {
      name: 'CR only',
      text: 'acks=1\rretries=0\r',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 1,
          column: 6,
          fixes: [{ output: 'acks=all\rretries=0\r' }, { output: 'acks=1\rretries=0\renable.idempotence=false\r' }],
          suppress: { line: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\racks=1\rretries=0\r' },
        },
        { line: 2, column: 9, fixes: [{ output: 'acks=1\r' }, { output: 'acks=1\rretries=0\renable.idempotence=false\r' }] },
      ],
    },
    {
      name: 'BOM: directives and new lines go after the BOM',
      text: '\ufeffacks=1\n',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 1,
          column: 7,
          fixes: [{ output: '\ufeffacks=all\n' }, { output: '\ufeffacks=1\nenable.idempotence=false\n' }],
          suppress: {
            line: '\ufeff# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=1\n',
            file: '\ufeff# kafka-idempotence-disable idempotence-implicit-downgrade\nacks=1\n',
          },
        },
      ],
    },
    {
      name: 'BOM: removing the first entry keeps its line terminator (the JDK reads the mark as part of the first line)',
      text: '\ufeffretries=0\r\n# a \\u comment\r\nacks=all\r\n',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 1,
          fixes: [
            { output: '\ufeff\r\n# a \\u comment\r\nacks=all\r\n' },
            { output: '\ufeffretries=0\r\n# a \\u comment\r\nacks=all\r\nenable.idempotence=false\r\n' },
          ],
        },
      ],
    },
    {
      name: 'no final newline: kept that way',
      text: 'linger.ms=5\nacks=1',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [{ line: 2, fixes: [{ output: 'linger.ms=5\nacks=all' }, { output: 'linger.ms=5\nacks=1\nenable.idempotence=false' }] }],
    },
    {
      name: 'a dangling backslash at the end of the file: the new line must not continue the value',
      text: 'linger.ms=5\nacks=1\\',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 2,
          text: '1',
          fixes: [{ output: 'linger.ms=5\nacks=all\\' }, { output: 'linger.ms=5\nacks=1\\\n\nenable.idempotence=false' }],
        },
      ],
    },
    {
      name: 'a continuation into the end of the file: the new line must not continue the value',
      text: 'linger.ms=5\r\nacks=1\\\r\n',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 2,
          text: '1',
          fixes: [{ output: 'linger.ms=5\r\nacks=all\\\r\n' }, { output: 'linger.ms=5\r\nacks=1\\\r\n\r\nenable.idempotence=false\r\n' }],
        },
      ],
    },
    {
      // fuzz counterexample: the format editor (Spring, SmallRye...) added its line into the continuation
      name: 'a continuation into the end of a Spring file: the new line must not continue the value',
      fileName: 'application.properties',
      text: 'spring.kafka.producer.acks=1\\\n',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 1,
          text: '1',
          fixes: [
            { output: 'spring.kafka.producer.acks=all\\\n' },
            { output: 'spring.kafka.producer.acks=1\\\n\nspring.kafka.producer.properties.enable.idempotence=false\n' },
          ],
        },
      ],
    },
    {
      name: 'a continuation into the end of a SmallRye channel: the new line must not continue the value',
      fileName: 'application.properties',
      text: 'mp.messaging.outgoing.orders.connector=smallrye-kafka\r\nmp.messaging.outgoing.orders.acks=1\\\r\n',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 2,
          text: '1',
          fixes: [
            { output: 'mp.messaging.outgoing.orders.connector=smallrye-kafka\r\nmp.messaging.outgoing.orders.acks=all\\\r\n' },
            {
              output:
                'mp.messaging.outgoing.orders.connector=smallrye-kafka\r\nmp.messaging.outgoing.orders.acks=1\\\r\n\r\nmp.messaging.outgoing.orders.enable.idempotence=false\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'an escaped backslash at the end is no continuation',
      text: 'acks=1\\\\\n',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [{ ruleId: 'acks-invalid-value', text: '1\\\\', output: 'acks=all\n' }],
    },
    {
      name: 'a directive above the previous entry does not cover the next one',
      text: `# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=\\\n  1\nretries=0\n`,
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 4,
          fixes: [
            { output: `# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=\\\n  1\n` },
            {
              output: `# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=\\\n  1\nretries=0\nenable.idempotence=false\n`,
            },
          ],
          // the file directive would cover the acks finding too: the line directive then becomes unused — so only line suppression is checked for output
          suppress: {
            line: `# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=\\\n  1\n# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nretries=0\n`,
          },
        },
      ],
    },
  ],
});

ruleTester('idempotence-max-in-flight-gt-5', {
  valid: [
    {
      name: 'directive above a continued value',
      text: `# kafka-idempotence-disable-next-line idempotence-max-in-flight-gt-5\n${IFL}=1\\\n  0\n`,
    },
  ],
  invalid: [
    {
      name: 'a value continued over two lines is replaced as a whole',
      text: `${IFL}=1\\\n  0\nlinger.ms=5\n`,
      findings: [
        {
          includes: 'Current value is 10.',
          line: 1,
          column: 39,
          endLine: 2,
          endColumn: 4,
          text: '1\\\n  0',
          fixes: [{ output: `${IFL}=5\nlinger.ms=5\n` }, { output: `${IFL}=1\\\n  0\nlinger.ms=5\nenable.idempotence=false\n` }],
          suppress: {
            line: `# kafka-idempotence-disable-next-line idempotence-max-in-flight-gt-5\n${IFL}=1\\\n  0\nlinger.ms=5\n`,
          },
        },
      ],
    },
    {
      name: 'a continued entry last in the file, no final newline: new lines go after it',
      text: `linger.ms=5\n${IFL}=\\\n  6`,
      findings: [
        {
          line: 3,
          fixes: [{ output: `linger.ms=5\n${IFL}=\\\n  5` }, { output: `linger.ms=5\n${IFL}=\\\n  6\nenable.idempotence=false` }],
        },
      ],
    },
  ],
});

ruleTester('idempotence-retries-zero', {
  valid: ['enable.idempotence=true\r\nretries=1\r\n'],
  invalid: [
    {
      name: 'removing a continued entry removes all its lines',
      text: `enable.idempotence=true\nretries=\\\n  0\nacks=all\n`,
      findings: [
        {
          line: 3,
          fixes: [{ output: 'enable.idempotence=true\nacks=all\n' }, { output: 'enable.idempotence=false\nretries=\\\n  0\nacks=all\n' }],
        },
      ],
    },
    {
      name: 'CRLF removal takes the \\r\\n',
      text: 'enable.idempotence=true\r\nretries=0\r\nacks=all\r\n',
      findings: [
        {
          line: 2,
          fixes: [
            { output: 'enable.idempotence=true\r\nacks=all\r\n' },
            { output: 'enable.idempotence=false\r\nretries=0\r\nacks=all\r\n' },
          ],
        },
      ],
    },
  ],
});

ruleTester('unused-disable-directive', {
  valid: [{ text: '\ufeff# kafka-idempotence-disable idempotence-implicit-downgrade\nacks=1\n', settings: { kafkaClientsVersion: '3.9' } }],
  invalid: [
    {
      // and its line: java.util.Properties reads the mark as part of the first line, so `\uFEFFacks=all` would set the key `\uFEFFacks`
      name: 'BOM: removing the first line keeps the BOM, on a line of its own',
      text: '\ufeff# kafka-idempotence-disable-next-line idempotence-acks-conflict\nacks=all\n',
      findings: [{ line: 1, column: 40, output: '\ufeff\nacks=all\n' }],
    },
    {
      name: 'CRLF: the whole line goes',
      text: 'acks=all\r\n# kafka-idempotence-disable-next-line idempotence-acks-conflict\r\nlinger.ms=5\r\n',
      findings: [{ line: 2, output: 'acks=all\r\nlinger.ms=5\r\n' }],
    },
  ],
});
