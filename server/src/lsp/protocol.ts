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
