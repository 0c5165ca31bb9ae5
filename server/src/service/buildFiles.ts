/**
 * Which `kafka-clients` version a build file declares: pure parsers over a file's text (no I/O).
 * Finding the files, walking up the folders and caching is server/src/config/buildVersion.ts.
 *
 * - Maven `pom.xml`: a `<dependency>` on org.apache.kafka:kafka-clients with a `<version>`, `${prop}`
 *   resolved from the pom's `<properties>`, else an entry in `<dependencyManagement>`, else (for a
 *   dependency without a version, managed by a parent or BOM such as Spring Boot's) the property
 *   `kafka.version` that Spring Boot's BOM reads. `<build>` (plugin dependencies), `<reporting>`,
 *   `<profiles>` and `<exclusions>` are not looked at.
 * - Gradle `build.gradle` / `build.gradle.kts`: `"org.apache.kafka:kafka-clients:3.9.0"` (single or
 *   double quotes, `$v` / `${v}` templates) and the map notation `group: …, name: …, version: …`
 *   (`=` in Kotlin), with variables from `ext { v = '…' }`, `ext.v = …`, `ext['v'] = …`,
 *   `val v = "…"`, `def v = '…'`, `extra["v"] = "…"`, `val v by extra("…")`.
 *   Several declarations: a `strictly`/`force` one wins, else the highest (Gradle's conflict resolution).
 * - `gradle/libs.versions.toml`: a `[libraries]` entry for the module with `version`, `version.ref`
 *   (→ `[versions]`), `{ strictly | require | prefer }`, or the `"group:name:version"` shorthand.
 *   A small reader for the TOML subset catalogs use (one-line inline tables, basic and literal
 *   strings); a TOML package would not give line numbers.
 *
 * A declaration without a usable version says why, and may name the property or variable (`needs`)
 * that a build file further up (a parent pom, the root project, gradle.properties) would define.
 * Versions that do not say which Apache Kafka release they are (ranges, `3.+`, Confluent's `-ccs`/
 * `-ce` builds) are not guessed at.
 */
import { parseProperties } from './formats/properties';
import { compareVersion, parseVersion } from './version';

export const KAFKA_CLIENTS = 'org.apache.kafka:kafka-clients';

/** What one build file says about kafka-clients. Lines are 1-based. */
export type KafkaClientsDeclaration =
  /** A usable version, written on `line` (`via`: the property or variable that held it). */
  | { version: string; line: number; via?: string }
  /**
   * kafka-clients is declared (on `line`) but this file gives no usable version: `reason` says why;
   * `needs` names the property or variable whose value would (looked up further up the folders).
   */
  | { version?: undefined; line: number; reason: string; needs?: string };

/** A property or variable definition. */
export interface Definition {
  value: string;
  line: number;
}

/** `pom.xml:42 (org.apache.kafka:kafka-clients 3.9.0)`, with `via ${kafka.version}` when a property held it. */
export function describeBuildVersion(file: string, line: number, version: string, via?: string): string {
  return `${file}:${line} (${KAFKA_CLIENTS} ${version}${via ? ` via ${via}` : ''})`;
}

/** A version that names an Apache Kafka release, or why not. */
export function usableVersion(raw: string): { version: string } | { reason: string } {
  let v = raw.trim();
  const exact = /^\[([^,\][()]+)\]$/.exec(v); // Maven's hard requirement [3.9.0]
  if (exact) v = exact[1].trim();
  if (v === '') return { reason: 'an empty version' };
  if (/[[\](),]/.test(v)) return { reason: `'${v}' is a version range` };
  if (v.includes('+') || /^latest\./.test(v) || v.includes('$')) return { reason: `'${v}' is not a fixed version` };
  if (/-(ccs|ce)$/i.test(v)) return { reason: `'${v}' is a Confluent Platform build; which Apache Kafka release it is, is not derived` };
  if (/^v/i.test(v) || parseVersion(v) === undefined || v === 'latest' || v === 'auto') return { reason: `'${v}' is not a version` };
  return { version: v };
}

