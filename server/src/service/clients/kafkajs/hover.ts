/**
 * Hovers on KafkaJS producers: on the call that creates one (`kafka.producer`, the NestJS `transport`),
 * the effective configuration after static resolution and where each value came from; on
 * `maxInFlightRequests`, why it does not conflict with idempotence.
 */
import type { ProducerBlock } from '../../types';
import { spanContains } from '../../text';
import { jsExtra, type JsBlockExtra } from '../../detect/javascript';
import { kafkaJsVerdict, KJS_DEFAULT_RETRIES, KJS_MSG, type KjsSetting } from './verdict';
import { envNames, showLit, startOf } from '../../formats/jsStatic';
import { MIN_ISR_NOTE, type ClientHover, type HoverResult } from '../client';

const KAFKAJS_MAX_IN_FLIGHT =
  'KafkaJS 2.0 and later send at most one produce request per broker at a time for an idempotent producer (a per-broker lock around each produce, with sequence numbers rolled back on failure), so `maxInFlightRequests` does not conflict with idempotence and KafkaJS does not check it. Before 2.0, concurrent sends of an idempotent producer could fail with an out-of-order sequence number whatever this value (tulios/kafkajs#598, fixed by #1050/#1172).';

const line = (x: JsBlockExtra, offset: number) => x.model.sf.getLineAndCharacterOfPosition(offset).line + 1;

function cell(s: KjsSetting, x: JsBlockExtra, fallback: string): [string, string] {
  if (s.state === 'absent') return ['—', fallback];
  if (s.state === 'unknown')
    return [
      'unknown',
      s.prop ? `line ${line(x, startOf(s.prop.node, x.model.sf))}, not statically known` : 'an expression this file does not settle',
    ];
  const where = `line ${line(x, startOf(s.prop.node, x.model.sf))}${s.from === 'client' ? ', `new Kafka({ retry })`' : ''}`;
  return [showLit(s.v), s.env ? `${where}, unless ${envNames(s.vars ?? [])} is set (the value of \`${s.env}\` without it)` : where];
}

function kafkaJsMarkdown(block: ProducerBlock, x: JsBlockExtra): string | undefined {
  const v = kafkaJsVerdict(block);
  if (!v) return undefined;
  const state = v.throwsAtProducer
    ? `\`${v.site.api === 'nestjs' ? 'the transport' : 'kafka.producer()'}\` throws "${KJS_MSG.retriesZero}"`
    : v.idempotentOn === true
      ? 'idempotent'
      : v.idempotentOn === false
        ? 'not idempotent'
        : 'idempotence not statically known';
  const rows: Array<[string, string, string]> = [];
  const [iv, io] = cell(v.idempotent, x, 'not set (default false)');
  rows.push(['idempotent', iv, io]);
  if (v.retries.state === 'absent')
    rows.push([
      'retry.retries',
      String(KJS_DEFAULT_RETRIES),
      "not set: the retrier's default (not the documented Number.MAX_SAFE_INTEGER)",
    ]);
  else rows.push(['retry.retries', ...cell(v.retries, x, '')]);
  rows.push(['maxInFlightRequests', ...cell(v.maxInFlight, x, 'not set (unlimited)')]);
  rows.push(['transactionalId', ...cell(v.transactionalId, x, 'not set')]);
  const out = [`**KafkaJS producer \`${block.name}\`: ${state}.**`, '', '| option | value | from |', '|---|---|---|'];
  for (const [k, val, from] of rows) out.push(`| \`${k}\` | ${val} | ${from} |`);
  if (v.sends.length > 0) {
    out.push('', 'Sends:');
    for (const s of v.sends) {
      const at = line(x, startOf(s.send.node, x.model.sf));
      const acks = s.acks.state === 'present' ? showLit(s.acks.v) : s.acks.state === 'absent' ? '-1 (default)' : 'unknown';
      const verdict = s.rejects === true ? ` — rejected: "${KJS_MSG.acks}"` : s.rejects === false ? '' : ' — not statically known';
      out.push(
        `- \`${s.send.method}()\` on line ${at}${s.send.inTransaction ? ' (in a transaction: idempotent)' : ''}: acks ${acks}${verdict}`,
      );
    }
  }
  if (v.misplaced.length > 0)
    out.push(
      '',
      `Ignored by KafkaJS: ${v.misplaced.map((m) => `\`${m.prop.key}\` in ${m.where === 'client' ? '`new Kafka()`' : m.where === 'send' ? '`send()`' : '`producer()`'}`).join(', ')}.`,
    );
  out.push('', KAFKAJS_MAX_IN_FLIGHT);
  if (v.idempotentOn === true) out.push('', MIN_ISR_NOTE);
  out.push('', `Recognised as ${block.evidence}.`);
  return out.join('\n');
}

function kafkaJsCallSiteHover(block: ProducerBlock, offset: number): HoverResult | undefined {
  const x = jsExtra(block);
  if (!x) return undefined;
  const onCall = spanContains(block.anchor, offset);
  const onMaxInFlight = block.items.find((i) => i.key === 'maxInFlightRequests' && spanContains(i.entry.keySpan, offset));
  if (onMaxInFlight) return { span: onMaxInFlight.entry.keySpan, markdown: `\`maxInFlightRequests\` — ${KAFKAJS_MAX_IN_FLIGHT}` };
  if (!onCall) return undefined;
  const markdown = kafkaJsMarkdown(block, x);
  return markdown ? { span: block.anchor, markdown } : undefined;
}

export const kafkaJsHover: ClientHover = {
  owns: (block) => block.client === 'kafkajs',
  atCallSite: kafkaJsCallSiteHover,
};
