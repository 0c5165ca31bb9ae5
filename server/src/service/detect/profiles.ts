/**
 * Which documents of a Spring configuration file apply together (Spring Boot 2.4+ config data, and the
 * legacy `spring.profiles`): a document with `spring.config.activate.on-profile` (or `on-cloud-platform`, or
 * the legacy `spring.profiles`) applies only when that profile (platform) is active, merged over the file's
 * documents without activation; `application-<profile>.{properties,yml,yaml}` is the profile's file.
 * Documents: YAML `---`, `.properties` `#---` / `!---` (source.ts).
 */
import { relaxed } from '../formats/editor';
import type { SourceView } from './source';

export interface SpringDocuments {
  /** Activated documents by index, with their label: `profile 'dev'`, `profile 'a, b'`, `cloud platform 'kubernetes'`. */
  activation: Map<number, string>;
  /** Every document without activation (also those without a Spring key). */
  baseDocs: Set<number>;
  /** The profile an `application-<profile>` file name gives. */
  fileProfile?: string;
}

/** `profile` or `cloud platform` when the name (its elements) activates its document, else undefined. */
export function activationKind(el: readonly string[]): 'profile' | 'cloud platform' | undefined {
  if (el.length < 2 || relaxed(el[0]) !== 'spring') return undefined;
  const r1 = relaxed(el[1]);
  if (r1 === 'config' && el.length >= 4 && relaxed(el[2]) === 'activate') {
    const r3 = relaxed(el[3]);
    if (r3 === 'onprofile') return 'profile';
    if (r3 === 'oncloudplatform') return 'cloud platform';
    return undefined;
  }
  if (r1 === 'profiles' && (el.length === 2 || (el.length === 3 && /^\[\d+\]$/.test(el[2])))) return 'profile';
  return undefined;
}

export function fileProfileOf(fileName: string): string | undefined {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  return /^application-(.+)\.(properties|ya?ml)$/i.exec(base)?.[1];
}

export function springDocuments(view: SourceView, fileName: string | undefined): SpringDocuments {
  const values = new Map<number, Map<string, string[]>>();
  for (const s of view.entries) {
    const head = s.head;
    if (head === undefined || s.entry.value === undefined || relaxed(head) !== 'spring') continue;
    const kind = activationKind(s.elements);
    if (!kind) continue;
    const m = values.get(s.doc) ?? new Map<string, string[]>();
    m.set(kind, [...(m.get(kind) ?? []), s.entry.value.trim()]);
    values.set(s.doc, m);
  }
  const activation = new Map<number, string>();
  for (const [d, m] of values) activation.set(d, [...m].map(([label, vs]) => `${label} '${vs.join(', ')}'`).join(', '));
  const baseDocs = new Set<number>();
  for (const s of view.entries) if (!activation.has(s.doc)) baseDocs.add(s.doc);
  return { activation, baseDocs, fileProfile: fileName === undefined ? undefined : fileProfileOf(fileName) };
}
