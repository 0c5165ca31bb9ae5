/**
 * Which kafka-clients version the project builds with, read from the nearest build file that
 * declares it (I/O; the parsers are the service's, service/buildFiles.ts).
 *
 * From a linted file's folder upward, each folder's `pom.xml`, `build.gradle.kts`, `build.gradle`
 * and `gradle/libs.versions.toml` are read in that order; the first that declares
 * org.apache.kafka:kafka-clients decides (a module's build file that does not mention it defers to
 * the folders above). When that declaration leaves the version to something defined further up — a
 * `${kafka.version}` the pom does not define, a managed dependency without `<version>`, a Gradle
 * variable — the walk goes on looking for it: a parent pom's declaration or `<properties>`,
 * `gradle.properties` (same folder first), a root build file's `ext`/`val`. The walk stops after the
 * folder that holds `.git` (the repository root) or at the filesystem root.
 * Files are cached by path and re-parsed when their mtime or size changes (config/fileCache.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  describeBuildVersion, gradlePropertiesValue, gradleVariable, kafkaClientsInGradle, kafkaClientsInPom,
  kafkaClientsInVersionCatalog, pomProperty, SPRING_BOOT_KAFKA_PROPERTY, usableVersion, type Definition, type KafkaClientsDeclaration,
} from '../service/buildFiles';
import type { LintSettings } from '../service/types';
import { StatCache } from './fileCache';

/** The build files looked at in each folder, in order (the client watches these names). */
export const BUILD_FILES = ['pom.xml', 'build.gradle.kts', 'build.gradle', path.join('gradle', 'libs.versions.toml')] as const;

export interface BuildVersion {
  /** The version the build declares (absent when none was found or it was not usable). */
  version?: string;
  /** `<path>:<line> (org.apache.kafka:kafka-clients 3.9.0)` for the hover. */
  source?: string;
  /** `<path>:<line>: <why>` when the nearest declaration gives no usable version. */
  note?: string;
  /** Build files met on the way that could not be read (`<path> (<why>)`): they might declare the version. */
  unreadable?: string[];
}

interface Scanned {
  text: string;
  decl: KafkaClientsDeclaration | undefined;
  /** Why the file could not be read. */
  error?: string;
}

type Family = 'maven' | 'gradle';
const familyOf = (file: string): Family => (path.basename(file) === 'pom.xml' ? 'maven' : 'gradle');

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? String((e as Error).message ?? e);
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

function scan(file: string): Scanned {
  const { text, error } = readText(file);
  if (error) return { text, decl: undefined, error };
  const base = path.basename(file);
  let decl: KafkaClientsDeclaration | undefined;
  try {
    decl = base === 'pom.xml' ? kafkaClientsInPom(text) : base === 'libs.versions.toml' ? kafkaClientsInVersionCatalog(text) : kafkaClientsInGradle(text);
  } catch {
    decl = undefined; // a parser bug must not stop linting: the file counts as not declaring
  }
  return { text, decl };
}

