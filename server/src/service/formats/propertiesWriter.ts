/** Turns block operations into text edits in a `.properties` file, keeping the file's style. */
import { type BlockItem, type BlockOp, type BlockWriter, type ParsedDocument, propertiesMeta, type TextEdit } from '../types';
import { escapePropertiesKey, escapePropertiesValue, insertedPropertiesLine } from './properties';

export class PropertiesBlockWriter implements BlockWriter {
  /**
   * @param prefix written before a canonical key when a new line is added (e.g. `spring.kafka.producer.properties.`)
   * @param keyFor how a canonical key is spelt in this block when it has to be added
   */
  constructor(
    private readonly doc: ParsedDocument,
    private readonly items: BlockItem[],
    private readonly keyFor: (key: string) => string = (k) => k,
  ) {}

  edits(op: BlockOp): TextEdit[] | undefined {
    const mine = this.items.filter((i) => i.key === op.key);
    if (op.op === 'remove') {
      if (mine.length === 0) return [];
      return mine.map((i) => ({ span: i.entry.entrySpan, newText: '' }));
    }
    if (mine.length > 0) {
      // the last one wins in java.util.Properties; earlier duplicates are shadowed
      const last = mine[mine.length - 1].entry;
      // a key typed without separator and value (`acks`): add the separator, or the value joins the key
      const sep = propertiesMeta(last)?.separator;
      const needsSep = sep === '' && last.valueSpan.start === last.keySpan.end;
      return [{ span: last.valueSpan, newText: (needsSep ? this.separator() : '') + escapePropertiesValue(op.value) }];
    }
    return [this.insertLine(`${escapePropertiesKey(this.keyFor(op.key))}${this.separator()}${escapePropertiesValue(op.value)}`)];
  }

  describe(op: BlockOp): string {
    return op.op === 'set' ? `${this.keyFor(op.key)}=${op.value}` : `remove ${this.keyFor(op.key)}`;
  }

  private separator(): string {
    const first = propertiesMeta(this.items[0]?.entry);
    const sep = first?.separator;
    return sep && /^[ \t]*[=:][ \t]*$/.test(sep) ? sep : '=';
  }

  private insertLine(line: string): TextEdit {
    const { text, eol } = this.doc;
    const last = this.items[this.items.length - 1]?.entry;
    const indent = (propertiesMeta(this.items[0]?.entry)?.indent ?? '').replace(/[^ \t]/g, '');
    const at = last ? last.entrySpan.end : text.length;
    return { span: { start: at, end: at }, newText: insertedPropertiesLine(text, eol, at, `${indent}${line}`) };
  }
}
