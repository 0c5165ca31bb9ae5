/**
 * Every fix on generated producer configs: seeded random .properties files mixing the
 * idempotence keys, their wrong values, typos, duplicates, directives, continuations, CRLF/CR,
 * BOM and blanks, judged under every kafka-clients line. Each offered fix and suppression is
 * applied on its own and must pass the RuleTester's checks (edits in range and apart, nothing
 * else touched, still loadable, only declared keys changed, its finding gone, no unused
 * directive from a suppression). FIXES_SEED=<integer> replays another seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAllFixes } from '../support/ruleTester';
import { service, settingsWith } from '../support/service';
import { prng } from '../support/prng';

const SEED = process.env.FIXES_SEED ? Number(process.env.FIXES_SEED) >>> 0 : 0x1d3e7;
const COUNT = 800;
const VERSIONS = ['0.11.0', '1.0', '2.0', '2.8', '3.0.0', '3.1.0', '3.1.1', '3.2', '3.3', '3.9', '4.0', 'latest'];

const RULE_IDS = [
  'idempotence-acks-conflict',
  'idempotence-retries-zero',
  'idempotence-max-in-flight-gt-5',
  'transactional-id-requires-idempotence',
  'idempotence-implicit-downgrade',
  'idempotence-not-on-by-default',
  'acks-invalid-value',
  'unknown-idempotence-key',
];
const KEYS: Array<[string, string[]]> = [
  ['enable.idempotence', ['true', 'false', 'TRUE', 'yes', '', ' true ']],
  ['acks', ['all', '-1', '0', '1', 'ALL', '2', '']],
  ['retries', ['0', '3', '2147483647', '']],
  ['max.in.flight.requests.per.connection', ['1', '2', '5', '6', '10']],
  ['transactional.id', ['tx-1', '', '  ']],
  ['delivery.timeout.ms', ['1000', '120000', '30000']],
  ['request.timeout.ms', ['30000', '130000']],
  ['linger.ms', ['0', '5', '100000']],
  ['enable.idempotency', ['true', 'false']],
  ['max.inflight.requests.per.connection', ['5']],
  ['Acks', ['all']],
  ['bootstrap.servers', ['b:9092']],
];

function generate(rnd: () => number): { text: string; version: string } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const eol = pick(['\n', '\n', '\r\n', '\r']);
  const lines: string[] = [];
  const n = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.12) {
      const ids = RULE_IDS.filter(() => rnd() < 0.3);
      const kind = pick(['disable-next-line', 'disable-next-line', 'disable']);
      lines.push(
        `${pick(['#', '!', '# '])}${rnd() < 0.5 ? ' ' : ''}kafka-idempotence-${kind}${ids.length ? ' ' + ids.join(', ') : ''}${rnd() < 0.3 ? ' -- reason' : ''}`,
      );
      continue;
    }
    if (r < 0.17) {
      lines.push(pick(['', '   ', '# a comment', '! another']));
      continue;
    }
    const [key, values] = pick(KEYS);
    const value = pick(values);
    const indent = rnd() < 0.15 ? pick(['  ', '\t']) : '';
    const sep = pick(['=', '=', ' = ', ':', ' ', '\t=\t']);
    let entry = `${indent}${key}${value === '' && rnd() < 0.3 ? '' : sep}${value}`;
    if (rnd() < 0.1 && value.length > 1) entry = `${indent}${key}${sep}${value.slice(0, 1)}\\${eol}    ${value.slice(1)}`;
    else if (rnd() < 0.05) entry = `${indent}${key}${sep}\\${eol}  ${value}`;
    lines.push(entry);
  }
  let text = lines.join(eol);
  const end = rnd();
  if (end < 0.7) text += eol;
  else if (end < 0.75) text += '\\';
  else if (end < 0.8) text += `\\${eol}`;
  if (rnd() < 0.08) text = `\ufeff${text}`;
  return { text, version: pick(VERSIONS) };
}

test(`every fix on ${COUNT} generated configs (seed ${SEED})`, () => {
  const rnd = prng(SEED);
  let fixes = 0;
  for (let i = 0; i < COUNT; i++) {
    const { text, version } = generate(rnd);
    try {
      fixes += checkAllFixes({ text, settings: { kafkaClientsVersion: version } });
    } catch (e) {
      (e as Error).message = `generated case ${i} (seed ${SEED}) @${version}: ${JSON.stringify(text)}\n${(e as Error).message}`;
      throw e;
    }
  }
  assert.ok(fixes > COUNT, `only ${fixes} fixes exercised`);
});

test(`fix-all on ${COUNT / 2} generated configs converges, keeps the file loadable and writes no key twice (seed ${SEED})`, () => {
  const rnd = prng(SEED ^ 0x5a5a);
  const count = (t: string, k: string) =>
    service.parseProperties(t, t.charCodeAt(0) === 0xfeff ? 1 : 0).entries.filter((e) => e.key === k).length;
  let passes = 0;
  for (let i = 0; i < COUNT / 2; i++) {
    const { text, version } = generate(rnd);
    const where = `generated case ${i} (seed ${SEED}) @${version}: ${JSON.stringify(text)}`;
    const settings = settingsWith({ kafkaClientsVersion: version });
    const input = { fileName: 'producer.properties', text };
    // duplicated misspelt lines take one pass each, so allow more than the default 3 here
    const r = service.fixAll(input, settings, { maxPasses: 10 });
    passes += r.passes;
    assert.equal(service.fixAll({ ...input, text: r.text }, settings).applied, 0, `${where}: not converged:\n${r.text}`);
    if (!service.parseProperties(text).jdkWouldThrow) assert.equal(service.parseProperties(r.text).jdkWouldThrow, false, where);
    for (const k of [
      'enable.idempotence',
      'acks',
      'retries',
      'max.in.flight.requests.per.connection',
      'transactional.id',
      'delivery.timeout.ms',
    ]) {
      assert.ok(count(r.text, k) <= Math.max(1, count(text, k)), `${where}: ${k} written twice:\n${r.text}`);
    }
    const errors = service.lint({ ...input, text: r.text }, settings).findings.filter((f) => f.severity === 'error' && f.fixes.length > 0);
    assert.deepEqual(
      errors.map((f) => f.ruleId),
      [],
      `${where}: fixable errors left:\n${r.text}`,
    );
  }
  assert.ok(passes > 0);
});