function hasGit(dir: string): boolean {
  try {
    fs.statSync(path.join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

export class BuildVersionFinder {
  private readonly files = new StatCache((file) => {
    this.onRead?.(file);
    const why = this.unreadable.get(file);
    return why ? { text: '', decl: undefined, error: why } : scan(file);
  });
  private readonly texts = new StatCache((file) => {
    this.onRead?.(file);
    const why = this.unreadable.get(file);
    return why ? { text: '', error: why } : readText(file);
  });
  /** Called before a build file is read (the lint workers report it, so a cut-off names the file). */
  onRead: ((file: string) => void) | undefined;
  /** Files not to read, with the reason (a read of them was cut off by the time budget). */
  readonly unreadable = new Map<string, string>();
  /** Start folder → result; only when `cacheLookups`. */
  private readonly lookups = new Map<string, BuildVersion>();

  /** @param cacheLookups remember each folder's answer (the CLI: one run sees one tree). */
  constructor(private readonly cacheLookups = false) {}

  clear(): void {
    this.files.clear();
    this.texts.clear();
    this.lookups.clear();
  }

  /** The kafka-clients version for the file at `filePath` (absolute or relative to the process). */
  find(filePath: string): BuildVersion {
    const start = path.dirname(path.resolve(filePath));
    const cached = this.cacheLookups ? this.lookups.get(start) : undefined;
    if (cached) return cached;
    const result = this.walk(start);
    if (this.cacheLookups) this.lookups.set(start, result);
    return result;
  }

  private walk(start: string): BuildVersion {
    let pending: { needs: string; managed: boolean; family: Family; note: string } | undefined;
    const unreadable: string[] = [];
    const withUnreadable = (r: BuildVersion): BuildVersion => (unreadable.length ? { ...r, unreadable } : r);
    const found = (file: string, d: { version: string; line: number; via?: string }): BuildVersion => withUnreadable({
      version: d.version,
      source: describeBuildVersion(file, d.line, d.version, d.via),
    });
    const fromDefinition = (file: string, def: Definition, needs: string, family: Family): BuildVersion => {
      const u = usableVersion(def.value);
      if (!('version' in u)) return withUnreadable({ note: `${file}:${def.line}: ${needs}: ${u.reason}` });
      return found(file, { version: u.version, line: def.line, via: family === 'maven' ? `\${${needs}}` : needs });
    };
    for (let dir = start; ; ) {
      for (const rel of BUILD_FILES) {
        const file = path.join(dir, rel);
        const scanned = this.files.getIfFile(file);
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
          const def = family === 'maven' ? pomProperty(scanned.text, pending.needs) : rel.endsWith('.toml') ? undefined : gradleVariable(scanned.text, pending.needs);
          if (def) return fromDefinition(file, def, pending.needs, family);
          if (d?.version !== undefined) return found(file, d);
          continue;
        }
        if (!d) continue;
        if (d.version !== undefined) return found(file, d);
        const note = `${file}:${d.line}: ${d.reason}`;
        if (!d.needs) return withUnreadable({ note });
        pending = { needs: d.needs, managed: d.needs === SPRING_BOOT_KAFKA_PROPERTY, family, note };
      }
      if (pending?.family === 'gradle') {
        const props = path.join(dir, 'gradle.properties');
        const read = this.texts.getIfFile(props);
        if (read?.error) unreadable.push(`${props} (${read.error})`);
        const def = read === undefined || read.error ? undefined : gradlePropertiesValue(read.text, pending.needs);
        if (def) return fromDefinition(props, def, pending.needs, 'gradle');
      }
      const up = path.dirname(dir);
      if (up === dir || hasGit(dir)) break;
      dir = up;
    }
    return withUnreadable(pending ? { note: pending.note } : {});
  }
}

const shared = new BuildVersionFinder(false);

/** The build file's kafka-clients version for `filePath` (mtime-checked cache shared by the process). */
export function findBuildVersion(filePath: string): BuildVersion {
  return shared.find(filePath);
}

export function clearBuildVersionCache(): void {
  shared.clear();
}

/**
 * Settings whose version is `auto` get the build file's version (and its source for the hover), or
 * a note saying why none was detected; any other version is left alone (it was set on purpose).
 */
export function applyBuildVersion(settings: LintSettings, filePath: string, finder: BuildVersionFinder = shared): LintSettings {
  if (settings.kafkaClientsVersion.trim() !== 'auto') return settings;
  const found = finder.find(filePath);
  const unread = found.unreadable ? { buildFilesUnread: found.unreadable } : {};
  if (found.version) return { ...settings, kafkaClientsVersion: found.version, kafkaClientsVersionSource: found.source, ...unread };
  if (found.note) return { ...settings, kafkaClientsVersionNote: found.note, ...unread };
  return { ...settings, ...unread };
}
