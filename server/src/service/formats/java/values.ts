/**
 * Java values as a config map holds them: the class of the boxed object and its `toString()`, for the
 * literals and constant expressions the reader evaluates (values.ts knows Java's literal syntax and
 * arithmetic; reader.ts decides what an expression means).
 *
 * The class is part of the semantics: kafka-clients' ConfigDef.parseType accepts a `String` for every
 * type (and parses it), an `Integer` for INT and LONG, a `Long` for LONG, a `Boolean` for BOOLEAN, and
 * refuses anything else ("Expected value to be a string, but it was a java.lang.Integer").
 */

export type JavaPrim = 'String' | 'int' | 'long' | 'short' | 'byte' | 'char' | 'boolean' | 'double' | 'float';

/** A statically known Java value: its (unboxed) type, `toString()`, and the number for integral types. */
export interface JVal {
  type: JavaPrim;
  /** `String.valueOf(value)` as Java prints it. */
  text: string;
  /** Integral types: the value. */
  n?: bigint;
}

/** The class a value has once it is boxed into a `Map<String, Object>` (`java.lang.Integer`...). */
export const BOXED: Record<JavaPrim, string> = {
  String: 'java.lang.String',
  int: 'java.lang.Integer',
  long: 'java.lang.Long',
  short: 'java.lang.Short',
  byte: 'java.lang.Byte',
  char: 'java.lang.Character',
  boolean: 'java.lang.Boolean',
  double: 'java.lang.Double',
  float: 'java.lang.Float',
};

const RANGES: Partial<Record<JavaPrim, [bigint, bigint]>> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  short: [-(2n ** 15n), 2n ** 15n - 1n],
  byte: [-(2n ** 7n), 2n ** 7n - 1n],
};

/** Two's-complement wrap-around, as Java's integral arithmetic and casts do. */
export function wrap(n: bigint, type: 'int' | 'long' | 'short' | 'byte'): bigint {
  const bits = type === 'long' ? 64 : type === 'int' ? 32 : type === 'short' ? 16 : 8;
  return BigInt.asIntN(bits, n);
}

export const integral = (type: 'int' | 'long' | 'short' | 'byte', n: bigint): JVal => ({ type, text: String(n), n });
export const str = (text: string): JVal => ({ type: 'String', text });
export const bool = (b: boolean): JVal => ({ type: 'boolean', text: String(b) });

export function fits(n: bigint, type: JavaPrim): boolean {
  const r = RANGES[type];
  return r !== undefined && n >= r[0] && n <= r[1];
}

/**
 * An integer literal (`42`, `1_000`, `0x7f`, `017`, `0b101`, `5L`). `negated`: it is the operand of a unary
 * minus, the only place `2147483648` (and `9223372036854775808L`) may stand. Undefined when javac refuses it.
 */
export function integerLiteral(raw: string, negated: boolean): JVal | undefined {
  let t = raw.replace(/_/g, '');
  const isLong = /[lL]$/.test(t);
  if (isLong) t = t.slice(0, -1);
  let n: bigint;
  let decimal = false;
  try {
    if (/^0[xX][0-9a-fA-F]+$/.test(t)) n = BigInt(t);
    else if (/^0[bB][01]+$/.test(t)) n = BigInt(t);
    else if (/^0[0-7]+$/.test(t)) n = BigInt(`0o${t.slice(1)}`);
    else if (/^(0|[1-9][0-9]*)$/.test(t)) {
      n = BigInt(t);
      decimal = true;
    } else return undefined;
  } catch {
    return undefined;
  }
  const type = isLong ? 'long' : 'int';
  const bits = isLong ? 64n : 32n;
  if (decimal) {
    const max = 2n ** (bits - 1n);
    if (n > max || (n === max && !negated)) return undefined;
    // (the minus is applied by the caller; 2^31 negated wraps to itself, which is MIN_VALUE)
    return integral(type, n === max ? -max : n);
  }
  if (n >= 2n ** bits) return undefined;
  return integral(type, BigInt.asIntN(Number(bits), n));
}

/**
 * A floating-point literal whose `toString()` is certain: a plain decimal (no exponent, no hex) in
 * [0.001, 10^7) or zero, where Java's Double/Float.toString and JavaScript agree. Others are unknown.
 */
export function floatingLiteral(raw: string): JVal | undefined {
  let t = raw.replace(/_/g, '');
  const isFloat = /[fF]$/.test(t);
  if (/[fFdD]$/.test(t)) t = t.slice(0, -1);
  if (!/^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(t)) return undefined;
  const v = Number(t);
  if (!Number.isFinite(v)) return undefined;
  if (isFloat && Math.fround(v) !== v) return undefined;
  return floating(isFloat ? 'float' : 'double', v);
}

/** Double.toString / Float.toString for the values floatingLiteral accepts. */
export function floating(type: 'double' | 'float', v: number): JVal | undefined {
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7)) return undefined;
  if (type === 'float' && Math.fround(v) !== v) return undefined;
  const s = String(v);
  if (/e/i.test(s) || s.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) return undefined;
  return { type, text: Object.is(v, -0) ? '-0.0' : Number.isInteger(v) ? `${v}.0` : s };
}

/**
 * The value of a (single-line) string literal's source text, escapes decoded (`\n`, `\"`, `\\`, octal
 * `\101`, `\s`, and the `\uXXXX` escapes Java translates before it reads the literal). Undefined for a
 * text block or a literal javac refuses.
 */
