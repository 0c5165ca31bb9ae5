/**
 * What the language server adds to LSP: the shape of `diagnostic.data`, the custom
 * status notification and the names shared with the VS Code client. Types only and
 * constants: no connection, no I/O.
 */
import type { Range } from 'vscode-languageserver';

/**
 * LSP's code action kind `quickfix` (CodeActionKind.QuickFix), as a constant here: the lint workers
 * use it without loading the vscode-languageserver library, which they need only for its types.
 */
export const QUICK_FIX = 'quickfix';

/** `diagnostic.source` of every diagnostic this server publishes. */
export const SOURCE = 'kafka-idempotence';
/** Code action kind for fix-on-save (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.kafkaIdempotence';
/** Command of "Show documentation for <id>"; its single argument is the page URL. */
export const OPEN_DOCS_COMMAND = 'kafkaIdempotence.openDocs';
/** Settings section read with `workspace/configuration`. */
export const SETTINGS_SECTION = 'kafkaIdempotence';

/** A fix as it travels in `diagnostic.data`: LSP ranges in the document version `DiagnosticData.version`. */
export interface FixData {
  title: string;
  isPreferred: boolean;
  edits: Array<{ range: Range; newText: string }>;
}

/**
 * `diagnostic.data` of every diagnostic: everything a code action needs, so the server
 * keeps no fix state. When `version` is not the document's current version the server
 * re-lints instead of trusting the data.
 */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  /** Preferred fix first (isPreferred: true), then alternatives. Empty when not fixable. */
  fixes: FixData[];
  /** Edits that add a suppression directive; absent for findings that cannot be suppressed. */
  suppress?: { line: FixData; file: FixData };
}

/** `kafkaIdempotence/status` (server → client): why a document was not linted; `message: null` clears it. */
export const STATUS_NOTIFICATION = 'kafkaIdempotence/status';
export interface StatusParams {
  uri: string;
  message: string | null;
}

// ---------------------------------------------------------------------------------------------
// The effective producer: code lenses, the effective-configuration document, the workspace scan

/**
 * The command of a producer's code lens; arguments `[uri, block]` (the block's index in the document).
 * The server executes it (advertised in `executeCommandProvider`) and answers the block's
 * `EffectiveConfiguration`, so any client can show the text (Neovim: `workspace/executeCommand`). The VS
 * Code client intercepts it and opens the read-only document `EFFECTIVE_SCHEME:` instead.
 */
export const SHOW_EFFECTIVE_COMMAND = 'kafkaIdempotence.showEffectiveConfiguration';
/** `kafkaIdempotence/effectiveConfiguration` (client → server): one block's effective configuration. */
export const EFFECTIVE_CONFIGURATION_REQUEST = 'kafkaIdempotence/effectiveConfiguration';
/** The URI scheme of the read-only effective-configuration documents in VS Code. */
export const EFFECTIVE_SCHEME = 'kafka-idempotence';
/** `kafkaIdempotence.codeLens.enable` (default true): the code lenses on producer blocks. */
export const CODE_LENS_SETTING = 'codeLens.enable';

/** What the effective state of a producer is; the service's ProducerState. */
export type ProducerStateName = 'idempotent' | 'silently-disabled' | 'not-idempotent' | 'fails' | 'unknown';

export interface EffectiveConfigurationParams {
  uri: string;
  /** The block's index in the document's lint result. */
  block: number;
}

export interface EffectiveConfiguration {
  uri: string;
  block: number;
  /** The block's name (`producer.properties`, `channel 'orders'`). */
  name: string;
  state: ProducerStateName;
  /** The one-line state, as the code lens shows it. */
  label: string;
  /** The effective-configuration document (Markdown). */
  text: string;
}

/** `codeLens.data`: which block of which document version the lens is for (resolved with `codeLens/resolve`). */
export interface CodeLensData {
  uri: string;
  version: number;
  block: number;
}

/**
 * `kafkaIdempotence/scanProducers` (client → server): every producer block in the workspace folders.
 * Cancellable; reports progress on `workDoneToken` when the client gives one (else on a progress the
 * server creates, when the client supports `window.workDoneProgress`).
 */
export const SCAN_REQUEST = 'kafkaIdempotence/scanProducers';

export interface ScanParams {
  /** Folder URIs to scan; default: the workspace folders. */
  folders?: string[];
  /** Globs to leave out besides `files.exclude` (relative to each folder). */
  exclude?: string[];
  workDoneToken?: string | number;
}

export interface ScannedProducer {
  /** The block's index in its document (the argument of SHOW_EFFECTIVE_COMMAND). */
  block: number;
  name: string;
  state: ProducerStateName;
  label: string;
  /** Where the block starts (its code lens's range). */
  range: Range;
  dialect: string;
}

export interface ScannedFile {
  uri: string;
  producers: ScannedProducer[];
}

export interface ScanResult {
  /** Files with producers, in walk order. */
  files: ScannedFile[];
  /** Files looked at (read or taken from the editor). */
  scanned: number;
  /** Files read for the first time or again (the others came from the scan's cache). */
  linted: number;
  /** Files not judged: too large, not decodable, cut off by the time budget. */
  skipped: number;
  /** True when the scan was cancelled (`files` is what it had found). */
  cancelled: boolean;
}
