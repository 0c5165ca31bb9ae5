/**
 * Generated Spring configuration files: property entries (a Spring property path and a value) written as
 * `application.yml` (nested maps, dotted keys, `[bracket]` map keys, `---` profile documents), as
 * `application.properties` (java.util.Properties syntax, `#---` documents), or as environment variables of a
 * Compose service (Boot's variable-name mapping: SPRING_KAFKA_PRODUCER_ACKS). Shared by the Spring Boot and
 * Spring Cloud Stream oracles.
 */
import { chance, int, pick, propertiesLine, type Rand } from './properties';

/** One property: the elements of its Spring name (a map key may hold dots, and is one element), and its value. */
export interface SpringEntry {
  /** e.g. ['spring', 'kafka', 'producer', 'properties', 'enable.idempotence'] */
  path: string[];
  /** Index of the first map-key element (everything from there on is the key of a Map<String,String>), or -1. */
  mapFrom: number;
  value: string;
}

/** A document: its entries, and the profile that activates it (undefined: a default document). */
export interface SpringDocument {
  profile?: string;
  entries: SpringEntry[];
}

/** Spring's relaxed forms of a dashed element: kebab-case (canonical), camelCase, underscores. */
export function relaxedForm(r: Rand, element: string): string {
  if (!element.includes('-')) return chance(r, 0.04) ? element.toUpperCase() : element;
  const x = r();
  if (x < 0.7) return element;
  if (x < 0.85) return element.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  if (x < 0.95) return element.replace(/-/g, '_');
  return element.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// YAML

interface YamlNode {
  children: Map<string, YamlNode>;
  value?: string;
}

/** A YAML scalar for a value Boot must get as this exact string (plain when YAML reads it back unchanged). */
export function yamlScalar(r: Rand, v: string): string {
  // plain scalars that SnakeYAML (YAML 1.1) reads as this text: no padding, nothing it would turn into a number,
  // boolean or null, no indicator characters
  const plainSafe =
    v !== '' &&
    v === v.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`~]/.test(v) &&
    !/[:#]/.test(v) &&
    !/^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/.test(v) &&
    !/^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$/.test(v) &&
    !/^[-+]?0x|^[-+]?0b|^\.(?:inf|nan)$/i.test(v);
  if (plainSafe && chance(r, 0.8)) return v;
  if (!/['\\\t]/.test(v) && chance(r, 0.5)) return `'${v}'`;
  return JSON.stringify(v);
}

/** Values that YAML reads as numbers or booleans, written plain (Boot binds their string form): the common spellings. */
function plainTyped(v: string): boolean {
  return /^(?:-?(?:0|[1-9][0-9]*)|true|false)$/.test(v);
}

function yamlKey(k: string): string {
  return /^\[.*\]$/.test(k) || /[:#{}[\],&*!|>'"%@`]|^[-?]/.test(k) ? JSON.stringify(k) : k;
}

function addYaml(root: YamlNode, keys: string[], value: string): boolean {
  let n = root;
  for (let i = 0; i < keys.length; i++) {
    let c = n.children.get(keys[i]);
    if (!c) {
      c = { children: new Map() };
      n.children.set(keys[i], c);
    }
    if (i === keys.length - 1) {
      if (c.value !== undefined || c.children.size > 0) return false; // a key can be written once in a YAML map
      c.value = value;
    } else if (c.value !== undefined) return false;
    n = c;
  }
  return true;
}

