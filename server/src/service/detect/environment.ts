/**
 * Producer settings given as environment variables in YAML: a Compose service's `environment:`
 * (a map, or a list of `NAME=value`), a Kubernetes container's `env:` (a list of `name`/`value`
 * items), or any other map or list of that shape under `env`, `environment` or a Helm chart's
 * `extraEnv` / `extraEnvVars` / `envVars`. One group of variables
 * (a service, a container) is one candidate; its variables are read the way the program in the
 * image reads them:
 *
 * - `SPRING_KAFKA_*`: Spring Boot's binding from environment variables (reference: Spring Boot
 *   "Binding From Environment Variables", `SystemEnvironmentPropertyMapper`): the name is
 *   lower-cased and `_` separates elements, so `SPRING_KAFKA_PRODUCER_ACKS` is
 *   `spring.kafka.producer.acks` and `SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE` puts
 *   `enable.idempotence` into the `properties` map (map keys from the environment are lower-case).
 *   A dashed property is matched in its uniform form (`..._TRANSACTIONIDPREFIX`) and in the legacy
 *   form with `_` for the dash (`..._TRANSACTION_ID_PREFIX`), as the mapper does. The group is then
 *   judged by the Spring dialect (spring.ts). Keys the application's own `application.yml` sets are
 *   not visible here;
 * - `CONNECT_*` (Confluent's cp-kafka-connect / cp-server-connect images, Debezium's connect image):
 *   the rest of the name, lower-cased, with `_` → `.` (Confluent also maps `__` → `-` and `___` → `_`,
 *   which no producer key needs), is a line of the worker's properties file, so
 *   `CONNECT_PRODUCER_ENABLE_IDEMPOTENCE` is the worker's `producer.enable.idempotence`. The group is
 *   judged as a Kafka Connect worker (connect.ts) when it shows a worker (`CONNECT_GROUP_ID` with a
 *   storage topic, `CONNECT_PLUGIN_PATH`, `CONNECT_BOOTSTRAP_SERVERS`) or sets `CONNECT_PRODUCER_*`.
 *
 * Values are strings: `${VAR:-default}` (Compose interpolation) is judged by its default; a
 * variable without a value (`- NAME`, `valueFrom:`) is unknown and left out. Other names, such as
 * an application's own `KAFKA_PRODUCER_ACKS`, mean whatever that application makes of them and
 * are not judged.
 */
import { type Entry, type ProducerBlock, type Span, type TextEdit, yamlMeta, yamlMetaOf } from '../types';
import type { DetectContext } from './index';
import { sourceView, partView, SourceEntry, type SourceView } from './source';
import { springBlocks, PRODUCER_DEDICATED, COMMON_DEDICATED } from './spring';
import { connectBlock, connectRole } from './connect';
import { genericBlocks } from './genericMap';
import { withPlaceholder } from './placeholder';
import {
  columnOf,
  itemStartOf,
  lineEndAfter,
  lineStartOf,
  isYamlExtra,
  springNameOfPath,
  unwrapBracket,
  type YamlExtra,
} from '../formats/yaml';
import { relaxed, type KeyPath, type SourceEditor } from '../formats/editor';
import { insertLines } from '../formats/yamlWriter';
import type { Trigger } from './trigger';

export const ENVIRONMENT_TRIGGERS: readonly Trigger[] = [
  { words: ['kafka'], relaxed: true },
  { words: ['connect', 'producer'], relaxed: true },
];

type Form = 'map' | 'list' | 'named';

/** One environment variable as written. */
interface EnvVar {
  name: string;
  /** The entry holding the value: the map pair, the `NAME=value` item, or the `value:` pair. */
  source: Entry;
  /** The variable as an entry: key = its name, spans of the name and of the value alone. */
  entry: Entry;
  /** For `named` items: the `name:` entry. */
  nameEntry?: Entry;
}

