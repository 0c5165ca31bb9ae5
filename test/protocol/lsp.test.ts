/**
 * Protocol tests: the bundled server (dist/server.js) over --stdio, spoken to in JSON-RPC by
 * a small client (lspClient.ts). Waits are for messages with timeouts, never fixed sleeps.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, TextDocumentSyncKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticData } from '../../server/src/lsp/protocol';
import { TestClient, applyTextEdits, editsFor, rangeOf, type ClientOptions } from './lspClient';
import { ROOT, service, type Fix, type LintSettings, type Span } from '../support';

const DOWNGRADE = 'idempotence-implicit-downgrade';
const ACKS_CONFLICT = 'idempotence-acks-conflict';
const NOT_ON_BY_DEFAULT = 'idempotence-not-on-by-default';
const RETRIES_ZERO = 'idempotence-retries-zero';
const FIX_ALL_KIND = 'source.fixAll.kafkaIdempotence';

const IMPLICIT = 'bootstrap.servers=x\nacks=1\n';
const EXPLICIT = 'bootstrap.servers=x\nenable.idempotence=true\nacks=1\n';

let serial = 0;
/** A fresh file: URI named producer.properties (the name makes it a producer config). */
function producerUri(name = 'producer.properties'): string {
  return pathToFileURL(path.join('/tmp', 'kil-protocol', `case${++serial}`, name)).toString();
}

/** Runs `body` with a started client and always stops the server. */
async function withClient(options: ClientOptions, body: (c: TestClient) => Promise<void>): Promise<void> {
  const c = await TestClient.start(options);
  try {
    await body(c);
    assert.deepEqual(c.errors, [], 'errors logged by the server');
  } finally {
    const code = await c.stop();
    assert.equal(code, 0, `server exit code (stderr: ${c.stderr})`);
  }
}

const data = (d: Diagnostic) => d.data as DiagnosticData;
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
/** The message as text (LSP 3.18 also allows MarkupContent, which this server never sends). */
const msg = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : assert.fail(`markup message ${JSON.stringify(d.message)}`));

/** The service's own findings, converted independently, to cross-check the adapter. */
function serviceFindings(uri: string, text: string, settings: Partial<LintSettings> = {}) {
  const doc = TextDocument.create(uri, 'properties', 1, text);
  const r = service.lint({ fileName: new URL(uri).pathname, text }, { ...service.DEFAULT_SETTINGS, ...settings });
  const range = (s: Span) => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });
  const fix = (f: Fix) => ({
    title: f.title,
    isPreferred: f.isPreferred,
    edits: f.edits.map((e) => ({ range: range(e.span), newText: e.newText })),
  });
  return r.findings.map((f) => ({
    ruleId: f.ruleId,
    range: range(f.span),
    fixes: f.fixes.map(fix),
    suppress: f.suppress && { line: fix(f.suppress.line), file: fix(f.suppress.file) },
  }));
}

async function openAndWait(c: TestClient, uri: string, text: string, languageId = 'properties'): Promise<Diagnostic[]> {
  await c.open(uri, text, languageId);
  return (await c.waitForDiagnostics(uri, { version: 1 })).diagnostics;
}

test('initialize: incremental sync, hover, code action kinds; push unless the client can pull', async () => {
  await withClient({}, async (c) => {
    const caps = c.initializeResult!.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', FIX_ALL_KIND] });
    assert.equal(caps.diagnosticProvider, undefined);
  });
  await withClient({ pull: true }, async (c) => {
    const caps = c.initializeResult!.capabilities;
    assert.deepEqual(caps.diagnosticProvider, {
      identifier: 'kafka-idempotence',
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
  });
});

test('Node IPC transport (as the VS Code client starts it): initialize, diagnostics, hover', async () => {
  await withClient({ transport: 'ipc', pull: true }, async (c) => {
    assert.ok(c.initializeResult!.capabilities.diagnosticProvider);
    const uri = producerUri();
    await c.open(uri, EXPLICIT);
    const report = await c.pull(uri);
    assert.deepEqual(report.kind === 'full' && codes(report.items), [ACKS_CONFLICT]);
    assert.ok(await c.hover(uri, { line: 1, character: 3 }));
  });
});

test('push: didOpen publishes the diagnostic with code, link, severity, exact range and data', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    const diags = await openAndWait(c, uri, IMPLICIT);
    assert.deepEqual(codes(diags), [DOWNGRADE]);
    const [d] = diags;
    assert.equal(d.source, 'kafka-idempotence');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
    assert.deepEqual(d.codeDescription, { href: service.docsUrl(DOWNGRADE) });
    assert.match(d.codeDescription.href, /\/docs\/rules\/idempotence-implicit-downgrade\.md$/);
    assert.match(msg(d), /silently disables idempotence because acks=1/);
    assert.equal(d.relatedInformation, undefined);
    const x = data(d);
    assert.equal(x.ruleId, DOWNGRADE);
    assert.equal(x.version, 1);
    assert.deepEqual(x.fixes[0], {
      title: 'Set acks=all',
      isPreferred: true,
      edits: [{ range: d.range, newText: 'all' }],
    });
    assert.equal(x.fixes.length, 2);
    assert.equal(x.fixes[1].isPreferred, false);
    assert.match(x.fixes[1].title, /^Set enable\.idempotence=false/);
    assert.deepEqual(x.suppress!.line.edits, [
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        newText: `# kafka-idempotence-disable-next-line ${DOWNGRADE}\n`,
      },
    ]);
    assert.deepEqual(x.suppress!.file.edits, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: `# kafka-idempotence-disable ${DOWNGRADE}\n`,
      },
    ]);
    // the adapter adds nothing and loses nothing compared with the service
    const expected = serviceFindings(uri, IMPLICIT);
    assert.deepEqual(
      diags.map((y) => ({ ruleId: data(y).ruleId, range: y.range, fixes: data(y).fixes, suppress: data(y).suppress })),
      expected,
    );
  });
});

test('push: an explicit conflict is an error with related information; close clears the diagnostics', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    const diags = await openAndWait(c, uri, EXPLICIT);
    assert.deepEqual(codes(diags), [ACKS_CONFLICT]);
    const [d] = diags;
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(d.range, rangeOf(EXPLICIT, '1'));
    assert.match(msg(d), /refuses to start the producer/);
    assert.deepEqual(d.relatedInformation, [
      { location: { uri, range: rangeOf(EXPLICIT, 'enable.idempotence') }, message: 'enable.idempotence=true makes idempotence explicit' },
    ]);
    const mark = c.mark();
    await c.close(uri);
    const cleared = await c.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(cleared.diagnostics, []);
  });
});