export function stringLiteral(raw: string): string | undefined {
  if (raw.startsWith('"""') || raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') return undefined;
  const body = unicodeEscapes(raw.slice(1, -1));
  if (body === undefined) return undefined;
  return charEscapes(body);
}

/** A character literal (`'c'`, `'\n'`, `'\u0041'`). */
export function charLiteral(raw: string): string | undefined {
  if (raw.length < 3 || raw[0] !== "'" || raw[raw.length - 1] !== "'") return undefined;
  const body = unicodeEscapes(raw.slice(1, -1));
  if (body === undefined) return undefined;
  const v = charEscapes(body);
  return v !== undefined && v.length === 1 ? v : undefined;
}

/** JLS 3.3: `\uXXXX` (any number of `u`s) where the backslash is not itself escaped. */
function unicodeEscapes(s: string): string | undefined {
  if (!s.includes('\\u')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    // count the backslashes before: an even number of them (this one included) is an escaped backslash
    let j = i;
    while (j < s.length && s[j] === '\\') j++;
    const run = j - i;
    if (run % 2 === 0 || s[j] !== 'u') {
      out += s.slice(i, j);
      i = j - 1;
      continue;
    }
    out += s.slice(i, j - 1);
    let k = j;
    while (s[k] === 'u') k++;
    const hex = s.slice(k, k + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
    out += String.fromCharCode(parseInt(hex, 16));
    i = k + 3;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', s: ' ', '"': '"', "'": "'", '\\': '\\' };

function charEscapes(s: string): string | undefined {
  if (!s.includes('\\')) return s.includes('\n') || s.includes('\r') ? undefined : s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\n' || c === '\r') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return undefined;
    if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
      i++;
      continue;
    }
    // octal: \0 – \377
    const m = /^[0-3][0-7]{0,2}|^[4-7][0-7]?/.exec(s.slice(i + 1, i + 4));
    if (!m) return undefined;
    out += String.fromCharCode(parseInt(m[0], 8));
    i += m[0].length;
  }
  return out;
}

/** Java's binary numeric promotion and arithmetic for `+ - * / %` on integral values (undefined: not constant, or / by zero). */
export function arithmetic(op: string, a: JVal, b: JVal): JVal | undefined {
  if (a.n === undefined || b.n === undefined) return undefined;
  const type = a.type === 'long' || b.type === 'long' ? 'long' : 'int';
  const x = a.n;
  const y = b.n;
  let r: bigint;
  switch (op) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      if (y === 0n) return undefined;
      r = x / y; // BigInt division truncates toward zero, as Java's
      break;
    case '%':
      if (y === 0n) return undefined;
      r = x % y;
      break;
    default:
      return undefined;
  }
  return integral(type, wrap(r, type));
}

/** A value converted to a declared type (a local or field `long x = 5;`), as assignment conversion does; undefined when javac would refuse it or the linter cannot tell. */
export function convertTo(declared: string, v: JVal): JVal | undefined {
  const t = declared.replace(/\s+/g, '').replace(/^java\.lang\./, '');
  switch (t) {
    case 'var':
    case 'Object':
    case 'Serializable':
    case 'java.io.Serializable':
    case 'Comparable':
    case 'CharSequence':
      return t === 'CharSequence' && v.type !== 'String' ? undefined : v;
    case 'String':
      return v.type === 'String' ? v : undefined;
    case 'boolean':
    case 'Boolean':
      return v.type === 'boolean' ? v : undefined;
    case 'int':
    case 'Integer':
      if (v.type === 'int') return v;
      if ((v.type === 'short' || v.type === 'byte' || v.type === 'char') && t === 'int' && v.n !== undefined) return integral('int', v.n);
      return undefined;
    case 'long':
      return v.n !== undefined && v.type !== 'char' ? integral('long', v.n) : undefined;
    case 'Long':
      return v.type === 'long' ? v : undefined;
    case 'short':
    case 'Short':
    case 'byte':
    case 'Byte': {
      const to = t.toLowerCase() as 'short' | 'byte';
      if (v.type === to) return v;
      // a constant int that fits narrows implicitly (JLS 5.2)
      return v.type === 'int' && v.n !== undefined && fits(v.n, to) ? integral(to, v.n) : undefined;
    }
    case 'double':
      if (v.type === 'double') return v;
      return v.n !== undefined && v.type !== 'char' ? floating('double', Number(v.n)) : undefined;
    case 'Double':
      return v.type === 'double' ? v : undefined;
    case 'float':
    case 'Float':
      return v.type === 'float' ? v : undefined;
    case 'char':
    case 'Character':
      return v.type === 'char' ? v : undefined;
    default:
      return undefined;
  }
}

/** A cast `(type) v` of a known value (numeric conversions, identity and widening reference casts). */
export function castTo(type: string, v: JVal): JVal | undefined {
  const t = type.replace(/\s+/g, '').replace(/^java\.lang\./, '');
  if (t === 'Object' || t === 'Serializable') return v;
  if (t === 'String') return v.type === 'String' ? v : undefined;
  if (t === 'Integer') return v.type === 'int' ? v : undefined;
  if (t === 'Long') return v.type === 'long' ? v : undefined;
  if (t === 'Boolean') return v.type === 'boolean' ? v : undefined;
  if (t === 'boolean') return v.type === 'boolean' ? v : undefined;
  if ((t === 'int' || t === 'long' || t === 'short' || t === 'byte') && v.n !== undefined) return integral(t, wrap(v.n, t));
  return undefined;
}