// ---------------------------------------------------------------------------------------------
// shared helpers

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Replaces text[start, end) with spaces, keeping line breaks (so offsets and lines stay). */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function declared(raw: string, line: number, via?: string): KafkaClientsDeclaration {
  const u = usableVersion(raw);
  return 'version' in u ? { version: u.version, line, via } : { line, reason: u.reason };
}

// ---------------------------------------------------------------------------------------------
// Maven

interface Element {
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
}

/** `<name>…</name>` elements in [from, to) (a name does not nest inside itself in a pom). */
function elements(text: string, name: string, from = 0, to = text.length): Element[] {
  const out: Element[] = [];
  const open = new RegExp(`<${escapeRe(name)}(?:\\s[^>]*)?>`, 'g');
  const close = new RegExp(`</${escapeRe(name)}\\s*>`, 'g');
  open.lastIndex = from;
  for (let m = open.exec(text); m && m.index < to; m = open.exec(text)) {
    if (m[0].endsWith('/>')) continue;
    const innerStart = m.index + m[0].length;
    close.lastIndex = innerStart;
    const c = close.exec(text);
    if (!c || c.index >= to) break;
    const end = c.index + c[0].length;
    out.push({ start: m.index, end, innerStart, innerEnd: c.index });
    open.lastIndex = end;
  }
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/<!\[CDATA\[([^]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** The first child element's text and where it starts. */
function child(text: string, parent: Element, name: string): Definition & { offset: number } | undefined {
  const [e] = elements(text, name, parent.innerStart, parent.innerEnd);
  if (!e) return undefined;
  const raw = text.slice(e.innerStart, e.innerEnd);
  const lead = raw.length - raw.trimStart().length;
  return { value: unescapeXml(raw), offset: e.innerStart + lead, line: lineAt(text, e.innerStart + lead) };
}

/** The pom without comments and without the parts whose dependencies are not the project's. */
function cleanPom(text: string): string {
  let t = text.replace(/<!--[^]*?(?:-->|$)/g, (c) => c.replace(/[^\r\n]/g, ' '));
  for (const name of ['build', 'reporting', 'profiles', 'exclusions']) {
    for (const e of elements(t, name).reverse()) t = blank(t, e.start, e.end);
  }
  return t;
}

/** `<properties>` of the pom (outside profiles). */
function pomProperties(clean: string): Map<string, Definition> {
  const props = new Map<string, Definition>();
  for (const block of elements(clean, 'properties')) {
    const re = /<([A-Za-z_][\w.-]*)(?:\s[^>]*)?>([^<]*(?:<!\[CDATA\[[^]*?\]\]>[^<]*)*)<\/\1\s*>/g;
    re.lastIndex = block.innerStart;
    for (let m = re.exec(clean); m && m.index < block.innerEnd; m = re.exec(clean)) {
      const at = m.index + m[0].indexOf('>') + 1;
      const lead = m[2].length - m[2].trimStart().length;
      props.set(m[1], { value: unescapeXml(m[2]), line: lineAt(clean, at + lead) });
    }
  }
  return props;
}

/** Resolves `${…}` from the pom's properties; `missing` is the first property it could not find. */
function resolvePom(value: string, props: Map<string, Definition>, depth = 0): { value: string; via?: Definition & { name: string }; missing?: string } {
  const whole = /^\$\{([^}]+)\}$/.exec(value);
  if (whole) {
    const def = props.get(whole[1]);
    if (!def || depth > 8) return { value, missing: whole[1] };
    const inner = resolvePom(def.value, props, depth + 1);
    return { value: inner.value, via: inner.via ?? { ...def, name: whole[1] }, missing: inner.missing };
  }
  let missing: string | undefined;
  const out = value.replace(/\$\{([^}]+)\}/g, (all, name: string) => {
    const def = depth <= 8 ? props.get(name) : undefined;
    if (!def) {
      missing ??= name;
      return all;
    }
    return resolvePom(def.value, props, depth + 1).value;
  });
  return { value: out, missing };
}

/** The Spring Boot BOM property that sets the managed kafka-clients version. */
export const SPRING_BOOT_KAFKA_PROPERTY = 'kafka.version';

/** What a pom.xml declares about kafka-clients; undefined when it does not mention it. */
export function kafkaClientsInPom(text: string): KafkaClientsDeclaration | undefined {
  const clean = cleanPom(text);
  const managed = elements(clean, 'dependencyManagement');
  const inManaged = (e: Element) => managed.some((m) => e.start >= m.innerStart && e.end <= m.innerEnd);
  const direct: Array<{ e: Element; version?: ReturnType<typeof child>; test: boolean }> = [];
  const fromManagement: typeof direct = [];
  for (const e of elements(clean, 'dependency')) {
    if (child(clean, e, 'groupId')?.value !== 'org.apache.kafka' || child(clean, e, 'artifactId')?.value !== 'kafka-clients') continue;
    const type = child(clean, e, 'type')?.value;
    if (type && type !== 'jar') continue; // e.g. test-jar
    const scope = child(clean, e, 'scope')?.value;
    const entry = { e, version: child(clean, e, 'version'), test: scope === 'test' };
    (inManaged(e) ? fromManagement : direct).push(entry);
  }
  if (direct.length === 0 && fromManagement.length === 0) return undefined;
  const props = pomProperties(clean);
  // a compile/runtime dependency is what runs the producer; a test-scoped one only when it is the only one
  const main = direct.filter((d) => !d.test);
  const candidates = [...(main.length ? main : direct).filter((d) => d.version), ...fromManagement.filter((d) => d.version)];
  const first = candidates[0];
  if (first?.version) {
    const r = resolvePom(first.version.value, props);
    if (r.missing) {
      return { line: first.version.line, reason: `\${${r.missing}} is not defined in this pom`, needs: r.missing };
    }
    if (r.via) return declared(r.value, r.via.line, `\${${r.via.name}}`);
    return declared(r.value, first.version.line);
  }
  const at = lineAt(clean, (direct[0] ?? fromManagement[0]).e.start);
  const bootProperty = props.get(SPRING_BOOT_KAFKA_PROPERTY);
  if (bootProperty) {
    const r = resolvePom(bootProperty.value, props);
    if (!r.missing) return declared(r.value, bootProperty.line, `\${${SPRING_BOOT_KAFKA_PROPERTY}}`);
  }
  const parent = elements(clean, 'parent')[0];
  const parentName = parent && child(clean, parent, 'artifactId')?.value;
  const parentVersion = parent && child(clean, parent, 'version')?.value;
  const by = parentName ? `the parent ${parentName}${parentVersion ? ` ${parentVersion}` : ''} or a BOM` : 'a parent or a BOM';
  return { line: at, reason: `kafka-clients has no <version> here (managed by ${by})`, needs: SPRING_BOOT_KAFKA_PROPERTY };
}

/** A property from a pom's `<properties>` (for a child pom that needs it), `${…}` resolved. */
export function pomProperty(text: string, name: string): Definition | undefined {
  const props = pomProperties(cleanPom(text));
  const def = props.get(name);
  if (!def) return undefined;
  const r = resolvePom(def.value, props);
  return r.missing ? undefined : { value: r.value, line: r.via?.line ?? def.line };
}

// ---------------------------------------------------------------------------------------------
// Gradle

/** Blanks `//` and `/* *\/` comments, leaving strings alone. */
function blankGradleComments(text: string): string {
  const out = text.split('');
  let i = 0;
  const n = text.length;
  const wipe = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      let j = i;
      while (j < n && text[j] !== '\n' && text[j] !== '\r') j++;
      wipe(i, j);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      const end = j < 0 ? n : j + 2;
      wipe(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < n && !text.startsWith(q, j)) {
        if (text[j] === '\\') j++;
        else if (!triple && (text[j] === '\n' || text[j] === '\r')) break;
        j++;
      }
      i = j + q.length;
    } else i++;
  }
  return out.join('');
}