test('pull: textDocument/diagnostic reports the findings, unchanged for the same result id, nothing is pushed', async () => {
  await withClient({ pull: true }, async (c) => {
    const uri = producerUri();
    await c.open(uri, EXPLICIT);
    const first = await c.pull(uri);
    assert.equal(first.kind, 'full');
    if (first.kind !== 'full') return;
    assert.deepEqual(codes(first.items), [ACKS_CONFLICT]);
    assert.equal(first.items[0].severity, DiagnosticSeverity.Error);
    assert.deepEqual(first.items[0].range, rangeOf(EXPLICIT, '1'));
    assert.equal(data(first.items[0]).version, 1);
    assert.ok(first.resultId);
    const again = await c.pull(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    await c.change(uri, [{ range: rangeOf(EXPLICIT, '1'), text: 'all' }]);
    const after = await c.pull(uri, first.resultId);
    assert.equal(after.kind, 'full');
    assert.deepEqual(after.kind === 'full' && after.items, []);
    assert.equal(c.published.length, 0, 'a pull client gets no publishDiagnostics');
  });
});

test('code actions: preferred fix first, alternative, fix all of the rule, disable line and file, show docs', async () => {
  const text = 'bootstrap.servers=x\nacks=1\nretries=0\nmax.in.flight.requests.per.connection=7\n';
  await withClient({ settings: { kafkaClientsVersion: '3.9' } }, async (c) => {
    const uri = producerUri();
    const diags = await openAndWait(c, uri, text);
    assert.deepEqual(codes(diags), [DOWNGRADE, DOWNGRADE, DOWNGRADE]);
    const acks = diags[0];
    const actions = await c.codeActions(uri, acks.range, [acks]);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Set acks=all',
        'Set enable.idempotence=false (keep acks=1; make the downgrade explicit)',
        `Fix all '${DOWNGRADE}' problems`,
        `Disable ${DOWNGRADE} for this line`,
        `Disable ${DOWNGRADE} for the entire file`,
        `Show documentation for ${DOWNGRADE}`,
      ],
    );
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    assert.deepEqual(
      actions.map((a) => a.isPreferred === true),
      [true, false, false, false, false, false],
    );
    assert.deepEqual(actions[0].diagnostics, [acks]);
    const docs = actions[5];
    assert.equal(docs.edit, undefined);
    assert.deepEqual(docs.command, { title: docs.title, command: 'kafkaIdempotence.openDocs', arguments: [service.docsUrl(DOWNGRADE)] });

    const apply = (a: CodeAction) => applyTextEdits(text, editsFor(a.edit, uri));
    assert.equal(apply(actions[0]), text.replace('acks=1', 'acks=all'));
    assert.equal(apply(actions[1]), `${text}enable.idempotence=false\n`);
    assert.equal(
      apply(actions[2]),
      service.fixAll(
        { fileName: new URL(uri).pathname, text },
        { ...service.DEFAULT_SETTINGS, kafkaClientsVersion: '3.9' },
        { ruleId: DOWNGRADE },
      ).text,
    );
    assert.equal(apply(actions[2]), 'bootstrap.servers=x\nacks=all\nmax.in.flight.requests.per.connection=5\n');
    assert.equal(editsFor(actions[2].edit, uri).length, 1, 'fix all is a single edit');
    assert.equal(apply(actions[3]), text.replace('acks=1', `# kafka-idempotence-disable-next-line ${DOWNGRADE}\nacks=1`));
    assert.equal(apply(actions[4]), `# kafka-idempotence-disable ${DOWNGRADE}\n${text}`);
    // edits carry the document version they were made for
    const dc = actions[0].edit!.documentChanges![0];
    assert.ok('textDocument' in dc && dc.textDocument.version === 1);

    // asking for the whole file with all three diagnostics: rule-level actions once
    const all = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, diags);
    const titles = all.map((a) => a.title);
    assert.equal(titles.filter((t) => t.startsWith('Fix all')).length, 1);
    assert.equal(titles.filter((t) => t.startsWith('Show documentation')).length, 1);
    assert.equal(titles.filter((t) => t.endsWith('for the entire file')).length, 1);
    assert.equal(titles.filter((t) => t.endsWith('for this line')).length, 3);
    assert.equal(all.filter((a) => a.isPreferred).length, 3);

    // the disable-line action, applied and re-linted: that diagnostic is suppressed, the others stay
    const v2 = await c.applyEdits(uri, editsFor(actions[3].edit, uri));
    const after = await c.waitForDiagnostics(uri, { version: v2 });
    assert.deepEqual(
      after.diagnostics.map((d) => d.range.start.line),
      [3, 4],
    );
  });
});

test('code actions: no "Fix all" for a single finding; other sources are ignored', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    const [d] = await openAndWait(c, uri, IMPLICIT);
    const foreign: Diagnostic = { ...d, source: 'someone-else', data: undefined };
    const actions = await c.codeActions(uri, d.range, [d, foreign]);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Set acks=all',
        'Set enable.idempotence=false (keep acks=1; make the downgrade explicit)',
        `Disable ${DOWNGRADE} for this line`,
        `Disable ${DOWNGRADE} for the entire file`,
        `Show documentation for ${DOWNGRADE}`,
      ],
    );
    assert.deepEqual(await c.codeActions(uri, d.range, [foreign]), []);
  });
});

test('kafkaIdempotence.openDocs sent to the server: window/showDocument (external) for a docs page, nothing else', async () => {
  await withClient({ showDocument: true }, async (c) => {
    const url = service.docsUrl(ACKS_CONFLICT);
    assert.equal(await c.executeCommand('kafkaIdempotence.openDocs', [url]), null);
    assert.deepEqual(c.showDocumentRequests, [{ uri: url, external: true }]);
    assert.equal(await c.executeCommand('kafkaIdempotence.openDocs', ['file:///etc/passwd']), null);
    assert.equal(await c.executeCommand('kafkaIdempotence.openDocs', [42]), null);
    assert.equal(c.showDocumentRequests.length, 1, "only the project's documentation pages are opened");
  });
  await withClient({}, async (c) => {
    // a client without showDocument (nvim 0.7): a no-op that still answers
    assert.equal(await c.executeCommand('kafkaIdempotence.openDocs', [service.docsUrl(ACKS_CONFLICT)]), null);
    assert.deepEqual(c.showDocumentRequests, []);
  });
});

test('source.fixAll.kafkaIdempotence: one edit over all rules, only when asked for', async () => {
  const text = 'bootstrap.servers=x\nenable.idempotence=true\nacks=1\nretries=0\n';
  await withClient({}, async (c) => {
    const uri = producerUri();
    const diags = await openAndWait(c, uri, text);
    assert.deepEqual(codes(diags), [ACKS_CONFLICT, RETRIES_ZERO]);
    const whole = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };
    for (const only of [[FIX_ALL_KIND], ['source.fixAll'], ['source']]) {
      const actions = await c.codeActions(uri, whole, [], only);
      assert.equal(actions.length, 1, `only=${only}`);
      assert.equal(actions[0].kind, FIX_ALL_KIND);
      const edits = editsFor(actions[0].edit, uri);
      assert.equal(edits.length, 1);
      assert.equal(applyTextEdits(text, edits), 'bootstrap.servers=x\nenable.idempotence=true\nacks=all\n');
    }
    assert.deepEqual(
      (await c.codeActions(uri, whole, diags, ['quickfix'])).filter((a) => a.kind !== 'quickfix'),
      [],
    );
    assert.deepEqual(
      (await c.codeActions(uri, whole, [])).map((a) => a.kind),
      [],
      'no source action unless requested',
    );
    // on save: apply it, the file is clean, and a second fix-all has nothing to do
    const [fixAll] = await c.codeActions(uri, whole, [], [FIX_ALL_KIND]);
    const v2 = await c.applyEdits(uri, editsFor(fixAll.edit, uri));
    assert.deepEqual((await c.waitForDiagnostics(uri, { version: v2 })).diagnostics, []);
    assert.deepEqual(await c.codeActions(uri, whole, [], [FIX_ALL_KIND]), []);
  });
});

