/**
 * What a build file declares, whatever its format: a generic model that the build-file readers
 * (pom.ts, gradle.ts, catalog.ts) fill in one linear pass over the text, and that the questions
 * asked of a build (which kafka-clients, which framework platform: buildFiles.ts, platforms.ts)
 * read. Values are kept as written (`${kafka.version}`, `$springBootVersion`); resolving them
 * against properties, variables and parent files is the reader of the model's job. Lines are 1-based.
 */

/** A value as written in the file, with where it is. */
export interface Written {
  /** The text as written, entities and escapes decoded, trimmed (`3.9.0`, `${kafka.version}`). */
  raw: string;
  /** 1-based line of the value's first character. */
  line: number;
  /** Offset of the value's first character in the file. */
  offset: number;
  /**
   * Gradle: the value sits in a Groovy single-quoted string (`'…'`, `'''…'''`), which does not
   * substitute `$` templates.
   */
  literalQuotes?: boolean;
}

/** A dependency or a managed-version entry: group, artifact and version as written. */
export interface DependencyDecl {
  group: Written;
  artifact: Written;
  version?: Written;
  /** In `<dependencyManagement>`, a Gradle `constraints { }` block or the dependency-management plugin's `dependencies { }`. */
  managed: boolean;
  /** Maven `<scope>` / `<type>`. */
  scope?: string;
  type?: string;
  /** Gradle: `force`, `force = true` or a `strictly` rich version. */
  forced?: boolean;
  /** Gradle: the rest of a `group:artifact:version:classifier@ext` string after the version (kept for identity). */
  rest?: string;
  /** Version catalog: the version is `version.ref` to this entry of `[versions]`. */
  versionRef?: Written;
  /** Version catalog: the library's alias. */
  alias?: string;
  /** Where the declaration is (the line of its first token or element). */
  line: number;
  offset: number;
}

/** A Maven `<parent>`. */
export interface ParentDecl {
  group: Written;
  artifact: Written;
  version?: Written;
  line: number;
}

/** An imported BOM: Maven `<scope>import</scope>`, Gradle `platform(…)` / `enforcedPlatform(…)`, Spring's `mavenBom …`. */
export interface BomDecl {
  how: 'import' | 'platform' | 'enforcedPlatform' | 'mavenBom';
  group: Written;
  artifact: Written;
  version?: Written;
  line: number;
  /** Gradle: Spring Boot's `SpringBootPlugin.BOM_COORDINATES` (the BOM of the applied Boot plugin's version). */
  bootPluginBom?: boolean;
}

/** A build plugin: Gradle `plugins { id … version … }`, `apply plugin:`, a buildscript `classpath`, a catalog `[plugins]` entry. */
export interface PluginDecl {
  how: 'plugins' | 'apply' | 'classpath' | 'catalog';
  /** The plugin id (`org.springframework.boot`); for a classpath entry, `group:artifact`. */
  id: string;
  version?: Written;
  /** `apply false`: declared with its version, applied elsewhere (the subprojects). */
  applied: boolean;
  line: number;
  /**
   * Gradle `alias(libs.plugins.spring.boot)`: the catalog accessor after `libs.plugins.` (the id is
   * then unknown); a catalog `[plugins]` entry: its alias.
   */
  catalogAlias?: string;
  /** Version catalog: the version is `version.ref` to this entry of `[versions]`. */
  versionRef?: Written;
}

/** A property or variable with a literal value. */
export interface PropertyDef {
  value: string;
  line: number;
  offset: number;
}

export interface BuildModel {
  format: 'maven' | 'gradle' | 'catalog';
  dependencies: DependencyDecl[];
  parents: ParentDecl[];
  boms: BomDecl[];
  plugins: PluginDecl[];
  /**
   * Properties and variables: Maven `<properties>`, Gradle `ext`/`extra`/`val`/`def` assignments of a
   * literal string, catalog `[versions]`. The last definition of a name wins (as in each format).
   */
  properties: Map<string, PropertyDef>;
  /** Gradle: a `micronaut { version "…" }` block. */
  micronautVersion?: Written;
}

export function emptyModel(format: BuildModel['format']): BuildModel {
  return { format, dependencies: [], parents: [], boms: [], plugins: [], properties: new Map() };
}
