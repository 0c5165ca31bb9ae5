/**
 * Reads a Gradle version catalog (`gradle/libs.versions.toml`) into the generic build model.
 *
 * The TOML reader is a small linear tokenizer of its own rather than a TOML package: the model
 * needs the line of each value (for "libs.versions.toml:3"), which TOML packages do not report,
 * and a catalog with one broken line should still give the rest (Gradle refuses such a file, but
 * the linter only reads versions from it). It knows comments, table headers (`[a.b]`; `[[…]]`
 * array tables are skipped), dotted, bare and quoted keys, basic and literal strings (one-line and
 * multi-line, escapes decoded), inline tables and arrays (nested, over several lines), and other
 * scalars (numbers, booleans, dates) as their text. A line that does not parse is skipped.
 *
 * Model: `[versions]` → properties (a rich `{ strictly | require | prefer }` gives its version),
 * `[libraries]` → dependencies (`module`, `group` + `name`, or the `"group:artifact:version"`
 * shorthand; `version`, `version.ref`, rich versions), `[plugins]` → plugins (`id`, `version` or
 * `version.ref`). A library or plugin entry keeps its alias.
 */
import { LineIndex } from '../text';
import { emptyModel, type BuildModel, type Written } from './model';

type Node =
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'table'; map: Map<string, Node>; offset: number }
  | { kind: 'other'; raw: string; offset: number };

const isBare = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
const isBlank = (c: number) => c === 32 || c === 9;

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  get done() {
    return this.i >= this.s.length;
  }
  code(k = 0) {
    return this.s.charCodeAt(this.i + k);
  }
  blanks() {
    while (isBlank(this.code())) this.i++;
  }
  /** Blanks, comments and line breaks (inside arrays and inline tables). */
  space() {
    for (;;) {
      const c = this.code();
      if (isBlank(c) || c === 10 || c === 13) this.i++;
      else if (c === 35 /* # */) this.toLineEnd();
      else return;
    }
  }
  toLineEnd() {
    while (this.i < this.s.length && this.code() !== 10 && this.code() !== 13) this.i++;
  }
  /** A dotted key (`a`, `"a b".c`, `'x'`), or undefined. */
  key(): string[] | undefined {
    const parts: string[] = [];
    for (;;) {
      this.blanks();
      const c = this.code();
      if (c === 34 || c === 39) {
        const str = this.string();
        if (str === undefined) return undefined;
        parts.push(str.value);
      } else if (isBare(c)) {
        const start = this.i;
        while (isBare(this.code())) this.i++;
        parts.push(this.s.slice(start, this.i));
      } else return undefined;
      this.blanks();
      if (this.code() !== 46 /* . */) return parts;
      this.i++;
    }
  }
  /** A string at the cursor (basic, literal, multi-line), escapes decoded. */
  string(): { value: string; offset: number } | undefined {
    const s = this.s;
    const q = s[this.i];
    const multi = s.startsWith(q.repeat(3), this.i);
    const open = multi ? 3 : 1;
    const offset = this.i;
    let j = this.i + open;
    if (multi && (s.charCodeAt(j) === 10 || (s.charCodeAt(j) === 13 && s.charCodeAt(j + 1) === 10))) j += s.charCodeAt(j) === 13 ? 2 : 1; // a newline right after the opening quotes is trimmed
    let out = '';
    for (;;) {
      if (j >= s.length) return undefined;
      const c = s.charCodeAt(j);
      if (!multi && (c === 10 || c === 13)) return undefined;
      if (s.startsWith(multi ? q.repeat(3) : q, j)) {
        // up to two quotes more belong to the content of a multi-line string
        let end = j + open;
        if (multi) {
          let extra = 0;
          while (extra < 2 && s[end] === q) {
            extra++;
            end++;
          }
          out += q.repeat(extra);
        }
        this.i = end;
        return { value: out, offset: offset + open };
      }
      if (q === '"' && c === 92 /* \ */) {
        const e = s[j + 1];
        if (multi && (e === '\n' || e === '\r' || e === ' ' || e === '\t')) {
          // a line-ending backslash trims the white space that follows
          let k = j + 1;
          while (k < s.length && (s[k] === ' ' || s[k] === '\t' || s[k] === '\n' || s[k] === '\r')) k++;
          j = k;
          continue;
        }
        const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
        if (e in simple) {
          out += simple[e];
          j += 2;
          continue;
        }
        if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          const hex = s.slice(j + 2, j + 2 + len);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) return undefined;
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) return undefined;
          out += String.fromCodePoint(cp);
          j += 2 + len;
          continue;
        }
        return undefined;
      }
      out += s[j];
      j++;
    }
  }
  /** A value: string, inline table, array (kept as other) or a scalar's text. */
  value(): Node | undefined {
    this.blanks();
    const c = this.code();
    const offset = this.i;
    if (c === 34 || c === 39) {
      const str = this.string();
      return str && { kind: 'string', value: str.value, offset: str.offset };
    }
    if (c === 123 /* { */) {
      this.i++;
      const map = new Map<string, Node>();
      for (;;) {
        this.space();
        if (this.code() === 125) {
          this.i++;
          return { kind: 'table', map, offset };
        }
        const k = this.key();
        if (!k) return undefined;
        this.blanks();
        if (this.code() !== 61 /* = */) return undefined;
        this.i++;
        const v = this.value();
        if (!v) return undefined;
        setDotted(map, k, v);
        this.space();
        if (this.code() === 44 /* , */) this.i++;
      }
    }
    if (c === 91 /* [ */) {
      this.i++;
      for (;;) {
        this.space();
        if (this.code() === 93) {
          this.i++;
          return { kind: 'other', raw: this.s.slice(offset, this.i), offset };
        }
        if (!this.value()) return undefined;
        this.space();
        if (this.code() === 44) this.i++;
        else if (this.code() !== 93) return undefined;
      }
    }
    const start = this.i;
    while (this.i < this.s.length) {
      const d = this.code();
      if (d === 44 || d === 125 || d === 93 || d === 35 || d === 10 || d === 13) break;
      this.i++;
    }
    const raw = this.s.slice(start, this.i).trim();
    return raw === '' ? undefined : { kind: 'other', raw, offset: start };
  }
}

