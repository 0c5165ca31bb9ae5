/**
 * A `.properties` parser that follows `java.util.Properties.load(Reader)` exactly
 * (JDK 9+ LineReader and loadConvert), and keeps the source offset of every key
 * and value. The differential test (test/unit/properties-jdk.test.ts) holds it to
 * the JDK's own implementation.
 *
 * Deliberate difference: none in what is parsed. Where the JDK throws
 * (`Malformed \uxxxx encoding.`) the parser records a problem and decodes the
 * rest as well as it can, so an editor can still help.
 */
import type { Comment, Entry, EntryFlags, ParsedDocument, ParseProblem, Span } from '../types';
import { detectEol } from '../text';

export interface PropertiesEntryMeta extends EntryFlags {
  format: 'properties';
  /** The raw separator between key and value, e.g. '=', ' = ', ': ', ' '. */
  separator: string;
  /** Leading whitespace of the entry's first line. */
  indent: string;
  /** True when the entry spans several physical lines. */
  continued: boolean;
}

export const MALFORMED_UNICODE = 'Malformed \\uxxxx encoding.';

const isWs = (c: number) => c === 32 || c === 9 || c === 12; // ' ', '\t', '\f'
const isEol = (c: number) => c === 10 || c === 13;

interface LogicalLine {
  chars: Uint16Array; // UTF-16 code units of the logical line (a view, valid during the callback)
  src: Int32Array; // source offset of each code unit (a view, valid during the callback)
  /**
   * Source offset of the last character that started the logical line's content, even if
   * the JDK dropped it: a line holding only "\" (at EOF) yields an entry with no characters
   * at all (key "" and value ""), which is placed at that backslash.
   */
  firstAt: number;
  lineStart: number; // start offset of the first physical line
  end: number; // offset just after the logical line's terminator (or EOF)
  contentEnd: number; // offset of the logical line's terminator (end of content)
  continued: boolean;
}

/** The logical line being read: code units and their source offsets, in reused typed arrays. */
class LineBuffer {
  u16 = new Uint16Array(256);
  i32 = new Int32Array(256);
  length = 0;
  push(c: number, at: number): void {
    if (this.length === this.u16.length) {
      const u16 = new Uint16Array(this.u16.length * 2);
      u16.set(this.u16);
      const i32 = new Int32Array(this.i32.length * 2);
      i32.set(this.i32);
      this.u16 = u16;
      this.i32 = i32;
    }
    this.u16[this.length] = c;
    this.i32[this.length++] = at;
  }
  pop(): void {
    this.length--;
  }
}

/**
 * Splits `text` into logical lines and comments, as java.util.Properties.LineReader does,
 * handing each logical line to `onLine` (its arrays are reused afterwards).
 */
function readLines(text: string, comments: Comment[], from: number, onLine: (line: LogicalLine) => void): void {
  const chars = new LineBuffer();
  let off = from;
  while (off < text.length) off = readLogicalLine(text, off, chars, comments, onLine);
}

function emit(chars: LineBuffer, onLine: (line: LogicalLine) => void, rest: Omit<LogicalLine, 'chars' | 'src'>): void {
  onLine({ chars: chars.u16.subarray(0, chars.length), src: chars.i32.subarray(0, chars.length), ...rest });
  chars.length = 0;
}

/**
 * Reads the next logical line from `from`, skipping blank lines and collecting comments on the way, and
 * hands it to `onLine`; returns the offset after it (the text's length at its end).
 */
function readLogicalLine(text: string, from: number, chars: LineBuffer, comments: Comment[], onLine: (line: LogicalLine) => void): number {
  const n = text.length;
  let off = from;
  chars.length = 0;
  let skipWhiteSpace = true;
  let appendedLineBegin = false;
  let precedingBackslash = false;
  let continued = false;
  let lineStart = off;
  let firstAt = off;
  for (;;) {
    if (off >= n) {
      // EOF
      if (chars.length > 0) {
        if (precedingBackslash) chars.pop();
        emit(chars, onLine, { firstAt, lineStart, end: n, contentEnd: n, continued });
      }
      return n;
    }
    const c = text.charCodeAt(off++);
    if (skipWhiteSpace) {
      if (isWs(c)) continue;
      if (!appendedLineBegin && isEol(c)) {
        lineStart = off;
        continue;
      }
      skipWhiteSpace = false;
      appendedLineBegin = false;
    }
    if (chars.length === 0 && (c === 35 /* # */ || c === 33) /* ! */) {
      off = readComment(text, off, comments);
      if (off >= n) return n;
      skipWhiteSpace = true;
      lineStart = off;
      continue;
    }
    if (!isEol(c)) {
      if (chars.length === 0) firstAt = off - 1;
      chars.push(c, off - 1);
      precedingBackslash = c === 92 /* \ */ ? !precedingBackslash : false;
      continue;
    }
    // reached the end of a physical line
    if (chars.length === 0) {
      skipWhiteSpace = true;
      lineStart = off;
      continue;
    }
    const eolAt = off - 1;
    if (off >= n) {
      if (precedingBackslash) chars.pop();
      emit(chars, onLine, { firstAt, lineStart, end: n, contentEnd: eolAt, continued });
      return n;
    }
    if (!precedingBackslash) {
      let end = off;
      if (c === 13 && text.charCodeAt(off) === 10) end++;
      emit(chars, onLine, { firstAt, lineStart, end, contentEnd: eolAt, continued });
      return end;
    }
    chars.pop();
    skipWhiteSpace = true;
    appendedLineBegin = true;
    precedingBackslash = false;
    continued = true;
    if (c === 13 && text.charCodeAt(off) === 10) off++;
    if (chars.length === 0) {
      // a line holding only "\": the JDK starts over with the next line
      continued = false;
    }
  }
}