test('quick fix round trip: apply the preferred fix, didChange, the diagnostic is gone', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    const [d] = await openAndWait(c, uri, EXPLICIT);
    const [preferred] = await c.codeActions(uri, d.range, [d], ['quickfix']);
    assert.equal(preferred.isPreferred, true);
    const v2 = await c.applyEdits(uri, editsFor(preferred.edit, uri));
    assert.equal(c.text(uri), 'bootstrap.servers=x\nenable.idempotence=true\nacks=all\n');
    const after = await c.waitForDiagnostics(uri, { version: v2 });
    assert.deepEqual(after.diagnostics, []);
  });
});

test('stale diagnostic data is not trusted: the server re-lints', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    const [d] = await openAndWait(c, uri, IMPLICIT);
    // a change after the diagnostic that does not move it: fixes are recomputed for version 2
    const end = { line: 2, character: 0 };
    const v2 = await c.change(uri, [{ range: { start: end, end }, text: 'linger.ms=5\n' }]);
    const actions = await c.codeActions(uri, d.range, [d]);
    assert.equal(actions[0].title, 'Set acks=all');
    const dc = actions[0].edit!.documentChanges![0];
    assert.ok('textDocument' in dc && dc.textDocument.version === v2, 'edit made for the current version');
    assert.equal(applyTextEdits(c.text(uri), editsFor(actions[0].edit, uri)), 'bootstrap.servers=x\nacks=all\nlinger.ms=5\n');
    // no data at all (a client that drops it): found again by rule id and range
    const bare = await c.codeActions(uri, d.range, [{ ...d, data: undefined }]);
    assert.equal(bare[0].title, 'Set acks=all');
    // a change that moves the finding: the old range matches nothing, so no edits, only the docs
    const start = { line: 0, character: 0 };
    await c.change(uri, [{ range: { start, end: start }, text: '# moved\n' }]);
    const moved = await c.codeActions(uri, d.range, [d]);
    assert.deepEqual(
      moved.map((a) => a.title),
      [`Show documentation for ${DOWNGRADE}`],
    );
  });
});

test('hover shows the effective idempotence state for the configured version', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    await openAndWait(c, uri, EXPLICIT);
    const h = await c.hover(uri, { line: 1, character: 3 });
    assert.ok(h && typeof h.contents === 'object' && 'kind' in h.contents);
    assert.equal(h.contents.kind, 'markdown');
    assert.deepEqual(h.range, rangeOf(EXPLICIT, 'enable.idempotence'));
    assert.match(h.contents.value, /\*\*Idempotence in producer\.properties: the producer refuses to start/);
    assert.match(h.contents.value, /Judged for kafka-clients 4\.x/);
    assert.match(h.contents.value, /`acks=1` \(line 3\): the client refuses to start/);
    assert.equal(await c.hover(uri, { line: 0, character: 0 }), null, 'bootstrap.servers has no hover');

    await c.changeConfiguration({ kafkaClientsVersion: '3.0.0' });
    const uri2 = producerUri();
    await openAndWait(c, uri2, IMPLICIT);
    const h2 = await c.hover(uri2, { line: 1, character: 1 });
    assert.ok(h2 && typeof h2.contents === 'object' && 'value' in h2.contents);
    assert.match(h2.contents.value, /\(kafka-clients 3\.0\.0\): off/);
  });
});

test('Java source: the lint worker loads the Java parser on the first .java document; it gets its diagnostics, fixes and hover', async () => {
  const java = [
    'import java.util.Properties;',
    'import org.apache.kafka.clients.producer.KafkaProducer;',
    '',
    'class Orders {',
    '    KafkaProducer<String, String> create() {',
    '        Properties props = new Properties();',
    '        props.setProperty("acks", "1");',
    '        return new KafkaProducer<>(props);',
    '    }',
    '}',
    '',
  ].join('\n');
  await withClient({}, async (c) => {
    const uri = producerUri('Orders.java');
    // opened before anything else: the worker loads the parser (not the main thread, not at start-up) before this lint
    const diags = await openAndWait(c, uri, java, 'java');
    assert.deepEqual(codes(diags), [DOWNGRADE]);
    assert.deepEqual(diags[0].range, rangeOf(java, '"1"'));
    const actions = await c.codeActions(uri, diags[0].range, [diags[0]]);
    assert.equal(actions[0].title, 'Set acks=all');
    const h = await c.hover(uri, { line: 6, character: 28 });
    assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents);
    assert.match(h.contents.value, /Idempotence in create\(\) \(kafka-clients 4\.x \(latest\)\): silently disabled by acks=1 \(line 7\)/);
  });
});

test('didChangeConfiguration (push): rules.<id>=off, a severity override and kafkaClientsVersion=3.0.0 change the diagnostics', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    assert.deepEqual(codes(await openAndWait(c, uri, IMPLICIT)), [DOWNGRADE]);
    assert.ok(c.configurationRequests.some((p) => p.items.some((i) => i.scopeUri === uri && i.section === 'kafkaIdempotence')));

    let mark = c.mark();
    await c.changeConfiguration({ rules: { [DOWNGRADE]: 'off' } });
    assert.deepEqual((await c.waitForDiagnostics(uri, { after: mark })).diagnostics, []);

    mark = c.mark();
    await c.changeConfiguration({ rules: { [DOWNGRADE]: 'error' } });
    const err = (await c.waitForDiagnostics(uri, { after: mark })).diagnostics;
    assert.deepEqual(
      err.map((d) => [d.code, d.severity]),
      [[DOWNGRADE, DiagnosticSeverity.Error]],
    );

    mark = c.mark();
    await c.changeConfiguration({ kafkaClientsVersion: '3.0.0' });
    const old = (await c.waitForDiagnostics(uri, { after: mark })).diagnostics;
    assert.deepEqual(
      old.map((d) => [d.code, d.severity]),
      [[NOT_ON_BY_DEFAULT, DiagnosticSeverity.Information]],
    );
    assert.deepEqual(old[0].range, rangeOf(IMPLICIT, 'bootstrap.servers'));

    mark = c.mark();
    await c.changeConfiguration({ enable: false });
    assert.deepEqual((await c.waitForDiagnostics(uri, { after: mark })).diagnostics, []);
    assert.equal(await c.hover(uri, { line: 1, character: 1 }), null, 'disabled: no hover either');
  });
});

