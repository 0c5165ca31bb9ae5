/**
 * What the language server and the VS Code client (client/src/extension.ts) agree on, in one module
 * both import: the names (client id, settings section, commands, the custom notification and request),
 * the languages and document selector, the files the client watches for the server, the Node flags it
 * starts the server with, and what the server adds to LSP (the shape of `diagnostic.data`).
 *
 * Types only and constants: no connection, no I/O, and no import at run time, so the client's esbuild
 * bundle takes this file and nothing of the server (a unit test holds both, and package.json's
 * `activationEvents` and `contributes` to the names here: test/unit/protocol-module.test.ts).
 */
import type { Range } from 'vscode-languageserver';

/** The language client's id (its `kafkaIdempotence.trace.server` setting) and the settings section. */
export const CLIENT_ID = 'kafkaIdempotence';
/** The name of the client, its output channel and its status item. */
export const CLIENT_NAME = 'Kafka Idempotence Lint';

/** The languages linted; the client activates on each (package.json's `activationEvents`). */
export const LANGUAGE_IDS = [
  'properties',
  'yaml',
  'dockercompose',
  'typescript',
  'javascript',
  'typescriptreact',
  'javascriptreact',
  'java',
] as const;
/** Saved files and new untitled ones. */
export const DOCUMENT_SCHEMES = ['file', 'untitled'] as const;
/** The documents the client hands to the server: every scheme × language pair. */
export const DOCUMENT_SELECTOR: ReadonlyArray<{ scheme: string; language: string }> = DOCUMENT_SCHEMES.flatMap((scheme) =>
  LANGUAGE_IDS.map((language) => ({ scheme, language })),
);

/** The project's configuration files, shared with the CLI (service/projectSettings.ts CONFIG_FILE_NAMES). */
export const CONFIG_FILE_GLOB = '**/.kafka-idempotence.{json,yaml,yml}';
/** The build files the kafka-clients and binder versions are read from (config/buildVersion.ts), and those they refer to. */
export const BUILD_FILE_NAMES = [
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'gradle.properties',
  'settings.gradle',
  'settings.gradle.kts',
  'libs.versions.toml',
] as const;
/** What the client watches and reports to the server with `workspace/didChangeWatchedFiles`. */
export const WATCHED_FILE_GLOBS = [CONFIG_FILE_GLOB, `**/{${BUILD_FILE_NAMES.join(',')}}`] as const;

/**
 * Node flags of the language server process. Its main thread only speaks LSP and holds the open
 * documents; linting runs in worker threads (lsp/lintPool.ts), which get V8's young generation of
 * 8 MB semi-spaces through their own resource limits (what this process had before linting moved
 * there: 8 MB semi-spaces took about 15 MB off the default 16 MB, bench figure 5). The main thread
 * allocates little, so 2 MB semi-spaces suffice there. The VS Code client, bench/run.mjs and the
 * protocol tests start the server with these flags.
 */
export const SERVER_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/** Commands the client contributes (package.json's `contributes.commands`). */
export const RESTART_SERVER_COMMAND = 'kafkaIdempotence.restartServer';
export const SHOW_OUTPUT_COMMAND = 'kafkaIdempotence.showOutput';
/** The client's language status item. */
export const STATUS_ITEM_ID = 'kafkaIdempotence.status';

/**
 * LSP's code action kind `quickfix` (CodeActionKind.QuickFix), as a constant here: the lint workers
 * use it without loading the vscode-languageserver library, which they need only for its types.
 */
export const QUICK_FIX = 'quickfix';

/** `diagnostic.source` of every diagnostic this server publishes. */
export const SOURCE = 'kafka-idempotence';
/** Code action kind for fix-on-save (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.kafkaIdempotence';
/**
 * Command of "Show documentation for <id>"; its single argument is the page URL. The VS Code client
 * runs it itself (not contributed: it needs an argument); other clients send it to the server.
 */
export const OPEN_DOCS_COMMAND = 'kafkaIdempotence.openDocs';
/** Settings section read with `workspace/configuration` (package.json's `contributes.configuration`). */
export const SETTINGS_SECTION = CLIENT_ID;

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

/**
 * `kafkaIdempotence/memory` (client → server, `{ gc?: boolean }`): the server's memory and the sizes
 * of its per-document maps, for the soak test and for diagnosing a report (server.ts).
 */
export const MEMORY_REQUEST = 'kafkaIdempotence/memory';

// ---------------------------------------------------------------------------------------------
// The effective producer: code lenses, the effective-configuration document, the workspace scan

/**
 * The command of a producer's code lens; arguments `[uri, block]` (the block's index in the document).
 * The server executes it (advertised in `executeCommandProvider`) and answers the block's
 * `EffectiveConfiguration`, so any client can show the text (Neovim: `workspace/executeCommand`). The VS
 * Code client intercepts it and opens the read-only document `EFFECTIVE_SCHEME:` instead.
 */
export const SHOW_EFFECTIVE_COMMAND = 'kafkaIdempotence.showEffectiveConfiguration';
/** The Kafka Producers view in the Explorer (package.json `views.explorer`), and its activation event. */
export const PRODUCERS_VIEW_ID = 'kafkaIdempotence.producers';
/** The view's refresh button (client-side: a new scan). */
export const REFRESH_PRODUCERS_COMMAND = 'kafkaIdempotence.refreshProducers';
/** The view's context menu: the item's effective-configuration document (client-side). */
export const SHOW_PRODUCER_CONFIGURATION_COMMAND = 'kafkaIdempotence.showProducerConfiguration';
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
