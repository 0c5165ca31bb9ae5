/**
 * Static evaluation of JS/TS expressions, syntax only (no type checker): what can be
 * known about a value by reading one file. Object literals, `const` bindings across a
 * bounded number of hops, spreads (the later one wins, as in JS), shorthand and computed
 * string keys, `as const` / `satisfies` / parentheses / non-null, template literals,
 * arithmetic on known numbers, `Number.MAX_SAFE_INTEGER`, `this.x` fields written once
 * in a class, members assigned to a `const` object in straight-line code of its own scope
 * (`const config = {}; config.acks = …;` then `config.acks`).
 *
 * Environment variables: the value an expression has when the variables it reads are not
 * set, when the code itself says what that is — `process.env.X ?? 'all'`, `|| '1'`, a
 * comparison (`process.env.X === 'true'` is false), a condition (`process.env.X ? … : 1`) —
 * through `Number`/`parseInt`/`parseFloat`/`String`/`Boolean` and `!`, is kept apart as `env`
 * with the variables it depends on, and judged "unless X is set". A bare `process.env.X` (no
 * default in the code: the application expects it set) is `env` with `bare`, which consumers
 * treat as unknown, also through the wrappers (`Number(process.env.X)` is NaN only because
 * nothing is set). Anything else is `unknown`, never a guess.
 *
 * Values keep the syntax node they came from, so findings and fixes point at the text.
 */
import type * as T from 'typescript';
import { ts } from './tsLazy';
import { anyIn, occurrences } from '../text';
import { jsMeta, type Entry } from '../types';

export type JsLib = 'kafkajs' | 'ckjs' | 'node-rdkafka' | 'nestjs' | 'platformatic';

/**
 * Visits `root` and its descendants in source order (pre-order) with a stack of its own: a deep syntax tree (a
 * long `'a' + 'a' + …` chain is a left-nested binary expression per operand) must not exhaust the call stack.
 * `visit` returns false to leave a node's children out.
 */
