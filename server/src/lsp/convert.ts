/** Service findings (UTF-16 offsets) → LSP diagnostics (positions). Offsets become positions here, never earlier. */
// types only: the lint workers use this file without loading the vscode-languageserver library
import type { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
// the service's light modules only: the server's main thread loads this file, and never the linter itself
import { docsUrl } from '../service/rules/rule';
import type { Finding, Fix, Severity, Span, TextEdit as ServiceEdit } from '../service/types';
import { SOURCE, type DiagnosticData, type FixData } from './protocol';

/** LSP's DiagnosticSeverity values (Error 1, Warning 2, Information 3, Hint 4). */
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: 1,
  warning: 2,
  info: 3,
  hint: 4,
};

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function toTextEdit(doc: TextDocument, e: ServiceEdit): TextEdit {
  return { range: toRange(doc, e.span), newText: e.newText };
}

export function toFixData(doc: TextDocument, fix: Fix): FixData {
  return { title: fix.title, isPreferred: fix.isPreferred, edits: fix.edits.map((e) => toTextEdit(doc, e)) };
}

export function toDiagnosticData(doc: TextDocument, f: Finding): DiagnosticData {
  const data: DiagnosticData = { ruleId: f.ruleId, version: doc.version, fixes: f.fixes.map((x) => toFixData(doc, x)) };
  if (f.suppress) data.suppress = { line: toFixData(doc, f.suppress.line), file: toFixData(doc, f.suppress.file) };
  return data;
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: toRange(doc, f.span),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
    data: toDiagnosticData(doc, f),
  };
  if (f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message }));
  }
  return d;
}

/** Reads `diagnostic.data` defensively: clients round-trip it, but nothing forces them to keep it intact. */
export function readDiagnosticData(d: Diagnostic): DiagnosticData | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object') return undefined;
  if (typeof data.ruleId !== 'string' || typeof data.version !== 'number' || !Array.isArray(data.fixes)) return undefined;
  const fixOk = (x: unknown): x is FixData =>
    !!x && typeof x === 'object' && typeof (x as FixData).title === 'string' && Array.isArray((x as FixData).edits);
  if (!data.fixes.every(fixOk)) return undefined;
  if (data.suppress !== undefined && (!fixOk(data.suppress.line) || !fixOk(data.suppress.file))) return undefined;
  return data as DiagnosticData;
}
