/**
 * Which `kafka-clients` version a build file declares: pure functions over a file's text (no I/O).
 * Finding the files, walking up the folders and caching is server/src/config/buildVersion.ts.
 * The files are read into a generic model of what a build declares (build/model.ts) by linear
 * readers: an XML parser for `pom.xml` (build/pom.ts), a tokenizer for Gradle scripts
 * (build/gradle.ts), a small TOML reader for version catalogs (build/catalog.ts). This module asks
 * the model about kafka-clients; build/platforms.ts asks it about framework platforms.
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
 *
 * A declaration without a usable version says why, and may name the property or variable (`needs`)
 * that a build file further up (a parent pom, the root project, gradle.properties) would define.
 * Versions that do not say which Apache Kafka release they are (ranges, `3.+`, Confluent's `-ccs`/
 * `-ce` builds) are not guessed at.
 */
import { parseProperties } from './formats/properties';
import { LineIndex } from './text';
import { compareVersion, parseVersion } from './version';
import { readCatalog } from './build/catalog';
import { readGradle, templateVariable } from './build/gradle';
import type { BuildModel, DependencyDecl, PropertyDef } from './build/model';
import { readPom } from './build/pom';

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
  if (v.length > 2 && v.startsWith('[') && v.endsWith(']') && !/[,\][()]/.test(v.slice(1, -1))) v = v.slice(1, -1).trim(); // Maven's hard requirement [3.9.0]
  if (v === '') return { reason: 'an empty version' };
  if (/[[\](),]/.test(v)) return { reason: `'${v}' is a version range` };
  if (v.includes('+') || v.startsWith('latest.') || v.includes('$')) return { reason: `'${v}' is not a fixed version` };
  if (/-(ccs|ce)$/i.test(v)) return { reason: `'${v}' is a Confluent Platform build; which Apache Kafka release it is, is not derived` };
  if (/^v/i.test(v) || parseVersion(v) === undefined || v === 'latest' || v === 'auto') return { reason: `'${v}' is not a version` };
  return { version: v };
}

function declared(raw: string, line: number, via?: string): KafkaClientsDeclaration {
  const u = usableVersion(raw);
  return 'version' in u ? { version: u.version, line, via } : { line, reason: u.reason };
}

const isKafkaClients = (d: DependencyDecl) => d.group.raw === 'org.apache.kafka' && d.artifact.raw === 'kafka-clients';

// ---------------------------------------------------------------------------------------------
// Maven properties: ${…} placeholders

/** The longest value a resolved property may reach (versions are short; nested references could multiply). */
const MAX_RESOLVED = 4096;

export interface Resolved {
  value: string;
  /** The definition that held the value (the innermost one of a chain `${a}` → `${b}` → `3.9.0`). */
  via?: PropertyDef & { name: string };
  /** The first property that could not be found (or is part of a cycle, or resolves too long). */
  missing?: string;
}

/**
 * Resolves Maven `${…}` placeholders against `lookup`. A value that is one placeholder follows the
 * chain and names the innermost definition (`via`); placeholders inside a longer text are replaced.
 * Each property is resolved once (memoised), a cycle counts as missing, and a value that would grow
 * past a few kilobytes counts as missing too: no input can make this loop long.
 */
export function resolvePlaceholders(value: string, lookup: (name: string) => PropertyDef | undefined): Resolved {
  const memo = new Map<string, Resolved | 'busy'>();
  const byName = (name: string): Resolved => {
    const hit = memo.get(name);
    if (hit === 'busy') return { value: `\${${name}}`, missing: name };
    if (hit) return hit;
    const def = lookup(name);
    if (!def) return { value: `\${${name}}`, missing: name };
    memo.set(name, 'busy');
    const inner = resolve(def.value);
    const r: Resolved = { value: inner.value, via: inner.via ?? { ...def, name }, missing: inner.missing };
    memo.set(name, r);
    return r;
  };
  const resolve = (v: string): Resolved => {
    const whole = wholePlaceholder(v);
    if (whole !== undefined) return byName(whole);
    let out = '';
    let missing: string | undefined;
    let i = 0;
    for (;;) {
      const open = v.indexOf('${', i);
      if (open < 0) break;
      const close = v.indexOf('}', open + 2);
      if (close < 0) break; // no '}' after this one: no later placeholder either
      const name = v.slice(open + 2, close);
      if (name === '') {
        out += v.slice(i, open + 2);
        i = open + 2;
        continue;
      }
      const r = byName(name);
      out += v.slice(i, open);
      if (r.missing && r.value === `\${${name}}`) {
        missing ??= name;
        out += r.value;
      } else out += r.value;
      i = close + 1;
      if (out.length > MAX_RESOLVED) return { value: v, missing: name };
    }
    out += v.slice(i);
    if (out.length > MAX_RESOLVED) return { value: v, missing: missing ?? v };
    return { value: out, missing };
  };
  return resolve(value);
}