export function walkTree(root: T.Node, visit: (n: T.Node) => boolean | void): void {
  const stack: T.Node[] = [root];
  const children: T.Node[] = [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    children.length = 0;
    ts.forEachChild(n, (c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

export const KAFKA_MODULES: Record<string, JsLib> = {
  kafkajs: 'kafkajs',
  '@confluentinc/kafka-javascript': 'ckjs',
  'node-rdkafka': 'node-rdkafka',
  '@nestjs/microservices': 'nestjs',
  '@platformatic/kafka': 'platformatic',
};

export type Lit = string | number | boolean | null | undefined;

export interface JsProp {
  key: string;
  value: JsValue;
  /** The property name as written (the identifier of a shorthand property). */
  keyNode: T.Node;
  /** The property in its object literal (for removal and value replacement). */
  node: T.ObjectLiteralElementLike;
  /** The literal that holds the property (it may be a spread source). */
  owner: T.ObjectLiteralExpression;
}

/** Something a Kafka client API returned (a client, a producer, a transaction): see typescript.ts. */
export interface JsSiteRef {
  kind: 'client' | 'producer' | 'transaction';
  site: unknown;
}

export type JsValue =
  | { t: 'lit'; v: Lit; node: T.Node }
  /**
   * A value read from the environment: `v` is its value when none of `vars` is set (`process.env.X ?? 1`: 1),
   * judged in its place; `bare`: the code gives no such value (a plain `process.env.X`), so it is unknown.
   */
  | { t: 'env'; v: Lit; node: T.Node; text: string; vars: string[]; bare?: boolean }
  /** `open`: an unknown spread may have added or replaced keys. */
  | { t: 'obj'; props: JsProp[]; open: boolean; node: T.Node; literal?: T.ObjectLiteralExpression }
  /** A Kafka client module or a member of it, e.g. the `Kafka` export of kafkajs. */
  | { t: 'mod'; lib: JsLib; path: string[]; node: T.Node }
  | { t: 'site'; ref: JsSiteRef; node: T.Node }
  | { t: 'unknown'; node: T.Node | undefined };

export const MAX_HOPS = 12;

/** Where a node's text starts; a node the parser made up while recovering from a syntax error has none, and starts at its end. */
export function startOf(n: T.Node, sf?: T.SourceFile): number {
  return Math.min(n.getStart(sf), n.end);
}

/** Marks nodes that declare nothing (cached, like the scopes). */
const NO_SCOPE = new Map<string, never>();

const unknown = (node: T.Node | undefined): JsValue => ({ t: 'unknown', node });

/** The last property named `key` (JS semantics: later wins); `undefined` when it may come from an unknown spread. */
export function getProp(obj: Extract<JsValue, { t: 'obj' }>, key: string): JsProp | undefined {
  for (let i = obj.props.length - 1; i >= 0; i--) if (obj.props[i].key === key) return obj.props[i];
  return undefined;
}

/** `present`: the key is there; `absent`: it is certainly not; `unknown`: an unknown spread may hold it. */
export function lookup(
  v: JsValue | undefined,
  key: string,
): { state: 'present'; prop: JsProp } | { state: 'absent' } | { state: 'unknown' } {
  if (!v) return { state: 'absent' };
  if (v.t === 'lit' && (v.v === undefined || v.v === null)) return { state: 'absent' };
  if (v.t !== 'obj') return { state: 'unknown' };
  const p = getProp(v, key);
  if (p) return { state: 'present', prop: p };
  return v.open ? { state: 'unknown' } : { state: 'absent' };
}

/** A known primitive (a literal, or the value of an env read when its variables are not set). */
export function primitive(v: JsValue | undefined): { v: Lit; env?: string; vars?: string[] } | undefined {
  if (!v) return undefined;
  if (v.t === 'lit') return { v: v.v };
  if (v.t === 'env' && !v.bare) return { v: v.v, env: v.text, vars: v.vars };
  return undefined;
}

/** `unless KAFKA_ACKS is set` for an entry whose value comes from environment variables (a TS/JS entry's `meta.prop`), else undefined. */
export function envNoteOf(entry: Entry): string | undefined {
  const v = jsMeta(entry)?.prop.value;
  return v?.t === 'env' && !v.bare ? `unless ${envNames(v.vars)} is set` : undefined;
}

/** `KAFKA_ACKS`, `KAFKA_ACKS or ACKS`: the variables an env value depends on, for messages. */
export function envNames(vars: readonly string[]): string {
  const u = [...new Set(vars)];
  return u.length <= 1 ? u.join('') : `${u.slice(0, -1).join(', ')} or ${u[u.length - 1]}`;
}

/** How a value is shown in messages: `1`, `'all'`, `true`. */
export function showLit(v: Lit): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  return String(v);
}

type Decl =
  | { kind: 'const'; decl: T.VariableDeclaration; path: string[]; defaults: Array<T.Expression | undefined> }
  | { kind: 'import'; lib: JsLib; path: string[]; node: T.Node }
  | { kind: 'opaque' };

const isFunctionLike = (n: T.Node) =>
  ts.isFunctionDeclaration(n) ||
  ts.isFunctionExpression(n) ||
  ts.isArrowFunction(n) ||
  ts.isMethodDeclaration(n) ||
  ts.isConstructorDeclaration(n) ||
  ts.isGetAccessorDeclaration(n) ||
  ts.isSetAccessorDeclaration(n);

function bindingNames(
  name: T.BindingName,
  path: string[],
  defaults: Array<T.Expression | undefined>,
  out: Array<{ name: string; path: string[]; defaults: Array<T.Expression | undefined> } | { name: string; opaque: true }>,
) {
  if (ts.isIdentifier(name)) {
    out.push({ name: name.text, path, defaults });
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        collectOpaque(el.name, out);
        continue;
      }
      let key: string | undefined;
      const pn = el.propertyName;
      if (!pn) key = ts.isIdentifier(el.name) ? el.name.text : undefined;
      else if (ts.isIdentifier(pn) || ts.isStringLiteral(pn) || ts.isNumericLiteral(pn)) key = pn.text;
      if (key === undefined) collectOpaque(el.name, out);
      else bindingNames(el.name, [...path, key], [...defaults, el.initializer], out);
    }
    return;
  }
  collectOpaque(name, out);
}

function collectOpaque(
  name: T.BindingName,
  out: Array<{ name: string; opaque: true } | { name: string; path: string[]; defaults: Array<T.Expression | undefined> }>,
) {
  if (ts.isIdentifier(name)) out.push({ name: name.text, opaque: true });
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) collectOpaque(el.name, out);
}

/** The source's loose equality (`==`; `!=` is its negation), evaluated as JavaScript does. */
// eslint-disable-next-line eqeqeq -- the evaluated program's own operator
const looseEquals = (a: unknown, b: unknown): boolean => a == b;

