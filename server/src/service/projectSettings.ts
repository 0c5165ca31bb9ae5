/**
 * The project configuration file (`.kafka-idempotence.json` / `.yaml` / `.yml`), the pure half:
 * validation of the parsed object, what it says for one file, and merging settings.
 * Finding and reading the file is I/O and lives in server/src/config/projectConfig.ts; both the
 * CLI and the language server go through it, so the editor and CI say the same thing.
 *
 * ```json
 * {
 *   "kafkaClientsVersion": "3.9",
 *   "rules": { "idempotence-implicit-downgrade": "off" },
 *   "client": [{ "files": "native/**", "client": "librdkafka" }],   // or { "native/**": "librdkafka" }
 *   "ignore": ["generated/**", "**\/*.test.properties"],
 *   "maxFileSize": 1048576
 * }
 * ```
 * Globs use .gitignore semantics (the `ignore` package), relative to the folder that holds the
 * configuration file: a pattern without a slash matches a name at any depth, `dir/` only folders
 * (and so everything below them), a leading `/` anchors, `!` negates an earlier match.
 * For `client`, the last matching entry wins.
 */
import ignore, { type Ignore } from 'ignore';
import type { LintSettings, SeveritySetting } from './types';
import { RULES_BY_ID } from './rules';
import { parseVersion } from './version';

export const CONFIG_FILE_NAMES = ['.kafka-idempotence.json', '.kafka-idempotence.yaml', '.kafka-idempotence.yml'] as const;

export type ClientSetting = NonNullable<LintSettings['client']>;
const CLIENTS: readonly ClientSetting[] = ['java', 'librdkafka'];
const SEVERITIES: readonly SeveritySetting[] = ['default', 'error', 'warning', 'info', 'hint', 'off'];
const KEYS = ['$schema', 'kafkaClientsVersion', 'rules', 'client', 'ignore', 'maxFileSize'];

/** A validated configuration file. */
export interface ProjectConfig {
  kafkaClientsVersion?: string;
  rules?: Record<string, SeveritySetting>;
  client?: Array<{ files: string; client: ClientSetting }>;
  ignore?: string[];
  maxFileSize?: number;
}

/** The part of LintSettings a configuration file (or a command line) can set. */
export type SettingsOverrides = Partial<
  Pick<LintSettings, 'kafkaClientsVersion' | 'kafkaClientsVersionSource' | 'kafkaClientsVersionNote' | 'rules' | 'client' | 'maxFileSize'>
>;

export type ValidateResult = { ok: true; config: ProjectConfig } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed configuration file; every problem is reported, each naming its key. */
export function validateProjectConfig(raw: unknown): ValidateResult {
  if (raw === null || raw === undefined) return { ok: true, config: {} }; // an empty file
  if (!isObject(raw)) return { ok: false, errors: ['the file must hold an object (key: value pairs)'] };
  const errors: string[] = [];
  const config: ProjectConfig = {};
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) errors.push(`unknown key '${key}' (known: ${KEYS.slice(1).join(', ')})`);
  }
  const v = raw.kafkaClientsVersion;
  if (v !== undefined) {
    if (typeof v !== 'string' && typeof v !== 'number')
      errors.push(`'kafkaClientsVersion' must be a string such as "3.9", not ${describe(v)}`);
    else if (typeof v === 'number') errors.push(`'kafkaClientsVersion' must be quoted ("${v}"): as a number 3.10 would read as 3.1`);
    else if (parseVersion(v) === undefined)
      errors.push(`'kafkaClientsVersion': '${v}' is not a version (examples: auto, latest, 4.1, 3.9, 3.0.0)`);
    else config.kafkaClientsVersion = v.trim() === '' ? 'latest' : v.trim();
  }
  const rules = raw.rules;
  if (rules !== undefined) {
    if (!isObject(rules)) errors.push(`'rules' must map rule ids to severities, not ${describe(rules)}`);
    else {
      config.rules = {};
      for (const [id, sev] of Object.entries(rules)) {
        if (!RULES_BY_ID.has(id)) errors.push(`'rules': unknown rule '${id}'`);
        else if (typeof sev !== 'string' || !SEVERITIES.includes(sev as SeveritySetting)) {
          errors.push(`'rules.${id}': severity must be one of ${SEVERITIES.join('|')}, not ${describe(sev)}`);
        } else config.rules[id] = sev as SeveritySetting;
      }
    }
  }
  const client = raw.client;
  if (client !== undefined) {
    const entries: Array<[string, unknown, string]> = [];
    if (Array.isArray(client)) {
      client.forEach((e, i) => {
        if (!isObject(e) || typeof e.files !== 'string' || Object.keys(e).some((k) => k !== 'files' && k !== 'client')) {
          errors.push(`'client[${i}]' must be { "files": "<glob>", "client": "${CLIENTS.join('" | "')}" }`);
        } else entries.push([e.files, e.client, `client[${i}]`]);
      });
    } else if (isObject(client)) {
      for (const [glob, c] of Object.entries(client)) entries.push([glob, c, `client["${glob}"]`]);
    } else errors.push(`'client' must be a list of { "files", "client" } or a map from glob to client, not ${describe(client)}`);
    config.client = [];
    for (const [glob, c, where] of entries) {
      if (glob.trim() === '') errors.push(`'${where}': the glob is empty`);
      else if (typeof c !== 'string' || !CLIENTS.includes(c as ClientSetting))
        errors.push(`'${where}': client must be ${CLIENTS.join(' or ')}, not ${describe(c)}`);
      else config.client.push({ files: glob, client: c as ClientSetting });
    }
  }
  const ign = raw.ignore;
  if (ign !== undefined) {
    if (!Array.isArray(ign) || ign.some((g) => typeof g !== 'string'))
      errors.push(`'ignore' must be a list of globs, not ${describe(ign)}`);
    else config.ignore = ign as string[];
  }
  const max = raw.maxFileSize;
  if (max !== undefined) {
    if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 0)
      errors.push(`'maxFileSize' must be a whole number of characters, not ${describe(max)}`);
    else config.maxFileSize = max;
  }
  return errors.length ? { ok: false, errors } : { ok: true, config };
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