/** The variable a `$v` / `${v}` / `${project.v}` / `${property("v")}` / `${extra["v"]}` template names. */
function templateVariable(version: string): string | undefined {
  const simple = /^\$([A-Za-z_][\w]*)$/.exec(version);
  if (simple) return simple[1];
  const braced = /^\$\{\s*([^}]+?)\s*\}$/.exec(version);
  if (!braced) return undefined;
  const e = braced[1];
  const call = /^(?:(?:project|rootProject)\.)?(?:property|findProperty)\(\s*["']([^"']+)["']\s*\)(?:\s*as\s+String)?$/.exec(e);
  if (call) return call[1];
  const index = /^(?:(?:project|rootProject)\.)?(?:ext|extra|properties)\s*\[\s*["']([^"']+)["']\s*\](?:\s*as\s+String)?$/.exec(e);
  if (index) return index[1];
  const dotted = /^(?:(?:project|rootProject)\.)?(?:ext\.)?([A-Za-z_]\w*)$/.exec(e);
  if (dotted) return dotted[1];
  return undefined;
}

/** A variable's literal value defined in a build.gradle(.kts) (`ext`, `val`, `def`, `extra`). */
export function gradleVariable(text: string, name: string): Definition | undefined {
  const clean = blankGradleComments(text);
  const n = escapeRe(name);
  const str = `(["'])([^"'$\\r\\n]*)`;
  const patterns = [
    // ext { v = '1' }, ext.v = '1', project.ext.v = '1', val v = "1", def v = '1', val v: String = "1"
    new RegExp(`(?:^|[^\\w.$])(?:(?:val|var|def|final|String)\\s+)*(?:(?:project|rootProject)\\.)?(?:ext\\.)?${n}(?:\\s*:\\s*String)?\\s*=\\s*${str}\\1`, 'gm'),
    // ext['v'] = '1', extra["v"] = "1", project.ext["v"] = "1", ext.set("v", "1"), extra.set("v", "1"), set("v", "1")
    new RegExp(`(?:ext|extra)\\s*\\[\\s*(["'])${n}\\1\\s*\\]\\s*=\\s*${str}\\2`, 'g'),
    new RegExp(`(?:^|[^\\w])set\\(\\s*(["'])${n}\\1\\s*,\\s*${str}\\2\\s*\\)`, 'gm'),
    // val v by extra("1")
    new RegExp(`\\bval\\s+${n}(?:\\s*:\\s*String)?\\s+by\\s+extra\\(\\s*${str}\\1\\s*\\)`, 'g'),
  ];
  let best: { offset: number; value: string } | undefined;
  for (const re of patterns) {
    for (let m = re.exec(clean); m; m = re.exec(clean)) {
      const value = m[m.length - 1];
      const offset = m.index + m[0].lastIndexOf(value, m[0].length - 1);
      // the last assignment wins
      if (!best || offset > best.offset) best = { offset, value };
    }
  }
  return best && { value: best.value.trim(), line: lineAt(clean, best.offset) };
}

