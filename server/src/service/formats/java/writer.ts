/**
 * Fixes in Java source: a value is replaced in place, in the form the client takes for its key and in the
 * style the map already has (a constant stays where it is; `"1"` → `"all"`, `false` → `true`,
 * `Boolean.FALSE` → `Boolean.TRUE`); a missing key gets a statement of its own after the map's last `put`
 * (with that line's indentation, the same receiver and method, keys written as the map writes them —
 * `ProducerConfig.X`, a static import, or a string), or a pair inside `Map.of(…)` / `Map.ofEntries(…)` /
 * a Guava builder chain when that stays correct (Map.of takes 10 pairs, Guava's ImmutableMap.of 5 in every
 * version). A write in a branch, or a map the linter cannot follow, gets no edit.
 */
import type { BlockOp, BlockWriter, TextEdit } from '../../types';
import { K } from '../../clients/java/config';
import type { JavaWrite, KeyForms, MapState, MapView } from './reader';
import { producerConfigConstant } from './reader';

/** The ConfigDef type of the keys fixes write (others are written as strings). */
const KEY_TYPES: Record<string, 'STRING' | 'INT' | 'LONG' | 'BOOLEAN'> = {
  [K.acks]: 'STRING',
  [K.transactionalId]: 'STRING',
  [K.idempotence]: 'BOOLEAN',
  [K.retries]: 'INT',
  [K.inFlight]: 'INT',
  [K.deliveryTimeout]: 'INT',
  [K.requestTimeout]: 'INT',
  [K.transactionTimeout]: 'INT',
  [K.linger]: 'LONG',
};

export function javaString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 32 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export class JavaBlockWriter implements BlockWriter {
  constructor(
    private readonly text: string,
    private readonly eol: string,
    private readonly map: MapState,
    private readonly view: MapView,
    private readonly forms: KeyForms,
  ) {}

  edits(op: BlockOp): TextEdit[] | undefined {
    const mine = this.view.writes.filter((w) => w.key === op.key);
    if (op.op === 'remove') {
      const edits: TextEdit[] = [];
      for (const w of mine) {
        if (!w.removal || w.conditional) return undefined;
        edits.push({ span: w.removal, newText: '' });
      }
      // a key the linter cannot see may still be set
      if (this.view.maybe.has(op.key) || this.view.open) return undefined;
      return edits;
    }
    const slot = this.view.present.get(op.key);
    if (slot) {
      const w = slot.write;
      if (!w || w.conditional) return undefined;
      return [{ span: w.valueSpan, newText: this.valueText(op.key, op.value, w) }];
    }
    // a key that may be set elsewhere: a new line could be overridden or repeat it
    if (this.view.maybe.has(op.key)) return undefined;
    return this.insert(op.key, op.value);
  }

  describe(op: BlockOp): string {
    return op.op === 'set' ? `${op.key}=${op.value}` : `remove ${op.key}`;
  }

  /** Values of this map are written as Java objects (`true`, `5`), not strings: some known value is not a String. */
  private typed(): boolean {
    if (this.map.stringValues) return false;
    return this.view.writes.some((w) => w.form !== 'setProperty' && w.value !== undefined && w.value.type !== 'String');
  }

  /** The new value's text for `key`, keeping the form of the value it replaces (`w`) when there is one. */
  private valueText(key: string, value: string, w?: JavaWrite): string {
    const type = KEY_TYPES[key] ?? 'STRING';
    if (w?.form === 'setProperty') return javaString(value);
    const asObject = w ? w.value !== undefined && w.value.type !== 'String' : this.typed();
    if (type === 'STRING' || !asObject) return javaString(value);
    if (type === 'BOOLEAN') {
      if (w && /^(java\.lang\.)?Boolean\.(TRUE|FALSE)$/.test(w.valueText.replace(/\s+/g, '')))
        return `Boolean.${value === 'true' ? 'TRUE' : 'FALSE'}`;
      return value === 'true' || value === 'false' ? value : javaString(value);
    }
    // INT (and LONG: an Integer is taken too) as an int literal when it is one
    return /^-?\d+$/.test(value) && Math.abs(Number(value)) <= 2147483647 ? value : javaString(value);
  }

  /** The key's text in this map's style. */
  private keyText(key: string): string {
    const style = this.map.keyStyle;
    const constant = producerConfigConstant(key);
    const bareOk = constant !== undefined && (this.forms.bare === 'all' || this.forms.bare.includes(constant));
    if (style?.kind === 'bare' && bareOk) return constant;
    if ((style?.kind === 'bare' || style?.kind === 'qualified') && constant) {
      const q =
        style.kind === 'qualified' && /(^|\.)ProducerConfig$/.test(style.qualifier ?? '') ? style.qualifier : this.forms.producerConfig;
      if (q) return `${q}.${constant}`;
    }
    return javaString(key);
  }

  private insert(key: string, value: string): TextEdit[] | undefined {
    const at = this.map.insert;
    if (!at) return undefined;
    const k = this.keyText(key);
    const setProperty = at.kind === 'statement' && at.call.endsWith('setProperty');
    const v = setProperty ? javaString(value) : this.valueText(key, value);
    switch (at.kind) {
      case 'statement':
        return [{ span: { start: at.at, end: at.at }, newText: `${this.eol}${at.indent}${at.call}(${k}, ${v});` }];
      case 'of':
        if ((at.room ?? 0) < 1) return undefined;
        return [{ span: { start: at.at, end: at.at }, newText: `${at.nonEmpty ? ', ' : ''}${k}, ${v}` }];
      case 'ofEntries':
        return [{ span: { start: at.at, end: at.at }, newText: `${at.nonEmpty ? ', ' : ''}${at.call}(${k}, ${v})` }];
      case 'builder':
        return [{ span: { start: at.at, end: at.at }, newText: `${at.indent ? `${this.eol}${at.indent}` : ''}.put(${k}, ${v})` }];
    }
  }
}