const matchers = new WeakMap<ProjectConfig, { ignore?: Ignore; client: Array<{ m: Ignore; client: ClientSetting }> }>();

function compiled(config: ProjectConfig) {
  let c = matchers.get(config);
  if (!c) {
    c = {
      ignore: config.ignore?.length ? ignore().add(config.ignore) : undefined,
      client: (config.client ?? []).map((e) => ({ m: ignore().add(e.files), client: e.client })),
    };
    matchers.set(config, c);
  }
  return c;
}

/** Normalizes a path relative to the configuration file's folder for matching ('a/b.yml'). */
function normalizeRel(relPath: string): string | undefined {
  const rel = relPath.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (rel === '' || rel.startsWith('../') || rel === '..' || rel.startsWith('/') || /^[a-zA-Z]:\//.test(rel)) return undefined;
  return rel;
}

/**
 * What the configuration says for one file. `relPath` is relative to the configuration file's
 * folder (a file outside that folder gets the global settings and is never ignored).
 */
export function resolveProjectConfig(
  config: ProjectConfig,
  relPath: string,
  source?: string,
): { overrides: SettingsOverrides; ignored: boolean } {
  const overrides: SettingsOverrides = {};
  if (config.kafkaClientsVersion !== undefined) {
    overrides.kafkaClientsVersion = config.kafkaClientsVersion;
    overrides.kafkaClientsVersionSource = source ?? 'configuration file';
  }
  if (config.rules) overrides.rules = { ...config.rules };
  if (config.maxFileSize !== undefined) overrides.maxFileSize = config.maxFileSize;
  const rel = normalizeRel(relPath);
  const m = compiled(config);
  let ignored = false;
  if (rel !== undefined) {
    ignored = m.ignore?.ignores(rel) ?? false;
    for (const e of m.client) if (e.m.ignores(rel)) overrides.client = e.client;
  }
  return { overrides, ignored };
}

/**
 * Layers settings: later overrides win key by key; `rules` merge rule by rule. Which layer comes
 * where is the settings precedence's (settingsPrecedence.ts: the editor's settings or the defaults,
 * then the project file, then the flags).
 */
export function mergeSettings(base: LintSettings, ...layers: Array<SettingsOverrides | undefined>): LintSettings {
  let out: LintSettings = { ...base, rules: { ...base.rules } };
  for (const layer of layers) {
    if (!layer) continue;
    const { rules, ...rest } = layer;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as SettingsOverrides;
    out = { ...out, ...defined, rules: { ...out.rules, ...(rules ?? {}) } };
  }
  return out;
}
