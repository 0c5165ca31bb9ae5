/**
 * TS/JS producer configurations: the `typescript` compiler API, syntax only
 * (`ts.createSourceFile`; no type checker, no tsconfig). Files that do not import or
 * require a Kafka client are skipped before any AST is built.
 *
 * The parser finds the Kafka call sites of the file and resolves their arguments
 * statically (jsStatic.ts):
 * - KafkaJS: `new Kafka({...})`, `kafka.producer({...})`, `producer.send/sendBatch({...})`,
 *   `producer.transaction()` and the transaction's `send/sendBatch`;
 * - confluent-kafka-javascript: the KafkaJS-compatible API (`new Kafka({ kafkaJS })`,
 *   `kafka.producer({ kafkaJS, <librdkafka keys> })`) and the node-rdkafka-style API;
 * - node-rdkafka: `new Kafka.Producer(globalConf, topicConf)`, `HighLevelProducer`,
 *   `Producer.createWriteStream(globalConf, topicConf, streamOptions)`;
 * - NestJS: `{ transport: Transport.KAFKA, options: { client, producer, send } }` (KafkaJS underneath);
 * - @platformatic/kafka: `new Producer({...})`, its `send({...})` and `beginTransaction()`.
 * Producers are followed through `const producer = …` and `this.producer = …` to their sends.
 * Every resolved property becomes an Entry; the call sites are kept in `extra` for the detectors.
 */
import type * as T from 'typescript';
import { hasParseErrors, loadTypeScript, ts } from './tsLazy';
import type { Comment, Entry, EntryFlags, ParsedDocument, ValueKind } from '../types';
import { anyIn, detectEol, matchStarts, withoutQuery } from '../text';
import { TsEditor } from './typescriptWriter';
import { Evaluator, KAFKA_MODULES, lookup, startOf, walkTree, type JsLib, type JsProp, type JsValue } from './jsStatic';

export type ProducerApi = 'kafkajs' | 'nestjs' | 'ckjs-kafkajs' | 'ckjs-rdkafka' | 'node-rdkafka' | 'platformatic';

export interface JsClientSite {
  api: 'kafkajs' | 'ckjs-kafkajs';
  /** `new Kafka(...)`, or the NestJS transport options object. */
  node: T.Node;
  config: JsValue;
}

export interface JsSendSite {
  method: 'send' | 'sendBatch' | 'options.send';
  node: T.Node;
  arg: JsValue;
  /** A send on the object returned by `producer.transaction()`. */
  inTransaction: boolean;
}

export interface JsProducerSite {
  api: ProducerApi;
  how: 'producer()' | 'new Producer' | 'new HighLevelProducer' | 'createWriteStream' | 'nest';
  node: T.CallExpression | T.NewExpression | T.ObjectLiteralExpression;
  /** Where the hover and block-level findings go: `kafka.producer`, `new Kafka.Producer`... */
  callee: T.Node;
  client?: JsClientSite;
  /** `this.kafka.producer()` with a `kafka` we cannot see (injected, a parameter...). */
  clientUnknown: boolean;
  config: JsValue;
  configArg?: T.Expression;
  /** node-rdkafka's second argument. */
  topicConfig?: JsValue;
  /** NestJS: the transport's `options` object (`producer` lives in it). */
  nestOptions?: JsValue;
  topicArg?: T.Expression;
  /** What the producer is bound to: `producer`, `this.producer`, or `producer on line 12`. */
  name: string;
  sends: JsSendSite[];
  transactions: T.CallExpression[];
  connects: T.CallExpression[];
}

export interface JsModel {
  sf: T.SourceFile;
  ev: Evaluator;
  libs: Set<JsLib>;
  clients: JsClientSite[];
  producers: JsProducerSite[];
  /** The quote the file prefers for new string literals. */
  quote: "'" | '"';
  /** Edits on this file's object literals (fixes). */
  editor: TsEditor;
  entryOf(prop: JsProp): Entry | undefined;
}

