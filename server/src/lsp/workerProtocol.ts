/**
 * What the language server's main thread and its lint workers (lsp/worker.ts) say to each other:
 * plain data only (structured clone). A request carries the document's text and the editor's
 * settings; the worker keeps the lint results (they hold closures that cannot cross) and answers
 * with LSP values it computed from them: diagnostics, a hover, code actions.
 */
import type { CodeAction, CodeActionParams, Diagnostic, Hover, Position, Range } from 'vscode-languageserver';
import type { LintSettings } from '../service/types';
import type { LintJobProgress } from '../pool/lintJob';
import type { ExcludeGlob } from './scanWalk';
import type { ProducerStateName, ScannedProducer } from './protocol';

export interface DocPayload {
  uri: string;
  languageId: string;
  version: number;
  text: string;
  /** The editor's settings for this document (the worker layers the project's configuration and build files over them). */
  editor: LintSettings;
  /** Identifies `editor` and the document's open: a worker's cached result is reused only for the same key and version. */
  key: string;
  /** Build files whose reading was cut off before: treated as unreadable. */
  slowBuildFiles: string[];
  /** Where the worker keeps the TypeScript compiler's code cache (pool/codeCache.ts); absent: none. */
  codeCacheDir?: string;
}

export type WorkerRequest =
  | { kind: 'diagnostics'; doc: DocPayload }
  | { kind: 'hover'; doc: DocPayload; position: Position }
  | { kind: 'codeActions'; doc: DocPayload; params: CodeActionParams; documentChanges: boolean }
  /** Where each producer block starts (a code lens each, resolved later). */
  | { kind: 'codeLens'; doc: DocPayload }
  /** One block's effective state; with `document`, its effective-configuration text too. */
  | { kind: 'effective'; doc: DocPayload; block: number; document: boolean }
  /** The workspace scan: walk `dirs` (below `root`) for at most `maxMs`. */
  | { kind: 'scanWalk'; root: string; dirs: string[]; exclude: ExcludeGlob[]; maxMs: number }
  /** The workspace scan: one file's producers (`text` when the editor has it open). */
  | { kind: 'scanFile'; path: string; uri: string; text?: string; languageId?: string; editor: LintSettings; codeCacheDir?: string }
  /** Broadcast: a document was closed, drop what is kept for it. */
  | { kind: 'forget'; uri: string }
  /** Broadcast: configuration or build files changed, drop their caches and every result. */
  | { kind: 'clear' }
  /** Each worker: its heap and kept results (for kafkaIdempotence/memory). */
  | { kind: 'memory'; gc: boolean };

export interface LogLine {
  level: 'error' | 'info';
  text: string;
}

export interface Linted {
  /** The lint ran for this request (not a kept result): its logs and notice are news. */
  fresh: boolean;
  logs: LogLine[];
  /** Why the document was not linted (too large, binary...), for the status item; null when it was. */
  notice: string | null;
  /** A broken project configuration file (`<path>: <problem>`), shown once. */
  configError?: string;
  /** Problems with the editor settings only the linter knows (a rule id it does not have), shown once. */
  settingsProblems?: string[];
}

export type WorkerResponse =
  | (Linted & { kind: 'diagnostics'; diagnostics: Diagnostic[] })
  | (Linted & { kind: 'hover'; hover: Hover | null })
  | (Linted & { kind: 'codeActions'; actions: CodeAction[] })
  | (Linted & { kind: 'codeLens'; lenses: Array<{ range: Range; block: number }> })
  | (Linted & { kind: 'effective'; effective: { name: string; state: ProducerStateName; label: string; text?: string } | null })
  | { kind: 'scanWalk'; files: string[]; pending: string[]; errors: string[] }
  /** `skipped`: not judged (too large, not decodable, unreadable: `why`). */
  | { kind: 'scanFile'; producers: ScannedProducer[]; skipped?: string }
  | { kind: 'memory'; heapUsed: number; heapTotal: number; results: number }
  | { kind: 'done' };

/** Progress a worker reports: the build file it is about to read (a cut-off there names the file). */
export type WorkerProgress = LintJobProgress;
