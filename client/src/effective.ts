/**
 * The read-only "effective configuration" documents: `kafka-idempotence:` URIs whose text the language
 * server writes (`kafkaIdempotence/effectiveConfiguration`). Opened by a producer's code lens and by the
 * "Kafka Producers" view; refreshed while their source document is edited.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EFFECTIVE_CONFIGURATION_REQUEST,
  EFFECTIVE_SCHEME,
  type EffectiveConfiguration,
  type EffectiveConfigurationParams,
} from '../../server/src/lsp/protocol';

/** `kafka-idempotence:/<file> · <block> (effective).md?{"uri":…,"block":n}`: the tab shows the path's last segment. */
export function effectiveUri(uri: string, block: number, name: string): vscode.Uri {
  const file = vscode.Uri.parse(uri).path.split('/').pop() || 'producer';
  const title = `${file} · ${name} (effective)`.replace(/[\\/?#%]/g, '_');
  return vscode.Uri.from({
    scheme: EFFECTIVE_SCHEME,
    path: `/${title}.md`,
    query: JSON.stringify({ uri, block } satisfies EffectiveConfigurationParams),
  });
}

function paramsOf(uri: vscode.Uri): EffectiveConfigurationParams | undefined {
  try {
    const q = JSON.parse(uri.query) as Partial<EffectiveConfigurationParams>;
    return typeof q.uri === 'string' && typeof q.block === 'number' ? { uri: q.uri, block: q.block } : undefined;
  } catch {
    return undefined;
  }
}

/** How long edits of a source document settle before its open effective documents are asked for again. */
const REFRESH_MS = 400;

export class EffectiveDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Text fetched by `show` for the document it is about to open (so it is not asked for twice). */
  private readonly fetched = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly client: LanguageClient) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, this),
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => this.sourceChanged(e.document.uri.toString())),
    ];
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const kept = this.fetched.get(uri.toString());
    if (kept !== undefined) {
      this.fetched.delete(uri.toString());
      return kept;
    }
    const params = paramsOf(uri);
    if (!params) return '# Not a Kafka producer\n';
    const r = await this.client.sendRequest<EffectiveConfiguration | null>(EFFECTIVE_CONFIGURATION_REQUEST, params, token);
    return r?.text ?? `# No Kafka producer here\n\n${params.uri} has no producer block ${params.block + 1} (any more).\n`;
  }

  /** Opens the effective configuration of block `block` of `uri` beside the editor. */
  async show(uri: string, block: number): Promise<void> {
    const r = await this.client.sendRequest<EffectiveConfiguration | null>(EFFECTIVE_CONFIGURATION_REQUEST, {
      uri,
      block,
    } satisfies EffectiveConfigurationParams);
    if (!r) {
      void vscode.window.showInformationMessage('Kafka Idempotence Lint: this producer configuration is not there any more.');
      return;
    }
    const target = effectiveUri(uri, block, r.name);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString());
    if (open) this.changed.fire(target);
    else this.fetched.set(target.toString(), r.text);
    const doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
  }

  private sourceChanged(source: string): void {
    for (const d of vscode.workspace.textDocuments) {
      if (d.uri.scheme !== EFFECTIVE_SCHEME || paramsOf(d.uri)?.uri !== source) continue;
      const key = d.uri.toString();
      clearTimeout(this.timers.get(key));
      this.timers.set(
        key,
        setTimeout(() => {
          this.timers.delete(key);
          this.changed.fire(d.uri);
        }, REFRESH_MS),
      );
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
  }
}
