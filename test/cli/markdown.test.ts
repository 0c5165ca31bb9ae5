/**
 * `--format markdown`: the pull-request report. Rendered with markdown-it (CommonMark + GFM tables) to
 * check what a reader sees: one table row per producer block with four cells, the states and findings,
 * and nothing from the linted files turned into markup (links, HTML, emphasis, extra cells).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { ACKS1, CLEAN, CONFLICT, ROOT, cli, tempFolders, write } from './helpers';

const MarkdownIt = require('markdown-it') as new (
  preset: string,
  options?: Record<string, unknown>,
) => {
  linkify: { set(options: { fuzzyLink?: boolean }): void };
  render(src: string): string;
  parse(src: string, env: object): Array<{ type: string; content: string; children: Array<{ type: string; content: string }> | null }>;
};
const { escapeMarkdown } = require(path.join(ROOT, 'server', 'out', 'cli', 'markdown')) as typeof import('../../server/src/cli/markdown');

/** GitHub-like: tables, autolinked URLs, HTML allowed (so an injection would show). */
// linkify as GitHub's autolinks: `www.` and schemes; a bare domain (`a.aw`) is text on GitHub (fuzzyLink off)
const md = new MarkdownIt('default', { html: true, linkify: true });
md.linkify.set({ fuzzyLink: false });

const tmp = tempFolders('kil-markdown-');
test.after(() => tmp.cleanup());

const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The table's body rows as a reader sees them: each cell's text, code as `x`, line breaks as <br>. */
function tableRows(markdown: string): string[][] {
  const html = md.render(markdown);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...tr[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((td) => decode(td[1].replace(/<code>([\s\S]*?)<\/code>/g, '`$1`'))),
  );
}

test('one row per producer block: where, client and version, effective state, findings; a summary line', () => {
  const d = tmp.dir();
  write(d, 'orders/producer.properties', ACKS1);
  write(d, 'billing/producer.properties', CONFLICT);
  write(d, 'audit/producer.properties', CLEAN);
  write(d, 'kcat.properties', '# kafka-idempotence-client: librdkafka\nbootstrap.servers=x\n');
  write(d, 'consumer.properties', 'group.id=g\nbootstrap.servers=x\n');
  const r = cli(['--format', 'markdown', '--kafka-clients-version', '3.9'], d);
  assert.equal(r.status, 1, 'an error-severity finding: exit 1, as with every format');
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '## Kafka producers');
  assert.ok(lines.includes('| Producer | Client | Effective state | Findings |'));
  const rows = tableRows(r.stdout);
  assert.deepEqual(rows, [
    [
      'audit/producer.properties:1',
      'kafka-clients 3.9 (--kafka-clients-version)<br>plain Java client config',
      '✅ Idempotent producer',
      '—',
    ],
    [
      'billing/producer.properties:1',
      'kafka-clients 3.9 (--kafka-clients-version)<br>plain Java client config',
      '❌ Producer will not start: acks must be all',
      '❌ `idempotence-acks-conflict` (line 2)',
    ],
    ['kcat.properties:2', 'librdkafka<br>librdkafka config (kcat -F)', '➖ librdkafka: idempotence off (default)', '—'],
    [
      'orders/producer.properties:1',
      'kafka-clients 3.9 (--kafka-clients-version)<br>plain Java client config',
      '⚠️ Idempotence OFF: silently disabled by acks=1 (line 2)',
      '⚠️ `idempotence-implicit-downgrade` (line 2)',
    ],
  ]);
  assert.equal(lines.filter((l) => l.startsWith('4 producer blocks in 4 files')).length, 1);
  assert.match(
    r.stdout,
    /\n4 producer blocks in 4 files: 1 idempotent, 1 silently disabled, 1 not idempotent, 1 will not start\. 2 problems \(1 error, 1 warning, 0 infos\)\.\n$/,
  );
  // the full messages, folded
  assert.match(r.stdout, /<details><summary>Findings in full<\/summary>/);
  assert.match(md.render(r.stdout), /kafka-clients 3\.9 refuses to start the producer: &quot;Must set acks to all/);
});

