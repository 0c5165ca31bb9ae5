/**
 * Text edits on object literals in TS/JS, keeping the file's style: its quote, the
 * object's indentation, its trailing comma (or none), single-line objects stay single-line.
 * The block writers (KafkaJS and librdkafka-style blocks) are built on these primitives.
 */
import type * as T from 'typescript';
import { hasParseErrors, ts } from './tsLazy';
import { type BlockItem, type BlockOp, type BlockWriter, jsMeta, type TextEdit } from '../types';
import { getProp, startOf, type JsProp, type JsValue } from './jsStatic';
import type { JsProducerSite } from './typescript';
import { RDK_TOPIC_PROPERTIES, rdkProperty } from '../clients/librdkafka/config';

/** Boolean librdkafka properties beyond the modelled ones: a JS fix writes `true`/`false`. */
const RDK_BOOLEAN_KEYS = new Set([
  'enable.ssl.certificate.verification',
  'allow.auto.create.topics',
  'api.version.request',
  'socket.keepalive.enable',
  'socket.nagle.disable',
]);

const IDENT = /^[A-Za-z_$][\w$]*$/;

export class TsEditor {
  private unit: string | undefined;
  /**
   * The file has syntax errors: the parser's recovery decides what belongs to which object, so
   * no edit is offered (findings are still reported, fixes wait for valid syntax).
   */
  readonly broken: boolean;

  constructor(
    readonly sf: T.SourceFile,
    readonly quote: "'" | '"',
    readonly eol: string,
  ) {
    this.broken = hasParseErrors(sf);
  }

  get text(): string {
    return this.sf.text;
  }

  /** A property name: bare when it is an identifier, else quoted (`'enable.idempotence'`). */
  key(name: string): string {
    return IDENT.test(name) ? name : this.str(name);
  }

  /** A string literal in the file's quote. */
  str(value: string): string {
    const q = this.quote;
    return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r') + q;
  }

  /** `{ a: { b: v } }` for a path, innermost value as given. */
  nest(path: string[], valueText: string): string {
    return path.reduceRight((inner, k) => `{ ${this.key(k)}: ${inner} }`, valueText);
  }

  replaceValue(prop: JsProp, valueText: string): TextEdit[] {
    if (this.broken) return [];
    const el = prop.node;
    if (ts.isPropertyAssignment(el)) {
      return [{ span: { start: startOf(el.initializer, this.sf), end: el.initializer.end }, newText: valueText }];
    }
    // shorthand `{ acks }` or a method: becomes `acks: -1`
    return [{ span: { start: startOf(el, this.sf), end: el.end }, newText: `${this.key(prop.key)}: ${valueText}` }];
  }

  insert(obj: T.ObjectLiteralExpression, key: string, valueText: string): TextEdit[] {
    return this.insertMany(obj, [[key, valueText]]);
  }

  /** Inserts several properties at the end of an object literal, in one edit per place. */
  insertMany(obj: T.ObjectLiteralExpression, entries: Array<[string, string]>): TextEdit[] {
    if (this.broken) return [];
    const { sf, text, eol } = this;
    const props = obj.properties;
    const open = startOf(obj, sf);
    const last0 = props[props.length - 1];
    const multiline0 = last0 !== undefined && this.line(startOf(last0, sf)) !== this.line(open);
    const sep = multiline0 ? `,${eol}${this.indentAt(startOf(last0, sf))}` : ', ';
    const entry = entries.map(([k, v]) => `${this.key(k)}: ${v}`).join(sep);
    const close = obj.end - 1;
    if (props.length === 0) {
      const inner = text.slice(open + 1, close);
      if (!/[\r\n]/.test(inner)) return [{ span: { start: open + 1, end: close }, newText: ` ${entry} ` }];
      const base = this.indentAt(open);
      return [{ span: { start: open + 1, end: close }, newText: `${eol}${base}${this.indentUnit()}${entry}${eol}${base}` }];
    }
    const last = props[props.length - 1];
    const comma = this.commaAfter(last);
    const multiline = this.line(startOf(last, sf)) !== this.line(open);
    if (!multiline) {
      if (comma !== undefined) return [{ span: { start: comma + 1, end: comma + 1 }, newText: ` ${entry},` }];
      return [{ span: { start: last.end, end: last.end }, newText: `, ${entry}` }];
    }
    const indent = this.indentAt(startOf(last, sf));
    const lineEnd = this.contentEnd(comma !== undefined ? comma + 1 : last.end);
    if (comma !== undefined) return [{ span: { start: lineEnd, end: lineEnd }, newText: `${eol}${indent}${entry},` }];
    if (lineEnd === last.end) return [{ span: { start: last.end, end: last.end }, newText: `,${eol}${indent}${entry}` }];
    // `a: 1 // note`: the comma goes after the value, the new property after the comment
    return [
      { span: { start: last.end, end: last.end }, newText: ',' },
      { span: { start: lineEnd, end: lineEnd }, newText: `${eol}${indent}${entry}` },
    ];
  }