/** A comment whose marker is just before `off`: consumes the rest of the physical line; returns the offset after it. */
function readComment(text: string, off: number, comments: Comment[]): number {
  const start = off - 1;
  let end = off;
  while (end < text.length && !isEol(text.charCodeAt(end))) end++;
  comments.push({
    span: { start, end },
    textSpan: { start: off, end },
    text: text.slice(off, end),
    marker: text[start],
  });
  return end;
}

interface Converted {
  value: string;
  malformedAt?: number; // index into the logical line's chars
}

/** Code units to a string, in chunks (no per-character concatenation: a 10 MB line stays cheap). */
function decode(units: Uint16Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 8192) {
    // apply() takes any array-like at run time; its typing asks for an array
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(to, i + 8192)) as unknown as number[]);
  }
  return out;
}

/** java.util.Properties.loadConvert over chars[from, to). */
function loadConvert(chars: Uint16Array, from: number, to: number): Converted {
  let i = from;
  while (i < to && chars[i] !== 92) i++;
  if (i === to) return { value: decode(chars, from, to) }; // no backslash: the common case
  const out = new Uint16Array(to - from);
  let n = 0;
  for (let k = from; k < i; k++) out[n++] = chars[k];
  let malformedAt: number | undefined;
  while (i < to) {
    let c = chars[i++];
    if (c !== 92) {
      out[n++] = c;
      continue;
    }
    if (i >= to) break; // cannot happen after readLines, kept for safety
    c = chars[i++];
    if (c === 117 /* u */) {
      if (i > to - 4) {
        malformedAt ??= i - 2;
        // the JDK throws here; keep the raw text for the editor
        out[n++] = 117;
        continue;
      }
      let value = 0;
      let ok = true;
      for (let k = 0; k < 4; k++) {
        const h = chars[i + k];
        let d: number;
        if (h >= 48 && h <= 57) d = h - 48;
        else if (h >= 97 && h <= 102) d = h - 87;
        else if (h >= 65 && h <= 70) d = h - 55;
        else {
          ok = false;
          break;
        }
        value = (value << 4) + d;
      }
      if (!ok) {
        malformedAt ??= i - 2;
        out[n++] = 117;
        continue;
      }
      i += 4;
      out[n++] = value;
    } else {
      if (c === 116) c = 9;
      else if (c === 114) c = 13;
      else if (c === 110) c = 10;
      else if (c === 102) c = 12;
      out[n++] = c;
    }
  }
  return { value: decode(out, 0, n), malformedAt };
}

export interface PropertiesParse extends ParsedDocument {
  format: 'properties';
  /** Final key → value map, last one wins (what `Properties.load` produces when it does not throw). */
  map: Map<string, string>;
  /** True when `Properties.load` would throw. */
  jdkWouldThrow: boolean;
}

/**
 * @param from where reading starts: 1 skips a byte-order mark, as editors do (VS Code never
 *   shows it to a language server). The JDK itself would make U+FEFF part of the first key.
 */