test('the project configuration file applies in the editor too, and a change to it (didChangeWatchedFiles) re-lints', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-projcfg-'));
  try {
    fs.writeFileSync(path.join(dir, '.kafka-idempotence.json'), JSON.stringify({ kafkaClientsVersion: '3.0.0' }));
    fs.mkdirSync(path.join(dir, 'app'));
    const file = path.join(dir, 'app', 'producer.properties');
    fs.writeFileSync(file, IMPLICIT);
    const uri = pathToFileURL(file).toString();
    await withClient({}, async (c) => {
      const first = await openAndWait(c, uri, IMPLICIT);
      assert.deepEqual(codes(first), [NOT_ON_BY_DEFAULT], 'the file says 3.0.0, the editor setting is the default (auto): the file wins');
      const h = await c.hover(uri, { line: 1, character: 1 });
      assert.match(JSON.stringify(h?.contents), /kafka-clients 3\.0\.0/);
      assert.ok(JSON.stringify(h?.contents).includes('.kafka-idempotence.json'), 'the hover names where the version came from');

      let mark = c.mark();
      fs.writeFileSync(path.join(dir, '.kafka-idempotence.json'), JSON.stringify({ rules: { [DOWNGRADE]: 'error' } }));
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(path.join(dir, '.kafka-idempotence.json')).toString(), type: 2 }],
      });
      const second = (await c.waitForDiagnostics(uri, { after: mark })).diagnostics;
      assert.deepEqual(
        second.map((d) => [d.code, d.severity]),
        [[DOWNGRADE, DiagnosticSeverity.Error]],
      );

      mark = c.mark();
      fs.writeFileSync(path.join(dir, '.kafka-idempotence.json'), JSON.stringify({ ignore: ['app/**'] }));
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(path.join(dir, '.kafka-idempotence.json')).toString(), type: 2 }],
      });
      assert.deepEqual((await c.waitForDiagnostics(uri, { after: mark })).diagnostics, [], 'ignored by the project file');
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the kafka-clients version comes from the build file: the hover names the pom; a pom change (didChangeWatchedFiles) re-lints; the config file and an explicit setting override it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-buildver-'));
  const pomXml = (version: string) =>
    `<project>\n  <modelVersion>4.0.0</modelVersion>\n  <dependencies>\n    <dependency>\n      <groupId>org.apache.kafka</groupId>\n      <artifactId>kafka-clients</artifactId>\n      <version>${version}</version>\n    </dependency>\n  </dependencies>\n</project>\n`;
  try {
    const pomPath = path.join(dir, 'pom.xml');
    fs.writeFileSync(pomPath, pomXml('3.0.0'));
    const file = path.join(dir, 'src', 'main', 'resources', 'producer.properties');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, IMPLICIT);
    const uri = pathToFileURL(file).toString();
    const watched = async (c: TestClient, p: string) =>
      c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(p).toString(), type: 2 }] });
    const hoverText = async (c: TestClient) => {
      const h = await c.hover(uri, { line: 1, character: 1 });
      return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    };
    await withClient({}, async (c) => {
      assert.deepEqual(codes(await openAndWait(c, uri, IMPLICIT)), [NOT_ON_BY_DEFAULT], "judged for the pom's 3.0.0");
      const h = await hoverText(c);
      assert.ok(h.includes(`(kafka-clients 3.0.0, from ${pomPath}:7 (org.apache.kafka:kafka-clients 3.0.0))`), h);

      let mark = c.mark();
      fs.writeFileSync(pomPath, pomXml('3.9.0'));
      await watched(c, pomPath);
      assert.deepEqual(codes((await c.waitForDiagnostics(uri, { after: mark })).diagnostics), [DOWNGRADE], 'judged for the new 3.9.0');
      assert.ok((await hoverText(c)).includes(`from ${pomPath}:7 (org.apache.kafka:kafka-clients 3.9.0)`));

      mark = c.mark();
      const cfg = path.join(dir, '.kafka-idempotence.json');
      fs.writeFileSync(cfg, JSON.stringify({ kafkaClientsVersion: '3.1.0' }));
      await watched(c, cfg);
      assert.deepEqual(
        codes((await c.waitForDiagnostics(uri, { after: mark })).diagnostics),
        [NOT_ON_BY_DEFAULT],
        'the config file overrides the pom',
      );
      assert.ok((await hoverText(c)).includes(`from ${cfg}`));

      mark = c.mark();
      await c.changeConfiguration({ kafkaClientsVersion: '3.9' });
      assert.deepEqual(
        codes((await c.waitForDiagnostics(uri, { after: mark })).diagnostics),
        [DOWNGRADE],
        'a setting other than auto overrides both',
      );
      assert.match(await hoverText(c), /\(kafka-clients 3\.9\): /);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('didChangeConfiguration (pull): the server asks the client to refresh, and the next pull differs', async () => {
  await withClient({ pull: true }, async (c) => {
    const uri = producerUri();
    await c.open(uri, IMPLICIT);
    const before = await c.pull(uri);
    assert.deepEqual(before.kind === 'full' && codes(before.items), [DOWNGRADE]);
    const refreshed = c.nextRefresh();
    await c.changeConfiguration({ kafkaClientsVersion: '3.0.0' });
    await refreshed;
    const after = await c.pull(uri, before.resultId);
    assert.equal(after.kind, 'full');
    assert.deepEqual(after.kind === 'full' && after.items.map((d) => [d.code, d.severity]), [
      [NOT_ON_BY_DEFAULT, DiagnosticSeverity.Information],
    ]);
  });
});

test('a client without workspace/configuration: settings come with didChangeConfiguration', async () => {
  await withClient({ configuration: false }, async (c) => {
    const uri = producerUri();
    assert.deepEqual(codes(await openAndWait(c, uri, IMPLICIT)), [DOWNGRADE]);
    const mark = c.mark();
    await c.changeConfiguration({ kafkaClientsVersion: '3.0.0' });
    assert.deepEqual(codes((await c.waitForDiagnostics(uri, { after: mark })).diagnostics), [NOT_ON_BY_DEFAULT]);
    assert.deepEqual(c.configurationRequests, []);
  });
});

test('incremental didChange: ranged edits, several per notification', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    const text = 'bootstrap.servers=x\nacks=all\n';
    assert.deepEqual(await openAndWait(c, uri, text), []);
    const v2 = await c.change(uri, [{ range: rangeOf(text, 'all'), text: '1' }]);
    const d2 = (await c.waitForDiagnostics(uri, { version: v2 })).diagnostics;
    assert.deepEqual(codes(d2), [DOWNGRADE]);
    assert.deepEqual(d2[0].range, rangeOf(c.text(uri), '1'));
    // two changes in one notification: insert a line above, then edit the (moved) value
    const at = { line: 1, character: 0 };
    const v3 = await c.change(uri, [
      { range: { start: at, end: at }, text: 'enable.idempotence=true\n' },
      { range: { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } }, text: '0' },
    ]);
    assert.equal(c.text(uri), 'bootstrap.servers=x\nenable.idempotence=true\nacks=0\n');
    const d3 = (await c.waitForDiagnostics(uri, { version: v3 })).diagnostics;
    assert.deepEqual(codes(d3), [ACKS_CONFLICT]);
    assert.deepEqual(d3[0].range, rangeOf(c.text(uri), '0'));
    assert.match(msg(d3[0]), /acks/);
    // a deletion across lines
    const v4 = await c.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    assert.deepEqual(codes((await c.waitForDiagnostics(uri, { version: v4 })).diagnostics), [DOWNGRADE]);
  });
});

