/**
 * Java source → the producer configurations it builds, by static evaluation over tree-sitter-java's
 * syntax tree (no type checker, no other files). Only what one file settles is known; everything else is
 * unknown, and says why.
 *
 * The reader starts from the producers (sinks), not from the maps:
 * - `new KafkaProducer<>(config, …)` (org.apache.kafka.clients.producer);
 * - `new DefaultKafkaProducerFactory<>(config, …)` (Spring Kafka), with `setTransactionIdPrefix(…)` on the
 *   factory's variable: Spring puts `enable.idempotence=true` with `putIfAbsent`, so an explicit `false`
 *   stays; a `transactional.id` with text in the map becomes the prefix (and leaves the map), a blank one
 *   stays in the map.
 * The config argument is followed to the map it denotes (the map's state where the producer copies it):
 * `new Properties()` / `new HashMap<>()` (also copies and double-brace initialisers) with the `put`,
 * `setProperty`, `putIfAbsent`, `putAll`, `remove`, `clear` calls on its variable before the producer;
 * `Map.of`, `Map.ofEntries(Map.entry…)`, Guava's `ImmutableMap.of` and builder, `Map.copyOf`,
 * `Collections.unmodifiableMap`; a method of the same class without parameters (its single `return`).
 * A map whose content the reader cannot follow (a parameter, another method's result, Spring Boot's
 * `buildProducerProperties()`, a call it does not know, a `put` in a branch) is *uncertain*: keys it does not
 * list may be set, and a value written in a branch is unknown. Nothing is ever guessed.
 */
import type { Span } from '../../types';
import type { JavaNode } from './parser';
import { KAFKA_KEY_CLASSES, KAFKA_KEY_CONSTANTS } from './constants';
import { javaTrim } from '../../clients/java/config';
import {
  arithmetic,
  bool,
  castTo,
  charLiteral,
  convertTo,
  floatingLiteral,
  integerLiteral,
  integral,
  str,
  stringLiteral,
  wrap,
  type JVal,
} from './values';

/** How a write appears in the source (the writer edits it in that form). */
export type WriteForm = 'put' | 'setProperty' | 'putIfAbsent' | 'brace-put' | 'of' | 'entry' | 'builder';

/** One key written into a map. */
export interface JavaWrite {
  key: string;
  /** Undefined: not known statically (`why` says why). */
  value: JVal | undefined;
  why?: string;
  form: WriteForm;
  keySpan: Span;
  valueSpan: Span;
  /** What deleting this write removes (a whole statement's lines, a pair of `Map.of` with its comma); undefined: not removable. */
  removal?: Span;
  /** The source text of the key and value expressions. */
  keyText: string;
  valueText: string;
  /** The statement or call that writes it, for the entry span (suppression lines). */
  stmtSpan: Span;
  /** Written in a branch, a loop, a lambda...: it may not have happened. */
  conditional: boolean;
}

/** Where a new key goes, and how it is written there. */
export interface InsertPoint {
  kind: 'statement' | 'of' | 'ofEntries' | 'builder';
  /** Offset of the insertion. */
  at: number;
  /** statement: the indentation of the line; builder: the text that starts a new `.put` line (or ''). */
  indent: string;
  /** statement: `props.put` / `props.setProperty` / `put` (double brace); ofEntries: `Map.entry`; builder: unused. */
  call: string;
  /** of: the pairs left under the factory's limit. */
  room?: number;
  /** ofEntries / of / builder: whether the call has arguments already (a comma is needed). */
  nonEmpty?: boolean;
}

export interface KeyStyle {
  /** How keys are written in this map: a constant of ProducerConfig (qualified or statically imported), or a string. */
  kind: 'qualified' | 'bare' | 'string';
  /** The qualifier used (`ProducerConfig`). */
  qualifier?: string;
}

/** A slot of the abstract map: a key's last write, or a key that may be present. */
interface Slot {
  write?: JavaWrite;
  /** The value is not known (conditional writes disagree, an unknown putAll may have replaced it). */
  unknown?: string;
  /** Presence is not known. */
  maybe?: string;
}

export interface MapState {
  slots: Map<string, Slot>;
  /** Writes in source order (the winners and the shadowed ones). */
  writes: JavaWrite[];
  /** Keys not listed may be present: why. */
  open?: string;
  /** Keys known to be absent although the map is open (removed). */
  removed: Set<string>;
  /** Where a new key goes; undefined: nowhere safe. */
  insert?: InsertPoint;
  keyStyle?: KeyStyle;
  /** Values of this map are written as strings (a `Properties` filled with `setProperty`, or string values). */
  stringValues?: boolean;
  /** The map throws before any producer sees it (Map.of with a repeated key): why. */
  throws?: string;
  /** Immutable (Map.of, copies): put and remove throw UnsupportedOperationException. */
  frozen?: boolean;
}

export type SinkKind = 'kafka-producer' | 'spring-factory';

/** A producer (or Spring producer factory) and the configuration it is created with. */
export interface JavaProducerSite {
  kind: SinkKind;
  /** `producer`, `producerFactory()`, `producer on line 12`. */
  name: string;
  /** The `new KafkaProducer` / `new DefaultKafkaProducerFactory` type name (block-level findings, hover). */
  anchor: Span;
  line: number;
  map: MapState;
  /** Spring: the transaction-id prefix set on the factory (`setTransactionIdPrefix` or the map's transactional.id). */
  txPrefix?: {
    value: JVal | undefined;
    line: number;
    from: 'setter' | 'map';
    conditional: boolean;
    /** setter: `setTransactionIdPrefix`, its argument and its statement (an entry of the document: hover, suppression). */
    call?: { keySpan: Span; valueSpan: Span; stmtSpan: Span };
  };
  /** Spring: the factory escaped to code that may call setTransactionIdPrefix or updateConfigs: why. */
  factoryOpen?: string;
  /** The producer (factory) is never made: its constructor throws (why). */
  throws?: string;
}

/** How this file can name ProducerConfig's constants in new code. */
export interface KeyForms {
  /** The name ProducerConfig has here (`ProducerConfig` when imported, by its package or itself), else undefined. */
  producerConfig?: string;
  /** Constants usable unqualified: every one (`import static ….ProducerConfig.*`) or these. */
  bare: 'all' | string[];
}

export interface JavaModel {
  sites: JavaProducerSite[];
  keyForms: KeyForms;
  /** The document's entry for a write (one entry per written key, shared by the producers that see it). */
  entryOf(w: JavaWrite): import('../../types').Entry;
  /** Spring: the entry of a site's `setTransactionIdPrefix(…)` call. */
  setterEntry(site: JavaProducerSite): import('../../types').Entry | undefined;
}

const KAFKA_PRODUCER = 'org.apache.kafka.clients.producer.KafkaProducer';
const SPRING_FACTORY = 'org.springframework.kafka.core.DefaultKafkaProducerFactory';

const MAP_TYPES = new Set([
  'HashMap',
  'LinkedHashMap',
  'TreeMap',
  'ConcurrentHashMap',
  'Hashtable',
  'Properties',
  'java.util.HashMap',
  'java.util.LinkedHashMap',
  'java.util.TreeMap',
  'java.util.Properties',
  'java.util.Hashtable',
  'java.util.concurrent.ConcurrentHashMap',
]);

/** Calls on a map that only read it. */
const READS = new Set([
  'get',
  'getProperty',
  'getOrDefault',
  'containsKey',
  'containsValue',
  'size',
  'isEmpty',
  'toString',
  'hashCode',
  'equals',
  'stringPropertyNames',
  'propertyNames',
  'list',
  'store',
  'keySet',
  'values',
  'entrySet',
]);
/** Methods that only read their arguments (logging, printing). */
const READ_ARGS = new Set(['info', 'debug', 'warn', 'error', 'trace', 'println', 'print', 'printf', 'format', 'requireNonNull']);

const STATEMENT_TYPES = new Set([
  'expression_statement',
  'local_variable_declaration',
  'return_statement',
  'if_statement',
  'for_statement',
  'enhanced_for_statement',
  'while_statement',
  'do_statement',
  'try_statement',
  'try_with_resources_statement',
  'switch_expression',
  'throw_statement',
  'block',
  'labeled_statement',
  'synchronized_statement',
  'yield_statement',
  'assert_statement',
  'explicit_constructor_invocation',
]);
const SCOPE_TYPES = new Set([
  'method_declaration',
  'constructor_declaration',
  'lambda_expression',
  'static_initializer',
  'compact_constructor_declaration',
]);
const CLASS_BODIES = new Set(['class_body', 'enum_body', 'interface_body', 'enum_body_declarations']);