export function parseProperties(text: string, from = 0): PropertiesParse {
  const comments: Comment[] = [];
  const problems: ParseProblem[] = [];
  const entries: Entry[] = [];
  const map = new Map<string, string>();
  let jdkWouldThrow = false;
  readLines(text, comments, from, (line) => {
    const { chars, src } = line;
    const limit = chars.length;
    let keyLen = 0;
    let valueStart = limit;
    let hasSep = false;
    let precedingBackslash = false;
    while (keyLen < limit) {
      const c = chars[keyLen];
      if ((c === 61 || c === 58) && !precedingBackslash) {
        valueStart = keyLen + 1;
        hasSep = true;
        break;
      } else if (isWs(c) && !precedingBackslash) {
        valueStart = keyLen + 1;
        break;
      }
      precedingBackslash = c === 92 ? !precedingBackslash : false;
      keyLen++;
    }
    while (valueStart < limit) {
      const c = chars[valueStart];
      if (!isWs(c)) {
        if (!hasSep && (c === 61 || c === 58)) hasSep = true;
        else break;
      }
      valueStart++;
    }
    const key = loadConvert(chars, 0, keyLen);
    const value = loadConvert(chars, valueStart, limit);
    // A logical line with no characters left (only "\\" before EOF) sits at the dropped backslash.
    const keyStart = limit > 0 ? src[0] : line.firstAt;
    const keySpan = { start: keyStart, end: keyLen > 0 ? src[keyLen - 1] + 1 : keyStart };
    // An empty value sits right after the last character the JDK kept (never after a dropped trailing backslash).
    const lastKept = limit > 0 ? src[limit - 1] + 1 : keyStart;
    const valueSpan = valueStart < limit ? { start: src[valueStart], end: lastKept } : { start: lastKept, end: lastKept };
    for (const conv of [key, value]) {
      if (conv.malformedAt !== undefined) {
        jdkWouldThrow = true;
        const at = src[conv.malformedAt];
        problems.push({
          code: 'malformed-unicode-escape',
          message: `java.util.Properties.load throws IllegalArgumentException: ${MALFORMED_UNICODE}`,
          span: { start: at, end: Math.min(at + 6, line.contentEnd) },
          severity: 'error',
        });
      }
    }
    const sepStart = keySpan.end;
    const sepEnd = valueSpan.start;
    const meta: PropertiesEntryMeta = {
      format: 'properties',
      separator: text.slice(sepStart, sepEnd),
      // the whitespace before the key on its own physical line (lines holding only "\\" may come first)
      indent: text.slice(line.lineStart, keyStart).replace(/^[^]*[\r\n]/, ''),
      continued: line.continued,
    };
    entries.push({
      key: key.value,
      value: value.value,
      kind: 'string',
      keySpan,
      valueSpan,
      entrySpan: { start: line.lineStart, end: line.end },
      meta,
    });
    map.set(key.value, value.value);
  });
  return { format: 'properties', text, entries, comments, problems, commentMarker: '#', eol: detectEol(text), map, jdkWouldThrow };
}

/** Escapes a key for a properties file (as Properties.store does, minus the \uxxxx of non-Latin-1). */
export function escapePropertiesKey(key: string): string {
  return escape(key, true);
}

export function escapePropertiesValue(value: string): string {
  return escape(value, false);
}

function escape(s: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    switch (ch) {
      case ' ':
        out += i === 0 || isKey ? '\\ ' : ' ';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '=':
      case ':':
      case '#':
      case '!':
        out += isKey || (i === 0 && (ch === '#' || ch === '!')) ? '\\' + ch : ch;
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/**
 * The text that adds `line` (a whole key/value line, indent included) at `at`, a line boundary or
 * the end of the text: a line break first when the text before does not end in one, and one after
 * unless the line goes at the end of a text without a final line break.
 * A line before `at` that ends in an odd number of backslashes (an open continuation, as in
 * `acks=1\` at the end of the file) would continue into the new line: an empty line ends that
 * entry without changing it. After a lone `\r` that empty line must be `\r` too (`\r\n` would be
 * read as one terminator).
 */
export function insertedPropertiesLine(text: string, eol: string, at: number, line: string): string {
  const needsEolBefore = at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r';
  let before = needsEolBefore ? eol : '';
  if (/(^|[^\\])(\\\\)*\\(\r\n|\r|\n)?$/.test(text.slice(Math.max(0, at - 4096), at))) {
    before = before ? eol + eol : text[at - 1] === '\r' && eol === '\n' ? '\r' : eol;
  }
  return `${before}${line}${needsEolBefore && at === text.length ? '' : eol}`;
}

/**
 * A removal of whole lines, adjusted so that the JDK still reads the rest as before: java.util.Properties
 * reads a byte-order mark as part of the first line (which is then no comment: `\uFEFF# x` is the key
 * `\uFEFF#`), so removing the first line(s) would make the next line the mark's. The removal keeps the
 * last line terminator instead, leaving the mark on an empty line of its own.
 */
export function bomSafeRemoval(text: string, span: Span): Span {
  if (text.charCodeAt(0) !== 0xfeff || span.start > 1 || span.end <= Math.max(span.start, 1) || span.end >= text.length) return span;
  const c = text[span.end - 1];
  if (c !== '\n' && c !== '\r') return span;
  const eol = c === '\n' && text[span.end - 2] === '\r' && span.end - 2 >= span.start ? 2 : 1;
  return { start: span.start, end: span.end - eol };
}
