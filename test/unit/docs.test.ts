/**
 * Keeps docs/rules/ in sync with the rules: every rule in ALL_RULES has its page in the documented
 * shape, with the severity / fixable / catalogue its metadata declares; every page belongs to a
 * rule; docs/rules/README.md lists every rule with matching metadata; relative links resolve. And the
 * top-level README.md, the product page: at most 25 KB, a table row linking every rule with its default
 * severity, relative links (there and in docs/*.md) that resolve, no history words.
 * Generic over ALL_RULES, so a rule added on any branch is checked without touching this file.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, svc } from '../support/dialectCase';

const service = svc;
const { ALL_RULES } = service;

const DOCS = path.join(ROOT, 'docs', 'rules');
const README = path.join(DOCS, 'README.md');
const pagePath = (id: string) => path.join(DOCS, `${id}.md`);
const read = (file: string) => readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The sections every rule page has, in this order (see the rule-page shape in the design notes). */
const SECTIONS = ['## What the client does', '## Examples', '## Options', '## Sources'];

test('ALL_RULES is non-empty and its ids are unique kebab-case', () => {
  assert.ok(ALL_RULES.length > 0);
  const ids = ALL_RULES.map((r) => r.meta.id);
  assert.deepEqual([...new Set(ids)], ids, 'duplicate rule ids');
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `rule id ${id} is not kebab-case`);
});

for (const rule of ALL_RULES) {
  const { id, defaultSeverity, fixable, catalogue, docsUrl } = rule.meta;

  test(`rule ${id}: docsUrl points at docs/rules/${id}.md`, () => {
    assert.ok(docsUrl.endsWith(`docs/rules/${id}.md`), `${id}: docsUrl is ${docsUrl}`);
  });

  test(`rule ${id}: page docs/rules/${id}.md matches the rule`, () => {
    const file = pagePath(id);
    assert.ok(existsSync(file), `missing page docs/rules/${id}.md`);
    const text = read(file);
    const lines = text.split('\n');
    assert.equal(lines[0], `# ${id}`, `${id}.md must start with "# ${id}"`);

    // the summary line right under the title: "> description · default severity: **x** · fixable: yes · ..."
    const summary = lines.slice(1).find((l) => l.trim() !== '') ?? '';
    assert.ok(summary.startsWith('> '), `${id}.md: the line after the title must be the "> …" summary`);
    assert.ok(
      summary.includes(`default severity: **${defaultSeverity}**`),
      `${id}.md summary must say "default severity: **${defaultSeverity}**" (the rule's metadata); it says: ${summary}`,
    );
    assert.ok(
      summary.includes(`fixable: ${yesNo(fixable)}`),
      `${id}.md summary must say "fixable: ${yesNo(fixable)}"; it says: ${summary}`,
    );
    if (catalogue) assert.ok(summary.includes(`catalogue: ${catalogue}`), `${id}.md summary must name catalogue ${catalogue}`);

    let at = -1;
    for (const heading of SECTIONS) {
      const i = lines.indexOf(heading);
      assert.ok(i > at, `${id}.md: "${heading}" is missing or out of order`);
      at = i;
    }
    const options = text.slice(text.indexOf('## Options'), text.indexOf('## Sources'));
    assert.ok(options.includes('kafkaIdempotence.rules'), `${id}.md Options must show the kafkaIdempotence.rules setting`);
    assert.ok(options.includes(`--rule ${id}=`), `${id}.md Options must show the CLI form --rule ${id}=<severity>`);
    assert.ok(
      new RegExp(`kafka-idempotence-disable(-next-line)? ${id}\\b`).test(options),
      `${id}.md Options must show a suppression comment naming ${id}`,
    );
  });
}

test('every page in docs/rules belongs to a rule (no orphans)', () => {
  const ids = new Set(ALL_RULES.map((r) => r.meta.id));
  const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md');
  assert.ok(pages.length > 0);
  const orphans = pages.filter((f) => !ids.has(f.slice(0, -'.md'.length)));
  assert.deepEqual(orphans, [], `pages without a rule in ALL_RULES: ${orphans.join(', ')}`);
});

test('docs/rules/README.md lists every rule with its default severity and fixable', () => {
  const rows = read(README)
    .split('\n')
    .filter((l) => l.trim().startsWith('|'))
    .map((l) =>
      l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim()),
    );
  const header = rows.find((cells) => cells.some((c) => /severity/i.test(c)));
  assert.ok(header, 'README.md has no rule table with a severity column');
  const sevCol = header.findIndex((c) => /severity/i.test(c));
  const fixCol = header.findIndex((c) => /fixable/i.test(c));
  assert.ok(fixCol >= 0, 'README.md rule table has no "Fixable" column');
  for (const { meta } of ALL_RULES) {
    const link = `[${meta.id}](${meta.id}.md)`;
    const row = rows.find((cells) => cells.some((c) => c.includes(link)));
    assert.ok(row, `README.md does not list ${meta.id} as ${link}`);
    assert.equal(row[sevCol]?.replace(/[*`]/g, ''), meta.defaultSeverity, `README.md: default severity of ${meta.id}`);
    assert.equal(row[fixCol]?.replace(/[*`]/g, '').toLowerCase(), yesNo(meta.fixable), `README.md: fixable of ${meta.id}`);
  }
});

test('relative links between the rule pages resolve', () => {
  const broken: string[] = [];
  for (const f of readdirSync(DOCS).filter((n) => n.endsWith('.md'))) {
    const text = read(path.join(DOCS, f)).replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // anchors, http(s):, mailto:
      if (!existsSync(path.resolve(DOCS, target))) broken.push(`${f} -> ${m[1]}`);
    }
  }
  assert.deepEqual(broken, []);
});

// ---------------------------------------------------------------------------------------------
// The top-level README is the product page (the extension's Marketplace page and the npm package's
// page): short, every rule linked with its default severity, links that resolve, no history.

const TOP_README = path.join(ROOT, 'README.md');
const README_MAX_BYTES = 25 * 1024;

test(`README.md is at most ${README_MAX_BYTES / 1024} KB`, () => {
  const bytes = readFileSync(TOP_README).length;
  assert.ok(bytes <= README_MAX_BYTES, `README.md is ${bytes} bytes; move detail to docs/ (limit ${README_MAX_BYTES})`);
});

test('README.md lists every rule in a table row, linked to its page, with its default severity', () => {
  const rows = read(TOP_README)
    .split('\n')
    .filter((l) => l.trim().startsWith('|'))
    .map((l) =>
      l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim()),
    );
  for (const { meta } of ALL_RULES) {
    const link = `[${meta.id}](docs/rules/${meta.id}.md)`;
    const row = rows.find((cells) => cells[0] === link);
    assert.ok(row, `README.md has no table row starting with ${link}`);
    assert.equal(row[row.length - 1]?.replace(/[*`]/g, ''), meta.defaultSeverity, `README.md: default severity of ${meta.id}`);
  }
});

test('README.md and docs/*.md: relative links resolve', () => {
  const files = [
    TOP_README,
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => path.join(ROOT, 'docs', n)),
  ];
  const broken: string[] = [];
  for (const file of files) {
    const text = read(file).replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      if (!existsSync(path.resolve(path.dirname(file), target))) broken.push(`${path.relative(ROOT, file)} -> ${m[1]}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('README.md describes the product as it is (no history words)', () => {
  const text = read(TOP_README);
  const found = [...text.matchAll(/\b(sessions?|rounds?|previously|now|new in)\b/gi)].map((m) => m[0]);
  assert.deepEqual(found, [], 'README.md: history belongs in commit messages and the CHANGELOG');
});
