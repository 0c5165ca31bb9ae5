/** Helpers for the integration suites: only the `vscode` API, and every wait has a timeout. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kafka-idempotence-lint.kafka-idempotence-lint';
export const SOURCE = 'kafka-idempotence';
export const FIX_ALL_KIND = 'source.fixAll.kafkaIdempotence';
export const SECTION = 'kafkaIdempotence';
export const DEFAULT_TIMEOUT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (test/vscode/workspace, copied by the runner)');
  return folder.uri;
}

export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  await ext.activate();
}

/** Polls `probe` until it returns something truthy; fails after `timeoutMs` with `what` and the last value. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let delay = 20;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

export const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describeDiagnostics(doc: vscode.TextDocument, ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character} "${doc.getText(d.range)}"`));
}

/**
 * Waits until our diagnostics of `uri` satisfy `accept`, woken by onDidChangeDiagnostics
 * (checked once up front too). Never a fixed sleep; a timeout names the last state.
 */
export function waitForDiagnostics(
  doc: vscode.TextDocument,
  what: string,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = doc.uri.toString();
    let done = false;
    const finish = (err?: Error, ds?: vscode.Diagnostic[]) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(ds!);
    };
    const check = () => {
      const ds = ours(doc.uri);
      if (accept(ds)) finish(undefined, ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(
      () =>
        finish(
          new Error(`timed out after ${timeoutMs} ms waiting for diagnostics: ${what}; last: ${describeDiagnostics(doc, ours(doc.uri))}`),
        ),
      timeoutMs,
    );
    check();
  });
}

/** Diagnostics with exactly these codes (in document order). */
export const waitForCodes = (doc: vscode.TextDocument, codes: string[], timeoutMs?: number) =>
  waitForDiagnostics(
    doc,
    `codes ${JSON.stringify(codes)}`,
    (ds) => JSON.stringify(sorted(ds).map(codeOf)) === JSON.stringify(codes),
    timeoutMs,
  );

export function sorted(ds: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return [...ds].sort((a, b) => a.range.start.compareTo(b.range.start) || (codeOf(a) ?? '').localeCompare(codeOf(b) ?? ''));
}

let scratch = 0;
/**
 * Opens a fresh copy of a workspace fixture, so every test starts from the same text and
 * edits never touch the fixture. The copy keeps the file name (names are evidence:
 * `producer.properties`), in its own folder under scratch/.
 */
export async function openFixture(relPath: string, languageId?: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const root = workspaceRoot();
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, relPath));
  const target = vscode.Uri.joinPath(root, 'scratch', `case-${++scratch}`, path.posix.basename(relPath));
  await vscode.workspace.fs.writeFile(target, bytes);
  let doc = await vscode.workspace.openTextDocument(target);
  if (languageId && doc.languageId !== languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** Saves what the test changed (scratch copies only) and closes every editor. */
export async function closeAll(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) if (d.isDirty && d.uri.path.includes('/scratch/')) await d.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/**
 * Whether a code action can be one of ours. Other providers answer the same request: on .ts/.js the
 * built-in TypeScript features offer refactorings ("Extract to constant", kind refactor.*) and quick
 * fixes for their own diagnostics (which run a `_typescript.*` command). Ours are quick fixes or our
 * fix-all source action; VS Code does not pass the diagnostics of an action through this command, so
 * the kind and command are what tells them apart.
 */
export function isOurAction(a: vscode.CodeAction): boolean {
  if ((a.command?.command ?? '').startsWith('_typescript.')) return false;
  return a.kind === undefined || vscode.CodeActionKind.QuickFix.contains(a.kind) || a.kind.value.startsWith(FIX_ALL_KIND);
}

/** Our code actions for `range` (see isOurAction), in the order VS Code gives them. */
export async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all =
    (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      range,
      kind,
    )) ?? [];
  // a bare Command has a string `command`; a CodeAction's `command` is optional and an object
  return all.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string').filter(isOurAction);
}

export async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `action "${action.title}" has an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `applying "${action.title}"`);
}

/** The position of the first occurrence of `needle` (at or after line `line` when given). */
export function positionOf(doc: vscode.TextDocument, needle: string, line = 0): vscode.Position {
  const from = doc.offsetAt(new vscode.Position(line, 0));
  const at = doc.getText().indexOf(needle, from);
  assert.ok(at >= 0, `"${needle}" in ${doc.uri.path}`);
  return doc.positionAt(at);
}

/** Sets kafkaIdempotence.<key> for the workspace folder and waits nothing: the caller waits for the effect. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function resetSettings(): Promise<void> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  for (const key of ['rules', 'kafkaClientsVersion', 'enable']) {
    if (cfg.inspect(key)?.workspaceValue !== undefined) await cfg.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}