/** A property from a gradle.properties file (java.util.Properties syntax). */
export function gradlePropertiesValue(text: string, name: string): Definition | undefined {
  const parsed = parseProperties(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let found: Definition | undefined;
  for (const e of parsed.entries) {
    if (e.key === name && e.value !== undefined) found = { value: e.value.trim(), line: lineAt(text, e.valueSpan.start) };
  }
  return found;
}

interface GradleHit {
  offset: number;
  raw?: string;
  /** `raw` sits in a single-quoted Groovy string (no interpolation). */
  literalQuotes: boolean;
  forced: boolean;
}

/** The statement around `at`: to the enclosing parentheses, or the line (continued after a trailing comma). */
function statementAround(text: string, at: number): { start: number; end: number } {
  let depth = 0;
  let start = at;
  while (start > 0) {
    const c = text[start - 1];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) break;
      depth--;
    } else if ((c === '\n' || c === '\r') && depth === 0) {
      const before = text.slice(0, start - 1).trimEnd();
      if (!before.endsWith(',')) break;
    }
    start--;
  }
  depth = 0;
  let end = at;
  while (end < text.length) {
    const c = text[end];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if ((c === '\n' || c === '\r') && depth === 0) {
      if (!text.slice(start, end).trimEnd().endsWith(',')) break;
    }
    end++;
  }
  return { start, end };
}

