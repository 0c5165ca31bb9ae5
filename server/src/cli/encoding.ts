/**
 * How the CLI turns a file's bytes into the text it lints, and the fixed text back into bytes,
 * keeping every byte outside the fixes as it was.
 *
 * Decoding, in this order:
 * 1. A UTF-16 byte-order mark (FF FE, FE FF): UTF-16 LE/BE (a YAML file saved by Windows tools).
 *    A UTF-32 mark is not read (notice), nor UTF-16 without a mark (NUL bytes every other byte).
 * 2. A UTF-8 byte-order mark, or no mark: UTF-8 when the bytes are valid UTF-8.
 * 3. Otherwise a `.properties` file is ISO-8859-1, each byte one character: what
 *    `java.util.Properties.load(InputStream)` and Spring Boot's `OriginTrackedPropertiesLoader`
 *    read (both decode ISO-8859-1), so a GBK, Shift-JIS or Latin-1 comment is just text there.
 * 4. Any other file (YAML, TS/JS) that is not valid UTF-8 is read as UTF-8 with each byte that is
 *    not part of a valid sequence kept as a lone surrogate U+DC80–U+DCFF (as Python's
 *    `surrogateescape`): one UTF-16 code unit per such byte, never confused with a real character
 *    (valid UTF-8 cannot encode surrogates), and written back as the same byte.
 *
 * The mark is not part of the text (offsets are those an editor shows) and is written back as it was.
 * Encoding refuses a character the encoding cannot hold (a fix inserting `é` into an ISO-8859-1
 * file is fine; `€` is not), and lone surrogates other than the kept bytes.
 */
import type { FormatId } from '../service';

export type EncodingName = 'utf-8' | 'iso-8859-1' | 'utf-16le' | 'utf-16be';

export interface Encoding {
  name: EncodingName;
  /** The file started with a byte-order mark (not part of the text; written back). */
  bom: boolean;
  /** UTF-8 with bytes that are not UTF-8 kept as U+DC80–U+DCFF (4. above). */
  keptBytes?: boolean;
}

export type Decoded = { text: string; encoding: Encoding } | { unsupported: string };

/** How the encoding is named in messages. */
export function describeEncoding(e: Encoding): string {
  const name = { 'utf-8': 'UTF-8', 'iso-8859-1': 'ISO-8859-1', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' }[e.name];
  return `${name}${e.bom ? ' with a byte-order mark' : ''}${e.keptBytes ? ' (with bytes that are not UTF-8, kept as they are)' : ''}`;
}

const hasPrefix = (b: Uint8Array, ...p: number[]) => b.length >= p.length && p.every((x, i) => b[i] === x);

/** Looks like UTF-16 without a mark: in the first 4 KB, at least 8 pairs and most of one half of the byte pairs are NUL. */
function looksLikeBomlessUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 16) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (even > pairs * 0.7 && odd < pairs * 0.1) || (odd > pairs * 0.7 && even < pairs * 0.1);
}

export function decode(bytes: Uint8Array, format: FormatId | undefined): Decoded {
  if (hasPrefix(bytes, 0x00, 0x00, 0xfe, 0xff) || hasPrefix(bytes, 0xff, 0xfe, 0x00, 0x00)) {
    return { unsupported: 'the file is in UTF-32, which is not read' };
  }
  if (hasPrefix(bytes, 0xff, 0xfe) || hasPrefix(bytes, 0xfe, 0xff)) {
    const name: EncodingName = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    if ((bytes.length - 2) % 2 !== 0)
      return {
        unsupported: `the file starts with a ${name === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} byte-order mark but has an odd number of bytes`,
      };
    return { text: decodeUtf16(bytes.subarray(2), name === 'utf-16le'), encoding: { name, bom: true } };
  }
  const bom = hasPrefix(bytes, 0xef, 0xbb, 0xbf);
  const body = bom ? bytes.subarray(3) : bytes;
  if (looksLikeBomlessUtf16(body)) return { unsupported: 'the file looks like UTF-16 without a byte-order mark, which is not read' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: { name: 'utf-8', bom } };
  } catch {
    // not valid UTF-8
  }
  if (format === 'properties' && !bom)
    return {
      text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1'),
      encoding: { name: 'iso-8859-1', bom: false },
    };
  return { text: decodeUtf8KeepingBytes(body), encoding: { name: 'utf-8', bom, keptBytes: true } };
}

