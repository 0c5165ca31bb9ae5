/**
 * The Java client's properties dialect in depth: fix all of a rule, settings
 * (rules.<id> = off, severity override, kafkaClientsVersion) followed live, incremental edits.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  apply,
  closeAll,
  codeActions,
  codeOf,
  hoverText,
  openFixture,
  positionOf,
  resetSettings,
  setSetting,
  sorted,
  waitForCodes,
  waitForDiagnostics,
} from './helpers';

const DOWNGRADE = 'idempotence-implicit-downgrade';
const NOT_ON_BY_DEFAULT = 'idempotence-not-on-by-default';
const IN_FLIGHT = 'idempotence-max-in-flight-gt-5';
const PRODUCER = 'java/producer.properties';

suite('java properties', () => {
  suiteSetup(activateExtension);
  setup(resetSettings);
  teardown(async () => {
    await closeAll();
    await resetSettings();
  });

  test(`"Fix all '${DOWNGRADE}' problems" fixes both findings in one edit`, async () => {
    const { doc } = await openFixture(PRODUCER);
    const [acks] = sorted(await waitForCodes(doc, [DOWNGRADE, DOWNGRADE]));
    const all = (await codeActions(doc, acks.range)).find((a) => a.title === `Fix all '${DOWNGRADE}' problems`);
    assert.ok(all, 'fix-all of the rule offered when the rule has two fixable findings');
    assert.equal(all.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(all.edit!.get(doc.uri).length, 1, 'a single edit');
    await apply(all);
    await waitForCodes(doc, []);
    assert.match(doc.getText(), /^acks=all$/m);
    assert.doesNotMatch(doc.getText(), /^retries=0$/m);
  });

  test("kafkaIdempotence.rules: off removes the rule's diagnostics, a severity override applies, reset brings them back", async () => {
    const { doc } = await openFixture(PRODUCER);
    await waitForCodes(doc, [DOWNGRADE, DOWNGRADE]);
    await setSetting('rules', { [DOWNGRADE]: 'off' });
    await waitForCodes(doc, []);
    await setSetting('rules', { [DOWNGRADE]: 'error' });
    const errors = await waitForDiagnostics(
      doc,
      'both as errors',
      (ds) => ds.length === 2 && ds.every((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    assert.deepEqual(errors.map(codeOf), [DOWNGRADE, DOWNGRADE]);
    await setSetting('rules', undefined);
    await waitForDiagnostics(
      doc,
      'both back as warnings',
      (ds) => ds.length === 2 && ds.every((d) => d.severity === vscode.DiagnosticSeverity.Warning),
    );
  });

  test('kafkaIdempotence.kafkaClientsVersion: 3.0.0 never enabled idempotence by default (KAFKA-13598); 3.9 downgrades again', async () => {
    const { doc, editor } = await openFixture(PRODUCER);
    await waitForCodes(doc, [DOWNGRADE, DOWNGRADE]);
    await setSetting('kafkaClientsVersion', '3.0.0');
    // acks=1 with retries=0 asks for no redelivery, so an idempotence that was never on costs nothing: silent
    await waitForCodes(doc, []);
    assert.match(await hoverText(doc, positionOf(doc, 'acks').translate(0, 1)), /\(kafka-clients 3\.0\.0\): off/);
    // retries=3 asks for redelivery: now the missing default matters
    const retries = positionOf(doc, 'retries=0');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(retries.translate(0, 8), retries.translate(0, 9)), '3')));
    const [info] = await waitForCodes(doc, [NOT_ON_BY_DEFAULT]);
    assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
    assert.match(info.message, /kafka-clients 3\.0\.0 does not make this producer idempotent/);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(retries.translate(0, 8), retries.translate(0, 9)), '0')));
    await setSetting('kafkaClientsVersion', '3.9');
    const back = sorted(await waitForCodes(doc, [DOWNGRADE, DOWNGRADE]));
    assert.match(back[0].message, /^kafka-clients 3\.9 silently disables idempotence because acks=1/);
  });

  test('incremental edits: a fixed value clears, an inserted line is linted, diagnostics move with the text', async () => {
    const { doc, editor } = await openFixture(PRODUCER);
    const [acks, retries] = sorted(await waitForCodes(doc, [DOWNGRADE, DOWNGRADE]));
    // replace the acks value in place (one small contentChange, not the whole document)
    assert.ok(await editor.edit((b) => b.replace(acks.range, 'all')));
    const [left] = await waitForCodes(doc, [DOWNGRADE]);
    assert.equal(left.range.start.line, retries.range.start.line);
    // type a new line at the end
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const prefix = doc.lineAt(doc.lineCount - 1).text === '' ? '' : '\n';
    assert.ok(await editor.edit((b) => b.insert(end, `${prefix}max.in.flight.requests.per.connection=7\n`)));
    const withInFlight = sorted(
      await waitForDiagnostics(doc, `${IN_FLIGHT} on the new line`, (ds) => ds.some((d) => codeOf(d) === IN_FLIGHT)),
    );
    const inFlight = withInFlight.find((d) => codeOf(d) === IN_FLIGHT)!;
    assert.equal(doc.getText(inFlight.range), '7');
    assert.equal(inFlight.severity, vscode.DiagnosticSeverity.Error);
    // insert a comment line at the top: everything moves down one line
    const before = withInFlight.map((d) => `${codeOf(d)}@${d.range.start.line}`);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# moved\n')));
    const moved = await waitForDiagnostics(
      doc,
      'diagnostics one line lower',
      (ds) => JSON.stringify(sorted(ds).map((d) => `${codeOf(d)}@${d.range.start.line - 1}`)) === JSON.stringify(before),
    );
    assert.equal(moved.length, before.length);
  });

  test('kafkaIdempotence.enable=false: nothing; true again: back', async () => {
    const { doc } = await openFixture(PRODUCER);
    await waitForCodes(doc, [DOWNGRADE, DOWNGRADE]);
    await setSetting('enable', false);
    await waitForCodes(doc, []);
    await setSetting('enable', undefined);
    await waitForCodes(doc, [DOWNGRADE, DOWNGRADE]);
  });
});
