/**
 * `--format sarif`: the log validates against the official OASIS SARIF 2.1.0 schema
 * (test/support/sarif/sarif-schema-2.1.0.json, draft-04, checked with Ajv's draft-04 class
 * and ajv-formats), and carries the right rules, levels, regions, fingerprints and fixes.
 */
import test, { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { ACKS1, CLEAN, cli, ROOT, tempFolders, write } from './helpers';
import { load } from '../support';

const service = load('service');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const { dir, cleanup } = tempFolders('kafka-idempotence-sarif-');
after(cleanup);

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'support', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `SARIF does not validate: ${JSON.stringify(validate.errors, null, 2)}`);
}

function sarif(args: string[], cwd: string): { status: number | null; log: Sarif.Log; stderr: string } {
  const r = cli(['--format', 'sarif', ...args], cwd);
  let log: Sarif.Log;
  try {
    log = JSON.parse(r.stdout) as Sarif.Log;
  } catch (e) {
    throw new Error(`stdout is not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}\n${e}`, { cause: e });
  }
  return { status: r.status, log, stderr: r.stderr };
}

const MANY = 'enable.idempotence=true\nretries=0\nacks=1\nmax.in.flight.requests.per.connection=10\n';

/** Applies SARIF replacements (line/column regions, UTF-16 columns) to a text. */
function applySarifReplacements(text: string, replacements: Sarif.Replacement[]): string {
  const lines = new service.LineIndex(text);
  const edits = replacements.map((r) => ({
    span: {
      start: lines.offsetAt(r.deletedRegion.startLine! - 1, r.deletedRegion.startColumn! - 1),
      end: lines.offsetAt(r.deletedRegion.endLine! - 1, r.deletedRegion.endColumn! - 1),
    },
    newText: r.insertedContent?.text ?? '',
  }));
  return service.applyEdits(text, edits);
}