test('typing quickly: only the last version needs to be linted, and it is', async () => {
  await withClient({}, async (c) => {
    const uri = producerUri();
    await openAndWait(c, uri, IMPLICIT);
    const typed = 'enable.idempotence=true\n';
    let version = 1;
    for (let i = 0; i < typed.length; i++) {
      const end = c.text(uri).length;
      const pos = TextDocument.create(uri, 'properties', 0, c.text(uri)).positionAt(end);
      version = await c.change(uri, [{ range: { start: pos, end: pos }, text: typed[i] }]);
    }
    const last = await c.waitForDiagnostics(uri, { version });
    assert.deepEqual(codes(last.diagnostics), [ACKS_CONFLICT]);
  });
});

test('no Kafka content, or a format the server does not lint: zero diagnostics', async () => {
  await withClient({}, async (c) => {
    assert.deepEqual(await openAndWait(c, producerUri('application.properties'), 'server.port=8080\nname=caf\u00e9 \u{1F600}\n'), []);
    assert.deepEqual(await openAndWait(c, producerUri('notes.txt'), IMPLICIT, 'plaintext'), []);
    assert.deepEqual(await openAndWait(c, producerUri('producer.properties'), ''), []);
    // a half-typed line in a producer file: still answered (the client would not know the half key either)
    const half = 'bootstrap.servers=x\nacks=1\nenable.idem';
    assert.deepEqual(codes(await openAndWait(c, producerUri(), half)), [DOWNGRADE, 'unknown-idempotence-key']);
  });
});

test('bad input: 20 MB, binary, invalid UTF-8, nonsense requests; the server keeps answering', async () => {
  await withClient({}, async (c) => {
    const good = producerUri();
    await openAndWait(c, good, EXPLICIT);
    const stillAnswers = async () => {
      const h = await c.hover(good, { line: 1, character: 3 });
      assert.ok(h, 'hover on a good document still answered');
    };

    // 20 MB: not linted, with the file-not-linted notice as the only diagnostic (and in the status item), no crash
    const big = producerUri();
    const line = 'bootstrap.servers=x\nacks=1\n';
    await c.open(big, line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)));
    const bigDiags = (await c.waitForDiagnostics(big, { version: 1, timeout: 60_000 })).diagnostics;
    assert.deepEqual(
      bigDiags.map((d) => [d.code, d.severity, d.range]),
      [['file-not-linted', DiagnosticSeverity.Warning, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
    );
    assert.match(msg(bigDiags[0]), /^Not linted: 20480 KB is above the size limit of 5120 KB/);
    const notice = c.statuses.find((s) => s.uri === big);
    assert.ok(notice?.message && /size limit/.test(notice.message), JSON.stringify(notice));
    assert.ok(
      c.logs.some((l) => l.includes('size limit')),
      'the notice is logged too',
    );
    await stillAnswers();
    const closeMark = c.mark();
    await c.close(big);
    await c.waitForDiagnostics(big, { after: closeMark }); // sent after the status notification
    assert.deepEqual(c.statuses.filter((s) => s.uri === big).at(-1), { uri: big, message: null }, 'closing clears the notice');

    // binary / NUL content
    const bin = producerUri();
    assert.deepEqual(codes(await openAndWait(c, bin, 'acks=1\u0000\u0001\u0002\u0000')), ['file-not-linted']);
    assert.match(c.statuses.find((s) => s.uri === bin)?.message ?? '', /binary/);
    await stillAnswers();

    // invalid UTF-8 on the wire: a raw didOpen whose text has the bytes 0xFF 0xFE where a rule id goes
    const raw = producerUri();
    const json = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: {
        textDocument: {
          uri: raw,
          languageId: 'properties',
          version: 1,
          text: '# kafka-idempotence-disable @@\nbootstrap.servers=x\nacks=1\n',
        },
      },
    });
    const [head, tail] = json.split('@@');
    const body = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(tail, 'utf8')]);
    await c.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    const rawDiags = (await c.waitForDiagnostics(raw, { version: 1 })).diagnostics;
    assert.deepEqual(codes(rawDiags), ['unused-disable-directive', DOWNGRADE]);
    // each invalid byte became one U+FFFD: the unknown "rule id" is two UTF-16 code units long
    assert.match(msg(rawDiags[0]), /Unknown rule '\uFFFD\uFFFD'/);
    assert.deepEqual(rawDiags[0].range, { start: { line: 0, character: 28 }, end: { line: 0, character: 30 } });
    assert.deepEqual(rawDiags[1].range, { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } });
    await stillAnswers();

    // nonsense requests: unknown documents, positions past the end, mangled data
    assert.equal(await c.hover(producerUri(), { line: 0, character: 0 }), null);
    assert.equal(await c.hover(good, { line: 999, character: 999 }), null);
    const [d] = c.published.filter((p) => p.uri === good)[0].diagnostics;
    const mangled = await c.codeActions(good, d.range, [{ ...d, data: { ruleId: 7, version: 'x', fixes: 'no' } }]);
    assert.equal(mangled[0].title, 'Set acks=all', 'mangled data: re-linted');
    const nowhere = { start: { line: 500, character: 0 }, end: { line: 400, character: 3 } };
    const bogus = await c.codeActions(good, nowhere, [{ ...d, range: nowhere, data: null }]);
    assert.deepEqual(
      bogus.map((a) => a.title),
      [`Show documentation for ${ACKS_CONFLICT}`],
    );
    assert.deepEqual(await c.codeActions(producerUri(), nowhere, [d]), []);
    await stillAnswers();
    assert.ok(c.alive);
  });
});

// ---------------------------------------------------------------------------------------------
// One stuck document never stops the others: linting runs in worker threads under a time budget.
// No wall-clock assertion: the hostile document is far larger than the (small) budget can lint,
// and the test asserts the order in which the answers arrive.

/** About 16 MB of YAML: much more than a 5 s budget can lint (the size limit is raised for it). */
function hostileYaml(): string {
  const item = '- k: {a: [1, 2, {b: c}], d: "e", f: [g, h]}\n';
  return `spring:\n  kafka:\n    producer:\n      acks: 1\nitems:\n${item.repeat(Math.ceil((16 * 1024 * 1024) / item.length))}`;
}
const BUDGET = { KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS: '5000' };
const BIG_FILES = { maxFileSize: 64 * 1024 * 1024 };

