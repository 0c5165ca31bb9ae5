/**
 * The effective producer at a glance, through the `vscode` API: the code lens above every producer
 * (vscode.executeCodeLensProvider, resolved), its command opening the read-only effective-configuration
 * document (scheme kafka-idempotence), and the Kafka Producers view (through the API activate() returns).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  SECTION,
  activateExtension,
  closeAll,
  openFixture,
  positionOf,
  resetSettings,
  waitFor,
  waitForCodes,
} from './helpers';

const SHOW_EFFECTIVE = 'kafkaIdempotence.showEffectiveConfiguration';
const EFFECTIVE_SCHEME = 'kafka-idempotence';
const LATEST = ' · kafka-clients 4.x (latest)';

type State = 'idempotent' | 'silently-disabled' | 'not-idempotent' | 'fails' | 'unknown';
/** What the view shows (ProducersView.snapshot() in client/src/producers.ts). */
interface ViewFile {
  uri: string;
  description: string;
  producers: Array<{ name: string; label: string; state: State; icon: string; line: number }>;
}
/** The part of activate()'s API the tests use. */
interface Api {
  producers: { snapshot(): ViewFile[]; refresh(): Promise<void>; last: { files: unknown[] } | undefined };
}

/** Every producer of the workspace fixtures (test/vscode/workspace) with its state, as the view must list them. */
const WORKSPACE: Array<{ file: string; languageId: string; codes: string[]; producers: ViewFile['producers'] }> = [
  {
    file: 'compose/services.yaml',
    languageId: 'dockercompose',
    codes: ['idempotence-implicit-downgrade'],
    producers: [
      {
        name: "service 'orders' (SPRING_KAFKA_*)",
        state: 'silently-disabled',
        icon: 'warning',
        line: 5,
        label: `Idempotence OFF: silently disabled by acks=1 (line 7)${LATEST}`,
      },
    ],
  },
  {
    file: 'java/producer.properties',
    languageId: 'properties',
    codes: ['idempotence-implicit-downgrade', 'idempotence-implicit-downgrade'],
    producers: [
      {
        name: 'producer.properties',
        state: 'silently-disabled',
        icon: 'warning',
        line: 1,
        label: `Idempotence OFF: silently disabled by retries=0 (line 6), acks=1 (line 5)${LATEST}`,
      },
    ],
  },
  {
    // enable.idempotence=false written out: off by choice (only the info about retries and ordering)
    file: 'java/no-idempotence.properties',
    languageId: 'properties',
    codes: ['ordering-risk-without-idempotence'],
    producers: [
      {
        name: 'no-idempotence.properties',
        state: 'not-idempotent',
        icon: 'circle-slash',
        line: 1,
        label: `Idempotence off: enable.idempotence=false (line 5)${LATEST}`,
      },
    ],
  },
  {
    file: 'java/transactional-producer.properties',
    languageId: 'properties',
    codes: ['idempotence-acks-conflict'],
    producers: [
      {
        name: 'transactional-producer.properties',
        state: 'fails',
        icon: 'error',
        line: 1,
        label: `Producer will not start: acks must be all${LATEST}`,
      },
    ],
  },
  {
    file: 'java-source/OrderProducer.java',
    languageId: 'java',
    codes: ['idempotence-implicit-downgrade', 'idempotence-implicit-downgrade'],
    producers: [
      {
        name: 'create()',
        state: 'silently-disabled',
        icon: 'warning',
        line: 13,
        label: `Idempotence OFF: silently disabled by retries=0 (line 13), acks=1 (line 12)${LATEST}`,
      },
    ],
  },
  {
    file: 'kafkajs/payments.ts',
    languageId: 'typescript',
    codes: ['kafkajs-idempotent-acks'],
    producers: [{ name: 'producer', state: 'fails', icon: 'error', line: 4, label: 'KafkaJS rejects send() on line 11: acks must be -1' }],
  },
  {
    file: 'librdkafka/kcat-producer.properties',
    languageId: 'properties',
    codes: ['rdk-acks-conflict'],
    producers: [
      {
        name: 'kcat-producer.properties',
        state: 'fails',
        icon: 'error',
        line: 1,
        label: 'librdkafka: producer will not start: acks must be all',
      },
    ],
  },
  {
    file: 'spring/application.yml',
    languageId: 'yaml',
    codes: ['idempotence-acks-conflict'],
    producers: [
      { name: 'Spring Boot producer', state: 'fails', icon: 'error', line: 5, label: `Producer will not start: acks must be all${LATEST}` },
    ],
  },
  {
    // enable.idempotence from a ${...} placeholder without a default: not known statically, and no finding
    file: 'spring/placeholder/application.yml',
    languageId: 'yaml',
    codes: [],
    producers: [
      {
        name: 'Spring Boot producer',
        state: 'unknown',
        icon: 'question',
        line: 3,
        label: `Idempotence unknown: enable.idempotence is not known statically${LATEST}`,
      },
    ],
  },
  {
    file: 'spring/clean/application.yml',
    languageId: 'yaml',
    codes: [],
    producers: [{ name: 'Spring Boot producer', state: 'idempotent', icon: 'pass', line: 5, label: `Idempotent producer${LATEST}` }],
  },
];