describe('SARIF output', () => {
  test('validates against the SARIF 2.1.0 schema, with findings, without findings, and with read errors', () => {
    const d = dir();
    write(d, 'producer.properties', MANY);
    write(d, 'clean-producer.properties', CLEAN);
    write(d, 'sub dir/acks1-producer.properties', ACKS1);
    const full = sarif(['.'], d);
    assert.equal(full.status, 1, full.stderr);
    assertValid(full.log);
    const empty = sarif(['clean-producer.properties'], d);
    assert.equal(empty.status, 0);
    assertValid(empty.log);
    assert.deepEqual(empty.log.runs[0].results, []);
    const broken = sarif(['missing.properties', 'producer.properties'], d);
    assert.equal(broken.status, 2);
    assertValid(broken.log);
    assert.equal(broken.log.runs[0].invocations?.[0].executionSuccessful, false);
    assert.match(broken.log.runs[0].invocations?.[0].toolExecutionNotifications?.[0].message.text ?? '', /cannot read missing\.properties/);
    assert.equal(full.log.runs[0].invocations?.[0].executionSuccessful, true);
  });

  test('the validator is not vacuous: a wrong level or a missing message fails', () => {
    const d = dir();
    write(d, 'producer.properties', MANY);
    const { log } = sarif(['producer.properties'], d);
    const badLevel = JSON.parse(JSON.stringify(log)) as Sarif.Log;
    (badLevel.runs[0].results![0] as { level: string }).level = 'fatal';
    assert.equal(validate(badLevel), false);
    const noMessage = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    delete noMessage.runs[0].results[0].message;
    assert.equal(validate(noMessage), false);
    const badColumn = JSON.parse(JSON.stringify(log)) as Sarif.Log;
    badColumn.runs[0].results![0].locations![0].physicalLocation!.region!.startColumn = 0;
    assert.equal(validate(badColumn), false);
  });

  test('tool.driver: name, version, informationUri; no rules when nothing was found', () => {
    const d = dir();
    write(d, 'producer.properties', CLEAN);
    const { log } = sarif(['producer.properties'], d);
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const driver = run.tool.driver;
    assert.equal(driver.name, 'kafka-idempotence-lint');
    assert.equal(driver.version, PKG.version);
    assert.equal(driver.informationUri, 'https://github.com/kafka-idempotence-lint/kafka-idempotence-lint');
    assert.deepEqual(driver.rules, []);
  });

  test('tool.driver.rules: exactly the rules the results reference, in rule order, with their full metadata', () => {
    const d = dir();
    write(d, 'producer.properties', MANY);
    write(d, 'acks1-producer.properties', ACKS1);
    const { log } = sarif(['.'], d);
    const run = log.runs[0];
    const levels: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
    const referenced = new Set(run.results!.map((r) => r.ruleId));
    assert.ok(referenced.size >= 3, [...referenced].join());
    const expected = service.ALL_RULES.filter((r) => referenced.has(r.meta.id));
    assert.deepEqual(
      run.tool.driver.rules?.map((r) => [
        r.id,
        r.shortDescription?.text,
        r.fullDescription?.text,
        r.helpUri,
        r.defaultConfiguration?.level,
        r.properties?.fixable,
      ]),
      expected.map((r) => [r.meta.id, r.meta.headline, r.meta.description, r.meta.docsUrl, levels[r.meta.defaultSeverity], r.meta.fixable]),
    );
    for (const r of run.tool.driver.rules ?? []) {
      assert.match(r.helpUri ?? '', /\/docs\/rules\/[a-z0-9-]+\.md$/);
      assert.ok(r.help?.text?.includes(r.helpUri!) && r.help.markdown?.includes(r.helpUri!), r.id);
    }
    for (const r of run.results!) assert.equal(run.tool.driver.rules[r.ruleIndex!].id, r.ruleId);
  });

  test('one finding: at most 15 KB, the full message kept', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const r = cli(['--format', 'sarif', 'producer.properties'], d);
    assert.ok(Buffer.byteLength(r.stdout) <= 15 * 1024, `${Buffer.byteLength(r.stdout)} bytes`);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    assertValid(log);
    assert.equal(log.runs[0].results?.length, 1);
    assert.deepEqual(
      log.runs[0].tool.driver.rules?.map((x) => x.id),
      ['idempotence-implicit-downgrade'],
    );
    const json = JSON.parse(cli(['--format', 'json', 'producer.properties'], d).stdout) as Array<{ findings: Array<{ message: string }> }>;
    assert.equal(log.runs[0].results[0].message.text, json[0].findings[0].message);
  });

  test('results: ruleId, ruleIndex, level, message, 1-based UTF-16 region, relative URI', () => {
    const d = dir();
    // line 2: 🚀 (2 code units) before the key; the value "1" of acks is at character 7
    write(d, 'sub dir/producer.properties', 'transactional.id=tx\n\u{1F680}=x\nacks=1\n');
    const { log } = sarif(['.'], d);
    const run = log.runs[0];
    assert.equal(run.results?.length, 1);
    const [r] = run.results;
    assert.equal(r.ruleId, 'transactional-id-requires-idempotence');
    assert.equal(run.tool.driver.rules![r.ruleIndex!].id, r.ruleId);
    assert.equal(r.level, 'error');
    assert.match(r.message.text!, /transactional/);
    const loc = r.locations![0].physicalLocation!;
    assert.deepEqual(loc.artifactLocation, { uri: 'sub%20dir/producer.properties', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 17 });
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `file://${d}/`.replace(/ /g, '%20'));
    // related location: the acks line
    assert.equal(r.relatedLocations?.length, 1);
    assert.equal(r.relatedLocations[0].physicalLocation!.region!.startLine, 3);
    assert.equal(typeof r.relatedLocations[0].message?.text, 'string');
  });

  test('columns are UTF-16 code units: an emoji counts 2', () => {
    const d = dir();
    write(d, 'producer.properties', 'acks=all\nclient.id=\u{1F680}\t\\u12G4\n');
    const { log } = sarif(['producer.properties'], d);
    const r = log.runs[0].results!.find((x) => x.ruleId === 'properties-malformed-unicode-escape')!;
    assert.deepEqual(r.locations![0].physicalLocation!.region, { startLine: 2, startColumn: 14, endLine: 2, endColumn: 20 });
  });

  test('levels: info and hint become note', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const levelOf = (sev: string) =>
      sarif(['--rule', `idempotence-implicit-downgrade=${sev}`, 'producer.properties'], d).log.runs[0].results![0].level;
    assert.equal(levelOf('error'), 'error');
    assert.equal(levelOf('warning'), 'warning');
    assert.equal(levelOf('info'), 'note');
    assert.equal(levelOf('hint'), 'note');
  });

  test('fixes: applying the SARIF replacements gives what the service fix gives; the preferred comes first', () => {
    const d = dir();
    const text = 'enable.idempotence=true\r\nretries=0\r\nacks=1\r\nmax.in.flight.requests.per.connection=10\r\n';
    write(d, 'producer.properties', text);
    const { log } = sarif(['producer.properties'], d);
    const findings = service.lint({ fileName: 'producer.properties', text }, service.DEFAULT_SETTINGS).findings;
    const results = log.runs[0].results!;
    assert.equal(results.length, findings.length);
    for (const [i, f] of findings.entries()) {
      const r = results[i];
      assert.equal(r.ruleId, f.ruleId);
      assert.equal(r.fixes?.length, f.fixes.length);
      assert.match(r.fixes[0].description!.text!, /\(preferred\)$/);
      for (const [j, fix] of f.fixes.entries()) {
        const change: Sarif.ArtifactChange = r.fixes[j].artifactChanges[0];
        assert.deepEqual(change.artifactLocation, { uri: 'producer.properties', uriBaseId: '%SRCROOT%' });
        assert.equal(applySarifReplacements(text, change.replacements), service.applyEdits(text, fix.edits), `${f.ruleId} fix ${j}`);
      }
    }
  });

  test('partialFingerprints: stable when lines move or other lines change, distinct per finding', () => {
    const d = dir();
    write(d, 'producer.properties', MANY);
    const fp = (log: Sarif.Log) =>
      Object.fromEntries(log.runs[0].results!.map((r) => [r.ruleId!, r.partialFingerprints?.['kafkaIdempotenceFindingHash/v1']]));
    const before = fp(sarif(['producer.properties'], d).log);
    const values = Object.values(before);
    assert.equal(values.length, 3);
    for (const v of values) assert.match(v!, /^[0-9a-f]{64}$/);
    assert.equal(new Set(values).size, 3);
    // lines inserted above, a comment changed, an unrelated key added: same fingerprints
    write(d, 'producer.properties', '# producer for orders\n\nlinger.ms=5\n' + MANY + 'compression.type=zstd\n');
    assert.deepEqual(fp(sarif(['producer.properties'], d).log), before);
    // the finding's own line changes: acks=1 → acks=0 gives a new fingerprint for that finding only
    write(d, 'producer.properties', MANY.replace('acks=1', 'acks=0'));
    const changed = fp(sarif(['producer.properties'], d).log);
    assert.notEqual(changed['idempotence-acks-conflict'], before['idempotence-acks-conflict']);
    assert.equal(changed['idempotence-retries-zero'], before['idempotence-retries-zero']);
    // the same file under another path is another artifact
    write(d, 'copy/producer.properties', MANY);
    const other = fp(sarif(['copy/producer.properties'], d).log);
    assert.notEqual(other['idempotence-retries-zero'], before['idempotence-retries-zero']);
  });

  test('--quiet leaves warnings out of the SARIF results', () => {
    const d = dir();
    write(d, 'producer.properties', ACKS1);
    const { log, status } = sarif(['--quiet', 'producer.properties'], d);
    assert.equal(status, 0);
    assertValid(log);
    assert.deepEqual(log.runs[0].results, []);
  });
});