/** `name` when `value` is exactly `${name}` (name without `}`), else undefined. */
function wholePlaceholder(value: string): string | undefined {
  if (!value.startsWith('${') || !value.endsWith('}') || value.length < 4) return undefined;
  const name = value.slice(2, -1);
  return name.includes('}') ? undefined : name;
}

// ---------------------------------------------------------------------------------------------
// Maven

/** The Spring Boot BOM property that sets the managed kafka-clients version. */
export const SPRING_BOOT_KAFKA_PROPERTY = 'kafka.version';

/** What a pom's model declares about kafka-clients; undefined when it does not mention it. */
export function kafkaClientsInPomModel(model: BuildModel): KafkaClientsDeclaration | undefined {
  const direct: Array<{ d: DependencyDecl; test: boolean }> = [];
  const fromManagement: typeof direct = [];
  for (const d of model.dependencies) {
    if (!isKafkaClients(d)) continue;
    if (d.type && d.type !== 'jar') continue; // e.g. test-jar
    (d.managed ? fromManagement : direct).push({ d, test: d.scope === 'test' });
  }
  if (direct.length === 0 && fromManagement.length === 0) return undefined;
  const props = model.properties;
  const lookup = (name: string) => props.get(name);
  // a compile/runtime dependency is what runs the producer; a test-scoped one only when it is the only one
  const main = direct.filter((x) => !x.test);
  const candidates = [...(main.length ? main : direct).filter((x) => x.d.version), ...fromManagement.filter((x) => x.d.version)];
  const first = candidates[0]?.d.version;
  if (first) {
    const r = resolvePlaceholders(first.raw, lookup);
    if (r.missing) return { line: first.line, reason: `\${${r.missing}} is not defined in this pom`, needs: r.missing };
    if (r.via) return declared(r.value, r.via.line, `\${${r.via.name}}`);
    return declared(r.value, first.line);
  }
  const at = (direct[0] ?? fromManagement[0]).d.line;
  const bootProperty = props.get(SPRING_BOOT_KAFKA_PROPERTY);
  if (bootProperty) {
    const r = resolvePlaceholders(bootProperty.value, lookup);
    if (!r.missing) return declared(r.value, bootProperty.line, `\${${SPRING_BOOT_KAFKA_PROPERTY}}`);
  }
  const parent = model.parents[0];
  const parentName = parent?.artifact.raw;
  const parentVersion = parent?.version?.raw;
  const by = parentName ? `the parent ${parentName}${parentVersion ? ` ${parentVersion}` : ''} or a BOM` : 'a parent or a BOM';
  return { line: at, reason: `kafka-clients has no <version> here (managed by ${by})`, needs: SPRING_BOOT_KAFKA_PROPERTY };
}

/** What a pom.xml declares about kafka-clients; undefined when it does not mention it. */
export function kafkaClientsInPom(text: string): KafkaClientsDeclaration | undefined {
  return kafkaClientsInPomModel(readPom(text).model);
}

/** A property of a pom's model, `${…}` resolved within it. */
export function pomModelProperty(model: BuildModel, name: string): Definition | undefined {
  const def = model.properties.get(name);
  if (!def) return undefined;
  const r = resolvePlaceholders(def.value, (n) => model.properties.get(n));
  return r.missing ? undefined : { value: r.value, line: r.via?.line ?? def.line };
}

/** A property from a pom's `<properties>` (for a child pom that needs it), `${…}` resolved. */
export function pomProperty(text: string, name: string): Definition | undefined {
  return pomModelProperty(readPom(text).model, name);
}

// ---------------------------------------------------------------------------------------------
// Gradle