function decodeUtf16(b: Uint8Array, le: boolean): string {
  // TextDecoder would replace a lone surrogate: read code units as they are, so writing back is exact
  const units = new Uint16Array(b.length / 2);
  for (let i = 0; i < units.length; i++) units[i] = le ? b[2 * i] | (b[2 * i + 1] << 8) : (b[2 * i] << 8) | b[2 * i + 1];
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

/** UTF-8, each byte of an invalid sequence becoming U+DC80 + (byte − 0x80) (bytes < 0x80 are always valid). */
export function decodeUtf8KeepingBytes(b: Uint8Array): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  const flush = () => {
    if (chunk.length) parts.push(String.fromCharCode(...chunk));
    chunk = [];
  };
  const push = (u: number) => {
    chunk.push(u);
    if (chunk.length >= 8192) flush();
  };
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) {
      push(c);
      i++;
      continue;
    }
    // the length and the valid range of the second byte (Unicode Table 3-7, well-formed UTF-8)
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    }
    let ok = n > 0 && i + n <= b.length && b[i + 1] >= lo && b[i + 1] <= hi;
    for (let k = 2; ok && k < n; k++) ok = b[i + k] >= 0x80 && b[i + k] <= 0xbf;
    if (!ok) {
      push(0xdc00 + c);
      i++;
      continue;
    }
    let cp = n === 2 ? c & 0x1f : n === 3 ? c & 0x0f : c & 0x07;
    for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k] & 0x3f);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      push(0xd800 + (cp >> 10));
      push(0xdc00 + (cp & 0x3ff));
    } else push(cp);
    i += n;
  }
  flush();
  return parts.join('');
}

export type Encoded = { bytes: Buffer } | { unrepresentable: { offset: number; char: string } };

/** The bytes of `text` in `encoding` (with its mark), or the first character it cannot hold. */
export function encode(text: string, encoding: Encoding): Encoded {
  const chunks: Buffer[] = [];
  switch (encoding.name) {
    case 'iso-8859-1': {
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) > 0xff) return { unrepresentable: { offset: i, char: String.fromCodePoint(text.codePointAt(i)!) } };
      }
      chunks.push(Buffer.from(text, 'latin1'));
      break;
    }
    case 'utf-16le':
    case 'utf-16be': {
      chunks.push(Buffer.from(encoding.name === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]));
      const buf = Buffer.alloc(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const u = text.charCodeAt(i);
        if (encoding.name === 'utf-16le') buf.writeUInt16LE(u, 2 * i);
        else buf.writeUInt16BE(u, 2 * i);
      }
      chunks.push(buf);
      break;
    }
    case 'utf-8': {
      if (encoding.bom) chunks.push(Buffer.from([0xef, 0xbb, 0xbf]));
      let from = 0;
      for (let i = 0; i < text.length; i++) {
        const u = text.charCodeAt(i);
        if (u < 0xd800 || u > 0xdfff) continue;
        if (u <= 0xdbff && i + 1 < text.length) {
          const v = text.charCodeAt(i + 1);
          if (v >= 0xdc00 && v <= 0xdfff) {
            i++;
            continue;
          }
        }
        // a lone surrogate: a kept byte, or something no UTF-8 file can hold
        if (encoding.keptBytes && u >= 0xdc80 && u <= 0xdcff) {
          chunks.push(Buffer.from(text.slice(from, i), 'utf8'), Buffer.from([u - 0xdc00]));
          from = i + 1;
          continue;
        }
        return { unrepresentable: { offset: i, char: `U+${u.toString(16).toUpperCase()}` } };
      }
      chunks.push(Buffer.from(text.slice(from), 'utf8'));
      break;
    }
  }
  return { bytes: Buffer.concat(chunks) };
}