  remove(prop: JsProp): TextEdit[] {
    if (this.broken) return [];
    const { sf, text } = this;
    const props = prop.owner.properties;
    const i = props.indexOf(prop.node);
    if (i < 0) return [];
    const el = prop.node;
    const start = startOf(el, sf);
    const comma = this.commaAfter(el);
    const after = comma !== undefined ? comma + 1 : el.end;
    const lineStart = this.lineStart(start);
    const restIsBlank = this.contentEnd(after) === this.lineContentEnd(after);
    const ownLine = /^[ \t]*$/.test(text.slice(lineStart, start)) && restIsBlank && this.line(start) !== this.line(startOf(prop.owner, sf));
    if (ownLine) {
      const edits: TextEdit[] = [{ span: { start: lineStart, end: this.lineEndWithTerminator(after) }, newText: '' }];
      if (i === props.length - 1 && i > 0 && comma === undefined && !props.hasTrailingComma) {
        const prevComma = this.commaAfter(props[i - 1]);
        if (prevComma !== undefined) edits.push({ span: { start: prevComma, end: prevComma + 1 }, newText: '' });
      }
      return edits;
    }
    if (props.length === 1) return [{ span: { start: startOf(prop.owner, sf) + 1, end: prop.owner.end - 1 }, newText: '' }];
    if (i < props.length - 1) return [{ span: { start, end: startOf(props[i + 1], sf) }, newText: '' }];
    return [{ span: { start: props[i - 1].end, end: after }, newText: '' }];
  }

  /**
   * One span that deletes a property and keeps the object valid: its whole line(s) when it
   * stands alone, else the property with its comma (or with the comma before it, when last).
   */
  deletionSpan(prop: JsProp): { start: number; end: number } {
    const { sf, text } = this;
    const el = prop.node;
    const start = startOf(el, sf);
    const comma = this.commaAfter(el);
    const after = comma !== undefined ? comma + 1 : el.end;
    const lineStart = this.lineStart(start);
    if (
      /^[ \t]*$/.test(text.slice(lineStart, start)) &&
      this.contentEnd(after) === this.lineContentEnd(after) &&
      this.line(start) !== this.line(startOf(prop.owner, sf))
    ) {
      return { start: lineStart, end: this.lineEndWithTerminator(after) };
    }
    if (comma !== undefined) {
      let end = after;
      while (text[end] === ' ' || text[end] === '\t') end++;
      return { start, end };
    }
    const props = prop.owner.properties;
    const i = props.indexOf(el);
    const prevComma = i > 0 ? this.commaAfter(props[i - 1]) : undefined;
    return prevComma !== undefined ? { start: prevComma, end: el.end } : { start, end: el.end };
  }

  /** Inserts an argument at `index` (0 or 1) of a call that has exactly `index` arguments. */
  addArgument(call: T.CallExpression | T.NewExpression, index: number, argText: string): TextEdit[] | undefined {
    const args = call.arguments;
    if (this.broken || !args || args.length !== index) return undefined;
    if (index === 0) return [{ span: { start: args.pos, end: args.end }, newText: argText }];
    return [{ span: { start: args[index - 1].end, end: args[index - 1].end }, newText: `, ${argText}` }];
  }

