/**
 * The editor's `kafkaIdempotence` settings section → the service's LintSettings.
 *
 * A malformed value is never used, and never silent: the setting keeps its previous valid value
 * (the default when there was none), and a problem says what was wrong, for the server to show
 * once (window/showWarningMessage). The CLI rejects the same values (cli/args.ts).
 */
// the service's light modules only: the server's main thread loads this file, and never the linter itself
// (an unknown rule id is reported by the lint workers, which have the rules)
import { DEFAULT_SETTINGS, type LintSettings, type SeveritySetting } from '../service/types';
import { parseVersion } from '../service/version';

const SEVERITIES: ReadonlySet<string> = new Set<SeveritySetting>(['default', 'error', 'warning', 'info', 'hint', 'off']);

export interface ReadSettings {
  settings: LintSettings;
  /** What was wrong, one sentence each (empty when everything was valid). */
  problems: string[];
}

const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v)));

/**
 * @param previous the settings last read for the same resource: an invalid value keeps its value there
 */
export function readLintSettings(raw: unknown, previous: LintSettings = DEFAULT_SETTINGS): ReadSettings {
  const out: LintSettings = { ...DEFAULT_SETTINGS, rules: {} };
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: out, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      settings: { ...previous, rules: { ...previous.rules } },
      problems: [`the kafkaIdempotence settings must be an object, not ${show(raw)}`],
    };
  }
  const s = raw as Record<string, unknown>;
  if (s.enable !== undefined) {
    if (typeof s.enable === 'boolean') out.enable = s.enable;
    else {
      out.enable = previous.enable;
      problems.push(`kafkaIdempotence.enable must be true or false, not ${show(s.enable)}; keeping ${previous.enable}`);
    }
  }
  if (s.kafkaClientsVersion !== undefined) {
    const v = typeof s.kafkaClientsVersion === 'string' ? s.kafkaClientsVersion.trim() : undefined;
    if (v === '') out.kafkaClientsVersion = DEFAULT_SETTINGS.kafkaClientsVersion;
    else if (v !== undefined && parseVersion(v) !== undefined) out.kafkaClientsVersion = v;
    else {
      out.kafkaClientsVersion = previous.kafkaClientsVersion;
      out.kafkaClientsVersionSource = previous.kafkaClientsVersionSource;
      problems.push(
        `kafkaIdempotence.kafkaClientsVersion: ${show(s.kafkaClientsVersion)} is not a version (examples: auto, latest, 4.1, 3.9, 3.0.0, 2.8.2); keeping '${previous.kafkaClientsVersion}'`,
      );
    }
  }
  if (s.maxFileSize !== undefined) {
    if (typeof s.maxFileSize === 'number' && Number.isFinite(s.maxFileSize) && s.maxFileSize >= 0) out.maxFileSize = s.maxFileSize;
    else {
      out.maxFileSize = previous.maxFileSize;
      problems.push(
        `kafkaIdempotence.maxFileSize must be a number of characters, not ${show(s.maxFileSize)}; keeping ${previous.maxFileSize}`,
      );
    }
  }
  if (s.rules !== undefined) {
    if (!s.rules || typeof s.rules !== 'object' || Array.isArray(s.rules)) {
      out.rules = { ...previous.rules };
      problems.push(
        `kafkaIdempotence.rules must be an object of rule ids and severities, not ${show(s.rules)}; keeping the previous rules`,
      );
    } else {
      for (const [id, value] of Object.entries(s.rules as Record<string, unknown>)) {
        if (typeof value === 'string' && SEVERITIES.has(value)) out.rules[id] = value as SeveritySetting;
        else {
          if (previous.rules[id] !== undefined) out.rules[id] = previous.rules[id];
          problems.push(
            `kafkaIdempotence.rules.${id}: ${show(value)} is not one of default, error, warning, info, hint, off; keeping ${previous.rules[id] ?? 'default'}`,
          );
        }
      }
    }
  }
  return { settings: out, problems };
}

/** The settings alone (problems dropped): defaults for anything malformed. */
export function toLintSettings(raw: unknown): LintSettings {
  return readLintSettings(raw).settings;
}