function gradleHits(clean: string): GradleHit[] {
  const hits: GradleHit[] = [];
  // "org.apache.kafka:kafka-clients[:version[:classifier]][@ext]"
  const coord = /(["'])org\.apache\.kafka:kafka-clients(?::((?:\$\{[^}]*\}|[^"':@\s])*))?(?::[^"'@]*)?(?:@[^"']*)?\1/g;
  for (let m = coord.exec(clean); m; m = coord.exec(clean)) {
    const before = clean.slice(Math.max(0, m.index - 60), m.index);
    const forced = /\bforce\s*\(?\s*$/.test(before);
    const hit: GradleHit = { offset: m.index + 1, literalQuotes: m[1] === "'", forced };
    if (m[2]) {
      hit.raw = m[2];
      hit.offset = m.index + m[0].indexOf(':', m[0].indexOf('kafka-clients')) + 1;
    } else {
      // a rich version: ("org.apache.kafka:kafka-clients") { version { strictly("3.9.0") } }
      const rich = /^\s*\)?\s*\{\s*version\s*\{\s*(strictly|require|prefer)\s*\(?\s*(["'])([^"']+)\2/.exec(clean.slice(m.index + m[0].length, m.index + m[0].length + 200));
      if (rich) {
        hit.raw = rich[3];
        hit.offset = m.index + m[0].length + rich.index + rich[0].length - rich[3].length;
        hit.forced = rich[1] === 'strictly';
        hit.literalQuotes = rich[2] === "'";
      }
    }
    hits.push(hit);
  }
  // group: 'org.apache.kafka', name: 'kafka-clients', version: '3.7.1'  (Kotlin: group = "…", name = "…")
  const name = /\bname\s*[:=]\s*(["'])kafka-clients\1/g;
  for (let m = name.exec(clean); m; m = name.exec(clean)) {
    const st = statementAround(clean, m.index);
    const s = clean.slice(st.start, st.end);
    if (!/\bgroup\s*[:=]\s*(["'])org\.apache\.kafka\1/.test(s)) continue;
    const v = /\bversion\s*[:=]\s*(["'])((?:\$\{[^}]*\}|[^"'])*)\1/.exec(s);
    const forced = /\bforce\s*[:=]\s*true\b/.test(s);
    if (v) hits.push({ offset: st.start + v.index + v[0].length - 1 - v[2].length, raw: v[2], literalQuotes: v[1] === "'", forced });
    else hits.push({ offset: st.start + (m.index - st.start), literalQuotes: false, forced });
  }
  return hits.sort((a, b) => a.offset - b.offset);
}

/**
 * What a build.gradle or build.gradle.kts declares about kafka-clients; undefined when it does not
 * mention it. A variable not defined in the file comes back as `needs` (gradle.properties, the root
 * project).
 */
export function kafkaClientsInGradle(text: string): KafkaClientsDeclaration | undefined {
  const clean = blankGradleComments(text);
  const hits = gradleHits(clean);
  if (hits.length === 0) return undefined;
  const results: Array<{ d: KafkaClientsDeclaration; forced: boolean }> = [];
  for (const h of hits) {
    const line = lineAt(clean, h.offset);
    if (h.raw === undefined) continue;
    if (h.raw.includes('$')) {
      const name = templateVariable(h.raw);
      if (!name) {
        results.push({ d: { line, reason: `'${h.raw}' is not a plain variable` }, forced: h.forced });
        continue;
      }
      if (h.literalQuotes) {
        results.push({ d: { line, reason: `'${h.raw}' sits in a single-quoted Groovy string, which does not substitute variables` }, forced: h.forced });
        continue;
      }
      const def = gradleVariable(text, name);
      if (def) results.push({ d: declared(def.value, def.line, name), forced: h.forced });
      else results.push({ d: { line, reason: `${name} is not defined in this build file`, needs: name }, forced: h.forced });
      continue;
    }
    results.push({ d: declared(h.raw, line), forced: h.forced });
  }
  if (results.length === 0) {
    // only versionless declarations: a platform/BOM or Spring's dependency-management plugin sets it
    const line = lineAt(clean, hits[0].offset);
    const def = gradleVariable(text, SPRING_BOOT_KAFKA_PROPERTY);
    if (def) return declared(def.value, def.line, SPRING_BOOT_KAFKA_PROPERTY);
    return { line, reason: 'kafka-clients has no version here (managed by a platform or BOM)', needs: SPRING_BOOT_KAFKA_PROPERTY };
  }
  const forced = results.filter((r) => r.forced);
  const pool = forced.length ? forced : results;
  const usable = pool.filter((r) => r.d.version !== undefined);
  if (usable.length === 0) return pool[0].d;
  // Gradle resolves several requested versions to the highest
  return usable.reduce((a, b) => (compareVersion(parseVersion(b.d.version)!, parseVersion(a.d.version)!) > 0 ? b : a)).d;
}

// ---------------------------------------------------------------------------------------------
// Gradle version catalog (gradle/libs.versions.toml)

type TomlValue = { s: string; line: number } | { t: Map<string, TomlValue>; line: number };

/** Reads one TOML value at `i` (a string or a one-line inline table); returns it and where it ends. */
function readTomlValue(src: string, i: number, line: number): { v: TomlValue; end: number } | undefined {
  while (src[i] === ' ' || src[i] === '\t') i++;
  const c = src[i];
  if (c === '"' || c === "'") {
    let j = i + 1;
    let s = '';
    while (j < src.length && src[j] !== c) {
      if (c === '"' && src[j] === '\\' && j + 1 < src.length) {
        const e = src[j + 1];
        s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        j += 2;
        continue;
      }
      s += src[j++];
    }
    if (src[j] !== c) return undefined;
    return { v: { s, line }, end: j + 1 };
  }
  if (c === '{') {
    const t = new Map<string, TomlValue>();
    let j = i + 1;
    for (;;) {
      while (src[j] === ' ' || src[j] === '\t' || src[j] === ',') j++;
      if (src[j] === '}') return { v: { t, line }, end: j + 1 };
      const key = readTomlKey(src, j);
      if (!key) return undefined;
      j = key.end;
      while (src[j] === ' ' || src[j] === '\t') j++;
      if (src[j] !== '=') return undefined;
      const val = readTomlValue(src, j + 1, line);
      if (!val) return undefined;
      setDotted(t, key.parts, val.v);
      j = val.end;
    }
  }
  // numbers, booleans, arrays: not used for versions here; skip the rest of the value
  const m = /^[^,}#]*/.exec(src.slice(i))!;
  return { v: { s: m[0].trim(), line }, end: i + m[0].length };
}

function readTomlKey(src: string, i: number): { parts: string[]; end: number } | undefined {
  const parts: string[] = [];
  for (;;) {
    while (src[i] === ' ' || src[i] === '\t') i++;
    const c = src[i];
    if (c === '"' || c === "'") {
      const j = src.indexOf(c, i + 1);
      if (j < 0) return undefined;
      parts.push(src.slice(i + 1, j));
      i = j + 1;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(src.slice(i));
      if (!m) return undefined;
      parts.push(m[0]);
      i += m[0].length;
    }
    while (src[i] === ' ' || src[i] === '\t') i++;
    if (src[i] !== '.') return { parts, end: i };
    i++;
  }
}

function setDotted(t: Map<string, TomlValue>, parts: string[], v: TomlValue): void {
  let cur = t;
  for (const p of parts.slice(0, -1)) {
    let next = cur.get(p);
    if (!next || !('t' in next)) {
      next = { t: new Map(), line: v.line };
      cur.set(p, next);
    }
    cur = next.t;
  }
  cur.set(parts[parts.length - 1], v);
}

/** The catalog's tables: `versions` and `libraries`, alias → value. */
function readCatalog(text: string): Map<string, Map<string, TomlValue>> {
  const tables = new Map<string, Map<string, TomlValue>>();
  let current: Map<string, TomlValue> | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let ln = 0; ln < lines.length; ln++) {
    const raw = lines[ln];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(trimmed);
    if (header && !trimmed.startsWith('[[')) {
      const key = readTomlKey(header[1], 0);
      if (!key) {
        current = undefined;
        continue;
      }
      const [top, ...rest] = key.parts;
      if (!tables.has(top)) tables.set(top, new Map());
      current = tables.get(top);
      if (rest.length && current) {
        // [libraries.kafka-clients] as a table of its own
        const sub: TomlValue = { t: new Map(), line: ln + 1 };
        setDotted(current, rest, sub);
        current = (sub as { t: Map<string, TomlValue> }).t;
      }
      continue;
    }
    if (!current) continue;
    const key = readTomlKey(raw, 0);
    if (!key) continue;
    let j = key.end;
    while (raw[j] === ' ' || raw[j] === '\t') j++;
    if (raw[j] !== '=') continue;
    const val = readTomlValue(raw, j + 1, ln + 1);
    if (val) setDotted(current, key.parts, val.v);
  }
  return tables;
}

const str = (v: TomlValue | undefined) => (v && 's' in v ? v : undefined);
const tbl = (v: TomlValue | undefined) => (v && 't' in v ? v.t : undefined);

/** A version value: "3.9.0" or { strictly | require | prefer = "…" } (also { ref = "…" } → `ref`). */
function catalogVersion(v: TomlValue | undefined): { s: string; line: number } | { ref: string; line: number } | undefined {
  const s = str(v);
  if (s) return s;
  const t = tbl(v);
  if (!t) return undefined;
  const ref = str(t.get('ref'));
  if (ref) return { ref: ref.s, line: ref.line };
  return str(t.get('strictly')) ?? str(t.get('require')) ?? str(t.get('prefer'));
}

/** What gradle/libs.versions.toml declares about kafka-clients; undefined when it does not mention it. */
export function kafkaClientsInVersionCatalog(text: string): KafkaClientsDeclaration | undefined {
  const tables = readCatalog(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const libraries = tables.get('libraries');
  if (!libraries) return undefined;
  const versions = tables.get('versions') ?? new Map<string, TomlValue>();
  for (const [alias, lib] of libraries) {
    const s = str(lib);
    if (s) {
      const m = /^org\.apache\.kafka:kafka-clients(?::(.*))?$/.exec(s.s.trim());
      if (!m) continue;
      if (m[1] === undefined) return { line: s.line, reason: `library '${alias}' has no version (managed by a platform or BOM)`, needs: SPRING_BOOT_KAFKA_PROPERTY };
      return declared(m[1], s.line);
    }
    const t = tbl(lib);
    if (!t) continue;
    const module = str(t.get('module'))?.s.trim();
    const isKafka = module === KAFKA_CLIENTS || (str(t.get('group'))?.s.trim() === 'org.apache.kafka' && str(t.get('name'))?.s.trim() === 'kafka-clients');
    if (!isKafka) continue;
    const v = catalogVersion(t.get('version'));
    if (!v) return { line: lib.line, reason: `library '${alias}' has no version (managed by a platform or BOM)`, needs: SPRING_BOOT_KAFKA_PROPERTY };
    if ('ref' in v) {
      const target = catalogVersion(versions.get(v.ref));
      if (!target || 'ref' in target) return { line: v.line, reason: `version.ref '${v.ref}' is not in [versions]` };
      return declared(target.s, target.line, `version.ref ${v.ref}`);
    }
    return declared(v.s, v.line);
  }
  return undefined;
}
