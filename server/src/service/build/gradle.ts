/**
 * Reads a Gradle build script (`build.gradle`, `build.gradle.kts`, `settings.gradle(.kts)`, Groovy
 * or Kotlin DSL) into the generic build model, from the tokens of gradleLexer.ts in linear time:
 *
 * - dependencies: `"group:artifact:version[:classifier][@ext]"` strings (any configuration,
 *   `constraints`, `force`), the map notation `group: …, name: …, version: …` (`=` in Kotlin) within
 *   one statement, a rich `{ version { strictly | require | prefer … } }` after a versionless string;
 * - BOMs: `platform(…)`, `enforcedPlatform(…)`, the dependency-management plugin's `mavenBom …`
 *   (and Spring Boot's `SpringBootPlugin.BOM_COORDINATES`);
 * - plugins: `plugins { id … version … [apply false] }`, `alias(libs.plugins.…)`,
 *   `apply plugin: '…'` / `apply(plugin = "…")`, buildscript `classpath "group:artifact:version"`;
 * - variables: `ext { v = '…' }`, `ext.v = …`, `project.ext.v`, `ext['v'] = …`, `extra["v"] = …`,
 *   `set("v", …)`, `val v = "…"`, `def v = '…'`, `val v by extra("…")` with a literal string value
 *   (no `$` template); the last assignment wins;
 * - `micronaut { version "…" }`.
 */
import { LineIndex } from '../text';
import { tokenize, type Token } from './gradleLexer';
import { emptyModel, type BuildModel, type DependencyDecl, type Written } from './model';

/** Parsed `group:artifact[:version][:classifier][@ext]` string content, or undefined when it is not one. */
export function parseCoordinate(
  content: string,
): { group: string; artifact: string; version?: string; versionAt: number; rest: string } | undefined {
  const n = content.length;
  const isPlain = (c: number) => !(c === 58 || c === 64 || c === 34 || c === 39 || c <= 32); // not : @ " ' or white space
  /** Past a group or artifact: plain characters and whole `${…}` templates. */
  const part = (from: number) => {
    let k = from;
    while (k < n) {
      if (content.charCodeAt(k) === 36 && content.charCodeAt(k + 1) === 123) {
        const close = content.indexOf('}', k + 2);
        if (close >= 0) {
          k = close + 1;
          continue;
        }
      }
      if (!isPlain(content.charCodeAt(k))) break;
      k++;
    }
    return k;
  };
  let i = part(0);
  if (i === 0 || content[i] !== ':') return undefined;
  const group = content.slice(0, i);
  const aStart = i + 1;
  i = part(aStart);
  if (i === aStart) return undefined;
  const artifact = content.slice(aStart, i);
  let version: string | undefined;
  let versionAt = -1;
  if (content[i] === ':') {
    // the version: characters other than " ' : @ and white space, or whole ${…} templates
    const vStart = ++i;
    while (i < n) {
      const c = content.charCodeAt(i);
      if (c === 36 && content.charCodeAt(i + 1) === 123) {
        const close = content.indexOf('}', i + 2);
        if (close >= 0) {
          i = close + 1;
          continue;
        }
      }
      if (!isPlain(c)) break;
      i++;
    }
    if (i > vStart) {
      version = content.slice(vStart, i);
      versionAt = vStart;
    }
  }
  const restStart = i;
  // then an optional :classifier (no quote or @) and an optional @ext (no quote)
  if (content[i] === ':') {
    i++;
    while (i < n && content[i] !== '"' && content[i] !== "'" && content[i] !== '@') i++;
  }
  if (content[i] === '@') {
    i++;
    while (i < n && content[i] !== '"' && content[i] !== "'") i++;
  }
  if (i !== n) return undefined;
  return { group, artifact, version, versionAt, rest: content.slice(restStart) };
}

const STRING_QUOTES = new Set(["'", '"']);