function setDotted(t: Map<string, Node>, parts: string[], v: Node): void {
  let cur = t;
  for (const p of parts.slice(0, -1)) {
    let next = cur.get(p);
    if (!next || next.kind !== 'table') {
      next = { kind: 'table', map: new Map(), offset: v.offset };
      cur.set(p, next);
    }
    cur = next.map;
  }
  cur.set(parts[parts.length - 1], v);
}

/** The catalog's tables, name → entries (a broken line is skipped). */
export function readToml(text: string): Map<string, Map<string, Node>> {
  const tables = new Map<string, Map<string, Node>>();
  const r = new Reader(text);
  let current: Map<string, Node> | undefined;
  while (!r.done) {
    r.blanks();
    const c = r.code();
    if (c === 10 || c === 13 || c === 35) {
      if (c === 35) r.toLineEnd();
      else r.i++;
      continue;
    }
    const lineStart = r.i;
    let ok = false;
    if (c === 91 /* [ */) {
      if (r.code(1) === 91) {
        current = undefined; // [[array of tables]]: not part of a catalog
        r.toLineEnd();
        continue;
      }
      r.i++;
      const k = r.key();
      r.blanks();
      if (k && r.code() === 93) {
        r.i++;
        r.blanks();
        if (r.code() === 35 || r.code() === 10 || r.code() === 13 || r.done) {
          ok = true;
          const [top, ...rest] = k;
          if (!tables.has(top)) tables.set(top, new Map());
          current = tables.get(top);
          if (rest.length && current) {
            // [libraries.kafka-clients] as a table of its own
            const sub: Node = { kind: 'table', map: new Map(), offset: lineStart };
            setDotted(current, rest, sub);
            current = sub.map;
          }
        }
      }
      if (!ok) current = undefined;
    } else {
      const k = r.key();
      r.blanks();
      if (k && r.code() === 61) {
        r.i++;
        const v = r.value();
        if (v) {
          // what follows the value on its line is not looked at (as a tolerant reader)
          ok = true;
          if (current) setDotted(current, k, v);
        }
      }
    }
    if (!ok && r.i === lineStart) r.i++;
    r.toLineEnd();
  }
  return tables;
}

