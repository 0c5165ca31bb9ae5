/**
 * test/support/index.ts: the root it finds, the loader, and `dedent`, which many fixtures rely on
 * to be byte-exact.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CLI_BIN, dedent, load, ROOT, SERVER_JS, service } from '../support';

test('the root holds the sources; the loader gives the compiled modules, the service among them', () => {
  assert.ok(existsSync(path.join(ROOT, 'server', 'src', 'service', 'index.ts')));
  assert.equal(load('service'), service);
  assert.equal(typeof load('cli/encoding').decode, 'function');
  assert.equal(path.relative(ROOT, SERVER_JS), path.join('dist', 'server.js'));
  assert.equal(path.relative(ROOT, CLI_BIN), path.join('bin', 'kafka-idempotence-lint.js'));
});

test('dedent: the common indentation, the first and the last line go; one newline ends the text', () => {
  const acks = 1;
  assert.equal(
    dedent`
      spring:
        kafka:

          producer:
            acks: ${acks}
    `,
    'spring:\n  kafka:\n\n    producer:\n      acks: 1\n',
  );
  // a value at the start of a line is no indentation; escapes are read; a deeper blank line keeps its extra spaces
  assert.equal(
    dedent`
    ${'a'}: 1
      b:\t2\r
    ` + '',
    'a: 1\n  b:\t2\r\n',
  );
  assert.equal(
    dedent`
      x
    y
      ${'z'}
  `,
    '  x\ny\n  z\n',
  );
  assert.equal(
    dedent`
    a
      ${''}
    b
  `,
    'a\n  \nb\n',
  );
});

test('dedent: text on the opening or closing line is refused (it would not read as written)', () => {
  assert.throws(
    () => dedent`a
    b
  `,
    /start the text on the line after/,
  );
  assert.throws(
    () => dedent`
    a
    b`,
    /closing backtick on a line of its own/,
  );
});
