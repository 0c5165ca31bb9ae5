import type { Version } from './types';

/**
 * The newest kafka-clients line this linter is verified against (the oracle suite runs 4.0.2 – 4.4.0:
 * docs/verification.md); `latest` resolves to it.
 */
export const LATEST_KAFKA_CLIENTS: Version = { major: 4, minor: 4, patch: 0, label: 'latest' };

/**
 * Parses `auto`, `latest`, `4`, `4.x`, `3.9`, `3.0.0`, `3.1.1`, `2.8.2`, `3.9.0-SNAPSHOT`...
 * A missing minor/patch means the newest of that line, except that `3.0` and `3.1`
 * mean 3.0.0 and 3.1.0 (the releases users write as `3.0`/`3.1`), which matters
 * because those two carry the idempotence-default bug. Returns undefined when the
 * text is not a version. `auto` (the default: detect the version from the build file, which the
 * adapters do before calling the service) judges like `latest` when nothing was detected.
 */
export function parseVersion(text: string | undefined): Version | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '' || t === 'latest' || t === 'auto') return { ...LATEST_KAFKA_CLIENTS };
  const m = /^v?(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?(?:[-.+][0-9A-Za-z.-]*)?$/.exec(t);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = m[2] === undefined || m[2] === 'x' ? 99 : Number(m[2]);
  const patch = m[3] === undefined || m[3] === 'x' ? (minor === 99 ? 99 : 0) : Number(m[3]);
  if (major > 99 || minor > 999 || patch > 999) return undefined;
  return { major, minor, patch, label: t };
}

export function compareVersion(a: Version, b: { major: number; minor: number; patch: number }): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export const atLeast = (v: Version, major: number, minor = 0, patch = 0) => compareVersion(v, { major, minor, patch }) >= 0;

/** kafka-clients 3.0.0 and 3.1.0: `enable.idempotence` defaults to true but the default is never applied (KAFKA-13598). */
export function hasIdempotenceDefaultBug(v: Version): boolean {
  return v.major === 3 && v.patch === 0 && (v.minor === 0 || v.minor === 1);
}

/** How a version is shown in messages: `kafka-clients 3.9`, `kafka-clients 4.x (latest)`, `kafka-clients 3.1.2 (from Spring Boot 2.7.18 in pom.xml)`. */
export function versionLabel(v: Version): string {
  if (v.label === 'latest') return `kafka-clients ${v.major}.x (latest)`;
  return `kafka-clients ${v.label}${v.from ? ` (from ${v.from})` : ''}`;
}