test('--quiet keeps every producer row but only the errors; a folder without producers says so; no finding leaves no details', () => {
  const d = tmp.dir();
  write(d, 'a/producer.properties', ACKS1);
  const quiet = cli(['--format', 'markdown', '--quiet'], d);
  assert.equal(quiet.status, 0);
  assert.deepEqual(
    tableRows(quiet.stdout).map((r) => r[3]),
    ['—'],
  );
  assert.doesNotMatch(quiet.stdout, /<details>/);
  const none = tmp.dir();
  write(none, 'application.properties', 'server.port=8080\n');
  const r = cli(['--format', 'markdown'], none);
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout,
    '## Kafka producers\n\nNo Kafka producer configuration found.\n\n0 producer blocks in 0 files. 0 problems (0 errors, 0 warnings, 0 infos).\n',
  );
});

test('findings of no block (a notice, an unused directive) are listed under the table', () => {
  const d = tmp.dir();
  write(d, 'producer.properties', '# kafka-idempotence-disable-next-line no-such-rule\nacks=all\n');
  const r = cli(['--format', 'markdown'], d);
  assert.equal(tableRows(r.stdout)[0][3], '—', 'the directive is no finding of the producer');
  const html = md.render(r.stdout);
  assert.ok(
    html.includes(
      "<li>producer.properties:1 ⚠️ <code>unused-disable-directive</code>: Unknown rule 'no-such-rule' in a kafka-idempotence-disable-next-line directive.</li>",
    ),
    html,
  );
});

test('--fix with markdown: the rows describe the producers as the fixes leave them', () => {
  const d = tmp.dir();
  write(d, 'producer.properties', CONFLICT);
  const r = cli(['--format', 'markdown', '--fix'], d);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    tableRows(r.stdout).map((row) => row[2]),
    ['✅ Idempotent producer'],
  );
});

test('names from the files cannot inject markup: a file named with pipes, a link, HTML, emphasis and a URL', () => {
  const d = tmp.dir();
  const evil = 'a|b [x](https://evil.example) <img src=x> *em* _u_ `c` www.evil.example producer.properties';
  write(d, evil, ACKS1);
  const r = cli(['--format', 'markdown'], d);
  const html = md.render(r.stdout);
  assert.doesNotMatch(html, /<a |<img|<em>|<code>c<\/code>/, html);
  const rows = tableRows(r.stdout);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].length, 4, 'the pipes in the name stay in the first cell');
  // what the reader sees is the name as it is
  // (the slashes make folders: the CLI shows the path it walked)
  assert.ok(html.includes(`${path.normalize(evil).replace(/</g, '&lt;').replace(/>/g, '&gt;')}:1</td>`), html);
});

test('escapeMarkdown: any text stays one table cell of literal text (generated strings)', () => {
  const alphabet = fc.constantFrom(
    ...'ab1 |\\`*_{}[]()#+-.!~:@<>&"\'=\n\r\t/www.'.split(''),
    'www.',
    'http://',
    '1. ',
    '- ',
    '<b>',
    '&amp;',
  );
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
      (text) => {
        const cell = escapeMarkdown(text);
        assert.ok(!/[\r\n]/.test(cell));
        const rows = tableRows(`| h | i |\n|---|---|\n| ${cell} | x |\n`);
        assert.equal(rows.length, 1, JSON.stringify(text));
        assert.equal(rows[0].length, 2, JSON.stringify(text));
        const rendered = md.render(`| h | i |\n|---|---|\n| ${cell} | x |\n`);
        // no markup from the text: no link, image, emphasis, code, strikethrough or HTML element
        assert.doesNotMatch(rendered, /<(a|img|em|strong|code|s|b)[ >]/, JSON.stringify(text));
        // the reader sees the text itself (line breaks as spaces; a cell is trimmed)
        assert.equal(rows[0][0], text.replace(/[\r\n]+/g, ' ').trim(), JSON.stringify(text));
      },
    ),
    { numRuns: 500 },
  );
});
