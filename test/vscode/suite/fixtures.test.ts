/**
 * The same checks for every fixture in fixtures.ts, through the `vscode` API only:
 * diagnostics (code, link, severity, range, message), the hover, the quick fixes
 * (preferred, alternative, disable for line / file), applying them, and source.fixAll.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLEAN, FIXTURES, type FixtureCase } from './fixtures';
import {
  FIX_ALL_KIND,
  activateExtension,
  apply,
  closeAll,
  codeActions,
  codeOf,
  hoverText,
  openFixture,
  ours,
  positionOf,
  resetSettings,
  sorted,
  waitForCodes,
  waitForDiagnostics,
} from './helpers';

const codes = (f: FixtureCase) => f.diagnostics.map((d) => d.code);
/** A fix that is not the preferred one and not one of the generic actions (disable, fix all, docs). */
const isAlternative = (a: vscode.CodeAction) => !a.isPreferred && !!a.edit && !/^(Disable |Fix all |Show documentation )/.test(a.title);

suite('fixtures', () => {
  suiteSetup(async () => {
    await activateExtension();
    await resetSettings();
  });
  teardown(closeAll);

  for (const f of FIXTURES) {
    suite(f.file, () => {
      test('diagnostics: code with the rule page link, severity, range, message', async () => {
        const { doc } = await openFixture(f.file, f.languageId);
        assert.equal(doc.languageId, f.languageId);
        const ds = sorted(await waitForCodes(doc, codes(f)));
        ds.forEach((d, i) => {
          const want = f.diagnostics[i];
          assert.equal(d.source, 'kafka-idempotence');
          assert.ok(typeof d.code === 'object', 'code carries a codeDescription link');
          assert.equal(d.code.value, want.code);
          assert.match(d.code.target.toString(true), new RegExp(`/docs/rules/${want.code}\\.md$`));
          assert.equal(d.severity, want.severity, `severity of ${want.code} on line ${want.line}`);
          assert.equal(d.range.start.line, want.line);
          assert.equal(doc.getText(d.range), want.text);
          assert.match(d.message, want.message);
        });
      });

      test('hover: the effective idempotence state', async () => {
        const { doc } = await openFixture(f.file, f.languageId);
        await waitForCodes(doc, codes(f));
        const text = await hoverText(doc, positionOf(doc, f.hover.at, f.hover.line).translate(0, 1));
        for (const re of f.hover.expect) assert.match(text, re);
      });

      test('quick fixes: preferred first, alternative, disable for line and file, docs; the preferred fix clears the diagnostic', async () => {
        const { doc } = await openFixture(f.file, f.languageId);
        const [first] = sorted(await waitForCodes(doc, codes(f)));
        const code = codeOf(first)!;
        const actions = await codeActions(doc, first.range);
        const titles = actions.map((a) => a.title);
        const preferred = actions.filter((a) => a.isPreferred);
        assert.equal(preferred.length, 1, `one preferred fix in ${JSON.stringify(titles)}`);
        assert.equal(actions[0], preferred[0], 'the preferred fix comes first');
        assert.equal(preferred[0].title, f.actions.preferred.title);
        assert.equal(preferred[0].kind?.value, vscode.CodeActionKind.QuickFix.value);
        const alternatives = actions.filter(isAlternative);
        if (f.actions.alternative) {
          const want = [f.actions.alternative].flat();
          assert.equal(alternatives.length, want.length, `${want.length} alternative(s) in ${JSON.stringify(titles)}`);
          want.forEach((re, i) => assert.match(alternatives[i].title, re));
        } else {
          assert.deepEqual(
            alternatives.map((a) => a.title),
            [],
          );
        }
        assert.ok(titles.includes(`Disable ${code} for this line`), JSON.stringify(titles));
        assert.ok(titles.includes(`Disable ${code} for the entire file`), JSON.stringify(titles));
        assert.ok(titles.includes(`Show documentation for ${code}`), JSON.stringify(titles));

        const line = first.range.start.line;
        await apply(preferred[0]);
        assert.equal(doc.lineAt(line).text.trim(), f.actions.preferred.lineAfter);
        await waitForDiagnostics(
          doc,
          `no ${code} on line ${line}`,
          (ds) => !ds.some((d) => codeOf(d) === code && d.range.start.line === line),
        );
      });

      test('alternative fix: applied, the diagnostic clears', async () => {
        const { doc } = await openFixture(f.file, f.languageId);
        const [first] = sorted(await waitForCodes(doc, codes(f)));
        const code = codeOf(first)!;
        const alternative = (await codeActions(doc, first.range)).find(isAlternative);
        if (!f.actions.alternative) {
          assert.equal(alternative, undefined);
          return;
        }
        assert.ok(alternative);
        await apply(alternative);
        await waitForDiagnostics(
          doc,
          `no ${code} at ${first.range.start.line}`,
          (ds) => !ds.some((d) => codeOf(d) === code && d.range.start.line === first.range.start.line),
        );
      });

      test('disable comment for the line: inserted, the diagnostic clears, nothing is reported as unused', async () => {
        const { doc } = await openFixture(f.file, f.languageId);
        const [first] = sorted(await waitForCodes(doc, codes(f)));
        const code = codeOf(first)!;
        const disable = (await codeActions(doc, first.range)).find((a) => a.title === `Disable ${code} for this line`);
        assert.ok(disable);
        await apply(disable);
        assert.match(doc.getText(), new RegExp(`kafka-idempotence-disable-next-line ${code}`));
        const rest = f.diagnostics.slice(1).map((d) => d.code);
        await waitForCodes(doc, rest);
      });

      test('disable comment for the file: every finding of the rule clears', async () => {
        const { doc } = await openFixture(f.file, f.languageId);
        const [first] = sorted(await waitForCodes(doc, codes(f)));
        const code = codeOf(first)!;
        const disable = (await codeActions(doc, first.range)).find((a) => a.title === `Disable ${code} for the entire file`);
        assert.ok(disable);
        await apply(disable);
        await waitForCodes(
          doc,
          codes(f).filter((c) => c !== code),
        );
      });

      test('source.fixAll.kafkaIdempotence: one action that fixes everything fixable', async () => {
        const { doc } = await openFixture(f.file, f.languageId);
        await waitForCodes(doc, codes(f));
        const whole = new vscode.Range(0, 0, doc.lineCount, 0);
        const actions = await codeActions(doc, whole, FIX_ALL_KIND);
        assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
        assert.equal(actions[0].kind?.value, FIX_ALL_KIND);
        assert.ok(vscode.CodeActionKind.SourceFixAll.contains(actions[0].kind));
        await apply(actions[0]);
        await waitForCodes(doc, f.remainingAfterFixAll);
        // and nothing more to fix
        assert.deepEqual(await codeActions(doc, new vscode.Range(0, 0, doc.lineCount, 0), FIX_ALL_KIND), []);
      });
    });
  }

  suite('files without a Kafka producer', () => {
    for (const c of CLEAN) {
      test(`${c.file}: no diagnostics, no actions, no hover`, async () => {
        // A producer file opened after it is the witness that the server is up and answering.
        const { doc } = await openFixture(c.file, c.languageId);
        const witness = await openFixture(FIXTURES[0].file, FIXTURES[0].languageId);
        await waitForCodes(witness.doc, codes(FIXTURES[0]));
        // Requests are answered in order: once the server answered these for `doc`, it has seen it.
        const whole = new vscode.Range(0, 0, doc.lineCount, 0);
        assert.deepEqual(await codeActions(doc, whole, FIX_ALL_KIND), []);
        const hover = await hoverText(doc, new vscode.Position(1, 1));
        // on .ts/.js the built-in TypeScript features may hover too: nothing of ours in it
        if (/script/.test(c.languageId)) assert.doesNotMatch(hover, /Idempotence in|KafkaJS producer|librdkafka|kafka-clients/);
        else assert.equal(hover, '');
        await vscode.window.showTextDocument(doc);
        assert.deepEqual(await codeActions(doc, whole), []);
        assert.deepEqual(ours(doc.uri), []);
      });
    }
  });
});
