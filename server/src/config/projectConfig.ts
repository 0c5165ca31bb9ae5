/**
 * Finding and reading the project configuration file, for the CLI and the language server alike.
 * This is I/O (fs), so it lives outside the pure service; validation and merging are the
 * service's (service/projectSettings.ts).
 *
 * From a linted file's folder upward to the filesystem root, the first folder that holds
 * `.kafka-idempotence.json`, `.kafka-idempotence.yaml` or `.kafka-idempotence.yml` wins (nearest
 * wins; files are not merged). Two of them in one folder is an error (which one would win is not
 * obvious). A parsed file is cached by path and re-read when its mtime or size changes.
 *
 * What the file says for a linted file (`load`) is one layer of the settings precedence
 * (service/settingsPrecedence.ts), which the language server's lint workers and the CLI both apply:
 * ```ts
 * const cfg = loadProjectConfig(fileName);                  // cheap: a few stat calls
 * const { settings, ignored, configError } = resolveSettings({ ...editorSources(editor), project: cfg, readBuild });
 * ```
 * Call `clearProjectConfigCache()` on a didChangeWatchedFiles for `**\/.kafka-idempotence.{json,yaml,yml}`
 * (not required for correctness: the mtime check sees edits; it drops the cached lookups).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILE_NAMES, resolveProjectConfig, validateProjectConfig, type ProjectConfig } from '../service/projectSettings';
import type { ProjectConfigResult } from '../service/settingsPrecedence';
import { StatCache } from './fileCache';

export interface LoadedProjectConfig extends ProjectConfigResult {
  /** Absolute path of the configuration file that applies, if any. */
  source?: string;
}

export class ProjectConfigLoader {
  private readonly parsed = new StatCache(parseConfigFile);
  /** Folder → configuration file path ('' for none), or an ambiguity error. Only when `cacheLookups`. */
  private readonly lookups = new Map<string, string | { error: string }>();

  /**
   * @param cacheLookups remember which folder has which configuration file (the CLI: one run sees one
   * tree). The language server keeps it off, so a file created later is found.
   */
  constructor(private readonly cacheLookups = false) {}

  clear(): void {
    this.parsed.clear();
    this.lookups.clear();
  }

  /** The configuration file that applies to `filePath` (absolute), or an error when a folder has two. */
  find(filePath: string): { path?: string; error?: string } {
    const visited: string[] = [];
    let dir = path.dirname(path.resolve(filePath));
    let found: string | { error: string } = '';
    for (;;) {
      const cached = this.cacheLookups ? this.lookups.get(dir) : undefined;
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(dir);
      const here = CONFIG_FILE_NAMES.map((n) => path.join(dir, n)).filter(isFile);
      if (here.length > 1) {
        found = { error: `${here.join(' and ')}: two configuration files in one folder; keep one` };
        break;
      }
      if (here.length === 1) {
        found = here[0];
        break;
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    if (this.cacheLookups) for (const d of visited) this.lookups.set(d, found);
    return typeof found === 'string' ? (found ? { path: found } : {}) : { error: found.error };
  }

  /** Reads (or takes from the cache) and validates one configuration file. */
  read(configPath: string): { config?: ProjectConfig; error?: string } {
    let st: fs.Stats;
    try {
      st = fs.statSync(configPath);
    } catch (e) {
      return { error: `${configPath}: cannot read it (${(e as NodeJS.ErrnoException).code ?? e})` };
    }
    return this.parsed.get(configPath, st);
  }

  load(filePath: string): LoadedProjectConfig {
    const abs = path.resolve(filePath);
    const found = this.find(abs);
    if (found.error) return { overrides: {}, ignored: false, error: found.error };
    if (!found.path) return { overrides: {}, ignored: false };
    const { config, error } = this.read(found.path);
    if (error || !config) return { overrides: {}, ignored: false, source: found.path, error };
    const rel = path.relative(path.dirname(found.path), abs);
    return { ...resolveProjectConfig(config, rel, found.path), source: found.path };
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Reads, parses (JSON or YAML by extension) and validates a configuration file. */
export function parseConfigFile(configPath: string): { config?: ProjectConfig; error?: string } {
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (e) {
    return { error: `${configPath}: cannot read it (${(e as NodeJS.ErrnoException).code ?? e})` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    if (configPath.endsWith('.json')) raw = text.trim() === '' ? undefined : JSON.parse(text);
    else raw = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    return { error: `${configPath}: not valid ${configPath.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}` };
  }
  const v = validateProjectConfig(raw);
  if (!v.ok) return { error: `${configPath}: ${v.errors.join('; ')}` };
  return { config: v.config };
}

const shared = new ProjectConfigLoader(false);

/** The configuration that applies to `filePath` (mtime-checked cache shared by the process). */
export function loadProjectConfig(filePath: string): LoadedProjectConfig {
  return shared.load(filePath);
}

export function clearProjectConfigCache(): void {
  shared.clear();
}