for (const pull of [false, true]) {
  test(
    `a hostile document is cut off by the time budget; another document's hover is answered before the cut-off notice arrives (${pull ? 'pull' : 'push'})`,
    { timeout: 120_000 },
    async () => {
      await withClient({ pull, env: BUDGET, settings: BIG_FILES }, async (c) => {
        const good = producerUri();
        await c.open(good, EXPLICIT);
        if (pull) assert.deepEqual(codes(((await c.pull(good)) as { items: Diagnostic[] }).items), [ACKS_CONFLICT]);
        else await c.waitForDiagnostics(good, { version: 1 });

        const hostile = producerUri('application.yml');
        const events: string[] = [];
        await c.open(hostile, hostileYaml(), 'yaml');
        const notice: Promise<Diagnostic[]> = pull
          ? c.pull(hostile, undefined, 60_000).then((r) => (r.kind === 'full' ? r.items : []))
          : c.waitForDiagnostics(hostile, { version: 1, timeout: 60_000 }).then((p) => p.diagnostics);
        const noticed = notice.then((d) => {
          events.push('cut-off notice');
          return d;
        });
        const h = await c.hover(good, { line: 1, character: 3 });
        events.push('hover on the other document');
        assert.ok(
          h && typeof h.contents === 'object' && 'value' in h.contents && /enable\.idempotence/.test(h.contents.value),
          JSON.stringify(h),
        );
        // and its code actions too
        const [conflict] = pull
          ? ((await c.pull(good)) as { items: Diagnostic[] }).items
          : c.published.filter((p) => p.uri === good).at(-1)!.diagnostics;
        assert.equal((await c.codeActions(good, conflict.range, [conflict]))[0].title, 'Set acks=all');
        events.push('code actions on the other document');

        const diags = await noticed;
        assert.deepEqual(events, ['hover on the other document', 'code actions on the other document', 'cut-off notice']);
        assert.deepEqual(
          diags.map((d) => [d.code, d.severity, d.range]),
          [['file-not-linted', DiagnosticSeverity.Warning, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
        );
        assert.equal(
          msg(diags[0]),
          'Not linted: linting this file took longer than the time budget of 5 s and was stopped, so nothing in it was judged. It is tried again when it changes.',
        );
        assert.match(c.statuses.filter((s) => s.uri === hostile).at(-1)?.message ?? '', /time budget of 5 s/);

        // not linted again in a loop: the same version answers at once, from the cut-off
        assert.equal(await c.hover(hostile, { line: 3, character: 8 }), null);
        assert.deepEqual(
          await c.codeActions(hostile, diags[0].range, diags),
          [`Show documentation for file-not-linted`].map((title) => ({
            title,
            kind: 'quickfix',
            command: { title, command: 'kafkaIdempotence.openDocs', arguments: [service.docsUrl('file-not-linted')] },
          })),
        );
        if (pull) assert.deepEqual(codes(((await c.pull(hostile)) as { items: Diagnostic[] }).items), ['file-not-linted']);
        assert.equal(c.logs.filter((l) => l.includes(hostile) && l.includes('was cut off')).length, 1, c.logs.join('\n'));

        // the others keep working, and a change makes it linted again
        assert.ok(await c.hover(good, { line: 1, character: 3 }));
        const version = await c.change(hostile, [{ text: 'spring:\n  kafka:\n    producer:\n      acks: 1\n' }]);
        const after = pull
          ? ((await c.pull(hostile)) as { items: Diagnostic[] }).items
          : (await c.waitForDiagnostics(hostile, { version })).diagnostics;
        assert.deepEqual(codes(after), [DOWNGRADE]);
        assert.equal(c.statuses.filter((s) => s.uri === hostile).at(-1)?.message, null, 'the status notice is cleared');
      });
    },
  );
}

test('invalid editor settings: a warning message, once, and the previous valid value is kept', async () => {
  await withClient({ settings: { kafkaClientsVersion: '3.0.0' } }, async (c) => {
    const a = producerUri();
    const b = producerUri();
    assert.deepEqual(codes(await openAndWait(c, a, IMPLICIT)), [NOT_ON_BY_DEFAULT]);
    assert.deepEqual(codes(await openAndWait(c, b, IMPLICIT)), [NOT_ON_BY_DEFAULT]);
    assert.equal(c.shownMessages.length, 0);
    const mark = c.mark();
    await c.changeConfiguration({
      kafkaClientsVersion: 'banana',
      rules: { [NOT_ON_BY_DEFAULT]: 'loud', 'no-such-rule': 'off' },
      maxFileSize: 'big',
    });
    // the version stays 3.0.0 (it does not become the newest, which would report a downgrade)
    assert.deepEqual(codes((await c.waitForDiagnostics(a, { after: mark })).diagnostics), [NOT_ON_BY_DEFAULT]);
    assert.deepEqual(codes((await c.waitForDiagnostics(b, { after: mark })).diagnostics), [NOT_ON_BY_DEFAULT]);
    const texts = c.shownMessages.map((m) => m.message);
    assert.deepEqual(texts, [
      "Kafka Idempotence Lint: invalid setting: kafkaIdempotence.kafkaClientsVersion: 'banana' is not a version (examples: auto, latest, 4.1, 3.9, 3.0.0, 2.8.2); keeping '3.0.0'",
      "Kafka Idempotence Lint: invalid setting: kafkaIdempotence.maxFileSize must be a number of characters, not 'big'; keeping 5242880",
      "Kafka Idempotence Lint: invalid setting: kafkaIdempotence.rules.idempotence-not-on-by-default: 'loud' is not one of default, error, warning, info, hint, off; keeping default",
      "Kafka Idempotence Lint: invalid setting: kafkaIdempotence.rules: unknown rule 'no-such-rule'",
    ]);
    assert.ok(
      c.shownMessages.every((m) => m.type === 2),
      'warnings',
    );
    // a valid value again: no message, and it applies
    const m2 = c.mark();
    await c.changeConfiguration({ kafkaClientsVersion: '3.9' });
    assert.deepEqual(codes((await c.waitForDiagnostics(a, { after: m2 })).diagnostics), [DOWNGRADE]);
    assert.equal(c.shownMessages.length, texts.length);
  });
});

// ---------------------------------------------------------------------------------------------
// The effective producer: code lenses, the effective-configuration document, the workspace scan

const SHOW_EFFECTIVE = 'kafkaIdempotence.showEffectiveConfiguration';
const FIXTURES = path.join(ROOT, 'test', 'protocol', 'fixtures');

/** The service's effective producers for a text, to cross-check the adapter. */
function serviceProducers(fileName: string, text: string, settings: Partial<LintSettings> = {}) {
  const s = { ...service.DEFAULT_SETTINGS, ...settings };
  const r = service.lint({ fileName, text }, s);
  return { result: r, producers: service.effectiveProducers(r, text, s) };
}

test('initialize: code lenses with resolve, the effective-configuration command', async () => {
  await withClient({}, async (c) => {
    const caps = c.initializeResult!.capabilities;
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: true });
    assert.deepEqual(caps.executeCommandProvider, { commands: [SHOW_EFFECTIVE] });
  });
});

