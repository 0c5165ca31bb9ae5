/**
 * The "Kafka Producers" view in the Explorer: every producer block of the workspace, grouped by file,
 * with its effective state. The language server finds them (`kafkaIdempotence/scanProducers`, in its
 * lint workers, with progress); this view only renders the answer, and asks again — debounced — when
 * files change, an editor's text changes, or the settings change. It scans only while it is visible.
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import {
  SCAN_REQUEST,
  type ProducerStateName,
  type ScanParams,
  type ScanResult,
  type ScannedFile,
  type ScannedProducer,
} from '../../server/src/lsp/protocol';

export const PRODUCERS_VIEW = 'kafkaIdempotence.producers';
/** Changes settle this long before the workspace is scanned again. */
const RESCAN_DEBOUNCE_MS = 1000;

type Node =
  { kind: 'file'; file: ScannedFile } | { kind: 'producer'; uri: string; block: number; producer: ScannedProducer; parent: ScannedFile };

const ICONS: Record<ProducerStateName, [string, string | undefined]> = {
  idempotent: ['pass', 'testing.iconPassed'],
  'silently-disabled': ['warning', 'list.warningForeground'],
  'not-idempotent': ['circle-slash', undefined],
  fails: ['error', 'list.errorForeground'],
  unknown: ['question', undefined],
};

const STATE_WORDS: Record<ProducerStateName, string> = {
  idempotent: 'idempotent',
  'silently-disabled': 'idempotence silently disabled',
  'not-idempotent': 'not idempotent',
  fails: 'will not start',
  unknown: 'unknown',
};

export class ProducersView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private files: ScannedFile[] = [];
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private running: vscode.CancellationTokenSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  /** A change came while the view was hidden: scan when it is shown. */
  private stale = true;
  private scans = 0;
  /** The last scan's result, for the tests (`kafkaIdempotence.producersState`). */
  last: ScanResult | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView(PRODUCERS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.subscriptions.push(
      this.view,
      this.changed,
      watcher,
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidChange(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === 'file' && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kafkaIdempotence') || e.affectsConfiguration('files.exclude')) this.schedule();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.refresh();
      }),
    );
  }

  /** The language server is up: scan when the view is visible. */
  start(): void {
    this.started = true;
    if (this.view.visible) void this.refresh();
  }

  private schedule(): void {
    this.stale = true;
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.view.visible) void this.refresh();
    }, RESCAN_DEBOUNCE_MS);
  }

  /** Scans the workspace again (a scan still running is cancelled). */
  async refresh(): Promise<void> {
    if (!this.started) return;
    this.stale = false;
    this.running?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running = cts;
    const token = `kafkaIdempotence.scan.${++this.scans}`;
    if (this.files.length === 0) this.view.message = 'Looking for Kafka producer configurations…';
    await vscode.window.withProgress({ location: { viewId: PRODUCERS_VIEW } }, async (progress) => {
      let percentage = 0;
      const sub = this.client.onProgress(WorkDoneProgress.type, token, (v) => {
        if (v.kind === 'report' && v.percentage !== undefined && v.percentage > percentage) {
          progress.report({ increment: v.percentage - percentage, message: v.message });
          percentage = v.percentage;
        }
      });
      try {
        const r = await this.client.sendRequest<ScanResult | null>(SCAN_REQUEST, { workDoneToken: token } satisfies ScanParams, cts.token);
        if (cts.token.isCancellationRequested || !r || r.cancelled) return;
        this.last = r;
        this.files = r.files;
        const blocks = r.files.reduce((n, f) => n + f.producers.length, 0);
        this.view.message = blocks === 0 ? 'No Kafka producer configuration in this workspace.' : undefined;
        this.view.description = blocks === 0 ? undefined : `${blocks} in ${r.files.length} ${r.files.length === 1 ? 'file' : 'files'}`;
        this.changed.fire(undefined);
      } catch (e) {
        if (!cts.token.isCancellationRequested)
          this.output.error(`Scanning the workspace for Kafka producers failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        sub.dispose();
        if (this.running === cts) this.running = undefined;
        cts.dispose();
      }
    });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const uri = vscode.Uri.parse(node.file.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      const rel = vscode.workspace.asRelativePath(uri, false);
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      const bad = node.file.producers.filter((p) => p.state === 'fails' || p.state === 'silently-disabled').length;
      item.description = [dir, bad ? `${bad} to look at` : ''].filter((x) => x !== '').join(' · ');
      item.contextValue = 'kafkaProducerFile';
      return item;
    }
    const p = node.producer;
    const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
    item.description = p.label;
    const [icon, color] = ICONS[p.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.tooltip = new vscode.MarkdownString(`**${p.label}**\n\n${p.name} · line ${p.range.start.line + 1} · ${STATE_WORDS[p.state]}`);
    item.accessibilityInformation = { label: `${p.name}: ${p.label}` };
    const range = new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character);
    item.command = {
      title: 'Reveal the producer',
      command: 'vscode.open',
      arguments: [vscode.Uri.parse(node.uri), { selection: range, preview: true } satisfies vscode.TextDocumentShowOptions],
    };
    item.contextValue = 'kafkaProducer';
    return item;
  }

  /** What the view shows, as plain data (the extension's API for tests). */
  snapshot(): Array<{
    uri: string;
    description: string;
    producers: Array<{ name: string; label: string; state: ProducerStateName; icon: string; line: number }>;
  }> {
    return this.getChildren().map((f) => ({
      uri: (f as Extract<Node, { kind: 'file' }>).file.uri,
      description: String(this.getTreeItem(f).description ?? ''),
      producers: this.getChildren(f).map((n) => {
        const p = (n as Extract<Node, { kind: 'producer' }>).producer;
        return {
          name: p.name,
          label: p.label,
          state: p.state,
          icon: (this.getTreeItem(n).iconPath as vscode.ThemeIcon).id,
          line: p.range.start.line,
        };
      }),
    }));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.files.map((file) => ({ kind: 'file', file }));
    if (node.kind === 'file')
      return node.file.producers.map((producer) => ({
        kind: 'producer',
        uri: node.file.uri,
        block: producer.block,
        producer,
        parent: node.file,
      }));
    return [];
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'producer' ? { kind: 'file', file: node.parent } : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.running?.cancel();
    for (const s of this.subscriptions) s.dispose();
  }
}
