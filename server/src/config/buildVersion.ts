/**
 * Which kafka-clients version the project builds with, and which Spring Cloud Stream Kafka binder,
 * read from the nearest build files (I/O; the readers and the platform table are the service's:
 * service/buildFiles.ts, service/build/).
 *
 * From a linted file's folder upward, each folder's `pom.xml`, `build.gradle.kts`, `build.gradle`
 * and `gradle/libs.versions.toml` are read in that order; the first that declares
 * org.apache.kafka:kafka-clients, or a framework platform that manages it (a Spring Boot parent,
 * BOM or Gradle plugin, the Quarkus platform BOM, the Micronaut platform), decides (a module's build
 * file that declares neither defers to the folders above). Within one file an explicit kafka-clients
 * version wins, then a `kafka.version` property (Spring Boot's override), then the platform's
 * managed version (build/platforms.ts). When a declaration leaves the version to something defined
 * further up — a `${kafka.version}` the pom does not define, a managed dependency without
 * `<version>`, a Gradle variable, a platform version in a property, a plugin declared with its
 * version in the root project — the walk goes on looking for it: a parent pom's declaration or
 * `<properties>`, `gradle.properties` (same folder first), a root build file's `ext`/`val` or
 * `plugins { }`, `settings.gradle(.kts)`, the version catalog. The walk stops after the folder that
 * holds `.git` (the repository root) or at the filesystem root.
 * Files are cached by path and re-parsed when their mtime or size changes (config/fileCache.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  describeBuildVersion,
  gradleModelVariable,
  gradleProperties,
  kafkaClientsInCatalogModel,
  kafkaClientsInGradleModel,
  kafkaClientsInPomModel,
  pomModelProperty,
  resolvePlaceholders,
  SPRING_BOOT_KAFKA_PROPERTY,
  usableVersion,
  type Definition,
  type KafkaClientsDeclaration,
} from '../service/buildFiles';
import { readCatalog } from '../service/build/catalog';
import { readGradle, templateVariable } from '../service/build/gradle';
import type { BuildModel, PropertyDef, Written } from '../service/build/model';
import {
  catalogAccessor,
  managedVersion,
  PLATFORM_NAMES,
  platformsOf,
  type CatalogPlugin,
  type PlatformDecl,
} from '../service/build/platforms';
import { readPom } from '../service/build/pom';
import { buildNeeds, withBuildFacts, type BuildDeclaration, type BuildFacts, type BuildNeeds } from '../service/settingsPrecedence';
import type { LintSettings } from '../service/types';
import { StatCache } from './fileCache';

/** The build files looked at in each folder, in order (the client watches these names). */
export const BUILD_FILES = ['pom.xml', 'build.gradle.kts', 'build.gradle', path.join('gradle', 'libs.versions.toml')] as const;
/** Read only for a Gradle plugin's version (`pluginManagement { plugins { … } }`). */
export const SETTINGS_FILES = ['settings.gradle.kts', 'settings.gradle'] as const;

/** What the build files declare about kafka-clients or the binder: the service's BuildDeclaration (service/settingsPrecedence.ts). */
export type BuildVersion = BuildDeclaration;

interface Lookups {
  kafka: BuildVersion;
  binder: BuildVersion;
  boot: BuildVersion;
}

interface Scanned {
  text: string;
  model: BuildModel;
  decl: KafkaClientsDeclaration | undefined;
  /** Why the file could not be read. */
  error?: string;
}

type Family = 'maven' | 'gradle';
const familyOf = (file: string): Family => (path.basename(file) === 'pom.xml' ? 'maven' : 'gradle');

/** A property (pom) or variable (Gradle script) a build file defines; a version catalog defines none. */
function definitionIn(model: BuildModel, family: Family, rel: string, name: string): Definition | undefined {
  if (family === 'maven') return pomModelProperty(model, name);
  return rel.endsWith('.toml') ? undefined : gradleModelVariable(model, name);
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String((e as Error).message ?? e));
}