test("code lenses: one per producer block on its first line, for every format; resolve gives the service's label and the command", async () => {
  const cases: Array<{ name: string; fixture?: string; text?: string; languageId: string }> = [
    { name: 'producer.properties', text: IMPLICIT, languageId: 'properties' },
    {
      name: 'application.yml',
      text: 'spring:\n  kafka:\n    producer:\n      acks: all\n---\nspring:\n  config:\n    activate:\n      on-profile: dev\n  kafka:\n    producer:\n      acks: 1\n',
      languageId: 'yaml',
    },
    { name: 'payments.ts', fixture: 'kafkajs-producer.ts', languageId: 'typescript' },
    { name: 'kcat-producer.properties', fixture: 'kcat-producer.properties', languageId: 'properties' },
  ];
  await withClient({}, async (c) => {
    for (const k of cases) {
      const text = k.text ?? fs.readFileSync(path.join(FIXTURES, k.fixture!), 'utf8');
      const uri = producerUri(k.name);
      await openAndWait(c, uri, text, k.languageId);
      const { producers } = serviceProducers(new URL(uri).pathname, text);
      assert.ok(producers.length > 0, k.name);
      const lenses = await c.codeLenses(uri);
      assert.equal(lenses.length, producers.length, k.name);
      const doc = TextDocument.create(uri, k.languageId, 1, text);
      for (const [i, lens] of lenses.entries()) {
        assert.equal(lens.command, undefined, 'resolved later');
        assert.deepEqual(
          lens.range.start,
          doc.positionAt(producers[i].anchor.start),
          `${k.name} #${i}: the lens is where the block starts`,
        );
        assert.equal(lens.range.start.line, lens.range.end.line, 'one line');
        assert.deepEqual(lens.data, { uri, version: 1, block: i });
        const resolved = await c.resolveCodeLens(lens);
        assert.deepEqual(
          resolved.command,
          {
            title: producers[i].label,
            command: SHOW_EFFECTIVE,
            arguments: [uri, i],
            tooltip: `${producers[i].name}: show the effective producer configuration`,
          },
          k.name,
        );
      }
    }
    // the labels as users see them
    const titles = async (uri: string) =>
      Promise.all((await c.codeLenses(uri)).map(async (l) => (await c.resolveCodeLens(l)).command?.title));
    const yml = producerUri('application.yml');
    await openAndWait(c, yml, cases[1].text!, 'yaml');
    assert.deepEqual(await titles(yml), [
      'Idempotent producer · kafka-clients 4.x (latest)',
      'Idempotence OFF: silently disabled by acks=1 (line 12) · kafka-clients 4.x (latest)',
    ]);
    // no producer, no lens
    const plain = producerUri('application.properties');
    await openAndWait(c, plain, 'server.port=8080\n');
    assert.deepEqual(await c.codeLenses(plain), []);
    // a lens of a version that changed since: resolved against the document as it is now
    const uri = producerUri();
    await openAndWait(c, uri, IMPLICIT);
    const [old] = await c.codeLenses(uri);
    const v2 = await c.change(uri, [{ range: rangeOf(IMPLICIT, '1'), text: 'all' }]);
    await c.waitForDiagnostics(uri, { version: v2 });
    assert.equal((await c.resolveCodeLens(old)).command?.title, 'Idempotent producer · kafka-clients 4.x (latest)');
    // a lens for a block that no longer exists
    assert.deepEqual((await c.resolveCodeLens({ ...old, data: { uri, version: 1, block: 7 } })).command, {
      title: 'Kafka producer (changed)',
      command: '',
    });
  });
});

test('code lenses: kafkaIdempotence.codeLens.enable=false turns them off (per document), and back on', async () => {
  await withClient({ settings: { codeLens: { enable: false } } }, async (c) => {
    const uri = producerUri();
    await openAndWait(c, uri, IMPLICIT);
    assert.deepEqual(await c.codeLenses(uri), []);
    const mark = c.mark();
    await c.changeConfiguration({ codeLens: { enable: true } });
    await c.waitForDiagnostics(uri, { after: mark });
    assert.equal((await c.codeLenses(uri)).length, 1);
  });
  // a client without workspace/configuration: the pushed settings decide
  await withClient({ configuration: false }, async (c) => {
    const uri = producerUri();
    await openAndWait(c, uri, IMPLICIT);
    assert.equal((await c.codeLenses(uri)).length, 1);
    const mark = c.mark();
    await c.changeConfiguration({ codeLens: { enable: false } });
    await c.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(await c.codeLenses(uri), []);
  });
});

