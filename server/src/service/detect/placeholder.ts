/**
 * `${...}` placeholders in configuration values: the value is judged by its default
 * when there is one; otherwise it is unknown and no rule judges it.
 *
 * The syntax differs by who resolves it, and it matters for `acks`:
 * - Spring (`PropertyPlaceholderHelper`): `${NAME:default}`; everything after the first
 *   `:` is the default, so `${KAFKA_ACKS:-1}` defaults to "-1".
 * - Shell / Docker Compose / generic configs: `${NAME:-default}` and `${NAME-default}`;
 *   there `${KAFKA_ACKS:-1}` defaults to "1". Generic maps accept the Spring form too
 *   (`${NAME:default}`) since app frameworks use it.
 * - Docker Compose files themselves (`compose`): only `${NAME:-default}` and `${NAME-default}` have a
 *   default; `${NAME:?error}`, `${NAME:+alternative}` (and their forms without `:`) are unknown, and
 *   `${NAME:default}` is not Compose syntax (Compose refuses the file), so it is unknown too.
 * A value that only partly is a placeholder (`tx-${HOSTNAME}`) is unknown.
 */
import type { Entry, EntryMeta, ValueKind } from '../types';

export type PlaceholderStyle = 'spring' | 'generic' | 'compose';

export interface Placeholder {
  value: string | undefined;
  kind: ValueKind;
  /** Offset and length of a literal default inside the value string, for editing it in place. */
  defaultAt?: number;
  defaultLength?: number;
}

/** Index of the `}` closing the `${` at `open`, honouring nesting; -1 when unbalanced. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index of the first `:` of the content that is not inside a nested placeholder. */
function topLevelColon(content: string): number {
  let depth = 0;
  for (let i = 0; i < content.length; i++) {
    if (content[i] === '$' && content[i + 1] === '{') {
      depth++;
      i++;
    } else if (content[i] === '}') depth--;
    else if (content[i] === ':' && depth === 0) return i;
  }
  return -1;
}

/** Resolves `value` when it contains a placeholder; undefined when it contains none. */
export function resolvePlaceholder(value: string, style: PlaceholderStyle, depth = 0): Placeholder | undefined {
  const open = value.indexOf('${');
  if (open < 0) return undefined;
  const lead = value.slice(0, open);
  const close = closing(value, open);
  if (close < 0 || lead.trim() !== '' || value.slice(close + 1).trim() !== '' || depth > 8) return { value: undefined, kind: 'unknown' };
  const content = value.slice(open + 2, close);
  const base = open + 2;
  let defStart: number | undefined;
  if (style === 'generic' || style === 'compose') {
    const shell = /^[A-Za-z_][A-Za-z0-9_.]*(:?-)/.exec(content);
    if (shell) defStart = shell[0].length;
  }
  if (defStart === undefined && style !== 'compose') {
    const colon = topLevelColon(content);
    if (colon >= 0) defStart = colon + 1;
  }
  if (defStart === undefined) return { value: undefined, kind: 'unknown' };
  const def = content.slice(defStart);
  if (def.includes('${')) {
    const inner = resolvePlaceholder(def, style, depth + 1);
    return inner && inner.value !== undefined ? { value: inner.value, kind: 'placeholder' } : { value: undefined, kind: 'unknown' };
  }
  return { value: def, kind: 'placeholder', defaultAt: base + defStart, defaultLength: def.length };
}

/**
 * The entry as the framework sees it: a placeholder's default as value (kind
 * 'placeholder'), or an unknown value. The default's span is kept when the value's
 * text maps one to one onto the source (no escapes), so a fix can rewrite just it.
 */
export function withPlaceholder(entry: Entry, text: string, style: PlaceholderStyle): Entry {
  if (entry.value === undefined || entry.kind !== 'string') return entry;
  const p = resolvePlaceholder(entry.value, style);
  if (!p) return entry;
  const raw = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  let meta: EntryMeta | undefined = entry.meta;
  if (p.defaultAt !== undefined) {
    let base: number | undefined;
    if (raw === entry.value) base = entry.valueSpan.start;
    else if (raw.length === entry.value.length + 2 && raw.slice(1, -1) === entry.value && /^["']/.test(raw))
      base = entry.valueSpan.start + 1;
    if (base !== undefined) {
      const placeholderDefault = { start: base + p.defaultAt, end: base + p.defaultAt + (p.defaultLength ?? 0) };
      meta = { ...(entry.meta ?? {}), placeholderDefault };
    }
  }
  return { ...entry, value: p.value, kind: p.kind, placeholder: entry.value.trim(), meta };
}