const isComment = (n: JavaNode) => n.type === 'line_comment' || n.type === 'block_comment';

function named(n: JavaNode): JavaNode[] {
  const out: JavaNode[] = [];
  for (const c of n.namedChildren) if (c && !isComment(c)) out.push(c);
  return out;
}

/** The named children, comments included (a scan that checks each child's type anyway). */
function namedAll(n: JavaNode): JavaNode[] {
  return n.namedChildren.filter((c): c is JavaNode => c !== null);
}

const spanOf = (n: JavaNode): Span => ({ start: n.startIndex, end: n.endIndex });
const isIdentChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const WHITE_SPACE = /\s/;

/**
 * `text` without white space (JavaScript's `\s`), block comments and line comments, in one pass (what
 * `text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|\s+/g, '')` gives: that pattern is polynomial on a run of
 * unclosed `/*`). A `/*` with no `*\/` after it is kept as text, and so is every later one.
 */
export function withoutSpaceAndComments(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let closable = true;
  let i = 0;
  const cut = (to: number, next: number) => {
    if (to > from) parts.push(text.slice(from, to));
    from = next;
    i = next;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */ && closable) {
      const end = text.indexOf('*/', i + 2);
      if (end >= 0) {
        cut(i, end + 2);
        continue;
      }
      closable = false;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i + 2);
      cut(i, nl < 0 ? text.length : nl);
      continue;
    }
    if (WHITE_SPACE.test(text[i])) {
      cut(i, i + 1);
      continue;
    }
    i++;
  }
  cut(text.length, text.length);
  return parts.join('');
}

/** Source text without white space and comments between tokens (`ProducerConfig . ACKS_CONFIG`). */
const compact = (n: JavaNode) => (n.type === 'identifier' || n.type === 'type_identifier' ? n.text : withoutSpaceAndComments(n.text));
/** The text before its first `<` (a type without its type arguments). */
const beforeAngle = (t: string) => {
  const i = t.indexOf('<');
  return i < 0 ? t : t.slice(0, i);
};
/** A type's name without type arguments (`HashMap<String, Object>` → `HashMap`). */
const typeName = (n: JavaNode) => beforeAngle(compact(n));

/** Whether `name` occurs in `text` as a whole identifier (not inside a longer one). */
function hasIdentifier(text: string, name: string): boolean {
  if (!name) return false;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const end = i + name.length;
    if ((i === 0 || !isIdentChar(text.charCodeAt(i - 1))) && (end >= text.length || !isIdentChar(text.charCodeAt(end)))) return true;
  }
  return false;
}

function argsOf(call: JavaNode): JavaNode[] | undefined {
  const a = call.childForFieldName('arguments');
  return a ? named(a) : undefined;
}

/** A node that is, or holds, a syntax error or a missing token. */
function hasErrorNode(n: JavaNode): boolean {
  return n.hasError;
}

/** Everything the reader knows about the file as a whole. */
interface FileFacts {
  text: string;
  root: JavaNode;
  lineOf: (offset: number) => number;
  /** Simple type name → fully qualified, from single-type imports. */
  types: Map<string, string>;
  /** Packages imported on demand (`import java.util.*;`). */
  packages: Set<string>;
  /** Statically imported member → its class (`ACKS_CONFIG` → ProducerConfig, `entry` → java.util.Map). */
  staticMembers: Map<string, string>;
  /** Classes whose static members are imported on demand (`import static ….ProducerConfig.*;`). */
  staticClasses: Set<string>;
  pkg: string;
}

/** Whether a simple or qualified name in this file denotes the class `fqn`. */
function denotes(f: FileFacts, name: string, fqn: string): boolean {
  if (name === fqn) return true;
  const simple = fqn.slice(fqn.lastIndexOf('.') + 1);
  if (name !== simple) return false;
  const imported = f.types.get(simple);
  if (imported) return imported === fqn;
  const pkg = fqn.slice(0, fqn.lastIndexOf('.'));
  return f.packages.has(pkg) || f.pkg === pkg || pkg === 'java.lang';
}

function readImports(root: JavaNode, text: string): Pick<FileFacts, 'types' | 'packages' | 'staticMembers' | 'staticClasses' | 'pkg'> {
  const types = new Map<string, string>();
  const packages = new Set<string>();
  const staticMembers = new Map<string, string>();
  const staticClasses = new Set<string>();
  let pkg = '';
  for (const c of named(root)) {
    if (c.type === 'package_declaration') {
      const id = named(c).find((k) => k.type === 'scoped_identifier' || k.type === 'identifier');
      if (id) pkg = compact(id);
      continue;
    }
    if (c.type !== 'import_declaration') {
      // imports come first; a class declaration ends them
      if (c.type.endsWith('_declaration')) break;
      continue;
    }
    const kids = named(c);
    const id = kids.find((k) => k.type === 'scoped_identifier' || k.type === 'identifier');
    if (!id) continue;
    const name = compact(id);
    const isStatic = /^\s*import\s+static\b/.test(text.slice(c.startIndex, c.endIndex));
    const star = kids.some((k) => k.type === 'asterisk');
    if (isStatic) {
      if (star) staticClasses.add(name);
      else staticMembers.set(name.slice(name.lastIndexOf('.') + 1), name.slice(0, name.lastIndexOf('.')));
    } else if (star) packages.add(name);
    else types.set(name.slice(name.lastIndexOf('.') + 1), name);
  }
  return { types, packages, staticMembers, staticClasses, pkg };
}

/** Text occurrences of a whole identifier in [from, to). */
function occurrences(text: string, name: string, from: number, to: number): number[] {
  const out: number[] = [];
  let i = text.indexOf(name, from);
  while (i >= 0 && i < to) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = i + name.length < text.length ? text.charCodeAt(i + name.length) : 32;
    if (!isIdentChar(before) && !isIdentChar(after)) out.push(i);
    i = text.indexOf(name, i + name.length);
  }
  return out;
}

const MAX_DEPTH = 12;

class Reader {
  /** Class members by the class body's start offset (tree-sitter hands out a new object per access). */
  private readonly methodCache = new Map<number, JavaNode[]>();
  constructor(private readonly f: FileFacts) {}

  private identifierAt(offset: number, name: string): JavaNode | undefined {
    const n = this.f.root.descendantForIndex(offset, offset + name.length);
    return n && n.type === 'identifier' && n.startIndex === offset && n.text === name ? n : undefined;
  }

  private line(n: JavaNode | number): number {
    return this.f.lineOf(typeof n === 'number' ? n : n.startIndex) + 1;
  }

  // ------------------------------------------------------------------------------------------
  // scopes

  /** The method, constructor, lambda or initializer whose body holds `n`. */
  private scopeOf(n: JavaNode): JavaNode | undefined {
    for (let p = n.parent; p; p = p.parent) {
      if (SCOPE_TYPES.has(p.type)) return p;
      if (p.type === 'block' && p.parent && CLASS_BODIES.has(p.parent.type)) return p; // an instance initializer
    }
    return undefined;
  }

  private classBodyOf(n: JavaNode): JavaNode | undefined {
    for (let p = n.parent; p; p = p.parent) if (CLASS_BODIES.has(p.type)) return p;
    return undefined;
  }

  /** The fields of a class body by name (an interface's constant_declaration too: implicitly static final). */
  private readonly fieldCache = new Map<
    number,
    Map<string, { kind: 'field'; declarator: JavaNode; type?: JavaNode; decl: JavaNode; modifiers: string; scope: JavaNode }>
  >();

  private fields(body: JavaNode) {
    let f = this.fieldCache.get(body.startIndex);
    if (!f) {
      f = new Map();
      for (const m of this.members(body)) {
        if (m.type !== 'field_declaration' && m.type !== 'constant_declaration') continue;
        for (const d of named(m)) {
          const n = d.type === 'variable_declarator' ? d.childForFieldName('name')?.text : undefined;
          if (n && !f.has(n))
            f.set(n, {
              kind: 'field',
              declarator: d,
              type: m.childForFieldName('type') ?? undefined,
              decl: m,
              modifiers: modifiersOf(m),
              scope: body,
            });
        }
      }
      this.fieldCache.set(body.startIndex, f);
    }
    return f;
  }

  private members(body: JavaNode): JavaNode[] {
    let m = this.methodCache.get(body.startIndex);
    if (!m) {
      m = named(body);
      this.methodCache.set(body.startIndex, m);
    }
    return m;
  }

