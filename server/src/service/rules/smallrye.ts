/**
 * Rules about SmallRye Reactive Messaging Kafka (Quarkus): the producer settings its connector writes for an outgoing
 * channel (detect/smallrye.ts puts them into the block as injected values).
 */
import { defineRule, type Rule } from './rule';
import { K } from '../clients/java/config';
import { versionLabel } from '../version';
import { consequence, javaFacts, sentence } from './claims';
import { factsOf, type SmallRyeDottedKeyFact } from '../facts';
import { editsOverlap } from '../text';
import { foldInsertions } from '../formats/editor';
import { isYamlExtra } from '../formats/yaml';
import { yamlMeta, type FixSpec, type ParsedDocument, type TextEdit } from '../types';

export const smallryeAcksDefault = defineRule(
  {
    id: 'smallrye-acks-default-1',
    description:
      'A SmallRye / Quarkus Kafka outgoing channel without acks: the connector writes acks=1 into the producer config, so idempotence is silently off.',
    headline: 'SmallRye writes acks=1 when unset: idempotence silently off',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-F3',
  },
  (ctx) => {
    const block = ctx.block;
    if (block.dialect !== 'smallrye-kafka') return;
    const acks = block.values.get(K.acks);
    if (!acks?.injectedBy || acks.entry) return;
    const v = ctx.java();
    if (v.transactionFailure) return; // transactional-id-requires-idempotence says it
    const c = v.conflicts.find((x) => x.kind === 'acks' && x.consequence === 'silent-disable');
    if (!c) return;
    const x = block.extra;
    if (x?.kind !== 'smallrye') return; // every smallrye-kafka block carries its channel (detect/smallrye.ts)
    const ch = x.channel;
    const then = consequence(javaFacts(block, ctx.version, v), ['leader-only-ack', 'retry-duplicates']);
    ctx.report({
      span: block.anchor,
      message:
        `Channel '${ch}' sets no acks, so the SmallRye Kafka connector puts its default acks=1 into the producer config, and ${versionLabel(ctx.version)} ` +
        `silently disables idempotence: it only logs INFO "${c.clientMessage}".${then ? ` ${sentence(then)}.` : ''}`,
      fixes: [
        {
          title: `Set ${block.writer.describe({ op: 'set', key: K.acks, value: 'all' })}`,
          ops: [{ op: 'set', key: K.acks, value: 'all' }],
        },
        {
          title: 'Set enable.idempotence=false (accept acks=1; make the downgrade explicit)',
          ops: [{ op: 'set', key: K.idempotence, value: 'false' }],
        },
      ],
      consequence: 'silent-disable',
    });
  },
);

/** The keys whose loss changes how records are delivered: a warning; any other producer key: an info. */
const DELIVERY: ReadonlySet<string> = new Set(Object.values(K));

export const smallryeYamlDottedKey = defineRule(
  {
    id: 'smallrye-yaml-dotted-key',
    description:
      'A YAML key holding dots in a Quarkus / SmallRye Kafka configuration (enable.idempotence: true under a channel): SmallRye Config reads it as one quoted element, so the producer gets "enable.idempotence" and ignores it.',
    headline: 'SmallRye reads this dotted YAML key as one element: ignored',
    defaultSeverity: 'warning',
    fixable: true,
    clients: ['java'],
    catalogue: 'R-F3',
  },
  (ctx) => {
    for (const f of factsOf(ctx.block, 'smallrye-yaml-dotted-key')) {
      const { source, read, received, meant } = f;
      const then = received
        ? `the producer gets the key '${received}' (quotes included), which is not a producer config, and ignores it`
        : 'no channel, connector or Kafka configuration reads that name';
      ctx.report({
        span: source.entry.keySpan,
        message:
          `SmallRye Config's YAML source reads a key holding dots as one element: this line is ${read}, not ${source.name}, so ${then}. ` +
          `${meant} is not set here${f.alreadySet ? ' (its value comes from another line)' : ''}; write the key one element per level (nested) for SmallRye to read it.`,
        fixes: dottedKeyFixes(f, ctx.doc),
        consequence: 'ignored',
        ...(DELIVERY.has(meant) ? {} : { severity: 'info' as const }),
      });
    }
  },
);

/** The key written nested, one YAML key per element: moved into the maps the file has, else rewritten in place. */
function dottedKeyFixes(f: SmallRyeDottedKeyFact, doc: ParsedDocument): FixSpec[] {
  const { source, view, meant } = f;
  const entry = source.entry;
  const meta = yamlMeta(entry);
  if (entry.value === undefined || !meta || meta.flow || meta.viaAlias) return [];
  const title = `Write ${source.name} nested (one key per element)`;
  const rm = view.editor.removeEntry(entry);
  const add = view.editor.insert(
    { doc: source.doc, elements: source.elements, leafFrom: source.elements.length - 1, nested: true },
    entry.value.trim(),
  );
  // only when the key's own line goes (removing the last key of a map removes its parent's line too)
  if (rm && add && rm.length === 1 && rm[0].span.start === entry.entrySpan.start && !editsOverlap([...rm, ...add]))
    return [{ title, edits: foldInsertions([...rm, ...add]), keys: [meant] }];
  const inPlace = nestedInPlace(f, doc);
  return inPlace ? [{ title, edits: [inPlace], keys: [meant] }] : [];
}

/**
 * The dotted key (the entry's own, the last of its path) rewritten as nested keys where it stands, its value kept:
 * `enable.idempotence: true` → `enable:` / `  idempotence: true`. Not when a sibling has the first element's name
 * (a duplicate key) or the key is not a plain one-line block key.
 */
function nestedInPlace(f: SmallRyeDottedKeyFact, doc: ParsedDocument): TextEdit | undefined {
  const { source, view } = f;
  const meta = yamlMeta(source.entry)!;
  const key = meta.path[meta.path.length - 1];
  const raw = doc.text.slice(source.entry.keySpan.start, source.entry.keySpan.end);
  if (raw !== key || !key.includes('.') || !isYamlExtra(doc.extra) || meta.path.slice(0, -1).some((seg) => seg.includes('.')))
    return undefined;
  const parts = key.split('.');
  if (parts.some((p) => p === '')) return undefined;
  const parent = meta.path.slice(0, -1);
  const sibling = view.entries.some((s) => {
    const m = yamlMeta(s.entry);
    return (
      s !== source &&
      m?.doc === meta.doc &&
      m.path.length > parent.length &&
      parent.every((p, i) => m.path[i] === p) &&
      m.path[parent.length] === parts[0]
    );
  });
  if (sibling) return undefined;
  const unit = ' '.repeat(doc.extra.indentUnit);
  let text = parts[0];
  let indent = ' '.repeat(meta.indent);
  for (const p of parts.slice(1)) {
    indent += unit;
    text += `:${doc.eol}${indent}${p}`;
  }
  return { span: source.entry.keySpan, newText: text };
}

export const SMALLRYE_RULES: Rule[] = [smallryeAcksDefault, smallryeYamlDottedKey];