/** `a op b` of two literals as JavaScript computes it; undefined for an operator the evaluator does not compute. */
function literalBinary(op: T.SyntaxKind, a: never, b: never): { value: Lit } | undefined {
  let v: Lit;
  switch (op) {
    case ts.SyntaxKind.PlusToken:
      v = (a as number) + (b as number);
      break;
    case ts.SyntaxKind.MinusToken:
      v = (a as number) - (b as number);
      break;
    case ts.SyntaxKind.AsteriskToken:
      v = (a as number) * (b as number);
      break;
    case ts.SyntaxKind.SlashToken:
      v = (a as number) / (b as number);
      break;
    case ts.SyntaxKind.PercentToken:
      v = (a as number) % (b as number);
      break;
    case ts.SyntaxKind.AsteriskAsteriskToken:
      v = (a as number) ** (b as number);
      break;
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      v = a === b;
      break;
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      v = a !== b;
      break;
    case ts.SyntaxKind.EqualsEqualsToken:
      v = looseEquals(a, b);
      break;
    case ts.SyntaxKind.ExclamationEqualsToken:
      v = !looseEquals(a, b);
      break;
    case ts.SyntaxKind.LessThanToken:
      v = a < b;
      break;
    case ts.SyntaxKind.GreaterThanToken:
      v = a > b;
      break;
    default:
      return undefined;
  }
  return { value: v };
}

export interface EvaluatorHooks {
  /** A Kafka API call (new Kafka(), kafka.producer(), producer.transaction()...), or undefined. */
  call(node: T.CallExpression | T.NewExpression): JsValue | undefined;
}

export class Evaluator {
  private readonly scopes = new Map<T.Node, Map<string, Decl>>();
  private readonly memo = new Map<T.Node, JsValue | 'busy'>();
  private readonly mutated = new Map<string, T.Node[]>();
  private classWrites = new Map<T.Node, Map<string, T.Expression[] | 'opaque'>>();
  hooks: EvaluatorHooks = { call: () => undefined };

  constructor(readonly sf: T.SourceFile) {}

  /** The value of an expression; `undefined` expression (an absent argument) is the literal undefined. */
  value(expr: T.Expression | undefined, at?: T.Node, hops = 0): JsValue {
    if (!expr) return { t: 'lit', v: undefined, node: at ?? this.sf };
    if (hops > MAX_HOPS) return unknown(expr);
    const m = this.memo.get(expr);
    if (m === 'busy') return unknown(expr);
    if (m) return m;
    this.memo.set(expr, 'busy');
    let v: JsValue;
    try {
      v = this.compute(expr, hops);
    } catch {
      v = unknown(expr);
    }
    this.memo.set(expr, v);
    return v;
  }

  private compute(e: T.Expression, hops: number): JsValue {
    if (
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isSatisfiesExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isTypeAssertionExpression(e) ||
      ts.isAwaitExpression(e)
    ) {
      const inner = this.value(e.expression, e, hops);
      return inner;
    }
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { t: 'lit', v: e.text, node: e };
    if (ts.isNumericLiteral(e)) return { t: 'lit', v: Number(e.text.replace(/_/g, '')), node: e };
    if (e.kind === ts.SyntaxKind.TrueKeyword) return { t: 'lit', v: true, node: e };
    if (e.kind === ts.SyntaxKind.FalseKeyword) return { t: 'lit', v: false, node: e };
    if (e.kind === ts.SyntaxKind.NullKeyword) return { t: 'lit', v: null, node: e };
    if (ts.isIdentifier(e)) return this.identifier(e, hops);
    if (ts.isObjectLiteralExpression(e)) return this.object(e, hops);
    if (ts.isPrefixUnaryExpression(e)) {
      const inner = this.value(e.operand, e, hops);
      // `!process.env.X` is a test of the variable: its value when unset is the code's own
      const absorb = e.operator === ts.SyntaxKind.ExclamationToken;
      return mapPrimitive(inner, e, absorb, (x) => {
        switch (e.operator) {
          case ts.SyntaxKind.MinusToken:
            return -(x as number);
          case ts.SyntaxKind.PlusToken:
            return +(x as number);
          case ts.SyntaxKind.ExclamationToken:
            return !x;
          case ts.SyntaxKind.TildeToken:
            return ~(x as number);
          default:
            throw new Error('not pure');
        }
      });
    }
    if (ts.isBinaryExpression(e)) return this.binary(e, hops);
    if (ts.isTemplateExpression(e)) {
      let s = e.head.text;
      for (const span of e.templateSpans) {
        const p = this.value(span.expression, span, hops);
        if (p.t !== 'lit') return unknown(e);
        s += String(p.v) + span.literal.text;
      }
      return { t: 'lit', v: s, node: e };
    }
    const envVar = this.envVar(e);
    if (envVar !== undefined) return { t: 'env', v: undefined, node: e, text: e.getText(this.sf), vars: [envVar], bare: true };
    if (ts.isConditionalExpression(e)) return this.conditional(e, hops);
    if (ts.isPropertyAccessExpression(e)) return this.member(e, e.expression, e.name.text, hops);
    if (ts.isElementAccessExpression(e)) {
      const k = this.value(e.argumentExpression, e, hops);
      if (k.t !== 'lit' || (typeof k.v !== 'string' && typeof k.v !== 'number')) return unknown(e);
      return this.member(e, e.expression, String(k.v), hops);
    }
    if (ts.isCallExpression(e)) return this.call(e, hops);
    if (ts.isNewExpression(e)) return this.hooks.call(e) ?? unknown(e);
    if (e.kind === ts.SyntaxKind.ThisKeyword) return unknown(e);
    return unknown(e);
  }