function writeYamlNode(r: Rand, n: YamlNode, indent: string, out: string[]): void {
  for (const [k, c] of n.children) {
    // collapse a chain of single children into a dotted key now and then (Boot flattens YAML keys with dots)
    let key = yamlKey(k);
    let node = c;
    while (node.value === undefined && node.children.size === 1 && !/^\[|^"/.test(key) && chance(r, 0.3)) {
      const [k2, c2] = [...node.children][0];
      if (/^\[/.test(k2) || k2.includes('.')) break;
      key = `${key}.${k2}`;
      node = c2;
    }
    if (node.value !== undefined) {
      const v = node.value;
      out.push(`${indent}${key}: ${plainTyped(v) && chance(r, 0.7) ? v : yamlScalar(r, v)}`);
    } else {
      out.push(`${indent}${key}:`);
      writeYamlNode(r, node, indent + '  ', out);
    }
  }
}

/** The map key of an entry written in YAML: one dotted key, nested maps, or a `[bracket]` key. */
function yamlPath(r: Rand, e: SpringEntry): string[] {
  const names = e.path.slice(0, e.mapFrom < 0 ? e.path.length : e.mapFrom).map((x) => relaxedForm(r, x));
  if (e.mapFrom < 0) return names;
  const key = e.path.slice(e.mapFrom).join('.');
  const x = r();
  if (x < 0.45 || !key.includes('.')) return [...names, key];
  if (x < 0.75) return [...names, `[${key}]`];
  return [...names, ...key.split('.')];
}

export function yamlText(r: Rand, docs: SpringDocument[]): string {
  const parts: string[] = [];
  for (const d of docs) {
    const root: YamlNode = { children: new Map() };
    const entries = [...d.entries];
    if (d.profile !== undefined) {
      const activation = chance(r, 0.9) ? ['spring', 'config', 'activate', 'on-profile'] : ['spring', 'profiles'];
      addYaml(root, activation, d.profile);
    }
    for (const e of entries) addYaml(root, yamlPath(r, e), e.value);
    const out: string[] = [];
    writeYamlNode(r, root, '', out);
    parts.push(out.join('\n'));
  }
  return parts.join('\n---\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// .properties

function propertiesName(r: Rand, e: SpringEntry): string {
  const names = e.path.slice(0, e.mapFrom < 0 ? e.path.length : e.mapFrom).map((x) => relaxedForm(r, x));
  if (e.mapFrom < 0) return names.join('.');
  const key = e.path.slice(e.mapFrom).join('.');
  return chance(r, 0.3) ? `${names.join('.')}[${key}]` : `${names.join('.')}.${key}`;
}

export function propertiesText(r: Rand, docs: SpringDocument[]): string {
  const parts: string[] = [];
  for (const d of docs) {
    const lines: string[] = [];
    if (d.profile !== undefined) lines.push(`spring.config.activate.on-profile=${d.profile}`);
    for (const e of d.entries) lines.push(propertiesLine(r, propertiesName(r, e), e.value));
    parts.push(lines.join('\n'));
  }
  return parts.join('\n#---\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Environment variables (Compose)

/**
 * The environment variable for an entry, as Boot's SystemEnvironmentPropertyMapper maps it back: elements
 * upper-cased, joined by `_`; a dashed element without its dashes (or, the legacy form, with `_`); a map key's
 * dots as `_` (Boot then reads the key in lower case).
 */
export function envName(r: Rand, e: SpringEntry): string | undefined {
  const names = e.path
    .slice(0, e.mapFrom < 0 ? e.path.length : e.mapFrom)
    .map((x) => (x.includes('-') && chance(r, 0.3) ? x.replace(/-/g, '_') : x.replace(/-/g, '')));
  const key = e.mapFrom < 0 ? [] : e.path.slice(e.mapFrom).join('.').split('.');
  if (key.some((k) => k.includes('-') || k.includes('_'))) return undefined; // no variable name gives such a key
  return [...names, ...key].join('_').toUpperCase();
}

export function composeText(list: boolean, vars: Array<[string, string]>): string {
  const lines = ['services:', '  app:', '    image: example/orders:1.0', '    environment:'];
  for (const [k, v] of vars) {
    // (a list item is a YAML plain scalar unless quoted: trailing blanks, ` #` and `: ` would change or end it)
    if (list) lines.push(`      - ${/\s$|\s#|: |^\s|\t|["'\\]/.test(`${k}=${v}`) ? JSON.stringify(`${k}=${v}`) : `${k}=${v}`}`);
    else lines.push(`      ${k}: ${JSON.stringify(v)}`);
  }
  return lines.join('\n') + '\n';
}

/** A few unrelated Spring keys, for realism (values Boot binds). */
export function springNoise(r: Rand): SpringEntry[] {
  const out: SpringEntry[] = [];
  if (chance(r, 0.5))
    out.push({ path: ['spring', 'kafka', 'bootstrap-servers'], mapFrom: -1, value: pick(r, ['localhost:9092', '127.0.0.1:9092']) });
  if (chance(r, 0.2)) out.push({ path: ['spring', 'application', 'name'], mapFrom: -1, value: 'orders' });
  if (chance(r, 0.15))
    out.push({ path: ['spring', 'kafka', 'producer', 'compression-type'], mapFrom: -1, value: pick(r, ['lz4', 'zstd']) });
  if (chance(r, 0.1)) out.push({ path: ['spring', 'kafka', 'producer', 'batch-size'], mapFrom: -1, value: pick(r, ['16384', '32KB']) });
  if (chance(r, 0.1)) out.push({ path: ['spring', 'kafka', 'consumer', 'group-id'], mapFrom: -1, value: 'orders' });
  if (chance(r, 0.1)) out.push({ path: ['server', 'port'], mapFrom: -1, value: String(int(r, 8000, 8090)) });
  return out;
}
