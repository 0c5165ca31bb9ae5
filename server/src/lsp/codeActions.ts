/**
 * Code actions from `diagnostic.data` (the server keeps no fix state). Stale or missing
 * data is never trusted: the document is re-linted and the finding looked up again.
 */
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diffEdit, docsUrl, fixAll, type LintInput, type LintResult, type LintSettings } from '../service';
import { readDiagnosticData, toDiagnosticData, toTextEdit } from './convert';
import { FIX_ALL_KIND, OPEN_DOCS_COMMAND, QUICK_FIX, SOURCE, type DiagnosticData, type FixData } from './protocol';

export interface ActionContext {
  doc: TextDocument;
  input: LintInput;
  settings: LintSettings;
  /** The lint result of `doc` as it is now (the caller caches it per version). */
  lint(): LintResult;
  /** Wraps edits of `doc` into a WorkspaceEdit the client can apply. */
  workspaceEdit(edits: TextEdit[]): WorkspaceEdit;
}

/** Is an action of `kind` requested by `only` (kinds are hierarchical: `source` covers `source.fixAll.x`)? */
export function kindRequested(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The data of a diagnostic for the document's current version, re-linting when the client's copy is stale. */
function currentData(ctx: ActionContext, diag: Diagnostic): DiagnosticData | undefined {
  const data = readDiagnosticData(diag);
  if (data && data.version === ctx.doc.version) return data;
  const ruleId = data?.ruleId ?? (typeof diag.code === 'string' ? diag.code : undefined);
  if (!ruleId) return undefined;
  const start = ctx.doc.offsetAt(diag.range.start);
  const end = ctx.doc.offsetAt(diag.range.end);
  const f = ctx.lint().findings.find((x) => x.ruleId === ruleId && x.span.start === start && x.span.end === end);
  return f ? toDiagnosticData(ctx.doc, f) : undefined;
}

function quickFix(ctx: ActionContext, fix: FixData, diag: Diagnostic | undefined): CodeAction {
  const action: CodeAction = { title: fix.title, kind: QUICK_FIX, edit: ctx.workspaceEdit(fix.edits) };
  if (diag) action.diagnostics = [diag];
  if (fix.isPreferred) action.isPreferred = true;
  return action;
}

/** "Fix all '<id>' problems": only when the document has at least two fixable findings of the rule. */
function fixAllForRule(ctx: ActionContext, ruleId: string): CodeAction | undefined {
  const fixable = ctx.lint().findings.filter((f) => f.ruleId === ruleId && f.fixes.some((x) => x.isPreferred));
  if (fixable.length < 2) return undefined;
  const after = fixAll(ctx.input, ctx.settings, { ruleId }).text;
  const edit = diffEdit(ctx.input.text, after);
  if (!edit) return undefined;
  return { title: `Fix all '${ruleId}' problems`, kind: QUICK_FIX, edit: ctx.workspaceEdit([toTextEdit(ctx.doc, edit)]) };
}

/** `source.fixAll.kafkaIdempotence`: every preferred fix of every rule, as one edit. */
export function sourceFixAll(ctx: ActionContext): CodeAction | undefined {
  const after = fixAll(ctx.input, ctx.settings).text;
  const edit = diffEdit(ctx.input.text, after);
  if (!edit) return undefined;
  return { title: 'Fix all Kafka idempotence problems', kind: FIX_ALL_KIND, edit: ctx.workspaceEdit([toTextEdit(ctx.doc, edit)]) };
}

export function codeActions(ctx: ActionContext, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const fixes: CodeAction[] = [];
  const fixAlls: CodeAction[] = [];
  const lineDisables: CodeAction[] = [];
  const fileDisables: CodeAction[] = [];
  const docs: CodeAction[] = [];
  if (kindRequested(only, QUICK_FIX)) {
    const rulesSeen = new Set<string>();
    const linesSeen = new Set<string>();
    for (const diag of params.context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const data = currentData(ctx, diag);
      const ruleId = data?.ruleId ?? (typeof diag.code === 'string' ? diag.code : undefined);
      if (!ruleId) continue;
      for (const fix of data?.fixes ?? []) if (fix.edits.length > 0) fixes.push(quickFix(ctx, fix, diag));
      const line = data?.suppress?.line;
      if (line && line.edits.length > 0) {
        const key = JSON.stringify(line.edits);
        if (!linesSeen.has(key)) {
          linesSeen.add(key);
          lineDisables.push(quickFix(ctx, { ...line, isPreferred: false }, diag));
        }
      }
      if (rulesSeen.has(ruleId)) continue;
      rulesSeen.add(ruleId);
      const all = fixAllForRule(ctx, ruleId);
      if (all) fixAlls.push(all);
      const file = data?.suppress?.file;
      if (file && file.edits.length > 0) fileDisables.push(quickFix(ctx, { ...file, isPreferred: false }, undefined));
      const title = `Show documentation for ${ruleId}`;
      docs.push({ title, kind: QUICK_FIX, command: { title, command: OPEN_DOCS_COMMAND, arguments: [docsUrl(ruleId)] } });
    }
  }
  const actions = [...fixes, ...fixAlls, ...lineDisables, ...fileDisables, ...docs];
  if (only && kindRequested(only, FIX_ALL_KIND)) {
    const all = sourceFixAll(ctx);
    if (all) actions.push(all);
  }
  return actions;
}