  private binary(e: T.BinaryExpression, hops: number): JsValue {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      const l = this.value(e.left, e, hops);
      if (l.t === 'lit' || l.t === 'env') {
        const useRight = op === ts.SyntaxKind.QuestionQuestionToken ? l.v === null || l.v === undefined : !l.v;
        if (!useRight) return l;
        // (an env value on the left: the right side is what the code gives when its variables are not set)
        return l.t === 'env' ? this.withEnv(this.value(e.right, e, hops), l, e) : this.value(e.right, e, hops);
      }
      return unknown(e);
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const l = this.value(e.left, e, hops);
      if (l.t === 'lit') return l.v ? this.value(e.right, e, hops) : l;
      if (l.t === 'env') return l.v ? this.withEnv(this.value(e.right, e, hops), l, e) : l;
      return unknown(e);
    }
    const l = this.value(e.left, e, hops);
    const r = this.value(e.right, e, hops);
    const equality =
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken;
    // a comparison of env values with literals: its value when the variables are not set is the code's own
    if (equality && (l.t === 'env' || r.t === 'env') && (l.t === 'lit' || l.t === 'env') && (r.t === 'lit' || r.t === 'env')) {
      const a = l.v as unknown;
      const b = r.v as unknown;
      const v =
        op === ts.SyntaxKind.EqualsEqualsEqualsToken
          ? a === b
          : op === ts.SyntaxKind.ExclamationEqualsEqualsToken
            ? a !== b
            : op === ts.SyntaxKind.EqualsEqualsToken
              ? looseEquals(a, b)
              : !looseEquals(a, b);
      const vars = [...(l.t === 'env' ? l.vars : []), ...(r.t === 'env' ? r.vars : [])];
      return { t: 'env', v, node: e, text: e.getText(this.sf), vars };
    }
    if (l.t !== 'lit' || r.t !== 'lit') return unknown(e);
    const v = literalBinary(op, l.v as never, r.v as never);
    return v ? { t: 'lit', v: v.value, node: e } : unknown(e);
  }

  /** The variable of `process.env.X` / `process.env['X']` (the global `process`), else undefined. */
  private envVar(e: T.Expression): string | undefined {
    if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
    const base = e.expression;
    if (!(
      ts.isPropertyAccessExpression(base) &&
      base.name.text === 'env' &&
      ts.isIdentifier(base.expression) &&
      base.expression.text === 'process' &&
      !this.declared(base.expression)
    ))
      return undefined;
    if (ts.isPropertyAccessExpression(e)) return e.name.text;
    const k = e.argumentExpression;
    return ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k) ? k.text : undefined;
  }

  /** `v` (what the code gives when the variables of `env` are not set) as an env value of those variables too. */
  private withEnv(v: JsValue, env: Extract<JsValue, { t: 'env' }>, node: T.Expression): JsValue {
    const text = node.getText(this.sf);
    if (v.t === 'lit') return { t: 'env', v: v.v, node, text, vars: env.vars };
    if (v.t === 'env') return { t: 'env', v: v.v, node, text, vars: [...env.vars, ...v.vars], bare: v.bare };
    return unknown(node);
  }

  /** `c ? a : b`: the branch a known condition picks; a condition on env values picks the branch of the unset case. */
  private conditional(e: T.ConditionalExpression, hops: number): JsValue {
    const c = this.value(e.condition, e, hops);
    if (c.t === 'lit') return this.value(c.v ? e.whenTrue : e.whenFalse, e, hops);
    if (c.t === 'env') return this.withEnv(this.value(c.v ? e.whenTrue : e.whenFalse, e, hops), c, e);
    return unknown(e);
  }

  private call(e: T.CallExpression, hops: number): JsValue {
    const callee = e.expression;
    if (ts.isIdentifier(callee) && !this.declared(callee)) {
      const arg0 = e.arguments[0];
      if (
        callee.text === 'require' &&
        e.arguments.length === 1 &&
        arg0 &&
        (ts.isStringLiteral(arg0) || ts.isNoSubstitutionTemplateLiteral(arg0))
      ) {
        const lib = KAFKA_MODULES[arg0.text];
        return lib ? { t: 'mod', lib, path: [], node: e } : unknown(e);
      }
      const conv: Record<string, (x: Lit, r?: Lit) => Lit> = {
        Number: (x) => Number(x),
        String: (x) => String(x),
        Boolean: (x) => Boolean(x),
        parseInt: (x, r) => parseInt(x as string, r as number | undefined),
        parseFloat: (x) => parseFloat(x as string),
      };
      const f = conv[callee.text];
      if (f && e.arguments.length >= 1 && e.arguments.length <= (callee.text === 'parseInt' ? 2 : 1)) {
        const x = this.value(arg0, e, hops);
        let radix: Lit;
        if (e.arguments.length === 2) {
          const r = this.value(e.arguments[1], e, hops);
          if (r.t !== 'lit') return unknown(e);
          radix = r.v;
        }
        return mapPrimitive(x, e, false, (v) => f(v, radix));
      }
    }
    return this.hooks.call(e) ?? unknown(e);
  }

  private member(e: T.Expression, base: T.Expression, name: string, hops: number): JsValue {
    if (ts.isIdentifier(base) && base.text === 'Number' && !this.declared(base)) {
      const consts: Record<string, number> = {
        MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
        MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
        MAX_VALUE: Number.MAX_VALUE,
        POSITIVE_INFINITY: Number.POSITIVE_INFINITY,
        NEGATIVE_INFINITY: Number.NEGATIVE_INFINITY,
      };
      if (name in consts) return { t: 'lit', v: consts[name], node: e };
      return unknown(e);
    }
    if (base.kind === ts.SyntaxKind.ThisKeyword) return this.thisField(e, name, hops);
    if (ts.isIdentifier(base)) {
      const assigned = this.assignedMember(base, name, e, hops);
      if (assigned) return assigned;
    }
    const b = this.value(base, e, hops);
    if (b.t === 'mod') return { t: 'mod', lib: b.lib, path: [...b.path, name], node: e };
    if (b.t === 'obj') {
      const p = getProp(b, name);
      if (p) return p.value;
      return b.open ? unknown(e) : { t: 'lit', v: undefined, node: e };
    }
    if (b.t === 'lit' && typeof b.v === 'string' && name === 'length') return { t: 'lit', v: b.v.length, node: e };
    return unknown(e);
  }

  private object(o: T.ObjectLiteralExpression, hops: number): JsValue {
    const props: JsProp[] = [];
    let open = false;
    const put = (p: JsProp) => {
      for (let i = props.length - 1; i >= 0; i--) if (props[i].key === p.key) props.splice(i, 1);
      props.push(p);
    };
    for (const el of o.properties) {
      if (ts.isSpreadAssignment(el)) {
        const s = this.value(el.expression, el, hops + 1);
        if (s.t === 'obj') {
          for (const p of s.props) put(p);
          open ||= s.open;
        } else if (s.t === 'lit' && (s.v === null || s.v === undefined)) {
          // spreading null/undefined adds nothing
        } else {
          // an unknown spread may replace every key before it
          for (let i = 0; i < props.length; i++) props[i] = { ...props[i], value: unknown(props[i].value.node) };
          open = true;
        }
        continue;
      }
      const key = this.propertyKey(el, hops);
      if (key === undefined) {
        // a computed key we cannot read: it may be any key
        for (let i = 0; i < props.length; i++) props[i] = { ...props[i], value: unknown(props[i].value.node) };
        open = true;
        continue;
      }
      let value: JsValue;
      let keyNode: T.Node;
      if (ts.isPropertyAssignment(el)) {
        value = this.value(el.initializer, el, hops);
        keyNode = el.name;
      } else if (ts.isShorthandPropertyAssignment(el)) {
        value = this.identifier(el.name, hops);
        keyNode = el.name;
      } else {
        // methods and accessors
        value = unknown(el);
        keyNode = el.name ?? el;
      }
      put({ key, value, keyNode, node: el, owner: o });
    }
    return { t: 'obj', props, open, node: o, literal: o };
  }

  private propertyKey(el: T.ObjectLiteralElementLike, hops: number): string | undefined {
    const name = el.name;
    if (!name) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isPrivateIdentifier(name))
      return name.text;
    if (ts.isNumericLiteral(name)) return String(Number(name.text));
    if (ts.isComputedPropertyName(name)) {
      const k = this.value(name.expression, name, hops);
      if (k.t === 'lit' && (typeof k.v === 'string' || typeof k.v === 'number')) return String(k.v);
    }
    return undefined;
  }

  private identifier(id: T.Identifier, hops: number): JsValue {
    const d = this.lookup(id);
    if (!d) {
      if (id.text === 'undefined') return { t: 'lit', v: undefined, node: id };
      if (id.text === 'NaN') return { t: 'lit', v: NaN, node: id };
      if (id.text === 'Infinity') return { t: 'lit', v: Infinity, node: id };
      return unknown(id);
    }
    if (d.kind === 'import') return { t: 'mod', lib: d.lib, path: d.path, node: id };
    if (d.kind === 'opaque') return unknown(id);
    const name = d.decl.name;
    if (ts.isIdentifier(name) && this.isMutated(name.text)) return unknown(id);
    let v = this.value(d.decl.initializer, d.decl, hops + 1);
    for (let i = 0; i < d.path.length; i++) {
      const key = d.path[i];
      if (v.t === 'mod') {
        v = { t: 'mod', lib: v.lib, path: [...v.path, key], node: id };
        continue;
      }
      const r = lookup(v, key);
      if (r.state === 'present' && !(r.prop.value.t === 'lit' && r.prop.value.v === undefined)) v = r.prop.value;
      else if (r.state === 'unknown') return unknown(id);
      else v = d.defaults[i] ? this.value(d.defaults[i], d.decl, hops + 1) : { t: 'lit', v: undefined, node: id };
    }
    return v;
  }

  /** Whether the name is declared in some enclosing scope (i.e. not the global). */
  declared(id: T.Identifier): boolean {
    return this.lookup(id) !== undefined;
  }

  private lookup(id: T.Identifier): Decl | undefined {
    for (let n: T.Node | undefined = id.parent; n; n = n.parent) {
      const scope = this.scopeOf(n);
      const d = scope?.get(id.text);
      if (d) return d;
    }
    return undefined;
  }

  private scopeOf(n: T.Node): Map<string, Decl> | undefined {
    const cached = this.scopes.get(n);
    if (cached) return cached;
    let statements: readonly T.Statement[] | undefined;
    const map = new Map<string, Decl>();
    if (ts.isSourceFile(n) || ts.isBlock(n) || ts.isModuleBlock(n)) statements = n.statements;
    else if (ts.isCaseBlock(n)) statements = n.clauses.flatMap((c) => [...c.statements]);
    else if (isFunctionLike(n)) {
      const f = n as T.SignatureDeclaration;
      for (const p of f.parameters) {
        const out: Parameters<typeof collectOpaque>[1] = [];
        collectOpaque(p.name, out);
        for (const o of out) map.set(o.name, { kind: 'opaque' });
      }
      if ((ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n)) && n.name) map.set(n.name.text, { kind: 'opaque' });
    } else if (ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) {
      const init = n.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        for (const d of init.declarations) {
          const out: Parameters<typeof collectOpaque>[1] = [];
          collectOpaque(d.name, out);
          for (const o of out) map.set(o.name, { kind: 'opaque' });
        }
      }
    } else if (ts.isCatchClause(n) && n.variableDeclaration) {
      const out: Parameters<typeof collectOpaque>[1] = [];
      collectOpaque(n.variableDeclaration.name, out);
      for (const o of out) map.set(o.name, { kind: 'opaque' });
    } else if ((ts.isClassDeclaration(n) || ts.isClassExpression(n)) && n.name) {
      map.set(n.name.text, { kind: 'opaque' });
    } else {
      this.scopes.set(n, NO_SCOPE);
      return undefined;
    }
    for (const s of statements ?? []) this.declare(s, map);
    this.scopes.set(n, map);
    return map;
  }

  private declare(s: T.Statement, map: Map<string, Decl>) {
    if (ts.isVariableStatement(s)) {
      const isConst = (s.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of s.declarationList.declarations) {
        const out: Parameters<typeof bindingNames>[3] = [];
        if (isConst && d.initializer) bindingNames(d.name, [], [], out);
        else collectOpaque(d.name, out);
        for (const o of out) {
          if ('opaque' in o) map.set(o.name, { kind: 'opaque' });
          else map.set(o.name, this.importOf(d, o.path) ?? { kind: 'const', decl: d, path: o.path, defaults: o.defaults });
        }
      }
    } else if (
      (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s) || ts.isModuleDeclaration(s)) &&
      s.name &&
      ts.isIdentifier(s.name)
    ) {
      map.set(s.name.text, { kind: 'opaque' });
    } else if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const lib = KAFKA_MODULES[s.moduleSpecifier.text];
      const clause = s.importClause;
      if (!clause) return;
      const decl = (path: string[], node: T.Node): Decl => (lib ? { kind: 'import', lib, path, node } : { kind: 'opaque' });
      if (clause.name) map.set(clause.name.text, decl([], clause.name));
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) map.set(nb.name.text, decl([], nb));
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) map.set(el.name.text, decl([(el.propertyName ?? el.name).text], el));
      }
    } else if (ts.isImportEqualsDeclaration(s)) {
      const ref = s.moduleReference;
      const lib = ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) ? KAFKA_MODULES[ref.expression.text] : undefined;
      map.set(s.name.text, lib ? { kind: 'import', lib, path: [], node: s } : { kind: 'opaque' });
    } else if (ts.isExportDeclaration(s) || ts.isExpressionStatement(s)) {
      // nothing declared
    } else if (ts.isLabeledStatement(s)) {
      this.declare(s.statement, map);
    }
  }

  /** `const { Kafka } = require(<kafka module>)` and friends: an import, seen through the evaluator. */
  private importOf(d: T.VariableDeclaration, path: string[]): Decl | undefined {
    if (!d.initializer) return undefined;
    let e: T.Expression = d.initializer;
    const tail: string[] = [];
    while (ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e)) {
      if (ts.isPropertyAccessExpression(e)) tail.unshift(e.name.text);
      e = e.expression;
    }
    if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require') return undefined;
    const arg = e.arguments[0];
    if (!arg || !ts.isStringLiteral(arg)) return undefined;
    const lib = KAFKA_MODULES[arg.text];
    return lib ? { kind: 'import', lib, path: [...tail, ...path], node: d } : undefined;
  }

  /** Names assigned through (`x.a = …`, `delete x.a`, `Object.assign(x, …)`): their objects are not constant. */
  private isMutated(name: string): boolean {
    return this.mutationsOf(name).length > 0;
  }

  /**
   * `obj.name` where `obj` is a `const` object literal whose members are assigned only by plain statements
   * `obj.m = …` in the scope that declares it (`const config = {}; config.acks = parseInt(…);`): the value the
   * member has where it is read. Read in that scope's straight-line code: the last assignment before the read
   * (else the literal's own member); read inside a function (which runs later): the last assignment, when
   * every assignment of the member gives the same value. Anything else (another kind of write, a write in a
   * nested block or function, a computed key): undefined, and the object stays unknown.
   */
  private assignedMember(id: T.Identifier, name: string, use: T.Node, hops: number): JsValue | undefined {
    const d = this.lookup(id);
    if (!d || d.kind !== 'const' || d.path.length !== 0 || !ts.isIdentifier(d.decl.name) || !d.decl.initializer) return undefined;
    const mutations = this.mutationsOf(id.text);
    if (mutations.length === 0) return undefined;
    let init: T.Expression = d.decl.initializer;
    while (
      ts.isParenthesizedExpression(init) ||
      ts.isAsExpression(init) ||
      ts.isSatisfiesExpression(init) ||
      ts.isTypeAssertionExpression(init)
    )
      init = init.expression;
    const stmt = d.decl.parent?.parent;
    const container = stmt?.parent;
    if (!ts.isObjectLiteralExpression(init) || !stmt || !ts.isVariableStatement(stmt) || !container) return undefined;
    const literal = init;
    const assignments: Array<{ statement: T.Statement; rhs: T.Expression }> = [];
    for (const m of mutations) {
      const left = ts.isBinaryExpression(m) && m.operatorToken.kind === ts.SyntaxKind.EqualsToken ? m.left : undefined;
      const key =
        left && ts.isPropertyAccessExpression(left)
          ? left.name.text
          : left &&
              ts.isElementAccessExpression(left) &&
              (ts.isStringLiteral(left.argumentExpression) || ts.isNoSubstitutionTemplateLiteral(left.argumentExpression))
            ? left.argumentExpression.text
            : undefined;
      const target = left && (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) ? left.expression : undefined;
      if (key === undefined || !target || !ts.isIdentifier(target) || this.lookup(target) !== d) return undefined;
      if (!ts.isExpressionStatement(m.parent) || m.parent.parent !== container || m.parent.pos < stmt.end) return undefined;
      if (key === name) assignments.push({ statement: m.parent, rhs: (m as T.BinaryExpression).right });
    }
    // where the read runs: in the container's own code, or later, inside a function
    let top: T.Node = use;
    let deferred = false;
    while (top.parent && top.parent !== container) {
      if (isFunctionLike(top.parent)) deferred = true;
      top = top.parent;
    }
    if (top.parent !== container) return undefined;
    const own = (): JsValue => {
      const v = this.object(literal, hops + 1);
      if (v.t !== 'obj') return unknown(use);
      const p = getProp(v, name);
      return p ? p.value : v.open ? unknown(use) : { t: 'lit', v: undefined, node: use };
    };
    if (!deferred) {
      const before = assignments.filter((a) => a.statement.end <= top.pos);
      return before.length > 0 ? this.value(before[before.length - 1].rhs, use, hops + 1) : own();
    }
    if (assignments.length === 0) return own();
    const values = assignments.map((a) => this.value(a.rhs, use, hops + 1));
    const last = values[values.length - 1];
    const same = (v: JsValue) => (v.t === 'lit' || v.t === 'env') && v.t === last.t && Object.is(v.v, (last as { v: Lit }).v);
    return values.length === 1 || values.every(same) ? last : unknown(use);
  }

  /**
   * The assignments, `delete`s, `++`/`--` and `Object.assign`/`defineProperty` calls that write through
   * `name`. Such a node holds the identifier, so only the subtrees whose text holds the name (or a
   * backslash, which could spell it with an escape) are visited.
   */
  private mutationsOf(name: string): T.Node[] {
    let r = this.mutated.get(name);
    if (r === undefined) this.mutated.set(name, (r = this.findMutations(name)));
    return r;
  }

  private findMutations(name: string): T.Node[] {
    const text = this.sf.text;
    const hits = [...occurrences(text, name), ...occurrences(text, '\\')].sort((a, b) => a - b);
    if (hits.length === 0) return [];
    const root = (e: T.Expression): string | undefined => {
      while (
        ts.isPropertyAccessExpression(e) ||
        ts.isElementAccessExpression(e) ||
        ts.isParenthesizedExpression(e) ||
        ts.isNonNullExpression(e)
      )
        e = e.expression;
      return ts.isIdentifier(e) ? e.text : undefined;
    };
    const found: T.Node[] = [];
    const visit = (n: T.Node): boolean | undefined => {
      if (!anyIn(hits, n.pos, n.end)) return false;
      let target: T.Expression | undefined;
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      ) {
        if (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left)) target = n.left;
      } else if (
        ts.isDeleteExpression(n) ||
        ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
          (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken))
      ) {
        const t = ts.isDeleteExpression(n) ? n.expression : n.operand;
        if (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) target = t;
      } else if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        ts.isIdentifier(n.expression.expression) &&
        n.expression.expression.text === 'Object' &&
        (n.expression.name.text === 'assign' || n.expression.name.text === 'defineProperty') &&
        n.arguments[0]
      ) {
        target = n.arguments[0];
      }
      if (target && root(target) === name) found.push(n);
      return undefined;
    };
    walkTree(this.sf, visit);
    return found;
  }

  /** `this.x` inside a class: the single value written to the field (declaration or `this.x = …`). */
  private thisField(e: T.Expression, name: string, hops: number): JsValue {
    let cls: T.Node | undefined;
    for (let n: T.Node | undefined = e.parent; n; n = n.parent) {
      if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
        cls = n;
        break;
      }
      // a plain function has its own `this`
      if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return unknown(e);
    }
    if (!cls) return unknown(e);
    const writes = this.fieldWrites(cls as T.ClassLikeDeclaration).get(name);
    if (!writes || writes === 'opaque') return unknown(e);
    if (writes.length !== 1) {
      // several writes: fine when they all produce the same site
      const vals = writes.map((w) => this.value(w, e, hops + 1));
      const first = vals[0];
      if (first.t === 'site' && vals.every((v) => v.t === 'site' && v.ref.site === first.ref.site)) return first;
      return unknown(e);
    }
    return this.value(writes[0], e, hops + 1);
  }

  private fieldWrites(cls: T.ClassLikeDeclaration): Map<string, T.Expression[] | 'opaque'> {
    const cached = this.classWrites.get(cls);
    if (cached) return cached;
    const map = new Map<string, T.Expression[] | 'opaque'>();
    const add = (name: string, expr: T.Expression) => {
      const list = map.get(name) ?? [];
      if (list !== 'opaque') map.set(name, [...list, expr]);
    };
    for (const m of cls.members) {
      if (ts.isPropertyDeclaration(m) && m.initializer && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)))
        add(m.name.text, m.initializer);
      if (ts.isConstructorDeclaration(m)) {
        // a parameter property (`constructor(private producer: Producer)`) is set by the caller
        for (const p of m.parameters) {
          if (ts.isIdentifier(p.name) && p.modifiers?.some((x) => x.kind !== ts.SyntaxKind.Decorator)) map.set(p.name.text, 'opaque');
        }
      }
    }
    const visit = (n: T.Node): boolean | undefined => {
      if (n === cls) return undefined;
      if (ts.isClassDeclaration(n) || ts.isClassExpression(n) || ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return false;
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword
      ) {
        add(n.left.name.text, n.right);
      }
      return undefined;
    };
    walkTree(cls, visit);
    this.classWrites.set(cls, map);
    return map;
  }
}

/** `f` applied to a known primitive; `absorb`: the result no longer rests on an unset variable having no default (`!`). */
function mapPrimitive(v: JsValue, node: T.Node, absorb: boolean, f: (x: Lit) => Lit): JsValue {
  if (v.t === 'lit') return { t: 'lit', v: f(v.v), node };
  if (v.t === 'env') return { t: 'env', v: f(v.v), node, text: node.getText(), vars: v.vars, ...(v.bare && !absorb ? { bare: true } : {}) };
  return unknown(node);
}