function readText(file: string): { text: string; error?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { text: '', error: readError(e) };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

const EMPTY: BuildModel = { format: 'maven', dependencies: [], parents: [], boms: [], plugins: [], properties: new Map() };

function scan(file: string): Scanned {
  const { text, error } = readText(file);
  if (error) return { text, model: EMPTY, decl: undefined, error };
  const base = path.basename(file);
  try {
    if (base === 'pom.xml') {
      const model = readPom(text).model;
      return { text, model, decl: kafkaClientsInPomModel(model) };
    }
    if (base === 'libs.versions.toml') {
      const model = readCatalog(text);
      return { text, model, decl: kafkaClientsInCatalogModel(model) };
    }
    const model = readGradle(text);
    return { text, model, decl: /^settings\.gradle/.test(base) ? undefined : kafkaClientsInGradleModel(model) };
  } catch {
    // a reader bug must not stop linting: the file counts as declaring nothing
    return { text, model: EMPTY, decl: undefined };
  }
}

function hasGit(dir: string): boolean {
  try {
    fs.statSync(path.join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

/** A value found for a name, and where. */
interface Found {
  value: string;
  file: string;
  line: number;
}

export class BuildVersionFinder {
  private readonly files = new StatCache((file: string): Scanned => {
    this.onRead?.(file);
    const why = this.unreadable.get(file);
    return why ? { text: '', model: EMPTY, decl: undefined, error: why } : scan(file);
  });
  /** gradle.properties files: their values, or why they could not be read. */
  private readonly properties = new StatCache((file: string): { values: Map<string, PropertyDef>; error?: string } => {
    this.onRead?.(file);
    const why = this.unreadable.get(file);
    const read = why ? { text: '', error: why } : readText(file);
    return read.error ? { values: new Map(), error: read.error } : { values: gradleProperties(read.text) };
  });
  /** Called before a build file is read (the lint workers report it, so a cut-off names the file). */
  onRead: ((file: string) => void) | undefined;
  /** Files not to read, with the reason (a read of them was cut off by the time budget). */
  readonly unreadable = new Map<string, string>();
  /** Start folder → result; only when `cacheLookups`. */
  private readonly lookups = new Map<string, Lookups>();

  /** @param cacheLookups remember each folder's answer (the CLI: one run sees one tree). */
  constructor(private readonly cacheLookups = false) {}

  clear(): void {
    this.files.clear();
    this.properties.clear();
    this.lookups.clear();
  }

  /** The kafka-clients version for the file at `filePath` (absolute or relative to the process). */
  find(filePath: string): BuildVersion {
    return this.both(filePath).kafka;
  }

  /** The Spring Cloud Stream Kafka binder version for the file at `filePath`. */
  findBinder(filePath: string): BuildVersion {
    return this.both(filePath).binder;
  }

  /** The Spring Boot release for the file at `filePath` (the release itself, not the kafka-clients it manages). */
  findSpringBoot(filePath: string): BuildVersion {
    return this.both(filePath).boot;
  }

  private both(filePath: string): Lookups {
    const start = path.dirname(path.resolve(filePath));
    const cached = this.cacheLookups ? this.lookups.get(start) : undefined;
    if (cached) return cached;
    const result = { kafka: this.walk(start), binder: this.walkBinder(start), boot: this.walkBoot(start) };
    if (this.cacheLookups) this.lookups.set(start, result);
    return result;
  }

  /** The folders from `start` up to the repository root (the folder holding .git) or the filesystem root. */
  private *folders(start: string): Generator<string> {
    for (let dir = start; ;) {
      yield dir;
      const up = path.dirname(dir);
      if (up === dir || hasGit(dir)) return;
      dir = up;
    }
  }

  private scanned(file: string): Scanned | undefined {
    return this.files.getIfFile(file);
  }

  // ---- looking things up further up

  /**
   * A property or variable named `name`, from the folder `from` upward (same family): Maven a pom's
   * `<properties>` (resolved within that pom), Gradle a build script's variable, else
   * `gradle.properties` (same folder first).
   */
  private variable(from: string, family: Family, name: string, skip?: string): Found | undefined {
    for (const dir of this.folders(from)) {
      if (family === 'maven') {
        const file = path.join(dir, 'pom.xml');
        if (file === skip) continue;
        const s = this.scanned(file);
        const def = s && pomModelProperty(s.model, name);
        if (def) return { value: def.value, file, line: def.line };
        continue;
      }
      for (const rel of ['build.gradle.kts', 'build.gradle']) {
        const file = path.join(dir, rel);
        if (file === skip) continue;
        const s = this.scanned(file);
        const def = s && gradleModelVariable(s.model, name);
        if (def) return { value: def.value, file, line: def.line };
      }
      const props = path.join(dir, 'gradle.properties');
      const def = this.properties.getIfFile(props)?.values.get(name);
      if (def) return { value: def.value, file: props, line: def.line };
    }
    return undefined;
  }

  /** A version as written, resolved through the file's own properties and then further up. */
  private resolveVersion(
    written: Written,
    file: string,
    family: Family,
    model: BuildModel,
  ): { value: string; file: string; line: number } | { missing: string } | { reason: string } {
    const raw = written.raw;
    if (!raw.includes('$')) return { value: raw, file, line: written.line };
    if (family === 'maven') {
      let where: Found | undefined;
      const r = resolvePlaceholders(raw, (name) => {
        const own = model.properties.get(name);
        if (own) return own;
        const up = this.variable(path.dirname(file), 'maven', name, file);
        if (!up) return undefined;
        where ??= up;
        return { value: up.value, line: up.line, offset: 0 } satisfies PropertyDef;
      });
      if (r.missing) return { missing: r.missing };
      if (where && r.via && !model.properties.has(r.via.name)) return { value: r.value, file: where.file, line: where.line };
      return { value: r.value, file, line: r.via?.line ?? written.line };
    }
    const name = templateVariable(raw);
    if (!name) return { reason: `'${raw}' is not a plain variable` };
    if (written.literalQuotes) return { reason: `'${raw}' sits in a single-quoted Groovy string, which does not substitute variables` };
    const own = gradleModelVariable(model, name);
    if (own) return { value: own.value, file, line: own.line };
    const up = this.variable(path.dirname(file), 'gradle', name, file);
    return up ?? { missing: name };
  }

  /** Resolves a Maven/Gradle coordinate part (`${quarkus.platform.group-id}`) for recognising a platform; unresolved stays as written. */
  private coordinateResolver(file: string, family: Family, model: BuildModel): (raw: string) => string {
    return (raw) => {
      if (!raw.includes('$')) return raw;
      if (family === 'maven')
        return resolvePlaceholders(raw, (n) => model.properties.get(n) ?? toDef(this.variable(path.dirname(file), 'maven', n, file))).value;
      // Gradle: each $name / ${name} template in the string
      return raw.replace(/\$\{([^{}$]*)\}|\$([A-Za-z_]\w*)/g, (all, braced: string | undefined, bare: string | undefined) => {
        const name = bare ?? templateVariable(`\${${braced}}`);
        if (!name) return all;
        return gradleModelVariable(model, name)?.value ?? this.variable(path.dirname(file), 'gradle', name, file)?.value ?? all;
      });
    };
  }

  /** The catalog plugin for an accessor (`spring.boot`), from the nearest gradle/libs.versions.toml upward. */
  private catalogPlugin(from: string): (accessor: string) => CatalogPlugin | undefined {
    return (accessor) => {
      for (const dir of this.folders(from)) {
        const file = path.join(dir, 'gradle', 'libs.versions.toml');
        const s = this.scanned(file);
        if (!s) continue;
        const p = s.model.plugins.find((x) => x.catalogAlias !== undefined && catalogAccessor(x.catalogAlias) === accessor);
        if (!p) return undefined;
        const version = p.versionRef ? s.model.properties.get(p.versionRef.raw) : undefined;
        return { id: p.id, version: p.version ?? (version && { raw: version.value, line: version.line, offset: version.offset }), file };
      }
      return undefined;
    };
  }

  /** A plugin's version where it is declared with one: a build script or settings file above, or the catalog. */
  private pluginVersion(from: string, id: string, skip: string): { written: Written; file: string; model: BuildModel } | undefined {
    for (const dir of this.folders(from)) {
      for (const rel of ['build.gradle.kts', 'build.gradle', ...SETTINGS_FILES, path.join('gradle', 'libs.versions.toml')]) {
        const file = path.join(dir, rel);
        if (file === skip) continue;
        const s = this.scanned(file);
        const p = s?.model.plugins.find((x) => x.id === id && (x.version || x.versionRef));
        if (!s || !p) continue;
        if (p.version) return { written: p.version, file, model: s.model };
        const def = s.model.properties.get(p.versionRef!.raw);
        if (def) return { written: { raw: def.value, line: def.line, offset: def.offset }, file, model: s.model };
      }
    }
    return undefined;
  }

  // ---- platforms

  /** The platforms a file declares that manage kafka-clients (Spring Boot, Quarkus, Micronaut). */
  private platforms(file: string, s: Scanned): PlatformDecl[] {
    const family = familyOf(file);
    const all = platformsOf(s.model, this.coordinateResolver(file, family, s.model), this.catalogPlugin(path.dirname(file)));
    return all;
  }

  /**
   * The release of a declared platform (the Spring Boot, Quarkus, Micronaut or Spring Cloud version the build
   * uses), resolved through properties and variables, with where it is written; or a note saying why not.
   * `managing`: the release must manage versions here (the Boot Gradle plugin without dependency management
   * manages nothing, but still names the Boot release).
   */
  private platformRelease(
    file: string,
    s: Scanned,
    p: PlatformDecl,
    managing: boolean,
  ): { release: string; versionAt: string } | { note: string } {
    const family = familyOf(file);
    const name = PLATFORM_NAMES[p.platform];
    const at = `${file}:${p.line}`;
    if (managing && p.needsDependencyManagement && !this.dependencyManagementAbove(path.dirname(file), file)) {
      return {
        note: `${at}: the ${name} plugin (${p.how}) manages versions only with the ${'io.spring.dependency-management'} plugin or its BOM as a platform, and neither is applied here`,
      };
    }
    let written = p.version;
    let where = file;
    let model = s.model;
    if (!written && p.pluginWithoutVersion) {
      const found = this.pluginVersion(path.dirname(file), p.pluginWithoutVersion, file);
      if (!found) return { note: `${at}: the ${name} plugin is applied without a version, and no build file above declares its version` };
      ({ written, file: where, model } = found);
    }
    let resolved: ReturnType<BuildVersionFinder['resolveVersion']>;
    if (!written && p.needs) {
      const found = this.variable(path.dirname(file), 'gradle', p.needs);
      if (!found) return { note: `${at}: ${name} (${p.how}): ${p.needs} is not defined in this build or a gradle.properties above` };
      resolved = found;
    } else if (!written) {
      return { note: `${at}: ${name} (${p.how}) has no version here` };
    } else resolved = this.resolveVersion(written, where, familyOf(where) === 'maven' ? 'maven' : family, model);
    if ('missing' in resolved)
      return {
        note: `${at}: ${name} (${p.how}): ${family === 'maven' ? `\${${resolved.missing}}` : resolved.missing} is not defined in this build`,
      };
    if ('reason' in resolved) return { note: `${at}: ${name} (${p.how}): ${resolved.reason}` };
    // where the version itself is written, when not on the declaration's line (a property, a variable, another file)
    const versionAt =
      resolved.file === file && (!written || resolved.line === written.line) ? '' : `, version from ${resolved.file}:${resolved.line}`;
    return { release: resolved.value.trim(), versionAt };
  }

  /**
   * The version a declared platform manages (kafka-clients for Spring Boot, Quarkus and Micronaut;
   * the Stream binder for a Spring Cloud release train), with its source; or a note saying why not.
   */
  private fromPlatform(file: string, s: Scanned, p: PlatformDecl): BuildVersion {
    const r = this.platformRelease(file, s, p, true);
    if ('note' in r) return { note: r.note };
    const name = PLATFORM_NAMES[p.platform];
    const at = `${file}:${p.line}`;
    const version = r.release;
    const beyond = p.upToMajor !== undefined && Number(/^\d+/.exec(version)?.[0] ?? 0) > p.upToMajor;
    const managed = beyond ? undefined : managedVersion(p.platform, version);
    const what = p.platform === 'spring-cloud' ? 'Spring Cloud Stream' : 'kafka-clients';
    if (!managed)
      return { note: `${at}: ${name} ${version} (${p.how}) is not in the linter's table of the ${what} versions ${name} releases manage` };
    return {
      version: managed,
      source: `${name} ${version} in ${at} (${p.how}${r.versionAt})`,
      via: `${name} ${version} in ${path.basename(file)}`,
    };
  }

  /** Spring's dependency-management plugin applied in a Gradle build file here or above (a root project's `subprojects { apply plugin: … }`). */
  private dependencyManagementAbove(from: string, skip: string): boolean {
    for (const dir of this.folders(from)) {
      for (const rel of ['build.gradle.kts', 'build.gradle']) {
        const file = path.join(dir, rel);
        if (file === skip) continue;
        const s = this.scanned(file);
        if (
          s?.model.plugins.some((p) => p.id === 'io.spring.dependency-management' && p.how !== 'catalog') ||
          s?.model.boms.some((b) => b.bootPluginBom)
        )
          return true;
      }
    }
    return false;
  }

  // ---- kafka-clients

  /** A property of the folder's gradle.properties, with the file (a file that cannot be read is noted in `unreadable`). */
  private gradleProperty(dir: string, name: string, unreadable: string[]): { file: string; def: PropertyDef } | undefined {
    const props = path.join(dir, 'gradle.properties');
    const read = this.properties.getIfFile(props);
    if (read?.error) unreadable.push(`${props} (${read.error})`);
    const def = read?.values.get(name);
    return def ? { file: props, def } : undefined;
  }

  private walk(start: string): BuildVersion {
    let pending: { needs: string; managed: boolean; family: Family; note: string } | undefined;
    let platformNote: string | undefined;
    const unreadable: string[] = [];
    const withUnreadable = (r: BuildVersion): BuildVersion => (unreadable.length ? { ...r, unreadable } : r);
    const found = (file: string, d: { version: string; line: number; via?: string }): BuildVersion =>
      withUnreadable({
        version: d.version,
        source: describeBuildVersion(file, d.line, d.version, d.via),
      });
    const fromDefinition = (file: string, def: Definition, needs: string, family: Family): BuildVersion => {
      const u = usableVersion(def.value);
      if (!('version' in u)) return withUnreadable({ note: `${file}:${def.line}: ${needs}: ${u.reason}` });
      return found(file, { version: u.version, line: def.line, via: family === 'maven' ? `\${${needs}}` : needs });
    };
    /** A file's kafka-managing platform (the first), as a result; undefined when it declares none. */
    const platform = (file: string, s: Scanned): BuildVersion | undefined => {
      const p = this.platforms(file, s).find((x) => x.platform !== 'spring-cloud');
      return p && this.fromPlatform(file, s, p);
    };
    for (const dir of this.folders(start)) {
      for (const rel of BUILD_FILES) {
        const file = path.join(dir, rel);
        const scanned = this.scanned(file);
        if (!scanned) continue;
        if (scanned.error) {
          // it might declare the version: say so rather than judge as if it did not exist
          unreadable.push(`${file} (${scanned.error})`);
          continue;
        }
        const family = familyOf(file);
        const d = scanned.decl;
        if (pending) {
          if (family !== pending.family) continue;
          if (d?.version !== undefined && pending.managed) return found(file, d);
          const def = definitionIn(scanned.model, family, rel, pending.needs);
          if (def) return fromDefinition(file, def, pending.needs, family);
          if (d?.version !== undefined) return found(file, d);
          if (pending.managed) {
            const r = platform(file, scanned);
            if (r?.version) return r;
          }
          continue;
        }
        if (d?.version !== undefined) return found(file, d);
        if (d) {
          const note = `${file}:${d.line}: ${d.reason}`;
          if (!d.needs) return withUnreadable({ note });
          const managed = d.needs === SPRING_BOOT_KAFKA_PROPERTY;
          if (managed) {
            // managed here: a platform this same file declares
            const r = platform(file, scanned);
            if (r?.version) return withUnreadable(r);
            pending = { needs: d.needs, managed, family, note: r?.note ?? note };
          } else pending = { needs: d.needs, managed, family, note };
          continue;
        }
        // no kafka-clients here: a platform that manages it decides
        const p = this.platforms(file, scanned).find((x) => x.platform !== 'spring-cloud');
        if (!p) continue;
        if (p.platform === 'spring-boot') {
          // Spring Boot's kafka.version override, in this file or a parent pom / gradle.properties above
          const override = this.variable(dir, family, SPRING_BOOT_KAFKA_PROPERTY);
          if (override)
            return fromDefinition(override.file, { value: override.value, line: override.line }, SPRING_BOOT_KAFKA_PROPERTY, family);
        }
        const r = this.fromPlatform(file, scanned, p);
        if (r.version) return withUnreadable(r);
        // a platform that gives no version (not in the table, no dependency management): the folders above may still say
        platformNote ??= r.note;
      }
      if (pending?.family === 'gradle') {
        const g = this.gradleProperty(dir, pending.needs, unreadable);
        if (g) return fromDefinition(g.file, g.def, pending.needs, 'gradle');
      }
    }
    if (pending) return withUnreadable({ note: pending.note });
    return withUnreadable(platformNote ? { note: platformNote } : {});
  }

  // ---- the Spring Boot release

  /**
   * The Spring Boot release the build uses: the first Boot parent, BOM or Gradle plugin from the file's folder
   * upward (the Gradle plugin names the release even without dependency management). `version` is the Boot
   * release itself (`2.3.0.RELEASE` → `2.3.0`).
   */
  private walkBoot(start: string): BuildVersion {
    for (const dir of this.folders(start)) {
      for (const rel of BUILD_FILES) {
        const file = path.join(dir, rel);
        const s = this.scanned(file);
        if (!s || s.error) continue;
        const p = this.platforms(file, s).find((x) => x.platform === 'spring-boot');
        if (!p) continue;
        const r = this.platformRelease(file, s, p, false);
        if ('note' in r) return { note: r.note };
        const u = usableVersion(r.release.replace(/\.RELEASE$/, ''));
        if (!('version' in u)) return { note: `${file}:${p.line}: Spring Boot (${p.how}): ${u.reason}` };
        return { version: u.version, source: `Spring Boot ${r.release} in ${file}:${p.line} (${p.how}${r.versionAt})` };
      }
    }
    return {};
  }

  // ---- the Spring Cloud Stream Kafka binder

  private walkBinder(start: string): BuildVersion {
    for (const dir of this.folders(start)) {
      for (const rel of BUILD_FILES) {
        const file = path.join(dir, rel);
        const s = this.scanned(file);
        if (!s) continue;
        const family = familyOf(file);
        // an explicit binder (or stream BOM) version wins over the release train
        const explicit =
          s.model.dependencies.find(
            (d) => d.group.raw === 'org.springframework.cloud' && BINDER_ARTIFACTS.has(d.artifact.raw) && d.version,
          ) ??
          s.model.boms.find(
            (b) => b.group.raw === 'org.springframework.cloud' && b.artifact.raw === 'spring-cloud-stream-dependencies' && b.version,
          );
        if (explicit?.version) {
          const r = this.resolveVersion(explicit.version, file, family, s.model);
          const what = `org.springframework.cloud:${explicit.artifact.raw}`;
          if ('value' in r) {
            const u = usableVersion(r.value);
            if ('version' in u) return { version: u.version, source: `${file}:${explicit.version.line} (${what} ${u.version})` };
            return { note: `${file}:${explicit.version.line}: ${what}: ${u.reason}` };
          }
          return {
            note: `${file}:${explicit.version.line}: ${what}: ${'missing' in r ? `${r.missing} is not defined in this build` : r.reason}`,
          };
        }
        const train = this.platforms(file, s).find((x) => x.platform === 'spring-cloud');
        if (train) return this.fromPlatform(file, s, train);
      }
    }
    return {};
  }
}

const BINDER_ARTIFACTS = new Set([
  'spring-cloud-stream-binder-kafka',
  'spring-cloud-starter-stream-kafka',
  'spring-cloud-stream-binder-kafka-core',
]);

const toDef = (f: Found | undefined): PropertyDef | undefined => f && { value: f.value, line: f.line, offset: 0 };

const shared = new BuildVersionFinder(false);

/** Reads what `needs` asks of the build files above `filePath`: the Spring Boot release, the binder, then kafka-clients. */
export function readBuildFacts(filePath: string, needs: BuildNeeds, finder: BuildVersionFinder = shared): BuildFacts {
  const facts: BuildFacts = {};
  if (needs.springBoot) facts.springBoot = finder.findSpringBoot(filePath);
  if (needs.binder) facts.binder = finder.findBinder(filePath);
  if (needs.kafkaClients) facts.kafkaClients = finder.find(filePath);
  return facts;
}

/**
 * The build-file layer of the settings precedence (service/settingsPrecedence.ts) for `filePath`:
 * a version of `auto` gets the build file's version (its source for the hover, and the platform it
 * came from for messages), or a note saying why none was detected; any other version is left alone
 * (it was set on purpose). The Spring Cloud Stream Kafka binder version is detected the same way
 * (`springCloudStreamBinderVersion` and its source or note) unless already set, and so is the
 * Spring Boot release (`springBootVersion`, its source or note).
 */
export function applyBuildVersion(settings: LintSettings, filePath: string, finder: BuildVersionFinder = shared): LintSettings {
  return withBuildFacts(settings, readBuildFacts(filePath, buildNeeds(settings), finder));
}