  /** Sets `path` (e.g. `retry.retries`) under an object value, creating the missing levels. */
  setPath(v: JsValue, path: string[], valueText: string): TextEdit[] | undefined {
    if (this.broken || v.t !== 'obj') return undefined;
    const p = getProp(v, path[0]);
    if (p) return path.length === 1 ? this.replaceValue(p, valueText) : this.setPath(p.value, path.slice(1), valueText);
    if (!v.literal) return undefined;
    return this.insert(v.literal, path[0], this.nest(path.slice(1), valueText));
  }

  // --- positions -------------------------------------------------------------

  private commaAfter(n: T.Node): number | undefined {
    let i = n.end;
    const t = this.text;
    while (i < t.length) {
      const c = t[i];
      if (c === ',') return i;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        i++;
        continue;
      }
      if (t.startsWith('//', i)) {
        while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
        continue;
      }
      if (t.startsWith('/*', i)) {
        const e = t.indexOf('*/', i + 2);
        i = e < 0 ? t.length : e + 2;
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  private line(pos: number): number {
    return this.sf.getLineAndCharacterOfPosition(pos).line;
  }

  private lineStart(pos: number): number {
    return this.sf.getPositionOfLineAndCharacter(this.line(pos), 0);
  }

  private indentAt(pos: number): string {
    const s = this.lineStart(pos);
    return /^[ \t]*/.exec(this.text.slice(s, pos))![0];
  }

  /** The end of the line's content after `pos`, past a trailing `//` comment. */
  private contentEnd(pos: number): number {
    const t = this.text;
    let i = pos;
    while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
    if (t.startsWith('//', i)) {
      while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
      return i;
    }
    if (i >= t.length || t[i] === '\n' || t[i] === '\r') return i;
    return pos;
  }

  private lineContentEnd(pos: number): number {
    const t = this.text;
    let i = pos;
    while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
    return i;
  }

  private lineEndWithTerminator(pos: number): number {
    let i = this.lineContentEnd(pos);
    const t = this.text;
    if (t[i] === '\r' && t[i + 1] === '\n') i += 2;
    else if (t[i] === '\n' || t[i] === '\r') i++;
    return i;
  }

  private indentUnit(): string {
    if (this.unit !== undefined) return this.unit;
    const m = /^([ \t]+)\S/m.exec(this.text);
    this.unit = m ? (m[1].startsWith('\t') ? '\t' : m[1].length >= 4 && m[1].length % 4 === 0 ? '    ' : '  ') : '  ';
    return this.unit;
  }
}

// --- block writers ----------------------------------------------------------

/** The leaf property at `path` under an object value. */
export function propAt(v: JsValue | undefined, path: string[]): JsProp | undefined {
  if (!v || v.t !== 'obj') return undefined;
  const p = getProp(v, path[0]);
  if (!p || path.length === 1) return p;
  return propAt(p.value, path.slice(1));
}

/** KafkaJS producer options (`idempotent`, `retry.retries`...), values as JS source text. */
export class KafkaJsBlockWriter implements BlockWriter {
  constructor(
    private readonly ed: TsEditor,
    private readonly site: JsProducerSite,
  ) {}

  edits(op: BlockOp): TextEdit[] | undefined {
    const path = op.key.split('.');
    const site = this.site;
    if (op.op === 'remove') {
      const p = propAt(site.config, path);
      return p ? this.ed.remove(p) : [];
    }
    if (site.api === 'nestjs') return site.nestOptions ? this.ed.setPath(site.nestOptions, ['producer', ...path], op.value) : undefined;
    if (site.config.t === 'lit' && site.config.v === undefined && !ts.isObjectLiteralExpression(site.node)) {
      return this.ed.addArgument(site.node, 0, this.ed.nest(path, op.value));
    }
    return this.ed.setPath(site.config, path, op.value);
  }

  describe(op: BlockOp): string {
    return op.op === 'set' ? `${op.key}: ${op.value}` : `remove ${op.key}`;
  }
}

/** librdkafka → KafkaJS option of confluent-kafka-javascript's `kafkaJS` block. */
export const RDK_TO_KJS: Record<string, string> = {
  'enable.idempotence': 'idempotent',
  'max.in.flight': 'maxInFlightRequests',
  'transactional.id': 'transactionalId',
  acks: 'acks',
  retries: 'retry.retries',
  'transaction.timeout.ms': 'transactionTimeout',
  'request.timeout.ms': 'timeout',
};

export interface RdkWriterTarget {
  mode: 'node-rdkafka' | 'ckjs-rdkafka' | 'ckjs-kafkajs';
  site: JsProducerSite;
  items: BlockItem[];
  /** The producer's `kafkaJS` block (ckjs-kafkajs). */
  kafkaJS?: JsValue;
  /** Keys confluent-kafka-javascript sets itself in KafkaJS mode: removing the user's value does not restore librdkafka's default. */
  injected: Set<string>;
}

/** librdkafka keys (canonical) with string values, written as JS: `true`, `-1`, `'fifo'`. */
export class RdkBlockWriter implements BlockWriter {
  constructor(
    private readonly ed: TsEditor,
    private readonly t: RdkWriterTarget,
  ) {}

  jsValue(key: string, value: string): string {
    if ((rdkProperty(key)?.type === 'bool' || RDK_BOOLEAN_KEYS.has(key)) && /^(true|false)$/i.test(value)) return value.toLowerCase();
    // acks is typed as a number in the TypeScript declarations of both bindings
    if (key === 'acks' && /^(all|-1)$/i.test(value)) return '-1';
    if (/^-?\d+$/.test(value)) return value;
    return this.ed.str(value);
  }

  edits(op: BlockOp): TextEdit[] | undefined {
    const { t, ed } = this;
    const mine = t.items.filter((i) => i.key === op.key);
    const propOf = (i: BlockItem) => jsMeta(i.entry)?.prop;
    if (op.op === 'remove') {
      if (t.injected.has(op.key)) return undefined;
      const seen = new Set<T.Node>();
      const edits: TextEdit[] = [];
      for (const i of mine) {
        const p = propOf(i);
        if (!p || seen.has(p.node)) continue;
        seen.add(p.node);
        edits.push(...ed.remove(p));
      }
      return edits;
    }
    const text = this.jsValue(op.key, op.value);
    const last = mine[mine.length - 1];
    const lp = last && propOf(last);
    if (lp) return ed.replaceValue(lp, text);
    const site = t.site;
    const call = ts.isObjectLiteralExpression(site.node) ? undefined : site.node;
    const inObject = (v: JsValue | undefined, path: string[], argIndex: number) => {
      if (v && v.t === 'obj') return ed.setPath(v, path, text);
      if (call && (!v || (v.t === 'lit' && v.v === undefined))) return ed.addArgument(call, argIndex, ed.nest(path, text));
      return undefined;
    };
    if (t.mode === 'ckjs-kafkajs') {
      const kjs = RDK_TO_KJS[op.key];
      if (kjs && t.kafkaJS?.t === 'obj') return ed.setPath(t.kafkaJS, kjs.split('.'), text);
      return inObject(site.config, [op.key], 0);
    }
    if (rdkProperty(op.key)?.scope === 'topic' || RDK_TOPIC_PROPERTIES.has(op.key)) {
      // node-rdkafka always replaces the default topic config with its second argument
      if (site.topicConfig || t.mode === 'node-rdkafka') return inObject(site.topicConfig, [op.key], 1);
    }
    return inObject(site.config, [op.key], 0);
  }

  describe(op: BlockOp): string {
    return op.op === 'set' ? `${this.ed.key(op.key)}: ${this.jsValue(op.key, op.value)}` : `remove ${op.key}`;
  }
}