interface Group {
  doc: number;
  path: string[];
  form: Form;
  vars: EnvVar[];
  /** The first entry of the group, in source order. */
  order: number;
  /**
   * Names of a map group's own text (not merged in), also those without a value: outside Compose such a
   * name is no variable, and its entry is kept (a value can be written into it); else undefined.
   */
  written: Map<string, Entry | undefined>;
}

/** Keys that hold environment variables: `env`, `environment` (Compose), and Helm charts' `extraEnv`, `extraEnvVars`, `envVars`. */
const ENV_KEY = /^(?:extra)?env(?:ironment)?(?:vars?)?$/i;
const isEnvKey = (seg: string | undefined) => seg !== undefined && ENV_KEY.test(seg);
/** A Compose service's `environment` (`services.<name>.environment`). */
const isCompose = (path: readonly string[]) => path.length === 3 && path[0] === 'services' && path[2] === 'environment';
const isIndex = (seg: string | undefined) => seg !== undefined && /^\[\d+\]$/.test(seg);

/** Spans of `NAME` and `value` inside a `NAME=value` scalar, when its text is the value itself (plain, or quoted without escapes). */
function splitAssignment(text: string, e: Entry, eq: number): { name: Span; value: Span } {
  const raw = text.slice(e.valueSpan.start, e.valueSpan.end);
  const v = e.value ?? '';
  let base: number | undefined;
  if (raw === v) base = e.valueSpan.start;
  else if (raw.length === v.length + 2 && raw.slice(1, -1) === v && /^["']/.test(raw)) base = e.valueSpan.start + 1;
  if (base === undefined) return { name: e.valueSpan, value: e.valueSpan };
  return { name: { start: base, end: base + eq }, value: { start: base + eq + 1, end: base + v.length } };
}

function groupsOf(view: SourceView, text: string): Group[] {
  const groups = new Map<string, Group>();
  const named = new Map<string, NamedItem>();
  const groupFor = (doc: number, path: string[], form: Form, order: number): Group => {
    const id = `${doc}\u0000${path.join('\u0000')}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { doc, path, form, vars: [], order, written: new Map() }));
    return g;
  };
  for (const s of view.entries) {
    const meta = yamlMetaOf(s.entry);
    const path = meta.path;
    const n = path.length;
    if (n >= 2 && isEnvKey(path[n - 2]) && !isIndex(path[n - 1]) && !meta.flow && !meta.viaAlias) {
      const bare = s.entry.value === undefined && meta.style === 'NULL' && !isCompose(path.slice(0, n - 1));
      groupFor(s.doc, path.slice(0, n - 1), 'map', s.order).written.set(unwrapBracket(path[n - 1]), bare ? s.entry : undefined);
    }
    if (n >= 2 && isEnvKey(path[n - 2]) && (s.entry.value !== undefined || (!isIndex(path[n - 1]) && isCompose(path.slice(0, n - 1))))) {
      const group = path.slice(0, n - 1);
      if (isIndex(path[n - 1]) && s.entry.value !== undefined) {
        const v = listItemVar(s.entry, s.entry.value, text, isCompose(group));
        if (v) groupFor(s.doc, group, 'list', s.order).vars.push(v);
      } else if (!meta.flow) {
        groupFor(s.doc, group, 'map', s.order).vars.push(mapPairVar(s.entry, unwrapBracket(path[n - 1])));
      }
      continue;
    }
    if (n >= 3 && isEnvKey(path[n - 3]) && isIndex(path[n - 2]) && (path[n - 1] === 'name' || path[n - 1] === 'value')) {
      const id = `${s.doc}\u0000${path.slice(0, n - 1).join('\u0000')}`;
      let item = named.get(id);
      if (!item) named.set(id, (item = { order: s.order, group: groupFor(s.doc, path.slice(0, n - 2), 'named', s.order) }));
      if (path[n - 1] === 'name') item.name = s.entry;
      else item.value = s.entry;
    }
  }
  for (const item of named.values()) {
    const v = namedItemVar(item);
    if (v) item.group.vars.push(v);
  }
  // Compose interpolates `${VAR:-default}` before the program sees the value: judge the default. Elsewhere
  // (Kubernetes, Helm) the text reaches the program as it is, and Spring resolves `${VAR:default}` itself.
  for (const g of groups.values()) {
    if (!isCompose(g.path)) continue;
    for (const v of g.vars) v.entry = withPlaceholder(v.entry, text, 'compose');
  }
  return [...groups.values()].filter((g) => g.vars.length > 0).sort((a, b) => a.order - b.order);
}

/** A Kubernetes `- name: NAME` / `value: …` item, as its two entries are found. */
interface NamedItem {
  name?: Entry;
  value?: Entry;
  order: number;
  group: Group;
}

/** `- NAME=value` (a list item with a value), or in Compose `- NAME` alone; undefined for any other item. */
function listItemVar(source: Entry, value: string, text: string, compose: boolean): EnvVar | undefined {
  const meta = yamlMetaOf(source);
  const eq = value.indexOf('=');
  if (eq === -1 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.trim()) && compose) {
    // `- NAME` alone: Compose passes the variable on from its own environment, a value not visible here
    const name = value.trim();
    const entry: Entry = {
      ...source,
      key: name,
      value: undefined,
      kind: 'unknown',
      meta: { ...meta, envSource: source, yaml11Boolean: undefined },
    };
    return { name, source, entry };
  }
  if (eq <= 0) return undefined;
  const spans = splitAssignment(text, source, eq);
  const name = value.slice(0, eq);
  const entry: Entry = {
    ...source,
    key: name,
    value: value.slice(eq + 1),
    kind: 'string',
    keySpan: spans.name,
    valueSpan: spans.value,
    meta: { ...meta, envSource: source, yaml11Boolean: undefined },
  };
  return { name, source, entry };
}

/**
 * `NAME: value`; in Compose `NAME:` alone passes the variable on from Compose's own environment, a value not visible
 * here (elsewhere a null is no variable: Helm drops null keys when it merges values).
 */
function mapPairVar(source: Entry, name: string): EnvVar {
  const kind = source.value === undefined ? 'unknown' : source.kind;
  const entry: Entry = {
    ...source,
    key: name,
    kind,
    value: source.value,
    meta: { ...yamlMetaOf(source), envSource: source, yaml11Boolean: undefined },
  };
  return { name, source, entry };
}

/** A `name:` / `value:` item with both a name and a value, as a variable: the key span is the name's value. */
function namedItemVar({ name, value }: NamedItem): EnvVar | undefined {
  if (!name?.value || !value || value.value === undefined) return undefined;
  const entry: Entry = {
    ...value,
    key: name.value,
    keySpan: name.valueSpan,
    meta: { ...yamlMetaOf(value), envSource: value, envName: name, yaml11Boolean: undefined },
  };
  return { name: name.value, source: value, entry, nameEntry: name };
}

// ---------------------------------------------------------------------------------------------
// naming schemes

interface Scheme {
  /** The property elements a variable name stands for, or undefined when the scheme does not read it. */
  decode(name: string): string[] | undefined;
  /** The variable name for property elements. */
  encode(elements: string[]): string;
}

/** Dashed Spring properties that the legacy environment form writes with `_` (relaxed form → property). */
const SPRING_REJOIN: Array<{ prefix: string[]; names: string[] }> = [
  { prefix: ['spring', 'kafka', 'producer'], names: [...Object.keys(PRODUCER_DEDICATED), 'transactionidprefix'] },
  { prefix: ['spring', 'kafka', 'template'], names: ['transactionidprefix'] },
  { prefix: ['spring', 'kafka'], names: Object.keys(COMMON_DEDICATED) },
];

const SPRING: Scheme = {
  decode(name) {
    if (!/^SPRING_KAFKA_/i.test(name) || !/^[A-Za-z0-9_]+$/.test(name)) return undefined;
    const els = name.toLowerCase().split('_');
    if (els.some((e) => e === '')) return undefined;
    for (const r of SPRING_REJOIN) {
      if (els.length <= r.prefix.length + 1 || !r.prefix.every((p, i) => els[i] === p)) continue;
      const tail = els.slice(r.prefix.length).join('');
      if (r.names.includes(tail)) return [...r.prefix, tail];
    }
    return els;
  },
  encode(elements) {
    return elements.map((e) => relaxed(unwrapBracket(e)).replace(/\./g, '_').toUpperCase()).join('_');
  },
};

const CONNECT: Scheme = {
  decode(name) {
    if (!/^CONNECT_/.test(name) || !/^[A-Z0-9_]+$/.test(name)) return undefined;
    const rest = name.slice('CONNECT_'.length).toLowerCase();
    if (rest === '' || rest.startsWith('_')) return undefined;
    const key = rest.replace(/___|__|_/g, (m) => (m === '___' ? '_' : m === '__' ? '-' : '.'));
    return key.split('.');
  },
  encode(elements) {
    return `CONNECT_${elements.join('.').replace(/_/g, '___').replace(/-/g, '__').replace(/\./g, '_').toUpperCase()}`;
  },
};

// ---------------------------------------------------------------------------------------------
// writing variables

/** A value as an environment variable's YAML scalar: always a string (Compose and Kubernetes want strings). */
function envScalar(value: string): string {
  return /^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(value) && !/^(?:true|false|yes|no|on|off|null|y|n)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** The text before a sequence item's first key: indentation and a `- `. */
const ITEM_LEAD = /^[ \t]*-[ \t]+$/;

/** A variable reached through an alias or a `<<` merge key: its text is shared, so it is never edited. */
const shared = (v: EnvVar) => yamlMetaOf(v.source).viaAlias === true;

class EnvEditor implements SourceEditor {
  constructor(
    private readonly text: string,
    private readonly eol: string,
    private readonly parent: SourceEditor,
    private readonly group: Group,
    private readonly scheme: Scheme,
    private readonly maps: YamlExtra['maps'],
  ) {}

  private varOf(entry: Entry): EnvVar | undefined {
    return this.group.vars.find((v) => v.entry === entry || v.source === entry || yamlMeta(entry)?.envSource === v.source);
  }

  setEntry(entry: Entry, value: string): TextEdit[] | undefined {
    const v = this.varOf(entry);
    if (!v || shared(v)) return undefined;
    const placeholder = entry.meta?.placeholderDefault;
    const meta = yamlMetaOf(v.source);
    if (this.group.form === 'list') {
      // only the part after `=`, when it is the text itself and the new value needs no quoting
      if (v.entry.valueSpan === v.source.valueSpan || !/^[A-Za-z0-9_./-]+$/.test(value)) return undefined;
      if (placeholder) return [{ span: placeholder, newText: value }];
      return [{ span: v.entry.valueSpan, newText: value }];
    }
    if (placeholder) return /^[A-Za-z0-9_./-]+$/.test(value) ? [{ span: placeholder, newText: value }] : undefined;
    if (meta.style === 'PLAIN' || meta.style === 'NULL') {
      const written = envScalar(value);
      return [{ span: v.source.valueSpan, newText: meta.style === 'NULL' ? ` ${written}` : written }];
    }
    return this.parent.setEntry(v.source, value);
  }

  removeEntry(entry: Entry): TextEdit[] | undefined {
    const v = this.varOf(entry);
    if (!v || shared(v)) return undefined;
    if (this.group.form === 'map') return this.parent.removeEntry(v.source);
    const meta = yamlMetaOf(v.source);
    if (meta.flow) return undefined;
    if (this.group.form === 'named') {
      // an item of exactly `name:` and `value:` (nothing else belongs to it), starting with `- `
      if (this.maps[meta.map]?.pairs.length !== 2 || !v.nameEntry) return undefined;
      const first = Math.min(v.nameEntry.keySpan.start, v.source.keySpan.start);
      const start = lineStartOf(this.text, first);
      if (!ITEM_LEAD.test(this.text.slice(start, first))) return undefined;
      const last = Math.max(v.nameEntry.valueSpan.end, v.source.valueSpan.end);
      return [{ span: { start, end: lineEndAfter(this.text, Math.max(last - 1, first)) }, newText: '' }];
    }
    // `- NAME=value` on a line of its own
    const item = v.source.valueSpan;
    const start = lineStartOf(this.text, item.start);
    if (!ITEM_LEAD.test(this.text.slice(start, item.start))) return undefined;
    const endLine = lineEndAfter(this.text, Math.max(item.end - 1, item.start));
    if (this.text.slice(item.end, endLine).trim() !== '' && !this.text.slice(item.end, endLine).trim().startsWith('#')) return undefined;
    return [{ span: { start, end: endLine }, newText: '' }];
  }

  insert(path: KeyPath, value: string): TextEdit[] | undefined {
    const name = this.scheme.encode(path.elements);
    // a variable of that name is written there already (without a value, or one this scheme does not read as
    // that key): never a second one. One merged in from an anchor is overridden by writing it here.
    if (this.group.written.has(name) || this.group.vars.some((v) => v.name === name && !shared(v))) {
      // `NAME:` without a value (no variable outside Compose): the value goes into it
      const bare = this.group.written.get(name);
      return bare ? [{ span: bare.valueSpan, newText: ` ${envScalar(value)}` }] : undefined;
    }
    // after the group's last variable written in place (one merged in with `<<: *anchor` lives elsewhere)
    const last = this.group.vars.filter((x) => !shared(x)).pop();
    if (!last) return undefined;
    const meta = yamlMetaOf(last.source);
    if (meta.flow) return undefined;
    const t = this.text;
    const end = Math.max(last.source.valueSpan.end, last.nameEntry?.valueSpan.end ?? 0, last.source.keySpan.end);
    const at = lineEndAfter(t, Math.max(end - 1, 0));
    const column = (offset: number) => columnOf(t, offset);
    let lines: string[];
    if (this.group.form === 'map') {
      lines = [`${' '.repeat(column(itemStartOf(t, last.source.keySpan.start)))}${name}: ${envScalar(value)}`];
    } else if (this.group.form === 'list') {
      const lead = t.slice(lineStartOf(this.text, last.source.valueSpan.start), last.source.valueSpan.start);
      if (!ITEM_LEAD.test(lead)) return undefined;
      const item = `${name}=${value}`;
      lines = [`${lead}${/^[A-Za-z0-9_./=-]+$/.test(item) ? item : JSON.stringify(item)}`];
    } else {
      const nameKey = itemStartOf(t, last.nameEntry!.keySpan.start);
      const lead = t.slice(lineStartOf(this.text, nameKey), nameKey);
      const indent = ' '.repeat(column(nameKey));
      const dashed = ITEM_LEAD.test(lead) ? lead : `${' '.repeat(Math.max(column(nameKey) - 2, 0))}- `;
      lines = [`${dashed}name: ${name}`, `${indent}value: ${JSON.stringify(value)}`];
    }
    return [insertLines(t, at, lines.join(this.eol), this.eol)];
  }
}

// ---------------------------------------------------------------------------------------------

const nameIndex = new WeakMap<SourceView, Map<string, string | undefined>>();

/** The `name:` scalar of every map, by document and the map's path (one pass over the entries). */
function namesOf(view: SourceView): Map<string, string | undefined> {
  let m = nameIndex.get(view);
  if (m) return m;
  m = new Map();
  for (const s of view.entries) {
    const path = yamlMetaOf(s.entry).path;
    if (path[path.length - 1] !== 'name') continue;
    const id = `${s.doc}\u0000${path.slice(0, -1).join('\u0000')}`;
    if (!m.has(id)) m.set(id, s.entry.value);
  }
  nameIndex.set(view, m);
  return m;
}

/** What a group is called in messages: the Compose service or the container it configures. */
function groupLabel(view: SourceView, g: Group): string {
  const p = g.path;
  if (p.length === 3 && p[0] === 'services') return `service '${p[1]}'`;
  const owner = p.slice(0, -1);
  const nameOf = namesOf(view).get(`${g.doc}\u0000${owner.join('\u0000')}`);
  if (nameOf && isIndex(owner[owner.length - 1]) && /containers$/i.test(owner[owner.length - 2] ?? ''))
    return `container '${nameOf.trim()}'`;
  return springNameOfPath(p);
}

/** Values the user wrote name their variable as written (`SPRING_KAFKA_PRODUCER_ACKS, line 9`), not the property it stands for. */
function labelVariables(block: ProducerBlock, g: Group, ctx: DetectContext): ProducerBlock {
  for (const v of block.values.values()) {
    const envVar =
      v.entry && !v.injectedBy ? g.vars.find((x) => x.entry === v.entry || x.source === yamlMeta(v.entry)?.envSource) : undefined;
    if (envVar && v.entry) v.origin = `${envVar.name}, line ${ctx.lines.lineOf(v.entry.keySpan.start) + 1}`;
  }
  return block;
}

export function detectEnvironment(ctx: DetectContext): ProducerBlock[] | undefined {
  const { doc } = ctx;
  if (doc.format !== 'yaml' || !isYamlExtra(doc.extra)) return undefined;
  if (ctx.forcedClient === 'librdkafka') return undefined;
  const view = sourceView(doc);
  if (!view) return undefined;
  const blocks = environmentBlocks(ctx, view);
  if (blocks.length === 0) return undefined;
  // variables name their program; raw producer maps elsewhere in the file are still judged
  blocks.push(...genericBlocks(ctx, view));
  return blocks;
}

/** The producer blocks of the file's environment variables (a YAML view). */
export function environmentBlocks(ctx: DetectContext, view: SourceView): ProducerBlock[] {
  const { doc } = ctx;
  if (!isYamlExtra(doc.extra)) return [];
  const groups = groupsOf(view, doc.text);
  if (groups.length === 0) return [];
  const orderOf = new Map(view.entries.map((s) => [s.entry, s.order]));
  const extra = doc.extra;
  const blocks: ProducerBlock[] = [];
  for (const g of groups) {
    const label = groupLabel(view, g);
    for (const [scheme, kind] of [
      [SPRING, 'spring'],
      [CONNECT, 'connect'],
    ] as const) {
      const entries: SourceEntry[] = [];
      for (const v of g.vars) {
        const elements = scheme.decode(v.name);
        if (!elements) continue;
        const meta = yamlMetaOf(v.source);
        entries.push(
          new SourceEntry(v.entry, kind === 'spring' ? v.name : elements.join('.'), meta.doc, orderOf.get(v.source) ?? 0, elements),
        );
      }
      if (entries.length === 0) continue;
      const sub = partView(view, entries, new EnvEditor(doc.text, doc.eol, view.editor, g, scheme, extra.maps));
      if (kind === 'spring') {
        const found = springBlocks(ctx, sub, {
          name: `${label} (SPRING_KAFKA_*)`,
          evidence: `Spring Boot properties given as environment variables of ${label} (SPRING_KAFKA_PRODUCER_ACKS is spring.kafka.producer.acks); what the application's own configuration sets is not visible here`,
        });
        if (found) blocks.push(...found.map((b) => labelVariables(b, g, ctx)));
      } else {
        const keys = new Set(entries.map((e) => e.name));
        const role = connectRole(keys);
        if (!role.worker && !keys.has('bootstrap.servers') && !entries.some((e) => e.elements[0] === 'producer')) continue;
        const block = connectBlock(ctx, sub, 'worker', {
          name: `${label} (CONNECT_PRODUCER_*)`,
          evidence: `a Kafka Connect worker configured by the environment variables of ${label} (Confluent's images write CONNECT_PRODUCER_ACKS into the worker's properties as producer.acks); only its producer.* keys reach the producers`,
        });
        blocks.push(labelVariables(block, g, ctx));
      }
    }
  }
  return blocks;
}