test("the effective configuration: the custom request and the command answer the service's document, with the block's findings", async () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'spring-application.yml'), 'utf8');
  await withClient({}, async (c) => {
    const uri = producerUri('application.yml');
    await openAndWait(c, uri, text, 'yaml');
    const { result, producers } = serviceProducers(new URL(uri).pathname, text);
    const lines = new service.LineIndex(text);
    const findings = result.findings
      .filter((f) => f.block === producers[0].name)
      .map((f) => ({ line: lines.lineOf(f.span.start) + 1, severity: f.severity, ruleId: f.ruleId, message: f.message }));
    const expectedText = service.effectiveDocument(producers[0], new URL(uri).pathname, findings);
    const viaRequest = await c.request<{ text: string; label: string; state: string; name: string }>(
      'kafkaIdempotence/effectiveConfiguration',
      { uri, block: 0 },
    );
    assert.deepEqual(viaRequest, {
      uri,
      block: 0,
      name: 'Spring Boot producer',
      state: 'fails',
      label: 'Producer will not start: acks must be all · kafka-clients 4.x (latest)',
      text: expectedText,
    });
    assert.match(viaRequest.text, /\| `enable\.idempotence` \| `true` \| set by Spring Kafka \(transaction-id-prefix\) \|/);
    assert.match(viaRequest.text, /- line 8, error `idempotence-acks-conflict`: /);
    // the lens's command, as Neovim sends it
    assert.deepEqual(await c.executeCommand(SHOW_EFFECTIVE, [uri, 0]), viaRequest);
    // no such block, bad arguments, an unknown document
    assert.equal(await c.request('kafkaIdempotence/effectiveConfiguration', { uri, block: 3 }), null);
    assert.equal(await c.executeCommand(SHOW_EFFECTIVE, [uri, 'x']), null);
    assert.equal(await c.request('kafkaIdempotence/effectiveConfiguration', { uri: 'untitled:nothing', block: 0 }), null);
  });
  // a file that is not open: read from disk
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-effective-'));
  try {
    const file = path.join(dir, 'producer.properties');
    fs.writeFileSync(file, IMPLICIT);
    await withClient({ settings: { kafkaClientsVersion: '3.9' } }, async (c) => {
      const r = await c.request<{ label: string; text: string }>('kafkaIdempotence/effectiveConfiguration', {
        uri: pathToFileURL(file).toString(),
        block: 0,
      });
      assert.equal(r.label, 'Idempotence OFF: silently disabled by acks=1 (line 2) · kafka-clients 3.9 (setting)');
      assert.match(r.text, /^# Effective producer configuration: producer\.properties\n/);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A small workspace: producers in three formats, and what the scan must leave out. */
function scanWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kil-scan-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  fs.mkdirSync(path.join(dir, '.git'));
  write('.gitignore', 'build/\n*.generated.properties\n');
  write('orders/src/main/resources/producer.properties', IMPLICIT);
  write('orders/src/main/resources/application.yml', fs.readFileSync(path.join(FIXTURES, 'spring-application.yml'), 'utf8'));
  write('web/src/payments.ts', fs.readFileSync(path.join(FIXTURES, 'kafkajs-producer.ts'), 'utf8'));
  write('web/src/types.d.ts', "import { Kafka } from 'kafkajs';\nexport declare const producer: ReturnType<Kafka['producer']>;\n");
  for (let i = 0; i < 40; i++) write(`web/src/util/u${i}.ts`, `export const x${i} = ${i};\n`);
  write('web/package.json', '{}\n');
  write('node_modules/lib/producer.properties', IMPLICIT);
  write('build/producer.properties', IMPLICIT);
  write('orders/x.generated.properties', IMPLICIT);
  write('legacy/producer.properties', IMPLICIT); // files.exclude below
  write('orders/README.md', 'acks=1\n');
  return dir;
}

test("the workspace scan: every producer in the folders, grouped by file; node_modules, .gitignore, files.exclude, .d.ts and other files left out; progress on the client's token", async () => {
  const dir = scanWorkspace();
  try {
    const folder = pathToFileURL(dir).toString();
    await withClient(
      { workspaceFolders: [folder], otherSections: { 'files.exclude': { '**/legacy': true, '**/.git': true } } },
      async (c) => {
        const r = await c.request<{
          files: Array<{
            uri: string;
            producers: Array<{ block: number; name: string; state: string; label: string; range: unknown; dialect: string }>;
          }>;
          scanned: number;
          linted: number;
          skipped: number;
          cancelled: boolean;
        }>('kafkaIdempotence/scanProducers', { workDoneToken: 'scan-1' }, 60_000);
        const rel = (uri: string) => path.relative(dir, new URL(uri).pathname);
        assert.deepEqual(
          r.files.map((f) => rel(f.uri)),
          ['orders/src/main/resources/application.yml', 'orders/src/main/resources/producer.properties', 'web/src/payments.ts'],
        );
        // 2 + 1 + 1 + 40 utilities + the package.json? no: json is no format the linter reads
        assert.equal(r.scanned, 43, 'application.yml, producer.properties, payments.ts and 40 TS files without Kafka');
        assert.equal(r.linted, 43);
        assert.equal(r.skipped, 0);
        assert.equal(r.cancelled, false);
        for (const f of r.files) {
          const text = fs.readFileSync(new URL(f.uri), 'utf8');
          const { producers } = serviceProducers(new URL(f.uri).pathname, text);
          const doc = TextDocument.create(f.uri, '', 0, text);
          assert.deepEqual(
            f.producers,
            producers.map((p) => ({
              block: p.index,
              name: p.name,
              state: p.state,
              label: p.label,
              range: { start: doc.positionAt(p.anchor.start), end: doc.positionAt(p.anchor.start) },
              dialect: p.dialect,
            })),
          );
        }
        assert.deepEqual(
          r.files.map((f) => f.producers.map((p) => p.state)),
          [['fails'], ['silently-disabled'], ['fails']],
        );
        // progress: begin, reports, end, on the token the client gave
        const progress = c.progress.get('scan-1') ?? [];
        assert.equal(progress[0]?.kind, 'begin');
        assert.equal(progress[0]?.title, 'Kafka producers');
        assert.equal(progress[0]?.cancellable, true);
        assert.equal(progress.at(-1)?.kind, 'end');
        assert.ok(
          progress.some((p) => p.kind === 'report' && p.message === '43/43 files'),
          JSON.stringify(progress),
        );

        // a second scan lints nothing again; a changed file is linted again
        const again = await c.request<{ linted: number; files: unknown[] }>('kafkaIdempotence/scanProducers', {}, 60_000);
        assert.equal(again.linted, 0);
        assert.equal(again.files.length, 3);
        const props = path.join(dir, 'orders/src/main/resources/producer.properties');
        fs.writeFileSync(props, 'bootstrap.servers=x\nacks=all\n');
        fs.utimesSync(props, new Date(), new Date(Date.now() + 5000));
        const changed = await c.request<{ linted: number; files: Array<{ uri: string; producers: Array<{ state: string }> }> }>(
          'kafkaIdempotence/scanProducers',
          {},
          60_000,
        );
        assert.equal(changed.linted, 1);
        assert.deepEqual(
          changed.files.map((f) => f.producers[0].state),
          ['fails', 'idempotent', 'fails'],
        );
        // an open document counts as the editor has it (unsaved text)
        const propsUri = pathToFileURL(props).toString();
        await openAndWait(c, propsUri, 'bootstrap.servers=x\nenable.idempotence=true\nacks=0\n');
        const unsaved = await c.request<{ files: Array<{ uri: string; producers: Array<{ label: string }> }> }>(
          'kafkaIdempotence/scanProducers',
          {},
          60_000,
        );
        assert.equal(
          unsaved.files.find((f) => f.uri === propsUri)?.producers[0].label,
          'Producer will not start: acks must be all · kafka-clients 4.x (latest)',
        );
        // an explicit folder and exclude
        const only = await c.request<{ files: Array<{ uri: string }> }>(
          'kafkaIdempotence/scanProducers',
          { folders: [pathToFileURL(path.join(dir, 'web')).toString()], exclude: ['**/payments.ts'] },
          60_000,
        );
        assert.deepEqual(only.files, []);
      },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the workspace scan: a cancelled scan stops and says so; a server-created progress for a client that supports it', async () => {
  const dir = scanWorkspace();
  try {
    const folder = pathToFileURL(dir).toString();
    await withClient(
      { workspaceFolders: [folder], workDoneProgress: true, env: { KAFKA_IDEMPOTENCE_SCAN_PROGRESS_AFTER_MS: '0' } },
      async (c) => {
        // cancelled before it starts walking
        const { CancellationTokenSource } = await import('vscode-languageserver/node');
        const source = new CancellationTokenSource();
        const pending = c.conn.sendRequest<{ cancelled: boolean; files: unknown[] } | null>(
          'kafkaIdempotence/scanProducers',
          {},
          source.token,
        );
        source.cancel();
        const cancelled = await pending.catch((e: { code?: number }) => ({ error: e.code }));
        // the server stops between two jobs: either the result says cancelled, or the client's RequestCancelled error
        assert.ok(
          ('cancelled' in (cancelled ?? {}) && (cancelled as { cancelled: boolean }).cancelled === true) ||
            (cancelled as { error?: number }).error === -32800,
          JSON.stringify(cancelled),
        );
        const created = c.createdProgress.length;
        const full = await c.request<{ cancelled: boolean; files: unknown[] }>('kafkaIdempotence/scanProducers', {}, 60_000);
        assert.equal(full.cancelled, false);
        assert.equal(full.files.length, 4, 'legacy/ too: this client has no files.exclude');
        // no token from the client: the server created one (here at once), began and ended it
        assert.equal(c.createdProgress.length, created + 1);
        const token = c.createdProgress.at(-1)!;
        const seen = c.progress.get(token) ?? [];
        assert.equal(seen[0]?.kind, 'begin', JSON.stringify(seen));
        assert.equal(seen.at(-1)?.kind, 'end');
      },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
