/**
 * A `.java` file as the service reads it: a cheap pre-check (no Kafka word → nothing is parsed), then
 * tree-sitter-java (parser.ts, set by the adapters), the reader (reader.ts) and, for suppression
 * directives, the comments that name `kafka-idempotence`. The syntax tree is freed before this returns:
 * what the detector and the writer need is plain data (`JavaModel`).
 */
import type { Comment, Entry, ParsedDocument, Span, ValueKind } from '../../types';
import { detectEol, LineIndex } from '../../text';
import type { JavaNode, JavaParser } from './parser';
import { readJava, type JavaModel, type JavaWrite } from './reader';

export interface JavaDocument extends ParsedDocument {
  format: 'java';
  extra: JavaModel | undefined;
}

/**
 * Whether a Java text can hold a producer config: it must name Kafka somewhere (`org.apache.kafka`,
 * `KafkaProducer`, `DefaultKafkaProducerFactory`, `kafka-idempotence` directives all do). A text without
 * the word is not parsed at all.
 */
export function javaMayHoldProducer(text: string): boolean {
  return text.includes('afka') || text.includes('AFKA');
}

const KIND: Record<string, ValueKind> = { String: 'string', boolean: 'boolean', char: 'string' };

export function entryOf(w: JavaWrite): Entry {
  const stmt =
    w.form === 'of' || w.form === 'entry' || w.form === 'builder' ? { start: w.keySpan.start, end: w.valueSpan.end } : w.stmtSpan;
  return {
    key: w.key,
    value: w.value?.text,
    kind: w.value ? (KIND[w.value.type] ?? 'number') : 'unknown',
    keySpan: w.keySpan,
    valueSpan: w.valueSpan,
    entrySpan: stmt,
  };
}

export function parseJava(text: string, parser: JavaParser): JavaDocument {
  const doc: JavaDocument = {
    format: 'java',
    text,
    entries: [],
    comments: [],
    problems: [],
    commentMarker: '//',
    eol: detectEol(text),
    extra: undefined,
  };
  if (!javaMayHoldProducer(text)) return doc;
  const tree = parser.parse(text);
  if (!tree) return doc;
  try {
    const root = tree.rootNode;
    const lines = new LineIndex(text);
    doc.extra = readJava(text, root, (o) => lines.lineOf(o));
    const byStart = new Map<number, Entry>();
    const entryFor = new Map<JavaWrite, Entry>();
    for (const site of doc.extra.sites) {
      for (const w of site.map.writes) {
        let e = byStart.get(w.keySpan.start);
        if (!e) {
          e = entryOf(w);
          byStart.set(w.keySpan.start, e);
        }
        entryFor.set(w, e);
      }
    }
    // Spring's setTransactionIdPrefix(…) sets the producer's transactional.id: an entry of its own
    for (const site of doc.extra.sites) {
      const c = site.txPrefix?.call;
      if (!c || byStart.has(c.keySpan.start)) continue;
      const v = site.txPrefix!.value;
      byStart.set(c.keySpan.start, {
        key: 'transactional.id',
        value: v?.text,
        kind: v ? 'string' : 'unknown',
        keySpan: c.keySpan,
        valueSpan: c.valueSpan,
        entrySpan: c.stmtSpan,
      });
    }
    doc.extra.entryOf = (w) => entryFor.get(w) ?? entryOf(w);
    doc.extra.setterEntry = (site) => (site.txPrefix?.call ? byStart.get(site.txPrefix.call.keySpan.start) : undefined);
    doc.entries = [...byStart.values()].sort((a, b) => a.keySpan.start - b.keySpan.start);
    if (text.includes('kafka-idempotence')) doc.comments = directiveComments(text, root);
    // computed on first use (a suppression fix asks for it), from the text: the tree is freed by then
    let spans: Span[] | undefined;
    doc.insideToken = (offset) => (spans ??= multiLineTokens(text)).some((s) => s.start < offset && offset < s.end);
    // the parser recovered from a syntax error somewhere: what belongs where is its guess, so no edit is offered
    if (root.hasError) doc.recovered = true;
  } finally {
    tree.delete();
  }
  return doc;
}

/** The comments that hold `kafka-idempotence` (suppression directives, the client marker). */
function directiveComments(text: string, root: JavaNode): Comment[] {
  const out: Comment[] = [];
  const seen = new Set<number>();
  for (let i = text.indexOf('kafka-idempotence'); i >= 0; i = text.indexOf('kafka-idempotence', i + 17)) {
    const n = root.descendantForIndex(i, i + 17);
    if (!n || (n.type !== 'line_comment' && n.type !== 'block_comment') || seen.has(n.startIndex)) continue;
    seen.add(n.startIndex);
    const line = n.type === 'line_comment';
    const start = n.startIndex + 2;
    const end = line ? n.endIndex : Math.max(start, n.endIndex - 2);
    out.push({
      span: { start: n.startIndex, end: n.endIndex },
      textSpan: { start, end },
      text: text.slice(start, end),
      marker: line ? '//' : '/*',
    });
  }
  return out;
}

/**
 * Block comments and text blocks that run over several lines: a line starting inside them is no place for
 * a `//` directive. Java's lexical grammar for them (JLS 3.7, 3.10.5–3.10.6): comments, string and character
 * literals, text blocks — enough to know which `/*` and `"""` open a token (not one inside a string).
 */
export function multiLineTokens(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  for (let i = 0; i < n;) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.slice(i).search(/[\r\n]/);
      i = nl < 0 ? n : i + nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      if (/[\r\n]/.test(text.slice(i, stop))) out.push({ start: i, end: stop });
      i = stop;
    } else if (c === 34 /* " */ && text.startsWith('"""', i)) {
      // a text block: up to the next unescaped """
      let j = i + 3;
      while (j < n && !(text.startsWith('"""', j) && text.charCodeAt(j - 1) !== 92)) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const stop = Math.min(n, j + 3);
      out.push({ start: i, end: stop });
      i = stop;
    } else if (c === 34 || c === 39 /* ' */) {
      // a string or character literal ends at its quote or at the end of the line
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13)
        j += text.charCodeAt(j) === 92 ? 2 : 1;
      i = j + 1;
    } else i++;
  }
  return out;
}