  /** The statement that contains `n` (its nearest statement ancestor, or itself). */
  private statementOf(n: JavaNode): JavaNode | undefined {
    for (let p: JavaNode | null = n; p; p = p.parent) {
      if (STATEMENT_TYPES.has(p.type) && p.type !== 'block') return p;
      if (SCOPE_TYPES.has(p.type) || CLASS_BODIES.has(p.type)) return undefined;
    }
    return undefined;
  }

  /**
   * A declaration of `name` visible at `at`: a local variable (its declarator and declared type), a
   * parameter, or a field of an enclosing class.
   */
  private declarationOf(
    name: string,
    at: JavaNode,
  ):
    | { kind: 'local' | 'field' | 'param'; declarator?: JavaNode; type?: JavaNode; decl?: JavaNode; modifiers?: string; scope?: JavaNode }
    | undefined {
    for (let p: JavaNode | null = at.parent, child: JavaNode = at; p; child = p, p = p.parent) {
      if (p.type === 'block' || p.type === 'switch_block_statement_group' || p.type === 'constructor_body') {
        for (const s of namedAll(p)) {
          if (s.startIndex >= child.startIndex) break;
          if (s.type !== 'local_variable_declaration') continue;
          for (const d of named(s)) {
            if (d.type === 'variable_declarator' && d.childForFieldName('name')?.text === name) {
              return {
                kind: 'local',
                declarator: d,
                type: s.childForFieldName('type') ?? undefined,
                decl: s,
                modifiers: modifiersOf(s),
                scope: p,
              };
            }
          }
        }
      }
      if (
        p.type === 'for_statement' ||
        p.type === 'enhanced_for_statement' ||
        p.type === 'catch_clause' ||
        p.type === 'try_with_resources_statement'
      ) {
        if (hasIdentifier(p.text.slice(0, Math.max(0, child.startIndex - p.startIndex)), name)) return { kind: 'param' };
      }
      if (SCOPE_TYPES.has(p.type)) {
        const params = p.childForFieldName('parameters') ?? (p.type === 'lambda_expression' ? p.child(0) : null);
        if (params) {
          if (params.type === 'identifier' && params.text === name) return { kind: 'param' };
          for (const prm of named(params)) {
            const nm = prm.childForFieldName('name') ?? (prm.type === 'identifier' ? prm : null);
            if (nm?.text === name) return { kind: 'param', decl: prm };
          }
        }
      }
      if (CLASS_BODIES.has(p.type)) {
        const f = this.fields(p).get(name);
        if (f) return f;
      }
    }
    return undefined;
  }

