/** Turns block operations into text edits in a `.properties` file, keeping the file's style. */
import type { BlockItem, BlockOp, BlockWriter, ParsedDocument, TextEdit } from '../types';
import { escapePropertiesKey, escapePropertiesValue, type PropertiesEntryMeta } from './properties';

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
      const sep = (last.meta as unknown as PropertiesEntryMeta | undefined)?.separator;
      const needsSep = sep === '' && last.valueSpan.start === last.keySpan.end;
      return [{ span: last.valueSpan, newText: (needsSep ? this.separator() : '') + escapePropertiesValue(op.value) }];
    }
    return [this.insertLine(`${escapePropertiesKey(this.keyFor(op.key))}${this.separator()}${escapePropertiesValue(op.value)}`)];
  }

  describe(op: BlockOp): string {
    return op.op === 'set' ? `${this.keyFor(op.key)}=${op.value}` : `remove ${this.keyFor(op.key)}`;
  }

  private separator(): string {
    const first = this.items[0]?.entry.meta as unknown as PropertiesEntryMeta | undefined;
    const sep = first?.separator;
    return sep && /^[ \t]*[=:][ \t]*$/.test(sep) ? sep : '=';
  }

  private insertLine(line: string): TextEdit {
    const { text, eol } = this.doc;
    const last = this.items[this.items.length - 1]?.entry;
    const indent = ((this.items[0]?.entry.meta as unknown as PropertiesEntryMeta | undefined)?.indent ?? '').replace(/[^ \t]/g, '');
    let at = last ? last.entrySpan.end : text.length;
    if (!last) at = text.length;
    // a file without a final line break keeps it that way
    const noFinalEol = at === text.length && text.length > 0 && !/[\r\n]$/.test(text);
    let before = noFinalEol ? eol : '';
    // A line before `at` that ends in an odd number of backslashes (an open continuation, as in
    // `acks=1\` at the end of the file) would continue into the new line: an empty line ends that
    // entry without changing it. After a lone `\r` that empty line must be `\r` too (`\r\n` would
    // be read as one terminator).
    if (/(^|[^\\])(\\\\)*\\(\r\n|\r|\n)?$/.test(text.slice(Math.max(0, at - 4096), at))) {
      before = before ? eol + eol : /\r$/.test(text.slice(0, at)) && eol === '\n' ? '\r' : eol;
    }
    return { span: { start: at, end: at }, newText: `${before}${indent}${line}${noFinalEol ? '' : eol}` };
  }
}