/** What an entry of a TS/JS file carries: the resolved property it stands for. */
export interface JsEntryMeta extends EntryFlags {
  format: 'js';
  prop: JsProp;
}

export interface TsDocument extends ParsedDocument {
  format: 'typescript' | 'javascript';
  extra: JsModel | undefined;
}

const MODULE_MENTION =
  /['"`](kafkajs|@confluentinc\/kafka-javascript|node-rdkafka|@nestjs\/microservices|@platformatic\/kafka)(?:\/[^'"`\s]*)?['"`]/g;

/** Cheap pre-check on the raw text: which Kafka client modules the file names at all. */
export function mentionedKafkaModules(text: string): Set<JsLib> {
  const out = new Set<JsLib>();
  // every module name above contains 'kafka' except NestJS's: a substring search rules out most files
  // before the regex visits every quote of the file
  if (!text.includes('kafka') && !text.includes('@nestjs/microservices')) return out;
  MODULE_MENTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MODULE_MENTION.exec(text))) out.add(KAFKA_MODULES[m[1]]);
  // NestJS files matter only when they use the Kafka transport
  if (out.has('nestjs') && !/\bKAFKA\b/.test(text)) out.delete('nestjs');
  return out;
}

export function scriptKindOf(fileName: string, languageId?: string): T.ScriptKind {
  if (languageId === 'typescriptreact') return ts.ScriptKind.TSX;
  if (languageId === 'javascriptreact') return ts.ScriptKind.JSX;
  if (languageId === 'typescript') return /\.tsx$/i.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  if (languageId === 'javascript') return /\.jsx$/i.test(fileName) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  const name = withoutQuery(fileName.toLowerCase());
  if (name.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (name.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(name)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function parseTypeScript(text: string, fileName = 'file.ts', languageId?: string): TsDocument {
  const js = languageId ? /^javascript/.test(languageId) : /\.(js|jsx|mjs|cjs)$/i.test(withoutQuery(fileName));
  const doc: TsDocument = {
    format: js ? 'javascript' : 'typescript',
    text,
    entries: [],
    comments: [],
    problems: [],
    commentMarker: '//',
    eol: detectEol(text),
    extra: undefined,
  };
  const libs = mentionedKafkaModules(text);
  if (libs.size === 0) return doc;
  loadTypeScript();
  const kind = scriptKindOf(fileName, languageId);
  // a byte-order mark is whitespace to the TypeScript scanner, so offsets stay those of `text`
  let sf: T.SourceFile;
  try {
    sf = ts.createSourceFile(fileName.replace(/^.*[\\/]/, '') || 'file.ts', text, ts.ScriptTarget.Latest, true, kind);
  } catch (e) {
    // TypeScript 5.9's parser itself can fail an internal assertion on some half-typed code
    // (`await g();@.` inside an async function: "Debug Failure. False expression."). Nothing can
    // be read from the file then: no findings until the next edit, and a problem for the log.
    doc.problems.push({
      code: 'typescript-parser-failure',
      message: `The TypeScript parser failed on this text (${(e as Error).message}); no producer configuration was read.`,
      span: { start: 0, end: 0 },
      severity: 'info',
    });
    return doc;
  }
  // comments matter only for directives and markers, which all start with kafka-idempotence
  if (text.includes('kafka-idempotence')) doc.comments = collectComments(sf, text);
  if (hasParseErrors(sf)) doc.recovered = true;
  doc.insideToken = (offset) => insideToken(sf, text, offset);
  const model = discover(sf, libs, doc.eol);
  doc.extra = model;
  doc.entries = collectEntries(model);
  return doc;
}

const LITERAL_KINDS = () =>
  new Set<T.SyntaxKind>([
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.RegularExpressionLiteral,
  ]);
let literalKinds: Set<T.SyntaxKind> | undefined;

/**
 * Whether a line inserted at `offset` (a line start) would not be read as code: the offset lies
 * strictly inside a comment (any comment of the trivia before the token there, also one that starts
 * on the line before, after code, or a JSDoc block) or a string, template or regular-expression
 * literal, or in JSX outside a `{…}` expression (text, or between a tag's attributes), where `//`
 * is no comment. From the parser's own tokens: the innermost token whose full range holds the offset.
 */
function insideToken(sf: T.SourceFile, text: string, offset: number): boolean {
  let node: T.Node = sf;
  for (;;) {
    // (JSDoc nodes are comments: the token they belong to is looked at instead)
    const next: T.Node | undefined = node.getChildren(sf).find((k) => k.pos <= offset && offset < k.end && !ts.isJSDoc(k));
    if (!next) break;
    node = next;
  }
  const trivia = [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.pos) ?? [])];
  if (trivia.some((c) => c.pos < offset && offset < c.end)) return true;
  literalKinds ??= LITERAL_KINDS();
  if (literalKinds.has(node.kind) && node.getStart(sf) < offset && offset < node.end) return true;
  for (let n: T.Node | undefined = node; n; n = n.parent) {
    if (ts.isJsxExpression(n)) return false;
    if (
      ts.isJsxText(n) ||
      ts.isJsxElement(n) ||
      ts.isJsxFragment(n) ||
      ts.isJsxAttributes(n) ||
      ts.isJsxOpeningElement(n) ||
      ts.isJsxSelfClosingElement(n) ||
      ts.isJsxClosingElement(n)
    )
      return true;
  }
  return false;
}