/** The token stream's structure: statements (segments, split at newlines and parentheses) and the enclosing brace blocks. */
interface GradleStructure {
  segOf: Int32Array;
  /** Per segment, its first and last significant token (-1 when it has none). */
  segFirst: number[];
  segLast: number[];
  /** Per token, the innermost brace block's name. */
  blockOf: string[];
  /** Per token, all enclosing block names, '/'-joined (bounded use). */
  blocksOf: string[];
}

/** The tokens of a script with what every step of `readGradle` reads them with. */
interface GradleTokens {
  model: BuildModel;
  tokens: Token[];
  n: number;
  lineOf(offset: number): number;
  at(i: number): Token | undefined;
  is(i: number, kind: Token['kind'], value?: string): boolean;
  /** A written value: a token's text (or `raw`) with its line. */
  written(t: Token, raw?: string, offset?: number): Written;
}

function gradleTokens(text: string): GradleTokens {
  const tokens = tokenize(text);
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.lineOf(offset) + 1;
  const n = tokens.length;
  const at = (i: number): Token | undefined => (i >= 0 && i < n ? tokens[i] : undefined);
  const is = (i: number, kind: Token['kind'], value?: string) => {
    const t = at(i);
    return !!t && t.kind === kind && (value === undefined || t.text === value);
  };
  const written = (t: Token, raw = t.text, offset = t.contentStart ?? t.start): Written => {
    const w: Written = { raw, line: lineOf(offset), offset };
    if (t.quote?.[0] === "'") w.literalQuotes = true;
    return w;
  };
  return { model: emptyModel('gradle'), tokens, n, lineOf, at, is, written };
}

/** One pass over the tokens: paren/brace structure, statements (segments), block names. */
function gradleStructure({ tokens, n, is }: GradleTokens): GradleStructure {
  const segOf = new Int32Array(n);
  const segFirst: number[] = [];
  const segLast: number[] = [];
  const blockOf = new Array<string>(n); // the innermost brace block's name
  const blocksOf = new Array<string>(n); // all enclosing block names, '/'-joined (bounded use)
  const parens: number[] = [];
  let seg = 0;
  segFirst.push(-1);
  segLast.push(-1);
  const newSeg = () => {
    segFirst.push(-1);
    segLast.push(-1);
    return segFirst.length - 1;
  };
  const braces: Array<{ name: string; path: string }> = [];
  let lastSignificant: Token | undefined;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const top = braces.length ? braces[braces.length - 1] : undefined;
    blockOf[i] = top?.name ?? '';
    blocksOf[i] = top?.path ?? '';
    if (t.kind === 'newline') {
      if (!(lastSignificant?.kind === 'punct' && lastSignificant.text === ',')) seg = newSeg();
      segOf[i] = seg;
      continue;
    }
    if (t.kind === 'punct' && t.text === '(') {
      segOf[i] = seg;
      parens.push(seg);
      seg = newSeg();
    } else if (t.kind === 'punct' && t.text === ')') {
      if (parens.length) seg = parens.pop()!;
      segOf[i] = seg;
    } else if (t.kind === 'punct' && t.text === '{') {
      segOf[i] = seg;
      // the block's name: the identifier before it, or before a parenthesised argument list
      let k = i - 1;
      if (is(k, 'punct', ')')) {
        let depth = 0;
        for (; k >= 0 && i - k < 64; k--) {
          if (is(k, 'punct', ')')) depth++;
          else if (is(k, 'punct', '(') && --depth === 0) break;
        }
        k--;
      }
      const name = is(k, 'ident') ? tokens[k].text : '';
      braces.push({ name, path: braces.length < 8 ? `${top?.path ?? ''}/${name}` : (top?.path ?? '') });
    } else if (t.kind === 'punct' && t.text === '}') {
      segOf[i] = seg;
      braces.pop();
    } else segOf[i] = seg;
    if (segFirst[segOf[i]] < 0) segFirst[segOf[i]] = i;
    segLast[segOf[i]] = i;
    lastSignificant = t;
  }
  return { segOf, segFirst, segLast, blockOf, blocksOf };
}

