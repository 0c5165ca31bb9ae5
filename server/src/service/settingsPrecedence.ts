/**
 * Which setting wins: the one precedence policy of the language server (its lint workers,
 * lsp/worker.ts) and the CLI (cli/run.ts, cli/lintFile.ts). Pure: the adapters read the inputs
 * (the editor's settings or the command line, the project's configuration file through
 * config/projectConfig.ts, the build files through config/buildVersion.ts) and this decides.
 *
 * Highest first, for each setting:
 *
 * | setting                  | 1st                                   | 2nd                       | 3rd                          | then                    |
 * |--------------------------|---------------------------------------|---------------------------|------------------------------|-------------------------|
 * | kafkaClientsVersion      | explicit: a CLI flag (any value, even `auto`), an editor value other than `auto` | the project file | the build files, while the value is `auto` | `auto`: the newest 4.x |
 * | rules (rule by rule)     | explicit (CLI `--rule`)               | the project file          | the editor's `rules`         | the rule's default      |
 * | client, maxFileSize      | explicit (CLI flags)                  | the project file          | the editor's value           | the default             |
 * | enable                   | `false` when the project file ignores the file | the editor's value |                             |                         |
 * | Spring Cloud Stream binder version | the build files             |                           |                              | the newest binder       |
 *
 * A broken project file counts as no file (the adapter reports it: the server shows it once and lints
 * with the editor's settings, the CLI stops). A file the project's `ignore` matches is not linted, and
 * no build file is read for it.
 */
import type { SettingsOverrides } from './projectSettings';
import { mergeSettings } from './projectSettings';
import type { LintSettings } from './types';

/** What the project's configuration file says for one file (config/projectConfig.ts reads it). */
export interface ProjectConfigResult {
  /** The settings the file sets for this file (empty when it is broken). */
  overrides: SettingsOverrides;
  /** The file matches the configuration's `ignore` globs. */
  ignored: boolean;
  /** `<path>: <problem>` when the configuration file cannot be read, parsed or validated. */
  error?: string;
}

/** What the nearest build files declare about one artefact (config/buildVersion.ts reads them). */
export interface BuildDeclaration {
  /** The version the build declares (absent when none was found or it was not usable). */
  version?: string;
  /** `<path>:<line> (org.apache.kafka:kafka-clients 3.9.0)`, or `Spring Boot 2.7.18 in <path>:<line> (parent …)`, for the hover. */
  source?: string;
  /** For messages, when a platform gave the version: `Spring Boot 2.7.18 in pom.xml`. */
  via?: string;
  /** `<path>:<line>: <why>` when the nearest declaration gives no usable version. */
  note?: string;
  /** Build files met on the way that could not be read (`<path> (<why>)`): they might declare the version. */
  unreadable?: string[];
}

/** Which build-file facts the settings still need. */
export interface BuildNeeds {
  kafkaClients: boolean;
  binder: boolean;
  springBoot: boolean;
}

/** The build files' answers, for what `BuildNeeds` asked (an unasked one is absent). */
export interface BuildFacts {
  kafkaClients?: BuildDeclaration;
  binder?: BuildDeclaration;
  /** The Spring Boot release itself (not the kafka-clients it manages). */
  springBoot?: BuildDeclaration;
}

export interface SettingsSources {
  /** The editor's settings (the server), or DEFAULT_SETTINGS (the CLI). */
  base: LintSettings;
  /** Choices that beat the project file: the CLI's flags; the editor's kafkaClientsVersion when it is not `auto`. */
  explicit?: SettingsOverrides;
  /** The project's configuration file for this file; absent when none was looked for (`--no-config`, a document that is no file). */
  project?: ProjectConfigResult;
  /**
   * Reads the build files for what the layered settings still need; absent when there are none to
   * read (a document that is no file, or the CLI's main thread, which leaves them to its lint worker).
   */
  readBuild?: (needs: BuildNeeds) => BuildFacts;
}

