/**
 * The editor's `kafkaIdempotence` settings section → the service's LintSettings.
 * Anything malformed falls back to the default for that one setting.
 */
import { DEFAULT_SETTINGS, type LintSettings, type SeveritySetting } from '../service';

const SEVERITIES: ReadonlySet<string> = new Set<SeveritySetting>(['default', 'error', 'warning', 'info', 'hint', 'off']);

export function toLintSettings(raw: unknown): LintSettings {
  const out: LintSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (!raw || typeof raw !== 'object') return out;
  const s = raw as Record<string, unknown>;
  if (typeof s.enable === 'boolean') out.enable = s.enable;
  if (typeof s.kafkaClientsVersion === 'string' && s.kafkaClientsVersion.trim() !== '') {
    out.kafkaClientsVersion = s.kafkaClientsVersion.trim();
  }
  if (typeof s.maxFileSize === 'number' && Number.isFinite(s.maxFileSize) && s.maxFileSize >= 0) {
    out.maxFileSize = s.maxFileSize;
  }
  if (s.rules && typeof s.rules === 'object' && !Array.isArray(s.rules)) {
    for (const [id, value] of Object.entries(s.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) out.rules[id] = value as SeveritySetting;
    }
  }
  return out;
}