/** Map notation (`group: …, name: …, version: …`) per statement: keys found once, in order. */
function mapNotation(g: GradleTokens, { segOf, segFirst, segLast, blockOf }: GradleStructure): void {
  const { model, tokens, n, is, written, lineOf } = g;
  const keyed = (i: number, key: string) =>
    is(i, 'ident', key) && (is(i + 1, 'punct', ':') || is(i + 1, 'punct', '=')) && !is(i - 1, 'punct', '.');
  const groupKeys: number[] = [];
  const versionKeys: number[] = [];
  const forceKeys: number[] = [];
  const nameKeys: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.kind !== 'ident') continue;
    if (t.text === 'group' && keyed(i, 'group') && is(i + 2, 'string') && STRING_QUOTES.has(tokens[i + 2].quote!)) groupKeys.push(i);
    else if (t.text === 'version' && keyed(i, 'version') && is(i + 2, 'string') && STRING_QUOTES.has(tokens[i + 2].quote!))
      versionKeys.push(i);
    else if (t.text === 'force' && keyed(i, 'force') && is(i + 2, 'ident', 'true')) forceKeys.push(i);
    else if (t.text === 'name' && keyed(i, 'name') && is(i + 2, 'string') && STRING_QUOTES.has(tokens[i + 2].quote!)) nameKeys.push(i);
  }
  /** The first index in sorted `xs` within [a, b], or -1. */
  const firstIn = (xs: number[], a: number, b: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] < a) lo = mid + 1;
      else hi = mid;
    }
    return lo < xs.length && xs[lo] <= b ? xs[lo] : -1;
  };
  const seenSegments = new Set<number>();
  for (const i of nameKeys) {
    const seg = segOf[i];
    if (seenSegments.has(seg)) continue; // one statement, one declaration
    seenSegments.add(seg);
    const a = segFirst[seg];
    const b = segLast[seg];
    const g = firstIn(groupKeys, a, b);
    if (g < 0) continue;
    const v = firstIn(versionKeys, a, b);
    const name = tokens[i + 2];
    const dep: DependencyDecl = {
      group: written(tokens[g + 2]),
      artifact: written(name),
      managed: blockOf[i] === 'constraints',
      forced: firstIn(forceKeys, a, b) >= 0,
      line: lineOf(tokens[i].start),
      offset: tokens[i].start,
    };
    if (v >= 0) dep.version = written(tokens[v + 2]);
    model.dependencies.push(dep);
  }
}