export interface ResolvedSettings {
  settings: LintSettings;
  /** The project file's `ignore` matches the file: it is not linted (`settings.enable` is false). */
  ignored: boolean;
  /** The project file is broken (`<path>: <problem>`); the settings are those without it. */
  configError?: string;
}

/** `auto` (any case of spacing): the version is still to be found in the build files. */
export const isAutoVersion = (version: string): boolean => version.trim() === 'auto';

/**
 * The editor's settings as the two layers they are: the editor's own values under the project file,
 * and its kafkaClientsVersion, when set to something other than `auto`, above it (set on purpose).
 */
export function editorSources(editor: LintSettings): Pick<SettingsSources, 'base' | 'explicit'> {
  if (isAutoVersion(editor.kafkaClientsVersion)) return { base: editor };
  return {
    base: editor,
    explicit: { kafkaClientsVersion: editor.kafkaClientsVersion, kafkaClientsVersionSource: editor.kafkaClientsVersionSource },
  };
}

/** Every layer but the build files: the settings the file is linted with when its version is not `auto`. */
export function layerSettings(sources: Omit<SettingsSources, 'readBuild'>): ResolvedSettings {
  const { base, explicit, project } = sources;
  if (project?.error) return { settings: layer(base, undefined, explicit), ignored: false, configError: project.error };
  if (project?.ignored) return { settings: { ...layer(base, undefined, explicit), enable: false }, ignored: true };
  return { settings: layer(base, project?.overrides, explicit), ignored: false };
}

function layer(base: LintSettings, project: SettingsOverrides | undefined, explicit: SettingsOverrides | undefined): LintSettings {
  const out = mergeSettings(base, project, explicit);
  // an explicit version comes with its own source (none for the editor's), never the project file's
  if (explicit?.kafkaClientsVersion !== undefined) out.kafkaClientsVersionSource = explicit.kafkaClientsVersionSource;
  return out;
}

/** What the build files must still tell: the kafka-clients version while it is `auto`; the binder and Spring Boot versions unless set. */
export function buildNeeds(settings: LintSettings): BuildNeeds {
  return {
    kafkaClients: isAutoVersion(settings.kafkaClientsVersion),
    binder: settings.springCloudStreamBinderVersion === undefined,
    springBoot: settings.springBootVersion === undefined,
  };
}

/**
 * The last layer: the build files' versions where the settings leave them open, with their sources
 * for the hover, the platform for messages, a note when a declaration gives no usable version, and the
 * build files that could not be read (`build-file-unreadable`).
 */
export function withBuildFacts(settings: LintSettings, facts: BuildFacts): LintSettings {
  let out = settings;
  const needs = buildNeeds(settings);
  const boot = needs.springBoot ? facts.springBoot : undefined;
  if (boot?.version) out = { ...out, springBootVersion: boot.version, springBootVersionSource: boot.source };
  else if (boot?.note) out = { ...out, springBootVersionNote: boot.note };
  const binder = needs.binder ? facts.binder : undefined;
  if (binder?.version)
    out = { ...out, springCloudStreamBinderVersion: binder.version, springCloudStreamBinderVersionSource: binder.source };
  else if (binder?.note) out = { ...out, springCloudStreamBinderVersionNote: binder.note };
  const found = needs.kafkaClients ? facts.kafkaClients : undefined;
  if (!found) return out;
  const unread = found.unreadable ? { buildFilesUnread: found.unreadable } : {};
  if (found.version) {
    out = { ...out, kafkaClientsVersion: found.version, kafkaClientsVersionSource: found.source, ...unread };
    if (found.via) out.kafkaClientsVersionVia = found.via;
    return out;
  }
  if (found.note) return { ...out, kafkaClientsVersionNote: found.note, ...unread };
  return { ...out, ...unread };
}

/** The settings a file is linted with: every layer of the table above, highest first. */
export function resolveSettings(sources: SettingsSources): ResolvedSettings {
  const layered = layerSettings(sources);
  if (layered.ignored || !sources.readBuild) return layered;
  return { ...layered, settings: withBuildFacts(layered.settings, sources.readBuild(buildNeeds(layered.settings))) };
}