/** Our code lenses of a document, resolved by VS Code (other providers' lenses left out). */
async function lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
  return all.filter((l) => l.command?.command === SHOW_EFFECTIVE || l.command?.command === '' || l.command === undefined);
}

const effectiveEditor = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === EFFECTIVE_SCHEME);

suite('effective producer: code lens, effective-configuration document, Kafka Producers view', () => {
  let api: Api;
  suiteSetup(async () => {
    await activateExtension();
    await resetSettings();
    api = vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;
    assert.ok(api?.producers, 'activate() returns the Kafka Producers view');
  });
  teardown(async () => {
    await closeAll();
    await resetSettings();
    const cfg = vscode.workspace.getConfiguration(SECTION);
    if (cfg.inspect('codeLens.enable')?.workspaceValue !== undefined)
      await cfg.update('codeLens.enable', undefined, vscode.ConfigurationTarget.Workspace);
  });

  for (const f of WORKSPACE) {
    test(`code lens on ${f.file}: above each producer, resolved to its effective state, with the effective-configuration command`, async () => {
      const { doc } = await openFixture(f.file, f.languageId);
      await waitForCodes(doc, f.codes);
      const got = await waitFor('resolved code lenses', async () => {
        const ls = await lenses(doc);
        return ls.length === f.producers.length && ls.every((l) => l.command?.command === SHOW_EFFECTIVE) ? ls : undefined;
      });
      got.sort((a, b) => a.range.start.line - b.range.start.line);
      assert.deepEqual(
        got.map((l) => l.command!.title),
        f.producers.map((p) => p.label),
      );
      assert.deepEqual(
        got.map((l) => l.range.start.line),
        f.producers.map((p) => p.line),
        'on the first line of the block',
      );
      got.forEach((l, i) => {
        assert.deepEqual(l.command!.arguments, [doc.uri.toString(), i]);
        assert.equal(l.command!.tooltip, `${f.producers[i].name}: show the effective producer configuration`);
      });
    });
  }

  test("the lens's command opens the read-only effective-configuration document, which follows edits of its source", async () => {
    const { doc, editor } = await openFixture('spring/application.yml', 'yaml');
    await waitForCodes(doc, ['idempotence-acks-conflict']);
    const [lens] = await waitFor('the resolved lens', async () => {
      const ls = await lenses(doc);
      return ls.length === 1 && ls[0].command?.command === SHOW_EFFECTIVE ? ls : undefined;
    });
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    const shown = await waitFor('the effective-configuration editor', () => effectiveEditor());
    const eff = shown.document;
    assert.equal(eff.uri.scheme, EFFECTIVE_SCHEME);
    assert.equal(eff.uri.path, '/application.yml · Spring Boot producer (effective).md');
    assert.deepEqual(JSON.parse(eff.uri.query), { uri: doc.uri.toString(), block: 0 });
    assert.equal(eff.languageId, 'markdown');
    const text = eff.getText();
    assert.ok(
      text.startsWith(
        '# Effective producer configuration: Spring Boot producer\n\napplication.yml, line 6 · Spring Boot · kafka-clients 4.x (latest)\n\n',
      ),
      text,
    );
    assert.ok(text.includes(`**Producer will not start: acks must be all${LATEST}**`), text);
    assert.match(text, /^\| `enable\.idempotence` \| `true` \| set by Spring Kafka \(transaction-id-prefix\) \|$/m);
    assert.match(text, /^\| `acks` \| `1` \| line 8 \|/m);
    assert.match(text, /^- line 8, error `idempotence-acks-conflict`: /m);
    // read-only: a virtual document of the extension's content provider, no file system that could save it
    assert.equal(vscode.workspace.fs.isWritableFileSystem(EFFECTIVE_SCHEME), undefined);
    assert.equal(eff.isDirty, false);

    // the source changes (acks: 1 → all): the open document follows
    const acks = positionOf(doc, 'acks: 1', 2).translate(0, 6);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(acks, acks.translate(0, 1)), 'all')));
    await waitForCodes(doc, []);
    const after = await waitFor('the refreshed effective document', () => {
      const t = eff.getText();
      return t.includes(`**Idempotent producer${LATEST}**`) ? t : undefined;
    });
    assert.match(after, /^\| `acks` \| `all` \| line 8 \|/m);
    assert.match(after, /min\.insync\.replicas/, 'what acks=all depends on');
    assert.doesNotMatch(after, /## Findings/);
  });

  test('the effective-configuration document is read-only in the editor: typing and TextEditor.edit leave it as the server wrote it; a workspace edit cannot be saved and the next refresh undoes it', async () => {
    const { doc } = await openFixture('spring/placeholder/application.yml', 'yaml');
    await waitForCodes(doc, []);
    const [lens] = await waitFor('the resolved lens', async () => {
      const ls = await lenses(doc);
      return ls.length === 1 && ls[0].command?.command === SHOW_EFFECTIVE ? ls : undefined;
    });
    assert.equal(lens.command!.title, `Idempotence unknown: enable.idempotence is not known statically${LATEST}`);
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    const shown = await waitFor('the effective-configuration editor', () => effectiveEditor());
    const eff = shown.document;
    const text = eff.getText();
    assert.ok(text.includes(`**Idempotence unknown: enable.idempotence is not known statically${LATEST}**`), text);
    assert.match(text, /^\| `enable\.idempotence` \| \*not known statically\* \| line 7 \|$/m);
    const unchanged = (what: string) => {
      assert.equal(eff.getText(), text, `${what}: the text is the server's`);
      assert.equal(eff.version, 1, `${what}: no new version`);
      assert.equal(eff.isDirty, false, `${what}: not dirty`);
    };

    // typing, as the keyboard does: the `type` command edits the focused editor, here the effective document
    const effEditor = await vscode.window.showTextDocument(eff, { viewColumn: shown.viewColumn, preserveFocus: false, preview: true });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), eff.uri.toString(), 'the effective document has the focus');
    await vscode.commands.executeCommand('cursorTop');
    await vscode.commands.executeCommand('type', { text: '# typed\n' });
    await vscode.commands.executeCommand('deleteRight');
    unchanged('typing');

    // an extension's edit through the editor: not applied (VS Code resolves the promise true all the same, so the
    // text is the evidence, not the boolean)
    await effEditor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
    unchanged('TextEditor.edit');

    // a workspace edit: VS Code applies workspace edits to the model of any open document, a virtual one too (an
    // extension's API call, not something a user can do). Nothing can save it, and the next refresh (an edit of
    // the source) puts the server's text back.
    const we = new vscode.WorkspaceEdit();
    we.insert(eff.uri, new vscode.Position(0, 0), '# edited\n');
    assert.equal(await vscode.workspace.applyEdit(we), true);
    assert.ok(eff.getText().startsWith('# edited\n# Effective producer configuration'), 'VS Code changed the model');
    assert.equal(eff.isDirty, false, 'a virtual document is never dirty');
    assert.equal(await eff.save(), false, 'and cannot be saved');
    assert.equal(vscode.workspace.fs.isWritableFileSystem(EFFECTIVE_SCHEME), undefined, 'no file system behind the scheme');
    const source = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false });
    assert.ok(await source.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '# an edit that changes no setting\n')));
    await waitFor("the server's text back", () => eff.getText() === text);
    assert.equal(eff.isDirty, false);

    // the control: the same typing reaches a writable editor (the source), so the refusal above is the document's
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    await vscode.commands.executeCommand('cursorTop');
    await vscode.commands.executeCommand('type', { text: '# typed\n' });
    assert.ok(doc.getText().startsWith('# typed\n# idempotence comes from the environment'), doc.getText());
  });

  test('kafkaIdempotence.codeLens.enable=false removes the lenses; true brings them back', async () => {
    const { doc } = await openFixture('java/transactional-producer.properties', 'properties');
    await waitForCodes(doc, ['idempotence-acks-conflict']);
    await waitFor('a lens', async () => (await lenses(doc)).length === 1);
    await vscode.workspace.getConfiguration(SECTION).update('codeLens.enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('no lens', async () => (await lenses(doc)).length === 0);
    await vscode.workspace.getConfiguration(SECTION).update('codeLens.enable', undefined, vscode.ConfigurationTarget.Workspace);
    const [back] = await waitFor('the lens back', async () => {
      const ls = await lenses(doc);
      return ls.length === 1 && ls[0].command?.command === SHOW_EFFECTIVE ? ls : undefined;
    });
    assert.equal(back.command!.title, `Producer will not start: acks must be all${LATEST}`);
  });

  test('the Kafka Producers view lists every producer of the workspace with its state, and refreshes after an edit', async () => {
    const rel = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
    const fixtures = () => api.producers.snapshot().filter((x) => !rel(x.uri).startsWith('scratch/'));
    await vscode.commands.executeCommand('kafkaIdempotence.producers.focus');
    const listed = await waitFor(
      'the view lists the workspace fixtures',
      () => {
        const s = fixtures();
        return s.length === WORKSPACE.length ? s : undefined;
      },
      60_000,
    );
    assert.deepEqual(
      listed.map((x) => ({ file: rel(x.uri), producers: x.producers })).sort((a, b) => a.file.localeCompare(b.file)),
      WORKSPACE.map((w) => ({ file: w.file, producers: w.producers })).sort((a, b) => a.file.localeCompare(b.file)),
    );
    // the file items: their folder, and how many producers to look at
    const described = Object.fromEntries(listed.map((x) => [rel(x.uri), x.description]));
    assert.equal(described['java/producer.properties'], 'java · 1 to look at');
    assert.equal(described['spring/clean/application.yml'], 'spring/clean');
    // not idempotent and unknown are states to know, not problems: nothing "to look at"
    assert.equal(described['java/no-idempotence.properties'], 'java');
    assert.equal(described['spring/placeholder/application.yml'], 'spring/placeholder');
    // no file without a producer (consumer.properties, logging.properties, retry.js)
    for (const x of listed) assert.ok(x.producers.length > 0, rel(x.uri));

    // an edit in an editor (unsaved): the view scans again and shows the new state
    const { doc, editor } = await openFixture('java/transactional-producer.properties', 'properties');
    await waitForCodes(doc, ['idempotence-acks-conflict']);
    const mine = () => api.producers.snapshot().find((x) => x.uri === doc.uri.toString());
    const before = await waitFor('the copy in the view', () => mine(), 60_000);
    assert.deepEqual(
      before.producers.map((p) => [p.state, p.icon, p.label]),
      [['fails', 'error', `Producer will not start: acks must be all${LATEST}`]],
    );
    const acks = positionOf(doc, 'acks=1').translate(0, 5);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(acks, acks.translate(0, 1)), 'all')));
    await waitForCodes(doc, []);
    const after = await waitFor(
      'the view shows the edited state',
      () => {
        const m = mine();
        return m && m.producers[0]?.state === 'idempotent' ? m : undefined;
      },
      60_000,
    );
    assert.deepEqual(
      after.producers.map((p) => [p.state, p.icon, p.label]),
      [['idempotent', 'pass', `Idempotent producer${LATEST}`]],
    );
    assert.ok(!after.description.includes('to look at'), after.description);
  });
});