/** A rich version after a versionless coordinate: `("g:a") { version { strictly("3.9.0") } }` (also `require`, `prefer`). */
function richVersion({ at, is, written }: GradleTokens, i: number, dep: DependencyDecl): void {
  let k = i + 1;
  if (is(k, 'punct', ')')) k++;
  while (is(k, 'newline')) k++;
  if (!is(k, 'punct', '{')) return;
  k++;
  while (is(k, 'newline')) k++;
  if (!is(k, 'ident', 'version')) return;
  k++;
  while (is(k, 'newline')) k++;
  if (!is(k, 'punct', '{')) return;
  k++;
  while (is(k, 'newline')) k++;
  const kind = at(k);
  if (kind?.kind !== 'ident' || (kind.text !== 'strictly' && kind.text !== 'require' && kind.text !== 'prefer')) return;
  k++;
  if (is(k, 'punct', '(')) k++;
  const s = at(k);
  if (s?.kind === 'string' && STRING_QUOTES.has(s.quote!) && s.text !== '' && !/["']/.test(s.text)) {
    dep.version = written(s);
    if (kind.text === 'strictly') dep.forced = true;
  }
}

/** Strings that hold coordinates: dependencies, BOMs, buildscript classpath entries, with what wraps them. */
function coordinateStrings(g: GradleTokens, { blockOf, blocksOf }: GradleStructure): void {
  const { model, tokens, n, at, is, written, lineOf } = g;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.kind !== 'string') continue;
    const c = parseCoordinate(t.text);
    if (!c) continue;
    // the call around it: `w(` just before, or `w` (Groovy command syntax)
    const open = is(i - 1, 'punct', '(');
    const w = open ? at(i - 2) : at(i - 1);
    const wrapper = w?.kind === 'ident' ? w.text : '';
    const group = written(t, c.group, t.contentStart);
    const artifact = written(t, c.artifact, t.contentStart! + c.group.length + 1);
    const version = c.version !== undefined ? written(t, c.version, t.contentStart! + c.versionAt) : undefined;
    if (
      wrapper === 'platform' ||
      wrapper === 'enforcedPlatform' ||
      (wrapper === 'mavenBom' && blocksOf[i].includes('dependencyManagement'))
    ) {
      model.boms.push({ how: wrapper, group, artifact, version, line: lineOf(t.start) });
      continue;
    }
    if (wrapper === 'classpath') {
      model.plugins.push({ how: 'classpath', id: `${c.group}:${c.artifact}`, version, applied: true, line: lineOf(t.start) });
      continue;
    }
    const dep: DependencyDecl = {
      group,
      artifact,
      managed: blockOf[i] === 'constraints' || (blockOf[i] === 'dependencies' && blocksOf[i].includes('dependencyManagement')),
      forced: wrapper === 'force',
      rest: c.rest,
      line: lineOf(t.start),
      offset: t.contentStart!,
    };
    if (version) dep.version = version;
    else richVersion(g, i, dep);
    model.dependencies.push(dep);
  }
}

/** Spring Boot's BOM constant: platform(SpringBootPlugin.BOM_COORDINATES), mavenBom(…BOM_COORDINATES). */
function springBootBom(g: GradleTokens): void {
  const { model, tokens, n, at, is, lineOf } = g;
  for (let i = 0; i < n; i++) {
    if (!is(i, 'ident', 'BOM_COORDINATES') || !is(i - 1, 'punct', '.') || !is(i - 2, 'ident', 'SpringBootPlugin')) continue;
    let k = i - 2;
    while (is(k - 1, 'punct', '.') && is(k - 2, 'ident')) k -= 2; // org.springframework.boot.gradle.plugin.SpringBootPlugin
    const open = is(k - 1, 'punct', '(');
    const w = open ? at(k - 2) : at(k - 1);
    const how =
      w?.kind === 'ident' && (w.text === 'platform' || w.text === 'enforcedPlatform' || w.text === 'mavenBom') ? w.text : undefined;
    if (!how) continue;
    const t = tokens[i];
    const line = lineOf(t.start);
    model.boms.push({
      how,
      group: { raw: 'org.springframework.boot', line, offset: t.start },
      artifact: { raw: 'spring-boot-dependencies', line, offset: t.start },
      line,
      bootPluginBom: true,
    });
  }
}