/** A variable's literal value in a Gradle model (`ext`, `val`, `def`, `extra`). */
export function gradleModelVariable(model: BuildModel, name: string): Definition | undefined {
  const def = model.properties.get(name);
  return def && { value: def.value, line: def.line };
}

/** A variable's literal value defined in a build.gradle(.kts) (`ext`, `val`, `def`, `extra`). */
export function gradleVariable(text: string, name: string): Definition | undefined {
  return gradleModelVariable(readGradle(text), name);
}

/** The properties of a gradle.properties file (java.util.Properties syntax), with their lines. */
export function gradleProperties(text: string): Map<string, PropertyDef> {
  const parsed = parseProperties(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const lines = new LineIndex(text);
  const out = new Map<string, PropertyDef>();
  for (const e of parsed.entries) {
    if (e.value !== undefined)
      out.set(e.key, { value: e.value.trim(), line: lines.lineOf(e.valueSpan.start) + 1, offset: e.valueSpan.start });
  }
  return out;
}

/** A property from a gradle.properties file (java.util.Properties syntax). */
export function gradlePropertiesValue(text: string, name: string): Definition | undefined {
  const def = gradleProperties(text).get(name);
  return def && { value: def.value, line: def.line };
}

/**
 * What a Gradle model declares about kafka-clients; undefined when it does not mention it. A
 * variable not defined in the file comes back as `needs` (gradle.properties, the root project).
 */
export function kafkaClientsInGradleModel(model: BuildModel): KafkaClientsDeclaration | undefined {
  const hits = model.dependencies.filter(isKafkaClients).map((d) => ({ d, at: d.version?.offset ?? d.offset }));
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => a.at - b.at);
  const results: Array<{ d: KafkaClientsDeclaration; forced: boolean }> = [];
  for (const { d: h } of hits) {
    const v = h.version;
    if (!v) continue;
    const forced = !!h.forced;
    if (v.raw.includes('$')) {
      const name = templateVariable(v.raw);
      if (!name) {
        results.push({ d: { line: v.line, reason: `'${v.raw}' is not a plain variable` }, forced });
        continue;
      }
      if (v.literalQuotes) {
        results.push({
          d: { line: v.line, reason: `'${v.raw}' sits in a single-quoted Groovy string, which does not substitute variables` },
          forced,
        });
        continue;
      }
      const def = gradleModelVariable(model, name);
      if (def) results.push({ d: declared(def.value, def.line, name), forced });
      else results.push({ d: { line: v.line, reason: `${name} is not defined in this build file`, needs: name }, forced });
      continue;
    }
    results.push({ d: declared(v.raw, v.line), forced });
  }
  if (results.length === 0) {
    // only versionless declarations: a platform/BOM or Spring's dependency-management plugin sets it
    const line = hits[0].d.line;
    const def = gradleModelVariable(model, SPRING_BOOT_KAFKA_PROPERTY);
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

/** What a build.gradle or build.gradle.kts declares about kafka-clients; undefined when it does not mention it. */
export function kafkaClientsInGradle(text: string): KafkaClientsDeclaration | undefined {
  return kafkaClientsInGradleModel(readGradle(text));
}

// ---------------------------------------------------------------------------------------------
// Gradle version catalog (gradle/libs.versions.toml)

/** What a version catalog's model declares about kafka-clients; undefined when it does not mention it. */
export function kafkaClientsInCatalogModel(model: BuildModel): KafkaClientsDeclaration | undefined {
  const lib = model.dependencies.find(isKafkaClients);
  if (!lib) return undefined;
  const alias = lib.alias ?? '';
  if (lib.versionRef) {
    const target = model.properties.get(lib.versionRef.raw);
    if (!target) return { line: lib.versionRef.line, reason: `version.ref '${lib.versionRef.raw}' is not in [versions]` };
    return declared(target.value, target.line, `version.ref ${lib.versionRef.raw}`);
  }
  if (!lib.version)
    return {
      line: lib.line,
      reason: `library '${alias}' has no version (managed by a platform or BOM)`,
      needs: SPRING_BOOT_KAFKA_PROPERTY,
    };
  return declared(lib.version.raw, lib.version.line);
}

/** What gradle/libs.versions.toml declares about kafka-clients; undefined when it does not mention it. */
export function kafkaClientsInVersionCatalog(text: string): KafkaClientsDeclaration | undefined {
  return kafkaClientsInCatalogModel(readCatalog(text));
}