function collectComments(sf: T.SourceFile, text: string): Comment[] {
  const seen = new Set<number>();
  const out: Comment[] = [];
  const take = (ranges: T.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      const line = r.kind === ts.SyntaxKind.SingleLineCommentTrivia;
      const start = r.pos + 2;
      const end = line ? r.end : Math.max(start, r.end - 2);
      out.push({ span: { start: r.pos, end: r.end }, textSpan: { start, end }, text: text.slice(start, end), marker: line ? '//' : '/*' });
    }
  };
  // every token (a node without children) in source order, with a stack of its own: the tree may be deeper than the call stack
  const stack: T.Node[] = [sf];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const kids = n.getChildren(sf);
    if (kids.length === 0) {
      take(ts.getLeadingCommentRanges(sf.text, n.pos));
      take(ts.getTrailingCommentRanges(sf.text, n.pos));
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

const unwrap = (n: T.Node): T.Node => {
  let p = n;
  while (
    p.parent &&
    (ts.isParenthesizedExpression(p.parent) ||
      ts.isAwaitExpression(p.parent) ||
      ts.isAsExpression(p.parent) ||
      ts.isNonNullExpression(p.parent) ||
      ts.isSatisfiesExpression(p.parent) ||
      ts.isTypeAssertionExpression(p.parent))
  )
    p = p.parent;
  return p;
};

function bindingName(node: T.Node, sf: T.SourceFile): string {
  const top = unwrap(node);
  const parent = top.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && parent.right === top) {
    const l = parent.left;
    if (ts.isIdentifier(l)) return l.text;
    if (ts.isPropertyAccessExpression(l) && l.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${l.name.text}`;
  }
  if (parent && ts.isPropertyDeclaration(parent) && (ts.isIdentifier(parent.name) || ts.isPrivateIdentifier(parent.name)))
    return `this.${parent.name.text}`;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return `producer on line ${sf.getLineAndCharacterOfPosition(startOf(node, sf)).line + 1}`;
}

const lastOf = (path: string[]) => path[path.length - 1];

const VISIT_WORDS = /new|producer|createWriteStream|transaction|Transaction|send|connect|\\/g;

function discover(sf: T.SourceFile, libs: Set<JsLib>, eol: string): JsModel {
  const d = new Discovery(sf, libs);
  d.run();
  const quote = preferredQuote(sf);
  return {
    sf,
    ev: d.ev,
    libs,
    clients: d.clients,
    producers: d.producers,
    quote,
    editor: new TsEditor(sf, quote, eol),
    entryOf: () => undefined,
  };
}

type CallNode = T.CallExpression | T.NewExpression;
const absentOr = (r: ReturnType<typeof lookup>, node: T.Node): JsValue =>
  r.state === 'present' ? r.prop.value : r.state === 'absent' ? { t: 'lit', v: undefined, node } : { t: 'unknown', node };

/**
 * Finds the Kafka clients and producers of a file, and the sends, transactions and connects of each
 * producer: the evaluator's call hook recognises the constructors and factory calls (`new Kafka`,
 * `kafka.producer()`, node-rdkafka's `new Producer` and `createWriteStream`, `producer.transaction()`),
 * and a walk over the syntax tree evaluates the calls that could be one of them.
 */
class Discovery {
  readonly ev: Evaluator;
  readonly clients: JsClientSite[] = [];
  readonly producers: JsProducerSite[] = [];
  private readonly sendNodes = new Set<T.Node>();
  /** `x.producer()` on an unknown `x` counts only when the file imports exactly one KafkaJS-style API. */
  private readonly producerApiOfUnknown: ProducerApi | undefined;
  /** Where the words of VISIT_WORDS start (undefined: visit every node, as for NestJS's object literals). */
  private readonly hits: number[] | undefined;

  constructor(
    private readonly sf: T.SourceFile,
    private readonly libs: Set<JsLib>,
  ) {
    this.ev = new Evaluator(sf);
    const imported = importedLibs(sf);
    const kjs = imported.has('kafkajs');
    const ckjs = imported.has('ckjs');
    this.producerApiOfUnknown = kjs && !ckjs ? 'kafkajs' : ckjs && !kjs ? 'ckjs-kafkajs' : undefined;
    this.ev.hooks.call = (node) => this.call(node);
    // Only `new …` and calls named producer / createWriteStream / transaction / send(Batch) / connect
    // are looked at (NestJS: any object literal): a node whose text holds none of these words (nor a
    // backslash, which could spell one with an escape) cannot hold such a node, and is not visited.
    this.hits = libs.has('nestjs') ? undefined : matchStarts(sf.text, VISIT_WORDS);
  }

  run(): void {
    this.visit(this.sf);
  }

  private newProducer(p: Omit<JsProducerSite, 'name' | 'sends' | 'transactions' | 'connects'>): JsValue {
    const site: JsProducerSite = { ...p, name: bindingName(p.node, this.sf), sends: [], transactions: [], connects: [] };
    this.producers.push(site);
    return { t: 'site', ref: { kind: 'producer', site }, node: p.node };
  }

  /** node-rdkafka's constructors and createWriteStream: (globalConf, topicConf, ...). */
  private rdkafkaStyle(lib: JsLib, how: JsProducerSite['how'], node: CallNode, callee: T.Node, args: readonly T.Expression[]): JsValue {
    return this.newProducer({
      api: lib === 'ckjs' ? 'ckjs-rdkafka' : 'node-rdkafka',
      how,
      node,
      callee,
      clientUnknown: false,
      config: this.ev.value(args[0], node),
      configArg: args[0],
      topicConfig: args.length > 1 ? this.ev.value(args[1], node) : undefined,
      topicArg: args[1],
    });
  }

  /** The evaluator's call hook: the value of a call that creates a client, a producer or a transaction. */
  private call(node: CallNode): JsValue | undefined {
    if (ts.isNewExpression(node)) return this.construct(node);
    const calleeExpr = node.expression;
    if (!ts.isPropertyAccessExpression(calleeExpr)) return undefined;
    const method = calleeExpr.name.text;
    if (method === 'producer') return this.producerCall(node, calleeExpr);
    if (method === 'createWriteStream') return this.writeStream(node, calleeExpr);
    if (method === 'transaction') return this.transaction(node, calleeExpr);
    return undefined;
  }

  /** `new Kafka(…)` (KafkaJS, confluent-kafka-javascript's KafkaJS API); `new Producer(…)` / `new HighLevelProducer(…)`. */
  private construct(node: T.NewExpression): JsValue | undefined {
    const calleeExpr = node.expression;
    const c = this.ev.value(calleeExpr, node);
    if (c.t !== 'mod') return undefined;
    const last = lastOf(c.path);
    const args = node.arguments ?? ts.factory.createNodeArray<T.Expression>();
    if (last === 'Kafka' && (c.lib === 'kafkajs' || c.lib === 'ckjs')) {
      const site: JsClientSite = { api: c.lib === 'kafkajs' ? 'kafkajs' : 'ckjs-kafkajs', node, config: this.ev.value(args[0], node) };
      this.clients.push(site);
      return { t: 'site', ref: { kind: 'client', site }, node };
    }
    if (last === 'Producer' && c.lib === 'platformatic') {
      return this.newProducer({
        api: 'platformatic',
        how: 'new Producer',
        node,
        callee: calleeExpr,
        clientUnknown: false,
        config: this.ev.value(args[0], node),
        configArg: args[0],
      });
    }
    if ((last === 'Producer' || last === 'HighLevelProducer') && (c.lib === 'ckjs' || c.lib === 'node-rdkafka')) {
      return this.rdkafkaStyle(c.lib, last === 'Producer' ? 'new Producer' : 'new HighLevelProducer', node, calleeExpr, args);
    }
    return undefined;
  }

  /** `kafka.producer(config)` on a known client, or on an unknown one when the file imports one KafkaJS-style API. */
  private producerCall(node: T.CallExpression, calleeExpr: T.PropertyAccessExpression): JsValue | undefined {
    const args = node.arguments;
    const recv = this.ev.value(calleeExpr.expression, node);
    if (recv.t === 'site' && recv.ref.kind === 'client') {
      const client = recv.ref.site as JsClientSite;
      return this.newProducer({
        api: client.api,
        how: 'producer()',
        node,
        callee: calleeExpr,
        client,
        clientUnknown: false,
        config: this.ev.value(args[0], node),
        configArg: args[0],
      });
    }
    if (recv.t === 'unknown' && this.producerApiOfUnknown && args.length <= 1) {
      return this.newProducer({
        api: this.producerApiOfUnknown,
        how: 'producer()',
        node,
        callee: calleeExpr,
        clientUnknown: true,
        config: this.ev.value(args[0], node),
        configArg: args[0],
      });
    }
    return undefined;
  }

  /** node-rdkafka's `Producer.createWriteStream(globalConf, topicConf, streamOptions)`. */
  private writeStream(node: T.CallExpression, calleeExpr: T.PropertyAccessExpression): JsValue | undefined {
    const args = node.arguments;
    const recv = this.ev.value(calleeExpr.expression, node);
    if (
      recv.t === 'mod' &&
      (recv.lib === 'ckjs' || recv.lib === 'node-rdkafka') &&
      (recv.path.length === 0 || lastOf(recv.path) === 'Producer' || lastOf(recv.path) === 'HighLevelProducer')
    ) {
      return this.rdkafkaStyle(recv.lib, 'createWriteStream', node, calleeExpr, args);
    }
    return undefined;
  }

  /** `producer.transaction()` of a KafkaJS-style producer. */
  private transaction(node: T.CallExpression, calleeExpr: T.PropertyAccessExpression): JsValue | undefined {
    const recv = this.ev.value(calleeExpr.expression, node);
    if (recv.t === 'site' && recv.ref.kind === 'producer') {
      const site = recv.ref.site as JsProducerSite;
      if (site.api === 'kafkajs' || site.api === 'ckjs-kafkajs') {
        site.transactions.push(node);
        return { t: 'site', ref: { kind: 'transaction', site }, node };
      }
    }
    return undefined;
  }

  private visit(root: T.Node): void {
    walkTree(root, (n) => this.visitOne(n));
  }

  /** One node of the walk; false: its children hold nothing to find. */
  private visitOne(n: T.Node): boolean | undefined {
    if (this.hits && !anyIn(this.hits, n.pos, n.end)) return false;
    if (ts.isNewExpression(n) || ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (ts.isNewExpression(n) || name === 'producer' || name === 'createWriteStream' || name === 'transaction') this.ev.value(n);
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(callee) &&
        (name === 'send' || name === 'sendBatch' || name === 'connect')
      ) {
        this.sendOrConnect(n, callee, name);
      }
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(callee) && name === 'beginTransaction') this.beginTransaction(n, callee);
    } else if (ts.isObjectLiteralExpression(n) && this.libs.has('nestjs')) {
      this.nestSite(n);
    }
    return undefined;
  }

  /** `producer.send(…)`, `sendBatch(…)` (also on a transaction) and `producer.connect()`. */
  private sendOrConnect(n: T.CallExpression, callee: T.PropertyAccessExpression, name: string): void {
    const recv = this.ev.value(callee.expression, n);
    if (recv.t !== 'site' || (recv.ref.kind !== 'producer' && recv.ref.kind !== 'transaction')) return;
    const site = recv.ref.site as JsProducerSite;
    if (name === 'connect') {
      if (recv.ref.kind === 'producer') site.connects.push(n);
    } else if (
      !this.sendNodes.has(n) &&
      (site.api === 'kafkajs' || site.api === 'ckjs-kafkajs' || (site.api === 'platformatic' && name === 'send'))
    ) {
      this.sendNodes.add(n);
      site.sends.push({
        method: name as 'send' | 'sendBatch',
        node: n,
        arg: this.ev.value(n.arguments[0], n),
        inTransaction: recv.ref.kind === 'transaction',
      });
    }
  }

  /** @platformatic/kafka's `producer.beginTransaction()`. */
  private beginTransaction(n: T.CallExpression, callee: T.PropertyAccessExpression): void {
    const recv = this.ev.value(callee.expression, n);
    if (recv.t !== 'site' || recv.ref.kind !== 'producer') return;
    const site = recv.ref.site as JsProducerSite;
    if (site.api === 'platformatic' && !site.transactions.includes(n)) site.transactions.push(n);
  }

  /** `{ transport: Transport.KAFKA, options: { client, producer, send } }`: NestJS runs KafkaJS with these. */
  private nestSite(o: T.ObjectLiteralExpression): void {
    const transport = o.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'transport');
    if (!transport || !ts.isPropertyAssignment(transport)) return;
    const t = this.ev.value(transport.initializer, transport);
    if (t.t !== 'mod' || t.lib !== 'nestjs' || t.path.join('.') !== 'Transport.KAFKA') return;
    const self = this.ev.value(o);
    const optionsValue = absentOr(lookup(self, 'options'), o);
    const part = (key: string): JsValue => absentOr(lookup(optionsValue, key), o);
    const client: JsClientSite = { api: 'kafkajs', node: o, config: part('client') };
    this.clients.push(client);
    const sendOpt = lookup(optionsValue, 'send');
    const created = this.newProducer({
      api: 'nestjs',
      how: 'nest',
      node: o,
      callee: transport,
      client,
      clientUnknown: false,
      config: part('producer'),
    });
    const site = (created as Extract<JsValue, { t: 'site' }>).ref.site as JsProducerSite;
    site.nestOptions = optionsValue;
    site.name = bindingName(o, this.sf).replace(/^producer on/, 'Kafka transport on');
    site.sends.push({
      method: 'options.send',
      node: sendOpt.state === 'present' ? sendOpt.prop.node : transport,
      arg: part('send'),
      inTransaction: false,
    });
  }
}

/** The Kafka modules the file's top-level statements import or require. */
function importedLibs(sf: T.SourceFile): Set<JsLib> {
  const out = new Set<JsLib>();
  const add = (e: T.Expression | undefined) => {
    if (e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && KAFKA_MODULES[e.text]) out.add(KAFKA_MODULES[e.text]);
  };
  const requireOf = (e: T.Expression | undefined): void => {
    while (e && (ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e))) e = e.expression;
    if (
      e &&
      ts.isCallExpression(e) &&
      (e.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(e.expression) && e.expression.text === 'require'))
    )
      add(e.arguments[0]);
  };
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s)) add(s.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) add(s.moduleReference.expression);
    else if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) requireOf(d.initializer);
    else if (ts.isExpressionStatement(s)) requireOf(s.expression);
  }
  return out;
}

function preferredQuote(sf: T.SourceFile): "'" | '"' {
  let single = 0;
  let double = 0;
  walkTree(sf, (n) => {
    if (ts.isStringLiteral(n)) {
      const c = sf.text.charCodeAt(startOf(n, sf));
      if (c === 39) single++;
      else if (c === 34) double++;
    }
    return single + double < 200;
  });
  return double > single ? '"' : "'";
}

function kindOf(v: JsValue): { value: string | undefined; kind: ValueKind } {
  // an environment variable the code gives no default for: not known statically
  if (v.t === 'env' && v.bare) return { value: undefined, kind: 'unknown' };
  if (v.t === 'lit' || v.t === 'env') {
    const kind: ValueKind =
      v.t === 'env'
        ? 'placeholder'
        : v.v === null
          ? 'null'
          : v.v === undefined
            ? 'unknown'
            : typeof v.v === 'boolean'
              ? 'boolean'
              : typeof v.v === 'number'
                ? 'number'
                : 'string';
    return { value: v.v === undefined ? undefined : String(v.v), kind };
  }
  return { value: undefined, kind: 'unknown' };
}

/** The leaf properties under an object value, with their dotted paths (`retry.retries`). */
export function leafProps(v: JsValue | undefined, prefix = '', depth = 0): Array<{ path: string; prop: JsProp }> {
  if (!v || v.t !== 'obj' || depth > 4) return [];
  const out: Array<{ path: string; prop: JsProp }> = [];
  for (const p of v.props) {
    if (p.value.t === 'obj') out.push(...leafProps(p.value, `${prefix}${p.key}.`, depth + 1));
    else out.push({ path: prefix + p.key, prop: p });
  }
  return out;
}

/** Every resolved property of every Kafka call's arguments, as flat entries (`retry.retries`, `kafkaJS.idempotent`). */
function collectEntries(model: JsModel): Entry[] {
  const { sf } = model;
  const byNode = new Map<T.Node, Entry>();
  const walk = (v: JsValue | undefined) => {
    for (const { path, prop: p } of leafProps(v)) {
      if (byNode.has(p.node)) continue;
      const { value, kind } = kindOf(p.value);
      const el = p.node;
      const valueNode = ts.isPropertyAssignment(el) ? el.initializer : ts.isShorthandPropertyAssignment(el) ? el.name : el;
      const entry: Entry = {
        key: path,
        value,
        kind,
        keySpan: { start: startOf(p.keyNode, sf), end: p.keyNode.end },
        valueSpan: { start: startOf(valueNode, sf), end: valueNode.end },
        // deleting the entry span leaves a valid object (other rules remove entries by it)
        entrySpan: model.editor.deletionSpan(p),
        meta: { format: 'js', prop: p },
      };
      if (p.value.t === 'env' && !p.value.bare) entry.placeholder = p.value.text;
      byNode.set(p.node, entry);
    }
  };
  for (const c of model.clients) walk(c.config);
  for (const p of model.producers) {
    walk(p.config);
    walk(p.topicConfig);
    for (const s of p.sends) walk(s.arg);
  }
  model.entryOf = (prop) => byNode.get(prop.node);
  return [...byNode.values()].sort((a, b) => a.entrySpan.start - b.entrySpan.start);
}