/** Plugins, applied plugins, `micronaut { version }`. */
function pluginsAndMicronaut(g: GradleTokens, { blockOf, blocksOf }: GradleStructure): void {
  const { model, tokens, n, at, is, written, lineOf } = g;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.kind !== 'ident') continue;
    if ((t.text === 'id' || t.text === 'alias') && blocksOf[i].split('/').includes('plugins') && !is(i - 1, 'punct', '.')) {
      let k = i + 1;
      const paren = is(k, 'punct', '(');
      if (paren) k++;
      let id: string | undefined;
      let catalogAlias: string | undefined;
      if (t.text === 'id' && is(k, 'string')) {
        id = tokens[k].text;
        k++;
      } else if (t.text === 'alias' && is(k, 'ident', 'libs') && is(k + 1, 'punct', '.') && is(k + 2, 'ident', 'plugins')) {
        const parts: string[] = [];
        k += 3;
        while (is(k, 'punct', '.') && is(k + 1, 'ident')) {
          parts.push(tokens[k + 1].text);
          k += 2;
        }
        catalogAlias = parts.join('.');
      } else continue;
      if (paren) {
        if (!is(k, 'punct', ')')) continue;
        k++;
      }
      let version: Written | undefined;
      if (is(k, 'ident', 'version')) {
        k++;
        const vp = is(k, 'punct', '(');
        if (vp) k++;
        const v = at(k);
        if (v?.kind === 'string') version = written(v);
        else if (v?.kind === 'ident') version = { raw: `\${${v.text}}`, line: lineOf(v.start), offset: v.start }; // Kotlin: version springBootVersion
        if (v) k++;
        if (vp && is(k, 'punct', ')')) k++;
      }
      let applied = true;
      if (is(k, 'ident', 'apply')) {
        const v = is(k + 1, 'punct', '(') ? at(k + 2) : at(k + 1);
        if (v?.kind === 'ident' && v.text === 'false') applied = false;
      }
      model.plugins.push({
        how: 'plugins',
        id: id ?? '',
        version,
        applied,
        line: lineOf(t.start),
        ...(catalogAlias !== undefined ? { catalogAlias } : {}),
      });
      continue;
    }
    if (t.text === 'apply' && !is(i - 1, 'punct', '.')) {
      // apply plugin: 'x'  |  apply(plugin = "x")
      let k = i + 1;
      if (is(k, 'punct', '(')) k++;
      if (is(k, 'ident', 'plugin') && (is(k + 1, 'punct', ':') || is(k + 1, 'punct', '=')) && is(k + 2, 'string')) {
        model.plugins.push({ how: 'apply', id: tokens[k + 2].text, applied: true, line: lineOf(t.start) });
      }
      continue;
    }
    if (t.text === 'version' && blockOf[i] === 'micronaut') {
      let k = i + 1;
      if (is(k, 'punct', '(') || is(k, 'punct', '=')) k++;
      if (is(k, 'string')) model.micronautVersion = written(tokens[k]);
    }
  }
}

/** Variables with a literal value. */
function variables(g: GradleTokens): void {
  const { model, tokens, n, at, is, lineOf } = g;
  const literal = (t: Token | undefined) => !!t && t.kind === 'string' && !t.text.includes('$') && !/["'\r\n]/.test(t.text);
  const define = (name: string, value: Token) =>
    model.properties.set(name, { value: value.text.trim(), line: lineOf(value.contentStart!), offset: value.contentStart! });
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.kind !== 'ident') continue;
    // NAME [: String] = '…'   (after project./rootProject./ext. only)
    if (is(i + 1, 'punct', '=') || (is(i + 1, 'punct', ':') && is(i + 2, 'ident', 'String') && is(i + 3, 'punct', '='))) {
      const eq = is(i + 1, 'punct', '=') ? i + 1 : i + 3;
      let k = i;
      if (is(k - 1, 'punct', '.') && is(k - 2, 'ident', 'ext')) k -= 2;
      if (is(k - 1, 'punct', '.') && (is(k - 2, 'ident', 'project') || is(k - 2, 'ident', 'rootProject'))) k -= 2;
      const before = at(k - 1);
      const qualifiedElsewhere = before?.kind === 'punct' && (before.text === '.' || before.text === '?.');
      if (!qualifiedElsewhere && literal(at(eq + 1))) define(t.text, tokens[eq + 1]);
      continue;
    }
    // ext['v'] = '…', extra["v"] = "…"
    if (
      (t.text === 'ext' || t.text === 'extra') &&
      is(i + 1, 'punct', '[') &&
      is(i + 2, 'string') &&
      is(i + 3, 'punct', ']') &&
      is(i + 4, 'punct', '=') &&
      literal(at(i + 5))
    ) {
      define(tokens[i + 2].text, tokens[i + 5]);
      continue;
    }
    // set("v", "…")
    if (
      t.text === 'set' &&
      is(i + 1, 'punct', '(') &&
      is(i + 2, 'string') &&
      is(i + 3, 'punct', ',') &&
      literal(at(i + 4)) &&
      is(i + 5, 'punct', ')')
    ) {
      define(tokens[i + 2].text, tokens[i + 4]);
      continue;
    }
    // val v [: String] by extra("…")
    if (t.text === 'val' && is(i + 1, 'ident')) {
      let k = i + 2;
      if (is(k, 'punct', ':') && is(k + 1, 'ident', 'String')) k += 2;
      if (is(k, 'ident', 'by') && is(k + 1, 'ident', 'extra') && is(k + 2, 'punct', '(') && literal(at(k + 3)) && is(k + 4, 'punct', ')'))
        define(tokens[i + 1].text, tokens[k + 3]);
    }
  }
}