/** Reads a version catalog into the model. */
const str = (n: Node | undefined) => (n?.kind === 'string' ? n : undefined);
const tbl = (n: Node | undefined) => (n?.kind === 'table' ? n.map : undefined);

/** A written value at a node of the catalog (its line and offset in the file). */
type WrittenAt = (n: { offset: number }, raw: string) => Written;

/** "3.9.0", { strictly | require | prefer = "…" }, { ref = "…" } (→ ref) */
function catalogVersion(w: WrittenAt, n: Node | undefined): { version?: Written; ref?: Written } | undefined {
  const s = str(n);
  if (s) return { version: w(s, s.value.trim()) };
  const t = tbl(n);
  if (!t) return undefined;
  const ref = str(t.get('ref'));
  if (ref) return { ref: w(ref, ref.value.trim()) };
  const rich = str(t.get('strictly')) ?? str(t.get('require')) ?? str(t.get('prefer'));
  return rich ? { version: w(rich, rich.value.trim()) } : undefined;
}

/** `[libraries]`: `alias = "g:a:v"`, or `{ module | group + name, version }`. */
function catalogLibraries(model: BuildModel, w: WrittenAt, entries: Map<string, Node>): void {
  for (const [alias, n] of entries) {
    const s = str(n);
    if (s) {
      const parts = s.value.trim().split(':');
      if (parts.length < 2) continue;
      const [group, artifact, ...rest] = parts;
      const at = w(s, '');
      model.dependencies.push({
        group: { ...at, raw: group },
        artifact: { ...at, raw: artifact },
        ...(rest.length ? { version: { ...at, raw: rest.join(':') } } : {}),
        managed: false,
        line: at.line,
        offset: at.offset,
        alias,
      });
      continue;
    }
    const t = tbl(n);
    if (!t) continue;
    const module = str(t.get('module'));
    const coords = module ? module.value.trim().split(':') : [str(t.get('group'))?.value.trim(), str(t.get('name'))?.value.trim()];
    if (coords.length !== 2 || !coords[0] || !coords[1]) continue;
    const at = w(n, '');
    const v = catalogVersion(w, t.get('version'));
    model.dependencies.push({
      group: { ...at, raw: coords[0] },
      artifact: { ...at, raw: coords[1] },
      ...(v?.version ? { version: v.version } : {}),
      ...(v?.ref ? { versionRef: v.ref } : {}),
      managed: false,
      line: at.line,
      offset: at.offset,
      alias,
    });
  }
}

/** `[plugins]`: `alias = "id:v"`, or `{ id, version }`. */
function catalogPlugins(model: BuildModel, w: WrittenAt, entries: Map<string, Node>): void {
  for (const [alias, n] of entries) {
    const s = str(n);
    if (s) {
      const [id, ver] = s.value.trim().split(':');
      const at = w(s, '');
      model.plugins.push({
        how: 'catalog',
        id,
        ...(ver ? { version: { ...at, raw: ver } } : {}),
        applied: true,
        line: at.line,
        catalogAlias: alias,
      });
      continue;
    }
    const t = tbl(n);
    const id = str(t?.get('id'));
    if (!t || !id) continue;
    const v = catalogVersion(w, t.get('version'));
    model.plugins.push({
      how: 'catalog',
      id: id.value.trim(),
      ...(v?.version ? { version: v.version } : {}),
      ...(v?.ref ? { versionRef: v.ref } : {}),
      applied: true,
      line: w(n, '').line,
      catalogAlias: alias,
    });
  }
}

export function readCatalog(text: string): BuildModel {
  const model = emptyModel('catalog');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = text.length - body.length;
  const lines = new LineIndex(text);
  const w: WrittenAt = (n, raw) => ({ raw, line: lines.lineOf(n.offset + shift) + 1, offset: n.offset + shift });
  const tables = readToml(body);
  for (const [name, n] of tables.get('versions') ?? []) {
    const v = catalogVersion(w, n);
    if (v?.version) model.properties.set(name, { value: v.version.raw, line: v.version.line, offset: v.version.offset });
  }
  catalogLibraries(model, w, tables.get('libraries') ?? new Map<string, Node>());
  catalogPlugins(model, w, tables.get('plugins') ?? new Map<string, Node>());
  return model;
}
