import type { Span, TextEdit } from './types';

/**
 * Line starts of a text; lines end at \r\n, \r or \n (as LSP and java.util.Properties agree).
 * Computed on first use: a file without a producer config never asks, and skips the scan.
 */
export class LineIndex {
  private lineStarts: number[] | undefined;
  constructor(readonly text: string) {}
  get starts(): readonly number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    return (this.lineStarts = starts);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** 0-based line and UTF-16 column. */
  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }
  offsetAt(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    if (line < 0) return 0;
    const start = this.starts[line];
    const end = this.lineEnd(line, true);
    return Math.min(start + Math.max(0, character), end);
  }
  /** End of the line's content (before its terminator), or after it. */
  lineEnd(line: number, withTerminator = false): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (withTerminator) return next;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** The dominant line ending of a text ("\n" when there is none). */
export function detectEol(text: string): string {
  // indexOf runs natively, far faster than a loop over every character
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) cr++;
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}

/** Applies non-overlapping edits; throws on overlap (a bug in a fix). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.span.start < pos) throw new Error(`overlapping edits at ${e.span.start}`);
    if (e.span.end < e.span.start || e.span.end > text.length) throw new Error(`edit out of range ${e.span.start}-${e.span.end}`);
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

export function editsOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.span.start < prev.span.end) return true;
    // two insertions at the same point are ambiguous too
    if (cur.span.start === prev.span.start && cur.span.start === cur.span.end && prev.span.start === prev.span.end) return true;
  }
  return false;
}

export function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** Start offsets of the matches of the global regex `re` in `text`, ascending. */
export function matchStarts(text: string, re: RegExp): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m.index);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

/** Whether the ascending offset list has one in [start, end) (a binary search). */
export function anyIn(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < end;
}

/** Start offsets of every occurrence of `word` (non-empty) in `text`, ascending. */
export function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) out.push(i);
  return out;
}

/**
 * A file name or URI without its query and fragment: the text before the first `?` or `#` that has
 * no line break after it (what `name.replace(/[?#].*$/, '')` gives, in one pass).
 */
export function withoutQuery(name: string): string {
  let lineStart = 0;
  for (let i = name.length - 1; i >= 0; i--) {
    const c = name.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      lineStart = i + 1;
      break;
    }
  }
  for (let i = lineStart; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 63 /* ? */ || c === 35 /* # */) return name.slice(0, i);
  }
  return name;
}

/**
 * Line starts found so far in one text, scanned forward only as far as a question needs: asking
 * for the line start (or the next line break) of every entry of a document costs one pass over
 * it in all, whatever the order of the questions (a one-line document with 16,000 entries used to
 * be walked back to its start for each). The last text asked about is remembered.
 */
class LazyLineStarts {
  private readonly starts: number[] = [0];
  /** Everything before this offset has been scanned. */
  private scanned = 0;
  constructor(readonly text: string) {}

  /** Scans until a line start after `offset` is known or the text ends. */
  private extend(offset: number): void {
    const text = this.text;
    const n = text.length;
    let i = this.scanned;
    while (i < n && this.starts[this.starts.length - 1] <= offset) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) this.starts.push(i + 1);
      i++;
    }
    this.scanned = i;
  }

  /** Index in `starts` of the last line start at or before `offset`. */
  private lineIndex(offset: number): number {
    if (this.scanned < this.text.length && this.starts[this.starts.length - 1] <= offset) this.extend(offset);
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(offset: number): number {
    return this.starts[this.lineIndex(offset)];
  }

  /** The offset after the line terminator of the line holding `offset` (the text's end on the last line). */
  nextLineStart(offset: number): number {
    const k = this.lineIndex(offset);
    return k + 1 < this.starts.length ? this.starts[k + 1] : this.text.length;
  }
}

let lastLines: LazyLineStarts | undefined;

function lazyLines(text: string): LazyLineStarts {
  if (lastLines?.text !== text) lastLines = new LazyLineStarts(text);
  return lastLines;
}

/** The start of the line holding `offset` (after `\n`, `\r\n` or a lone `\r`). */
export function lineStartAt(text: string, offset: number): number {
  if (offset <= 0) return 0;
  if (offset > text.length) offset = text.length;
  // right after a line-break character (also between the \r and \n of a pair): the offset itself
  const before = text.charCodeAt(offset - 1);
  if (before === 10 || before === 13) return offset;
  return lazyLines(text).lineStart(offset);
}

/** The offset after the line terminator of the line holding `offset`, or the text's end. */
export function lineEndAfterAt(text: string, offset: number): number {
  if (offset >= text.length) return text.length;
  return lazyLines(text).nextLineStart(Math.max(0, offset));
}