export function readGradle(text: string): BuildModel {
  const g = gradleTokens(text);
  const structure = gradleStructure(g);
  mapNotation(g, structure);
  coordinateStrings(g, structure);
  springBootBom(g);
  pluginsAndMicronaut(g, structure);
  variables(g);
  return g.model;
}

/**
 * The variable a version template names: `$v`, `${v}`, `${project.v}`, `${rootProject.ext.v}`,
 * `${property("v")}`, `${findProperty("v")}`, `${ext["v"]}`, `${extra["v"]}`, `${properties["v"]}`
 * (each optionally `as String`); undefined for anything else.
 */
export function templateVariable(version: string): string | undefined {
  if (version.startsWith('$') && !version.startsWith('${')) {
    const name = version.slice(1);
    return /^[A-Za-z_]\w*$/.test(name) ? name : undefined;
  }
  if (!version.startsWith('${') || !version.endsWith('}')) return undefined;
  const inner = version.slice(2, -1);
  if (inner.includes('}')) return undefined;
  const toks = tokenize(inner).filter((t) => t.kind !== 'newline');
  let k = 0;
  const is = (kind: Token['kind'], text?: string) =>
    k < toks.length && toks[k].kind === kind && (text === undefined || toks[k].text === text);
  // as String at the end
  let end = toks.length;
  if (
    end >= 2 &&
    toks[end - 2].kind === 'ident' &&
    toks[end - 2].text === 'as' &&
    toks[end - 1].kind === 'ident' &&
    toks[end - 1].text === 'String'
  )
    end -= 2;
  if ((is('ident', 'project') || is('ident', 'rootProject')) && toks[k + 1]?.text === '.') k += 2;
  const rest = toks.slice(k, end);
  const one = (i: number, kind: Token['kind'], text?: string) => rest[i]?.kind === kind && (text === undefined || rest[i].text === text);
  if (
    rest.length === 4 &&
    one(0, 'ident') &&
    (rest[0].text === 'property' || rest[0].text === 'findProperty') &&
    one(1, 'punct', '(') &&
    one(2, 'string') &&
    one(3, 'punct', ')')
  )
    return rest[2].text || undefined;
  if (
    rest.length === 4 &&
    one(0, 'ident') &&
    ['ext', 'extra', 'properties'].includes(rest[0].text) &&
    one(1, 'punct', '[') &&
    one(2, 'string') &&
    one(3, 'punct', ']')
  )
    return rest[2].text || undefined;
  if (rest.length === 3 && one(0, 'ident', 'ext') && one(1, 'punct', '.') && one(2, 'ident') && /^[A-Za-z_]\w*$/.test(rest[2].text))
    return rest[2].text;
  if (rest.length === 1 && one(0, 'ident') && /^[A-Za-z_]\w*$/.test(rest[0].text)) return rest[0].text;
  return undefined;
}
