/**
 * A small tokenizer for Gradle build scripts, Groovy and Kotlin DSL alike: identifiers, strings
 * (`'…'`, `"…"`, `'''…'''`, `"""…"""`, with `${…}` templates that may hold code, braces and strings
 * of their own), numbers, punctuation and line breaks; comments are skipped. One pass, every
 * character read a bounded number of times: nested templates are followed with an explicit
 * stack, never by recursion or backtracking. Only what the build-file reader needs is told apart;
 * anything else becomes a one-character punctuation token.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline';

export interface Token {
  kind: TokenKind;
  /** Offsets of the whole token in the text (quotes included). */
  start: number;
  end: number;
  /** An identifier's name, a punctuation's characters, a string's content as written (between the quotes, no escape processing). */
  text: string;
  /** Strings: the opening quote (`'`, `"`, `'''`, `"""`). */
  quote?: string;
  /** Strings: where the content starts. */
  contentStart?: number;
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const TWO_CHAR = new Set(['==', '!=', '<=', '>=', '?.', '->', '::', '&&', '||', '+=', '-=', '..', '=~', '?:']);

/**
 * Where the string that opens at `i` with `quote` ends (after its closing quote, or at the line
 * end for an unterminated one-line string, or at the end of the text). Templates `${…}` in
 * double-quoted strings are skipped with their code, nested strings included.
 */
export function stringEnd(text: string, i: number, quote: string): { end: number; closed: boolean } {
  const n = text.length;
  let closed = false;
  // frames: a string (its quote) or template code (its open brace count)
  const frames: Array<{ quote: string } | { braces: number }> = [{ quote }];
  let j = i + quote.length;
  while (j < n && frames.length > 0) {
    const top = frames[frames.length - 1];
    const c = text.charCodeAt(j);
    if ('quote' in top) {
      const q = top.quote;
      if (c === 92 /* \ */) {
        j += 2;
        continue;
      }
      if (q.length === 1 && (c === 10 || c === 13)) {
        frames.pop(); // an unterminated one-line string ends at the line end
        continue;
      }
      if (text.startsWith(q, j)) {
        frames.pop();
        j += q.length;
        if (frames.length === 0) closed = true;
        continue;
      }
      if (c === 36 /* $ */ && q[0] === '"' && text.charCodeAt(j + 1) === 123 /* { */) {
        frames.push({ braces: 0 });
        j += 2;
        continue;
      }
      j++;
      continue;
    }
    // template code
    if (c === 123) top.braces++;
    else if (c === 125 /* } */) {
      if (top.braces === 0) frames.pop();
      else top.braces--;
    } else if (c === 34 || c === 39) {
      const q = text.startsWith(text[j].repeat(3), j) ? text[j].repeat(3) : text[j];
      frames.push({ quote: q });
      j += q.length;
      continue;
    } else if (c === 47 /* / */ && text.charCodeAt(j + 1) === 42 /* * */) {
      const k = text.indexOf('*/', j + 2);
      j = k < 0 ? n : k + 2;
      continue;
    } else if (c === 47 && text.charCodeAt(j + 1) === 47) {
      while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      continue;
    }
    j++;
  }
  return { end: Math.min(j, n), closed };
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  if (text.startsWith('#!')) while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      out.push({ kind: 'newline', start: i, end, text: '\n' });
      i = end;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 0xfeff || c === 11) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const k = text.indexOf('*/', i + 2);
      const end = k < 0 ? n : k + 2;
      // a comment over several lines still ends the statement it interrupts
      let breaks = false;
      for (let j = i + 2; j < end && !breaks; j++) breaks = text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13;
      if (breaks) out.push({ kind: 'newline', start: i, end, text: '\n' });
      i = end;
      continue;
    }
    if (c === 34 || c === 39) {
      const ch = text[i];
      const quote = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      const { end, closed } = stringEnd(text, i, quote);
      const contentStart = i + quote.length;
      const contentEnd = closed ? end - quote.length : end;
      out.push({ kind: 'string', start: i, end, text: text.slice(contentStart, Math.max(contentStart, contentEnd)), quote, contentStart });
      i = Math.max(end, i + 1);
      continue;
    }
    if (c === 96 /* ` */) {
      // a Kotlin identifier in backticks
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 96 && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      out.push({ kind: 'ident', start: i, end: Math.min(j + 1, n), text: text.slice(i + 1, j) });
      i = Math.min(j + 1, n);
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      out.push({ kind: 'ident', start: i, end: j, text: text.slice(i, j) });
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n && (isIdentPart(text.charCodeAt(j)) || (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))))) j++;
      out.push({ kind: 'number', start: i, end: j, text: text.slice(i, j) });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    const p = TWO_CHAR.has(two) ? two : text[i];
    out.push({ kind: 'punct', start: i, end: i + p.length, text: p });
    i += p.length;
  }
  return out;
}