  /** Whether a local or field is assigned anywhere after its declaration (not effectively final). */
  private reassigned(name: string, declarator: JavaNode, scope: JavaNode): boolean {
    for (const at of occurrences(this.f.text, name, declarator.endIndex, scope.endIndex)) {
      const id = this.identifierAt(at, name);
      if (!id) continue;
      const p = id.parent;
      if (!p) continue;
      if (p.type === 'assignment_expression' && p.childForFieldName('left')?.startIndex === id.startIndex) return true;
      if (p.type === 'update_expression') return true;
      if (
        p.type === 'field_access' &&
        p.parent?.type === 'assignment_expression' &&
        p.parent.childForFieldName('left')?.startIndex === p.startIndex &&
        compact(p).startsWith('this.')
      )
        return true;
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------
  // values

  /** The config key an expression denotes. */
  key(n: JavaNode, depth = 0): string | undefined {
    const v = this.value(n, depth);
    return v && v.type === 'String' ? v.text : undefined;
  }

  /** A static value, or undefined (with `why` set on the reader's last unknown). */
  value(n: JavaNode | null | undefined, depth = 0): JVal | undefined {
    if (!n || depth > MAX_DEPTH || hasErrorNode(n)) return undefined;
    switch (n.type) {
      case 'string_literal': {
        const s = stringLiteral(n.text);
        return s === undefined ? undefined : str(s);
      }
      case 'character_literal': {
        const c = charLiteral(n.text);
        return c === undefined ? undefined : { type: 'char', text: c, n: BigInt(c.charCodeAt(0)) };
      }
      case 'decimal_integer_literal':
      case 'hex_integer_literal':
      case 'octal_integer_literal':
      case 'binary_integer_literal': {
        const negated = n.parent?.type === 'unary_expression' && n.parent.text.trimStart().startsWith('-');
        const v = integerLiteral(n.text, negated);
        // (-2147483648: the literal alone is MIN_VALUE already, the minus must not negate it again)
        return v;
      }
      case 'decimal_floating_point_literal':
        return floatingLiteral(n.text);
      case 'true':
        return bool(true);
      case 'false':
        return bool(false);
      case 'parenthesized_expression':
        return this.value(named(n)[0], depth + 1);
      case 'unary_expression': {
        const operand = n.childForFieldName('operand');
        const op = n.childForFieldName('operator')?.text ?? n.text.trimStart()[0];
        const v = this.value(operand, depth + 1);
        if (!v) return undefined;
        if (op === '!' && v.type === 'boolean') return bool(v.text !== 'true');
        if (op === '+' && v.n !== undefined) return v.type === 'char' ? integral('int', v.n) : v;
        if (op === '-' && v.n !== undefined) {
          const isLit = operand?.type.endsWith('_integer_literal');
          const t = v.type === 'long' ? 'long' : 'int';
          // the literal 2147483648 under a minus already is MIN_VALUE (integerLiteral), and -MIN_VALUE is itself
          if (isLit && (v.n === -(2n ** 31n) || v.n === -(2n ** 63n))) return v;
          return integral(t, wrap(-v.n, t));
        }
        if (op === '-' && (v.type === 'double' || v.type === 'float')) {
          return v.text.startsWith('-') ? { type: v.type, text: v.text.slice(1) } : { type: v.type, text: `-${v.text}` };
        }
        return undefined;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        const a = this.value(n.childForFieldName('left'), depth + 1);
        const b = this.value(n.childForFieldName('right'), depth + 1);
        if (!a || !b || !op) return undefined;
        if (op === '+' && (a.type === 'String' || b.type === 'String')) return str(a.text + b.text);
        if (
          a.type === 'double' ||
          a.type === 'float' ||
          b.type === 'double' ||
          b.type === 'float' ||
          a.type === 'boolean' ||
          b.type === 'boolean'
        )
          return undefined;
        return arithmetic(op, a, b);
      }
      case 'cast_expression': {
        const t = n.childForFieldName('type');
        const v = this.value(n.childForFieldName('value'), depth + 1);
        return t && v ? castTo(compact(t), v) : undefined;
      }
      case 'field_access':
        return this.fieldAccess(n, depth);
      case 'identifier':
        return this.identifier(n, depth);
      case 'method_invocation':
        return this.invocation(n, depth);
      default:
        return undefined;
    }
  }

  /** A short reason why an expression's value is unknown, for the hover. */
  why(n: JavaNode): string {
    const t = compact(n);
    const shown = t.length > 60 ? `${t.slice(0, 57)}…` : t;
    if (n.type === 'null_literal') return 'null';
    if (n.type === 'identifier') {
      const d = this.declarationOf(n.text, n);
      if (d?.kind === 'param') return `the parameter ${n.text}`;
      if (d?.decl && /@Value\b/.test(d.decl.text.slice(0, 200))) return `${n.text}, injected by @Value`;
    }
    if (/^System\.(getenv|getProperty)\(/.test(t)) return `${shown}, read at run time`;
    return `${shown} (not known statically)`;
  }

  private fieldAccess(n: JavaNode, depth: number): JVal | undefined {
    const obj = n.childForFieldName('object');
    const field = n.childForFieldName('field')?.text;
    if (!obj || !field) return undefined;
    const o = compact(obj);
    if (o === 'this' || o.endsWith('.this')) {
      const d = this.declarationOf(field, n);
      return d?.kind === 'field' ? this.declared(d, field, depth) : undefined;
    }
    const cls = o.replace(/^java\.lang\./, '');
    switch (`${cls}.${field}`) {
      case 'Boolean.TRUE':
        return bool(true);
      case 'Boolean.FALSE':
        return bool(false);
      case 'Integer.MAX_VALUE':
        return integral('int', 2n ** 31n - 1n);
      case 'Integer.MIN_VALUE':
        return integral('int', -(2n ** 31n));
      case 'Long.MAX_VALUE':
        return integral('long', 2n ** 63n - 1n);
      case 'Long.MIN_VALUE':
        return integral('long', -(2n ** 63n));
      case 'Short.MAX_VALUE':
        return integral('short', 2n ** 15n - 1n);
      default:
    }
    const k = this.kafkaConstant(o, field);
    if (k !== undefined) return str(k);
    return undefined;
  }

  /** `ProducerConfig.ACKS_CONFIG` (also qualified), `StreamsConfig.PRODUCER_PREFIX`. */
  private kafkaConstant(owner: string, field: string): string | undefined {
    if (owner === 'StreamsConfig' || owner === 'org.apache.kafka.streams.StreamsConfig')
      return field === 'PRODUCER_PREFIX' ? 'producer.' : undefined;
    const simple = KAFKA_KEY_CLASSES[owner] ?? owner;
    const table = KAFKA_KEY_CONSTANTS[simple];
    if (!table) return undefined;
    const fqn = Object.keys(KAFKA_KEY_CLASSES).find((k) => KAFKA_KEY_CLASSES[k] === simple)!;
    if (owner !== fqn && !denotes(this.f, owner, fqn)) return undefined;
    return Object.prototype.hasOwnProperty.call(table, field) ? table[field] : undefined;
  }

  private identifier(n: JavaNode, depth: number): JVal | undefined {
    const name = n.text;
    const d = this.declarationOf(name, n);
    if (d) return d.kind === 'param' ? undefined : this.declared(d, name, depth);
    // a statically imported constant
    const owner = this.f.staticMembers.get(name);
    if (owner) {
      const k = this.kafkaConstant(owner, name);
      return k === undefined ? undefined : str(k);
    }
    for (const c of this.f.staticClasses) {
      const k = this.kafkaConstant(c, name);
      if (k !== undefined) return str(k);
    }
    return undefined;
  }

  /** A local's or field's value: its initializer, converted to the declared type, when it is never reassigned (fields: final). */
  private declared(d: NonNullable<ReturnType<Reader['declarationOf']>>, name: string, depth: number): JVal | undefined {
    if (!d.declarator || !d.scope) return undefined;
    const init = d.declarator.childForFieldName('value');
    if (!init) return undefined;
    if (d.kind === 'field') {
      if (!/\bfinal\b/.test(d.modifiers ?? '') && d.decl?.type !== 'constant_declaration') return undefined;
      if (/@Value\b/.test(d.modifiers ?? '')) return undefined;
    } else if (this.reassigned(name, d.declarator, d.scope)) return undefined;
    // `int[] a = …`, `String s[] = …`
    if (d.declarator.childForFieldName('dimensions')) return undefined;
    const v = this.value(init, depth + 1);
    if (!v || !d.type) return v;
    return convertTo(compact(d.type), v);
  }

  private invocation(n: JavaNode, depth: number): JVal | undefined {
    const obj = n.childForFieldName('object');
    const name = n.childForFieldName('name')?.text;
    const args = argsOf(n) ?? [];
    if (!name) return undefined;
    const owner = obj ? compact(obj).replace(/^java\.lang\./, '') : '';
    const arg = (i: number) => this.value(args[i], depth + 1);
    if (args.length === 1) {
      switch (`${owner}.${name}`) {
        case 'String.valueOf': {
          const v = arg(0);
          return v ? str(v.text) : undefined;
        }
        case 'Integer.toString':
          return only(arg(0), ['int', 'short', 'byte', 'char'], (v) => (v.type === 'char' ? str(String(v.n)) : str(v.text)));
        case 'Long.toString':
          return only(arg(0), ['int', 'long', 'short', 'byte'], (v) => str(v.text));
        case 'Boolean.toString':
          return only(arg(0), ['boolean'], (v) => str(v.text));
        case 'Integer.valueOf':
        case 'Integer.parseInt': {
          const v = arg(0);
          if (v?.type === 'String') {
            const p = parseJavaInteger(v.text, 'int');
            return p === undefined ? undefined : integral('int', p);
          }
          return name === 'valueOf' ? only(v, ['int', 'short', 'byte', 'char'], (x) => integral('int', x.n!)) : undefined;
        }
        case 'Long.valueOf':
        case 'Long.parseLong': {
          const v = arg(0);
          if (v?.type === 'String') {
            const p = parseJavaInteger(v.text, 'long');
            return p === undefined ? undefined : integral('long', p);
          }
          return name === 'valueOf' ? only(v, ['int', 'long', 'short', 'byte'], (x) => integral('long', x.n!)) : undefined;
        }
        case 'Boolean.valueOf':
        case 'Boolean.parseBoolean': {
          const v = arg(0);
          if (v?.type === 'String') return bool(v.text.toLowerCase() === 'true');
          return name === 'valueOf' ? only(v, ['boolean'], (x) => x) : undefined;
        }
        case 'StreamsConfig.producerPrefix':
        case 'org.apache.kafka.streams.StreamsConfig.producerPrefix': {
          const v = arg(0);
          return v?.type === 'String' ? str(`producer.${v.text}`) : undefined;
        }
        default:
      }
    }
    if (args.length === 0 && name === 'toString' && obj) {
      const v = this.value(obj, depth + 1);
      return v ? str(v.text) : undefined;
    }
    if (args.length === 0 && obj && (name === 'trim' || name === 'strip' || name === 'toLowerCase' || name === 'toUpperCase')) {
      const v = this.value(obj, depth + 1);
      if (v?.type !== 'String') return undefined;
      // String.trim strips chars <= U+0020; the case mappings only for ASCII text (locale-independent then)
      if (name === 'trim') return str(javaTrim(v.text));
      if (!/^[\x00-\x7f]*$/.test(v.text)) return undefined;
      return name === 'toLowerCase' ? str(v.text.toLowerCase()) : name === 'toUpperCase' ? str(v.text.toUpperCase()) : undefined;
    }
    return undefined;
  }

  // ------------------------------------------------------------------------------------------
  // maps

  /** The map an expression denotes at offset `at` (the state there). */
  map(n: JavaNode | null | undefined, at: number, depth = 0): MapState {
    if (!n) return openMap('a configuration the linter cannot read');
    if (depth > MAX_DEPTH) return openMap(`${shorten(compact(n))} (too deep to follow)`);
    if (hasErrorNode(n)) return openMap(`code the parser could not read (line ${this.line(n)})`);
    switch (n.type) {
      case 'parenthesized_expression':
        return this.map(named(n)[0], at, depth + 1);
      case 'cast_expression':
        return this.map(n.childForFieldName('value'), at, depth + 1);
      case 'identifier':
        return this.variableMap(n, at, depth);
      case 'field_access': {
        const o = n.childForFieldName('object');
        if (o?.type === 'this') {
          const fieldName = n.childForFieldName('field');
          if (fieldName) return this.variableMap(fieldName, at, depth, true);
        }
        return openMap(`${shorten(compact(n))} (line ${this.line(n)})`);
      }
      case 'object_creation_expression':
        return this.creation(n, at, depth);
      case 'method_invocation':
        return this.mapCall(n, at, depth);
      default:
        return openMap(`${shorten(compact(n))} (line ${this.line(n)})`);
    }
  }

  private creation(n: JavaNode, at: number, depth: number): MapState {
    const t = n.childForFieldName('type');
    const tn = t ? typeName(t) : '';
    if (!MAP_TYPES.has(tn)) return openMap(`new ${tn}(…) (line ${this.line(n)})`);
    const args = argsOf(n) ?? [];
    let state: MapState;
    if (args.length === 0) state = emptyMap();
    else if (args.length <= 2 && tn.endsWith('Properties'))
      return openMap(`new Properties(defaults) (line ${this.line(n)}): the producer reads only the Properties' own entries`);
    else if (args.length === 1 && args[0].type.endsWith('_integer_literal')) state = emptyMap();
    else if (args.length === 1) {
      state = copyMap(this.map(args[0], at, depth + 1));
      state.insert = undefined; // new keys go on the copy, not into its source
      state.frozen = false;
    } else if (args.length === 2 && /_literal$/.test(args[0].type)) state = emptyMap();
    else return openMap(`new ${tn}(…) (line ${this.line(n)})`);
    // a double-brace initialiser: `new HashMap<>() {{ put(k, v); }}`
    const body = named(n).find((c) => c.type === 'class_body');
    if (body) {
      for (const m of named(body)) {
        if (m.type !== 'block') {
          if (m.type === 'field_declaration' || m.type === 'method_declaration')
            return openMap(`an anonymous Map subclass (line ${this.line(m)})`);
          continue;
        }
        this.braceBlock(m, state);
      }
    }
    return state;
  }

  /** The statements of a double-brace initializer block: `put(k, v);` calls, in order. */
  private braceBlock(block: JavaNode, state: MapState): void {
    let lastStmt: JavaNode | undefined;
    for (const s of named(block)) {
      const call = s.type === 'expression_statement' ? named(s)[0] : undefined;
      const objText = call?.type === 'method_invocation' ? call.childForFieldName('object') : undefined;
      if (call?.type === 'method_invocation' && (!objText || compact(objText) === 'this' || compact(objText) === 'super')) {
        const name = call.childForFieldName('name')?.text ?? '';
        this.mutate(state, call, name, false, 'brace', s);
        if (name === 'put' || name === 'setProperty') lastStmt = s;
        continue;
      }
      // anything else may touch the map (a loop of puts, a call): unknown from here on
      invalidate(state, `code in an initializer block (line ${this.line(s)})`);
    }
    if (lastStmt) {
      const call = named(lastStmt)[0];
      const method = call.childForFieldName('name')?.text ?? 'put';
      state.insert = this.statementInsert(
        lastStmt,
        `${call.childForFieldName('object') ? `${compact(call.childForFieldName('object')!)}.` : ''}${method}`,
      );
    } else state.insert = undefined;
  }

  /** `Map.of`, `Map.ofEntries`, `ImmutableMap.of` / builder, copies, same-class methods, Spring Boot's producer properties. */
  private mapCall(n: JavaNode, at: number, depth: number): MapState {
    const obj = n.childForFieldName('object');
    const name = n.childForFieldName('name')?.text ?? '';
    const args = argsOf(n) ?? [];
    const owner = obj
      ? compact(obj)
          .replace(/^java\.util\./, '')
          .replace(/^com\.google\.common\.collect\./, '')
      : '';
    if ((owner === 'Map' || owner === 'ImmutableMap') && name === 'of') return this.mapOf(n, args, owner === 'Map' ? 10 : 5);
    if (owner === 'Map' && name === 'ofEntries') return this.mapOfEntries(n, args);
    if ((owner === 'Map' || owner === 'ImmutableMap') && name === 'copyOf' && args.length === 1)
      return frozen(copyMap(this.map(args[0], at, depth + 1)));
    if (owner === 'Collections' && name === 'unmodifiableMap' && args.length === 1)
      return frozen(copyMap(this.map(args[0], at, depth + 1)));
    if (name === 'build' || name === 'buildOrThrow' || name === 'buildKeepingLast') {
      const b = this.builder(obj, at, depth, name === 'buildKeepingLast');
      if (b) return b;
    }
    if (name === 'buildProducerProperties' && obj) {
      return openMap(
        `Spring Boot's ${shorten(compact(obj))}.buildProducerProperties() (line ${this.line(n)}): the application's spring.kafka.* configuration is not read here`,
      );
    }
    if (!obj || owner === 'this') {
      const m = args.length === 0 ? this.localMethod(n, name) : undefined;
      if (m) return this.returned(m, depth);
    }
    return openMap(`the map returned by ${shorten(compact(n))} (line ${this.line(n)})`);
  }

  /** A method of the enclosing class(es) named `name` without parameters. */
  private localMethod(at: JavaNode, name: string): JavaNode | undefined {
    for (let body = this.classBodyOf(at); body; body = this.classBodyOf(body)) {
      const found = this.members(body).filter((m) => m.type === 'method_declaration' && m.childForFieldName('name')?.text === name);
      if (found.length === 0) continue;
      const noArgs = found.filter((m) => named(m.childForFieldName('parameters')!).length === 0);
      return noArgs.length === 1 ? noArgs[0] : undefined;
    }
    return undefined;
  }

  /** The map a method returns: its body's single top-level `return`, when no other return exists. */
  private returned(method: JavaNode, depth: number): MapState {
    const body = method.childForFieldName('body');
    const where = `${method.childForFieldName('name')?.text}()`;
    if (!body) return openMap(`${where}, which has no body here`);
    const returns = occurrences(this.f.text, 'return', body.startIndex, body.endIndex)
      .map((o) => this.f.root.descendantForIndex(o, o + 6))
      .map((k) => (k?.type === 'return' ? k.parent : k?.type === 'return_statement' ? k : null))
      .filter((k): k is JavaNode => !!k && k.type === 'return_statement' && this.scopeOf(k)?.startIndex === method.startIndex);
    if (returns.length !== 1 || returns[0].parent?.startIndex !== body.startIndex)
      return openMap(`${where}, whose returns the linter cannot follow`);
    const expr = named(returns[0])[0];
    if (!expr) return openMap(`${where}, which returns nothing`);
    return this.map(expr, returns[0].startIndex, depth + 1);
  }

  private pair(
    state: MapState,
    keyNode: JavaNode,
    valueNode: JavaNode,
    form: WriteForm,
    stmt: JavaNode,
    removal: Span | undefined,
    call: JavaNode,
  ): void {
    const key = this.key(keyNode);
    if (key === undefined) {
      invalidate(state, `a key the linter cannot read (${shorten(compact(keyNode))}, line ${this.line(keyNode)})`);
      return;
    }
    let value = this.value(valueNode);
    let why: string | undefined;
    // Properties.setProperty(String, String): javac refuses anything else, so there is no producer to judge
    if (form === 'setProperty' && value && value.type !== 'String') {
      value = undefined;
      why = `setProperty takes a String: javac refuses ${shorten(compact(valueNode))}`;
    }
    const w: JavaWrite = {
      key,
      value,
      form,
      keySpan: spanOf(keyNode),
      valueSpan: spanOf(valueNode),
      removal,
      keyText: compact(keyNode),
      valueText: valueNode.text,
      stmtSpan: spanOf(stmt),
      conditional: false,
      ...(value ? {} : { why: why ?? this.why(valueNode) }),
    };
    void call;
    if (form === 'of' || form === 'entry' || form === 'builder') {
      const prev = state.slots.get(key);
      if (prev?.write && (form === 'of' || form === 'entry')) {
        state.throws = `${form === 'of' ? 'Map.of' : 'Map.ofEntries'} throws IllegalArgumentException: duplicate key ${key} (line ${this.line(keyNode)})`;
      }
    }
    this.noteKeyStyle(state, keyNode);
    state.writes.push(w);
    state.slots.set(key, { write: w });
    state.removed.delete(key);
  }

  private noteKeyStyle(state: MapState, keyNode: JavaNode): void {
    if (state.keyStyle) return;
    if (keyNode.type === 'string_literal') state.keyStyle = { kind: 'string' };
    else if (keyNode.type === 'field_access') {
      const o = keyNode.childForFieldName('object');
      if (o) state.keyStyle = { kind: 'qualified', qualifier: compact(o) };
    } else if (keyNode.type === 'identifier' && !this.declarationOf(keyNode.text, keyNode)) state.keyStyle = { kind: 'bare' };
  }

  private mapOf(call: JavaNode, args: JavaNode[], limit: number): MapState {
    const state = emptyMap();
    if (args.length % 2 !== 0) return openMap(`a call javac refuses (line ${this.line(call)})`);
    for (let i = 0; i < args.length; i += 2) {
      const removal = {
        start: i === 0 ? args[0].startIndex : args[i - 1].endIndex,
        end: i === 0 && args.length > 2 ? args[2].startIndex : args[i + 1].endIndex,
      };
      this.pair(state, args[i], args[i + 1], 'of', call, removal, call);
    }
    const list = call.childForFieldName('arguments')!;
    state.insert =
      args.length / 2 < limit
        ? { kind: 'of', at: list.endIndex - 1, indent: '', call: '', room: limit - args.length / 2, nonEmpty: args.length > 0 }
        : undefined;
    return frozen(state);
  }

  private mapOfEntries(call: JavaNode, args: JavaNode[]): MapState {
    const state = emptyMap();
    let callee = 'Map.entry';
    for (let i = 0; i < args.length; i++) {
      const e = args[i];
      const eName = e.type === 'method_invocation' ? e.childForFieldName('name')?.text : undefined;
      const eObj = e.type === 'method_invocation' ? e.childForFieldName('object') : null;
      const isEntry =
        eName === 'entry' && (eObj ? /^(java\.util\.)?Map$/.test(compact(eObj)) : this.f.staticMembers.get('entry') === 'java.util.Map');
      const kv = isEntry ? argsOf(e) : undefined;
      if (!kv || kv.length !== 2) return openMap(`an entry the linter cannot read (line ${this.line(e)})`);
      if (i === 0) callee = eObj ? `${compact(eObj)}.entry` : 'entry';
      const removal = {
        start: i === 0 ? e.startIndex : args[i - 1].endIndex,
        end: i === 0 && args.length > 1 ? args[1].startIndex : e.endIndex,
      };
      this.pair(state, kv[0], kv[1], 'entry', e, removal, e);
    }
    const list = call.childForFieldName('arguments')!;
    state.insert = { kind: 'ofEntries', at: list.endIndex - 1, indent: '', call: callee, nonEmpty: args.length > 0 };
    return frozen(state);
  }

  /** `ImmutableMap.builder().put(k, v)…` (also `ImmutableMap.<K, V>builder()`, `new ImmutableMap.Builder<>()`). */
  private builder(obj: JavaNode | null, at: number, depth: number, keepLast: boolean): MapState | undefined {
    const chain: JavaNode[] = [];
    let cur = obj;
    while (cur && cur.type === 'method_invocation' && cur.childForFieldName('name')?.text !== 'builder') {
      chain.unshift(cur);
      cur = cur.childForFieldName('object');
    }
    if (!cur) return undefined;
    const isStart =
      (cur.type === 'method_invocation' &&
        /^(com\.google\.common\.collect\.)?ImmutableMap$/.test(beforeAngle(compact(cur.childForFieldName('object') ?? cur)))) ||
      (cur.type === 'object_creation_expression' && /ImmutableMap\.Builder$/.test(typeName(cur.childForFieldName('type')!)));
    if (!isStart) return undefined;
    const state = emptyMap();
    for (const c of chain) {
      const name = c.childForFieldName('name')?.text;
      const args = argsOf(c) ?? [];
      if (name === 'put' && args.length === 2) {
        const prev = state.slots.get(this.key(args[0]) ?? '\u0000');
        this.pair(state, args[0], args[1], 'builder', c, undefined, c);
        if (prev?.write && !keepLast)
          state.throws = `ImmutableMap.Builder.build() throws IllegalArgumentException: duplicate key ${prev.write.key} (line ${this.line(c)})`;
      } else if (name === 'putAll' && args.length === 1) {
        putAll(state, this.map(args[0], at, depth + 1));
      } else if (name === 'orderEntriesByValue') continue;
      else return openMap(`${shorten(compact(c))} (line ${this.line(c)})`);
    }
    const last = chain[chain.length - 1] ?? cur;
    // a new `.put(k, v)` goes right after the last call of the chain (before `.build()`), on a line of its own when the chain breaks lines
    const lineStart = this.f.text.lastIndexOf('\n', last.endIndex - 1) + 1;
    const nextDot = this.f.text.indexOf('.', last.endIndex);
    const between = this.f.text.slice(last.endIndex, nextDot);
    const indent =
      /\n([ \t]*)$/.exec(between)?.[1] ??
      (/^[ \t]*\./.test(this.f.text.slice(lineStart)) ? /^[ \t]*/.exec(this.f.text.slice(lineStart))![0] : undefined);
    state.insert = { kind: 'builder', at: last.endIndex, indent: indent !== undefined && between.includes('\n') ? indent : '', call: '' };
    return frozen(state);
  }

  /** A map variable at `at`: its initializer, then the calls on it before `at`. */
  private variableMap(id: JavaNode, at: number, depth: number, isThisField = false): MapState {
    const name = id.text;
    const d = this.declarationOf(name, id);
    if (!d) return openMap(`${name}, which is not declared in this file (line ${this.line(id)})`);
    if (d.kind === 'param') return openMap(`the parameter ${name} (line ${this.line(id)})`);
    if (!d.declarator || !d.scope) return openMap(`${name} (line ${this.line(id)})`);
    void isThisField;
    const init = d.declarator.childForFieldName('value');
    if (d.kind === 'field') {
      if (!init) return openMap(`the field ${name}, set outside its declaration`);
      // a field's map: its initializer only, when nothing in the class touches it afterwards
      const state = this.map(init, init.startIndex, depth + 1);
      for (const o of occurrences(this.f.text, name, d.scope.startIndex, d.scope.endIndex)) {
        if (o >= d.declarator.startIndex && o < d.declarator.endIndex) continue;
        const use = this.identifierAt(o, name);
        if (!use) continue;
        const u = this.classifyUse(use);
        if (u.kind !== 'read') return openMap(`the field ${name}, changed elsewhere in the class (line ${this.line(o)})`);
      }
      state.insert = undefined; // a new key does not go into a field's initializer
      return state;
    }
    if (!init) return openMap(`${name}, assigned later (line ${this.line(id)})`);
    const state = this.map(init, init.startIndex, depth + 1);
    const mutable = !state.frozen;
    // where a new put goes when nothing was put yet: after the declaration
    if (mutable && d.decl && !state.insert) state.insert = this.statementInsert(d.decl, `${name}.put`);
    if (!mutable) state.insert = state.insert && !state.open ? state.insert : undefined;
    const declBlock = d.scope;
    for (const o of occurrences(this.f.text, name, d.declarator.endIndex, at)) {
      const use = this.identifierAt(o, name);
      if (!use) {
        // inside a token the parser could not read, or a string or comment: a string or comment is harmless
        const n = this.f.root.descendantForIndex(o, o + name.length);
        if (
          n &&
          (n.type === 'string_fragment' ||
            n.type === 'line_comment' ||
            n.type === 'block_comment' ||
            n.type === 'string_literal' ||
            n.type === 'multiline_string_fragment')
        )
          continue;
        invalidate(state, `code the parser could not read (line ${this.line(o)})`);
        continue;
      }
      // another variable of the same name in a nested scope (a lambda parameter, a local of an inner class) is not
      // this one: only a use below such a scope can mean another variable
      if (this.nestedScope(use, declBlock)) {
        const dd = this.declarationOf(name, use);
        if (dd?.declarator && dd.declarator.startIndex !== d.declarator.startIndex) continue;
        if (dd?.kind === 'param') continue;
      }
      const u = this.classifyUse(use);
      if (u.kind === 'read') continue;
      if (u.kind === 'escape') {
        invalidate(state, u.why);
        state.insert = undefined;
        continue;
      }
      const stmt = u.stmt;
      const conditional = !stmt || stmt.parent?.startIndex !== declBlock.startIndex || stmt.parent.endIndex !== declBlock.endIndex;
      if (mutable) {
        this.mutate(state, u.call, u.method, conditional, 'var', stmt ?? u.call);
        if (
          !conditional &&
          stmt &&
          (u.method === 'put' || u.method === 'setProperty' || u.method === 'putAll' || u.method === 'putIfAbsent')
        ) {
          state.insert = this.statementInsert(stmt, `${name}.${u.method === 'setProperty' ? 'setProperty' : 'put'}`);
          if (u.method === 'setProperty') state.stringValues = true;
        }
      } else if (u.method !== 'remove' || conditional) {
        // an immutable map: put/remove throw UnsupportedOperationException (when unconditional, the producer is never made)
        if (!conditional)
          state.throws = `${name}.${u.method}(…) throws UnsupportedOperationException: the map is immutable (line ${this.line(u.call)})`;
      } else state.throws = `${name}.remove(…) throws UnsupportedOperationException: the map is immutable (line ${this.line(u.call)})`;
    }
    return state;
  }

  /** Whether a lambda, a class body or a nested block that could declare a variable lies between `use` and `block`. */
  private nestedScope(use: JavaNode, block: JavaNode): boolean {
    let blocks = 0;
    for (let p = use.parent; p && p.startIndex >= block.startIndex; p = p.parent) {
      if (p.startIndex === block.startIndex && p.endIndex === block.endIndex) return blocks > 0;
      const t = p.type;
      if (
        t === 'lambda_expression' ||
        CLASS_BODIES.has(t) ||
        SCOPE_TYPES.has(t) ||
        t === 'catch_clause' ||
        t === 'for_statement' ||
        t === 'enhanced_for_statement' ||
        t === 'try_with_resources_statement'
      )
        return true;
      if (t === 'block' || t === 'switch_block_statement_group') blocks++;
    }
    return true;
  }

  /** What a use of a map variable does. */
  private classifyUse(
    use: JavaNode,
  ): { kind: 'read' } | { kind: 'escape'; why: string } | { kind: 'call'; call: JavaNode; method: string; stmt: JavaNode | undefined } {
    const p = use.parent;
    const line = this.line(use);
    if (!p) return { kind: 'escape', why: `line ${line}` };
    for (let a: JavaNode | null = p; a && !STATEMENT_TYPES.has(a.type); a = a.parent) {
      if (a.type === 'ERROR') return { kind: 'escape', why: `code the parser could not read (line ${line})` };
    }
    if (
      p.type === 'method_invocation' &&
      p.childForFieldName('object')?.startIndex === use.startIndex &&
      p.childForFieldName('object')?.endIndex === use.endIndex
    ) {
      const method = p.childForFieldName('name')?.text ?? '';
      if (READS.has(method)) return { kind: 'read' };
      if (['put', 'setProperty', 'putIfAbsent', 'putAll', 'remove', 'clear'].includes(method)) {
        const stmt = this.statementOf(p);
        // the call's own value must be discarded (an expression statement), or it is something else
        if (stmt?.type === 'expression_statement' && named(stmt)[0]?.startIndex === p.startIndex)
          return { kind: 'call', call: p, method, stmt };
        return { kind: 'call', call: p, method, stmt: undefined };
      }
      return { kind: 'escape', why: `${use.text}.${method}(…) (line ${line})` };
    }
    if (p.type === 'argument_list') {
      const call = p.parent;
      if (call?.type === 'object_creation_expression') {
        const tn = typeName(call.childForFieldName('type')!);
        if (MAP_TYPES.has(tn) || this.sinkKind(call) || /(^|\.)(KafkaTemplate|KafkaStreams|StreamsConfig|ProducerConfig)$/.test(tn))
          return { kind: 'read' };
      }
      if (call?.type === 'method_invocation') {
        const name = call.childForFieldName('name')?.text ?? '';
        const owner = call.childForFieldName('object');
        if (READ_ARGS.has(name)) return { kind: 'read' };
        if ((name === 'putAll' || name === 'copyOf' || name === 'unmodifiableMap') && owner) return { kind: 'read' };
      }
      return { kind: 'escape', why: `${shorten(compact(call ?? p))}, which may change ${use.text} (line ${line})` };
    }
    if (p.type === 'return_statement') return { kind: 'read' };
    if (p.type === 'assignment_expression' && p.childForFieldName('left')?.startIndex === use.startIndex)
      return { kind: 'escape', why: `${use.text} is assigned again (line ${line})` };
    if (p.type === 'variable_declarator' || p.type === 'assignment_expression')
      return { kind: 'escape', why: `an alias of ${use.text} (line ${line})` };
    if (p.type === 'field_access' || p.type === 'method_reference' || p.type === 'enhanced_for_statement' || p.type === 'lambda_expression')
      return { kind: 'escape', why: `${shorten(compact(p))} (line ${line})` };
    if (p.type === 'binary_expression' || p.type === 'parenthesized_expression') return { kind: 'read' };
    return { kind: 'escape', why: `${shorten(compact(p))} (line ${line})` };
  }

  /** Applies a call on the map (put, setProperty, putIfAbsent, putAll, remove, clear) to the state. */
  private mutate(state: MapState, call: JavaNode, method: string, conditional: boolean, how: 'var' | 'brace', stmt: JavaNode): void {
    const args = argsOf(call) ?? [];
    const before = conditional ? copyMap(state) : undefined;
    const lineSpan = this.wholeLines(stmt);
    switch (method) {
      case 'put':
      case 'setProperty':
        if (args.length !== 2) {
          invalidate(state, `${shorten(compact(call))} (line ${this.line(call)})`);
          break;
        }
        this.pair(
          state,
          args[0],
          args[1],
          how === 'brace' ? 'brace-put' : method === 'put' ? 'put' : 'setProperty',
          stmt,
          stmt.type === 'expression_statement' ? lineSpan : undefined,
          call,
        );
        if (method === 'setProperty' && !state.keyStyle) this.noteKeyStyle(state, args[0]);
        break;
      case 'putIfAbsent': {
        if (args.length !== 2) break;
        const key = this.key(args[0]);
        if (key === undefined) {
          invalidate(state, `a key the linter cannot read (line ${this.line(call)})`);
          break;
        }
        const slot = state.slots.get(key);
        if (slot && !slot.maybe) break; // present: no effect
        if (!slot && (!state.open || state.removed.has(key))) {
          this.pair(state, args[0], args[1], 'putIfAbsent', stmt, stmt.type === 'expression_statement' ? lineSpan : undefined, call);
          break;
        }
        state.slots.set(key, { unknown: `putIfAbsent on line ${this.line(call)}`, maybe: undefined, write: slot?.write });
        break;
      }
      case 'putAll':
        if (args.length !== 1) break;
        putAll(state, this.map(args[0], call.startIndex, 1));
        break;
      case 'remove': {
        const key = args.length >= 1 ? this.key(args[0]) : undefined;
        if (key === undefined) {
          for (const s of state.slots.values()) s.maybe ??= `remove(…) on line ${this.line(call)}`;
          state.open ??= `remove(…) on line ${this.line(call)}`;
          break;
        }
        state.slots.delete(key);
        state.removed.add(key);
        break;
      }
      case 'clear':
        state.slots.clear();
        state.open = undefined;
        state.removed.clear();
        break;
      default:
        invalidate(state, `${shorten(compact(call))} (line ${this.line(call)})`);
    }
    if (before) joinConditional(state, before, `a branch on line ${this.line(stmt)}`);
  }

  /** The whole lines of a statement that stands alone on them (for deletion), else its own span. */
  private wholeLines(stmt: JavaNode): Span {
    const t = this.f.text;
    const lineStart = t.lastIndexOf('\n', stmt.startIndex - 1) + 1;
    const end = stmt.endIndex;
    const rest = /^[ \t]*(\r\n|\n|\r|$)/.exec(t.slice(end));
    const before = t.slice(lineStart, stmt.startIndex);
    if (rest && /^[ \t]*$/.test(before)) return { start: lineStart, end: end + rest[0].length };
    return { start: stmt.startIndex, end };
  }

  /** A new statement after `stmt`, on a line of its own with its indentation. */
  private statementInsert(stmt: JavaNode, call: string): InsertPoint | undefined {
    const t = this.f.text;
    const lineStart = t.lastIndexOf('\n', stmt.startIndex - 1) + 1;
    const before = t.slice(lineStart, stmt.startIndex);
    if (!/^[ \t]*$/.test(before)) return undefined;
    return { kind: 'statement', at: stmt.endIndex, indent: before, call };
  }

  // ------------------------------------------------------------------------------------------
  // producers

  sinkKind(n: JavaNode): SinkKind | undefined {
    if (n.type !== 'object_creation_expression') return undefined;
    const t = n.childForFieldName('type');
    if (!t) return undefined;
    const tn = typeName(t);
    if (denotes(this.f, tn, KAFKA_PRODUCER)) return 'kafka-producer';
    if (denotes(this.f, tn, SPRING_FACTORY)) return 'spring-factory';
    return undefined;
  }

  /** The producers created in the file. */
  sites(): JavaProducerSite[] {
    const out: JavaProducerSite[] = [];
    const seen = new Set<number>();
    for (const word of ['KafkaProducer', 'DefaultKafkaProducerFactory']) {
      for (const o of occurrences(this.f.text, word, 0, this.f.text.length)) {
        let n = this.f.root.descendantForIndex(o, o + word.length);
        while (
          n &&
          n.type !== 'object_creation_expression' &&
          (n.type === 'type_identifier' || n.type === 'scoped_type_identifier' || n.type === 'generic_type' || n.type === 'identifier')
        )
          n = n.parent;
        if (!n || n.type !== 'object_creation_expression' || seen.has(n.startIndex)) continue;
        const kind = this.sinkKind(n);
        if (!kind) continue;
        seen.add(n.startIndex);
        const args = argsOf(n) ?? [];
        if (args.length === 0 || (hasErrorNode(n.childForFieldName('arguments')!) && !args[0])) continue;
        const map = this.map(args[0], n.startIndex);
        const t = n.childForFieldName('type')!;
        const site: JavaProducerSite = { kind, name: this.nameOf(n, kind), anchor: spanOf(t), line: this.line(n), map };
        if (kind === 'spring-factory') this.springFactory(n, site);
        out.push(site);
      }
    }
    out.sort((a, b) => a.anchor.start - b.anchor.start);
    return out;
  }

  /** Spring's factory: its transaction-id prefix (the map's transactional.id, then `setTransactionIdPrefix` on its variable). */
  private springFactory(n: JavaNode, site: JavaProducerSite): void {
    const txn = site.map.slots.get('transactional.id');
    if (txn?.write && !txn.maybe && !txn.unknown) {
      const v = txn.write.value;
      // DefaultKafkaProducerFactory: `String txId = (String) configs.get(TRANSACTIONAL_ID)`; with text (StringUtils.hasText) it becomes the prefix and leaves the map
      if (v && v.type === 'String' && /\S/.test(v.text))
        site.txPrefix = { value: v, line: this.line(txn.write.keySpan.start), from: 'map', conditional: false };
      else if (v && v.type !== 'String')
        site.throws = `DefaultKafkaProducerFactory casts transactional.id to a String: ClassCastException (line ${this.line(txn.write.keySpan.start)})`;
      else if (!v)
        site.factoryOpen = `transactional.id is not known, so whether Spring Kafka turns it into a prefix is not either (line ${this.line(txn.write.keySpan.start)})`;
    } else if (txn || (site.map.open && !site.map.removed.has('transactional.id'))) {
      site.factoryOpen = txn?.maybe ?? txn?.unknown ?? site.map.open;
    }
    // the factory's variable: `DefaultKafkaProducerFactory<K, V> pf = new …; pf.setTransactionIdPrefix(…);`
    const decl = n.parent?.type === 'variable_declarator' ? n.parent : undefined;
    const name = decl?.childForFieldName('name')?.text;
    const block = decl?.parent?.parent;
    if (!decl || !name || !block) return;
    for (const o of occurrences(this.f.text, name, decl.endIndex, block.endIndex)) {
      const use = this.identifierAt(o, name);
      if (!use) continue;
      const p = use.parent;
      if (p?.type === 'method_invocation' && p.childForFieldName('object')?.startIndex === use.startIndex) {
        const method = p.childForFieldName('name')?.text ?? '';
        if (method === 'setTransactionIdPrefix') {
          const stmt = this.statementOf(p);
          const conditional = !stmt || stmt.parent?.startIndex !== block.startIndex;
          const arg = argsOf(p)?.[0];
          const nameNode = p.childForFieldName('name')!;
          site.txPrefix = {
            value: arg ? this.value(arg) : undefined,
            line: this.line(p),
            from: 'setter',
            conditional,
            call: { keySpan: spanOf(nameNode), valueSpan: arg ? spanOf(arg) : spanOf(nameNode), stmtSpan: stmt ? spanOf(stmt) : spanOf(p) },
          };
          continue;
        }
        if (method === 'updateConfigs' || method === 'removeConfig') {
          site.factoryOpen = `${name}.${method}(…) (line ${this.line(p)})`;
          continue;
        }
        continue; // other setters (serializers, producerPerThread...) do not touch the configuration
      }
      if (p?.type === 'return_statement') continue;
      if (
        p?.type === 'argument_list' &&
        p.parent?.type === 'object_creation_expression' &&
        /KafkaTemplate$/.test(typeName(p.parent.childForFieldName('type')!))
      )
        continue;
      site.factoryOpen = `${shorten(compact(p ?? use))}, which may configure the factory (line ${this.line(use)})`;
    }
  }

  /** `producer` (a variable), `producerFactory()` (the method that returns it), else `producer on line N`. */
  private nameOf(n: JavaNode, kind: SinkKind): string {
    let p = n.parent;
    while (p && (p.type === 'parenthesized_expression' || p.type === 'cast_expression')) p = p.parent;
    if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text ?? '';
    if (p?.type === 'assignment_expression') return compact(p.childForFieldName('left')!);
    if (p?.type === 'return_statement') {
      const m = this.scopeOf(p);
      if (m?.type === 'method_declaration') return `${m.childForFieldName('name')?.text}()`;
    }
    return `${kind === 'spring-factory' ? 'producer factory' : 'producer'} on line ${this.line(n)}`;
  }
}

function modifiersOf(decl: JavaNode): string {
  const m = named(decl).find((c) => c.type === 'modifiers');
  return m ? m.text : '';
}

function only(v: JVal | undefined, types: JVal['type'][], f: (v: JVal) => JVal): JVal | undefined {
  return v && types.includes(v.type) ? f(v) : undefined;
}

/** Integer.parseInt / Long.parseLong: an optional sign and decimal digits, in range, nothing else (no trimming). */
function parseJavaInteger(s: string, type: 'int' | 'long'): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  const bits = type === 'int' ? 31n : 63n;
  return n >= -(2n ** bits) && n < 2n ** bits ? n : undefined;
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function emptyMap(): MapState {
  return { slots: new Map(), writes: [], removed: new Set() };
}

function openMap(why: string): MapState {
  return { slots: new Map(), writes: [], removed: new Set(), open: why };
}

function copyMap(s: MapState): MapState {
  const slots = new Map<string, Slot>();
  for (const [k, v] of s.slots) slots.set(k, { ...v });
  return {
    slots,
    writes: [...s.writes],
    removed: new Set(s.removed),
    open: s.open,
    keyStyle: s.keyStyle,
    stringValues: s.stringValues,
    throws: s.throws,
    insert: s.insert,
  };
}

/** An immutable map (Map.of, copies): puts on it throw. */
function frozen(s: MapState): MapState {
  s.frozen = true;
  return s;
}

/** Something the reader cannot follow may have changed the map: every value unknown, any key possible. */
function invalidate(state: MapState, why: string): void {
  for (const s of state.slots.values()) s.unknown ??= why;
  state.open ??= why;
  state.removed.clear();
}

/** `putAll(other)`: the other map's slots over this one's; an open other makes this one open too. */
function putAll(state: MapState, other: MapState): void {
  if (other.open) {
    for (const [k, s] of state.slots) if (!other.slots.has(k) && !other.removed.has(k)) s.unknown ??= other.open;
    state.open ??= other.open;
    state.removed.clear();
  }
  for (const [k, s] of other.slots) {
    state.slots.set(k, { ...s });
    state.removed.delete(k);
  }
  state.writes.push(...other.writes);
  state.keyStyle ??= other.keyStyle;
  if (other.throws) state.throws ??= other.throws;
}

/** After a write that may not have happened: a key whose state differs before and after becomes unknown (or maybe present). */
function joinConditional(after: MapState, before: MapState, why: string): void {
  const keys = new Set([...before.slots.keys(), ...after.slots.keys()]);
  for (const k of keys) {
    const a = after.slots.get(k);
    const b = before.slots.get(k);
    if (a && b && a.write === b.write && a.unknown === b.unknown && a.maybe === b.maybe) continue;
    if (a && b) after.slots.set(k, { write: a.write, unknown: a.unknown ?? why, maybe: a.maybe ?? b.maybe });
    else if (a) after.slots.set(k, { write: a.write, unknown: a.unknown ?? why, maybe: why });
    else if (b) after.slots.set(k, { write: b.write, unknown: b.unknown, maybe: why });
  }
  if (!after.open && before.open) after.open = before.open;
  if (after.open && !before.open) after.open = why;
  for (const w of after.writes) if (!before.writes.includes(w)) w.conditional = true;
  if (after.throws && !before.throws) after.throws = undefined; // a branch that may throw: not certain
}

/** The producers a parsed file creates. */
export function readJava(text: string, root: JavaNode, lineOf: (offset: number) => number): JavaModel {
  const facts: FileFacts = { text, root, lineOf, ...readImports(root, text) };
  const reader = new Reader(facts);
  const pc = 'org.apache.kafka.clients.producer.ProducerConfig';
  const keyForms: KeyForms = {
    producerConfig: denotes(facts, 'ProducerConfig', pc) ? 'ProducerConfig' : undefined,
    bare: facts.staticClasses.has(pc) ? 'all' : [...facts.staticMembers].filter(([, c]) => c === pc).map(([m]) => m),
  };
  return {
    sites: reader.sites(),
    keyForms,
    entryOf: () => {
      throw new Error('entries are made by parseJava');
    },
    setterEntry: () => undefined,
  };
}

/** A key's constant name in ProducerConfig (`acks` → ACKS_CONFIG), for new lines written in a map that uses constants. */
export function producerConfigConstant(key: string): string | undefined {
  const t = KAFKA_KEY_CONSTANTS.ProducerConfig;
  const names = Object.keys(t).filter((n) => t[n] === key && n !== 'PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG');
  return names[0];
}

/** What a map holds where a producer copies it, for the detector. */
export interface MapView {
  /** Keys certainly present: their last write; `unknown` says why the value is not known. */
  present: Map<string, { write: JavaWrite | undefined; unknown?: string }>;
  /** Keys that may or may not be present, and why. */
  maybe: Map<string, string>;
  /** Any key not listed may be present: why. */
  open?: string;
  /** Keys certainly absent although the map is open (removed). */
  removed: string[];
  /** Every write of a key that may still be present, in source order (shadowed ones included). */
  writes: JavaWrite[];
}

export function viewOf(state: MapState): MapView {
  const present: MapView['present'] = new Map();
  const maybe = new Map<string, string>();
  for (const [k, s] of state.slots) {
    if (s.maybe) maybe.set(k, s.maybe);
    else
      present.set(k, {
        write: s.write,
        ...(s.unknown || !s.write || !s.write.value ? { unknown: s.unknown ?? s.write?.why ?? 'not known statically' } : {}),
      });
  }
  const writes = [...new Set(state.writes)].filter((w) => state.slots.has(w.key));
  return { present, maybe, open: state.open, removed: [...state.removed], writes };
}
