/**
 * Differential test: the linter's librdkafka semantics against the REAL librdkafka
 * (Debian's librdkafka-dev, 2.0.2 on bookworm), through test/support/rdk/rdkcheck.c.
 *
 * 1. Seeded configurations (test/support/rdk/generate.ts) are written as librdkafka
 *    `.properties` files with the `# kafka-idempotence-client: librdkafka` marker and linted
 *    with the service's `lint()`. For each one:
 *      librdkafka refuses it  <=>  the linter reports at least one error-severity finding,
 *    and when it refuses, every message librdkafka produced (rd_kafka_conf_set failures,
 *    then the rd_kafka_new or rd_kafka_topic_new failure) appears verbatim in the message
 *    of an error finding. Normalisation (see oracle.ts): trailing newlines of librdkafka's
 *    range error are removed, and the reason of rd_kafka_topic_new is cut out of its log line.
 * 2. The verdict engine itself: its ordered messages (set failures in entry order, then the
 *    first cross-property failure in librdkafka's check order) equal librdkafka's, and it
 *    knows whether rd_kafka_new or only rd_kafka_topic_new fails.
 * 3. The same engine with a separate topic configuration installed as default_topic_conf
 *    (what node-rdkafka and confluent-kafka-javascript do with the second constructor
 *    argument), through blocks whose topic entries carry the RDK_TOPIC_CONF_META flag.
 * The agreement figure is printed; anything below 100% fails with a minimal disagreeing
 * configuration (entries removed one by one while the disagreement persists).
 *
 * Seed: RDK_SEED=<integer> overrides the default; it is printed either way.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { runRdkOracle, type RdkConfig, type RdkOutcome } from '../support/rdk/oracle';
import { generateRdkConfigs, prng } from '../support/rdk/generate';
import type { BlockItem, Entry, ProducerBlock } from '../../server/src/service';
import { load } from '../support';

const svc = load('service');
const props = load('service/formats/properties');

const SEED = process.env.RDK_SEED ? Number(process.env.RDK_SEED) >>> 0 : 0x72646b31; // "rdk1"
const COUNT = 3000;
const TOPIC_VARIANT_COUNT = 1000;

function toProperties(c: RdkConfig): string {
  const lines = ['# kafka-idempotence-client: librdkafka'];
  for (const [k, v] of c.global) lines.push(`${props.escapePropertiesKey(k)}=${props.escapePropertiesValue(v)}`);
  return lines.join('\n') + '\n';
}

interface Judgement {
  lintDisagreement?: string;
  engineDisagreement?: string;
}

function judge(c: RdkConfig, o: RdkOutcome): Judgement {
  const text = toProperties(c);
  const result = svc.lint({ fileName: 'kcat-producer.properties', text }, svc.DEFAULT_SETTINGS);
  const out: Judgement = {};
  if (result.failures.length > 0) return { lintDisagreement: `the linter failed: ${result.failures.join('; ')}` };
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (o.accepted && errors.length > 0) {
    out.lintDisagreement = `librdkafka accepts it, the linter reports ${errors.map((e) => `${e.ruleId}: ${e.message}`).join(' | ')}`;
  } else if (!o.accepted && errors.length === 0) {
    out.lintDisagreement = `librdkafka refuses it (${JSON.stringify(o.messages)}), the linter reports no error`;
  } else if (!o.accepted) {
    const missing = o.messages.filter((m) => !errors.some((e) => e.message.includes(m)));
    if (missing.length > 0) {
      out.lintDisagreement = `librdkafka's ${JSON.stringify(missing)} is in no error finding: ${errors.map((e) => `${e.ruleId}: ${e.message}`).join(' | ')}`;
    }
  }
  // the engine, exactly
  const block = result.blocks[0];
  if (!block || block.client !== 'librdkafka') {
    out.engineDisagreement = 'no librdkafka block was detected';
    return out;
  }
  const v = svc.librdkafkaVerdict(block);
  const mine = [...v.setErrors.map((e) => e.message), ...(v.conflicts.length ? [v.conflicts[0].message] : [])];
  if (JSON.stringify(mine) !== JSON.stringify(o.messages)) {
    out.engineDisagreement = `engine says ${JSON.stringify(mine)}, librdkafka says ${JSON.stringify(o.messages)}`;
  } else if (v.conflicts.length > 0 && (v.conflicts[0].stage === 'topic') !== (o.topicError !== undefined && o.newError === undefined)) {
    out.engineDisagreement = `engine puts "${v.conflicts[0].message}" at stage ${v.conflicts[0].stage}, librdkafka ${o.topicError ? 'at rd_kafka_topic_new' : 'at rd_kafka_new'}`;
  }
  return out;
}

/** Removes entries one at a time while `disagrees` holds. */
function minimise(c: RdkConfig, disagrees: (c: RdkConfig) => boolean): RdkConfig {
  let cur = c;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < cur.global.length + (cur.topic?.length ?? 0); i++) {
      const g = cur.global.length;
      const cand: RdkConfig = {
        ...cur,
        global: i < g ? cur.global.filter((_, j) => j !== i) : cur.global,
        topic: cur.topic && i >= g ? cur.topic.filter((_, j) => j !== i - g) : cur.topic,
      };
      if (disagrees(cand)) {
        cur = cand;
        changed = true;
        break;
      }
    }
  }
  return cur;
}

const pct = (a: number, n: number) => ((100 * a) / n).toFixed(2);

test(`librdkafka properties files: the linter agrees with the real librdkafka (${COUNT} seeded configs)`, () => {
  console.log(`librdkafka oracle seed: ${SEED} (RDK_SEED to override)`);
  const configs = generateRdkConfigs(COUNT, SEED);
  const { version, outcomes } = runRdkOracle(configs);
  const lintBad: number[] = [];
  const engineBad: number[] = [];
  const checks = new Map<string, number>();
  configs.forEach((c, i) => {
    const j = judge(c, outcomes[i]);
    if (j.lintDisagreement) lintBad.push(i);
    if (j.engineDisagreement) engineBad.push(i);
    const o = outcomes[i];
    const kind = o.accepted ? 'accepted' : (o.newError ?? o.topicError ?? o.setErrors[0].message).replace(/-?\d+(\.\d+)?(e\+\d+)?/g, 'N');
    checks.set(kind, (checks.get(kind) ?? 0) + 1);
  });
  const refused = outcomes.filter((o) => !o.accepted).length;
  console.log(
    `librdkafka ${version} oracle: lint() agrees on ${COUNT - lintBad.length}/${COUNT} configs (${pct(COUNT - lintBad.length, COUNT)}%), ` +
      `the verdict engine on ${COUNT - engineBad.length}/${COUNT} (${pct(COUNT - engineBad.length, COUNT)}%); ` +
      `${refused} refused, ${COUNT - refused} accepted, ${checks.size} distinct outcomes`,
  );
  for (const [k, n] of [...checks].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${k}`);
  assert.ok(
    outcomes.some((o) => o.topicError !== undefined && o.newError === undefined),
    'no generated config fails only in rd_kafka_topic_new',
  );
  assert.ok(COUNT - refused > COUNT / 5 && refused > COUNT / 5, 'the generator must give both accepted and refused configs');
  // the generator must reach every check of catalogue §2.4
  for (const m of Object.values(svc.RDK_MSG)) {
    assert.ok(
      [...checks.keys()].some((k) => k === m.replace(/-?\d+/g, 'N')),
      `no generated config hits "${m}"`,
    );
  }
  const report = (bad: number[], which: keyof Judgement) => {
    if (bad.length === 0) return;
    const first = configs[bad[0]];
    const small = minimise(first, (c) => judge(c, runRdkOracle([c]).outcomes[0])[which] !== undefined);
    const again = judge(small, runRdkOracle([small]).outcomes[0])[which];
    assert.fail(`${bad.length} of ${COUNT} configs disagree (${which}). Minimal case:\n${toProperties(small)}\n${again}`);
  };
  report(lintBad, 'lintDisagreement');
  report(engineBad, 'engineDisagreement');
});

const TOPIC_KEYS = ['acks', 'request.required.acks', 'message.timeout.ms', 'delivery.timeout.ms', 'queuing.strategy'];

function topicVariant(n: number, seed: number): RdkConfig[] {
  const rnd = prng(seed ^ 0x5a5a5a5a);
  return generateRdkConfigs(n, seed + 1).map((c) => {
    const global: Array<[string, string]> = [];
    const topic: Array<[string, string]> = [];
    for (const e of c.global) {
      if (TOPIC_KEYS.includes(e[0]) && rnd() < 0.6) topic.push(e);
      else if (e[0] === 'enable.idempotence' && rnd() < 0.05)
        topic.push(e); // a global key in the topic conf
      else global.push(e);
    }
    return { global, topic, topicAsDefault: true };
  });
}

function syntheticBlock(c: RdkConfig): Pick<ProducerBlock, 'items' | 'values'> {
  let off = 0;
  const mk = (k: string, v: string, topicConf: boolean): BlockItem => {
    const start = off;
    off += k.length + v.length + 2;
    const entry: Entry = {
      key: k,
      value: v,
      kind: 'string',
      keySpan: { start, end: start + k.length },
      valueSpan: { start: start + k.length + 1, end: off - 1 },
      entrySpan: { start, end: off },
      meta: topicConf ? { [svc.RDK_TOPIC_CONF_META]: true } : undefined,
    };
    return { key: svc.canonicalRdkKey(k), entry };
  };
  const items = [...c.global.map(([k, v]) => mk(k, v, false)), ...(c.topic ?? []).map(([k, v]) => mk(k, v, true))];
  return { items, values: new Map() };
}

test(`a separate topic configuration (node-rdkafka's second argument, default_topic_conf): the engine agrees with librdkafka (${TOPIC_VARIANT_COUNT} configs)`, () => {
  const configs = topicVariant(TOPIC_VARIANT_COUNT, SEED);
  const { version, outcomes } = runRdkOracle(configs);
  const disagrees = (c: RdkConfig, o: RdkOutcome): string | undefined => {
    const v = svc.evaluateLibrdkafka(syntheticBlock(c));
    const mine = [...v.setErrors.map((e) => e.message), ...(v.conflicts.length ? [v.conflicts[0].message] : [])];
    if (JSON.stringify(mine) !== JSON.stringify(o.messages))
      return `engine says ${JSON.stringify(mine)}, librdkafka says ${JSON.stringify(o.messages)}`;
    if (v.refusesToStart === o.accepted) return `engine refusesToStart=${v.refusesToStart}, librdkafka accepted=${o.accepted}`;
    return undefined;
  };
  const bad = configs.map((c, i) => (disagrees(c, outcomes[i]) ? i : -1)).filter((i) => i >= 0);
  const withTopic = configs.filter((c) => (c.topic?.length ?? 0) > 0).length;
  const discarded = configs.filter((c) => c.global.some(([k]) => TOPIC_KEYS.includes(k)) && (c.topic?.length ?? 0) > 0).length;
  console.log(
    `librdkafka ${version} oracle, separate topic conf: the engine agrees on ${TOPIC_VARIANT_COUNT - bad.length}/${TOPIC_VARIANT_COUNT} (${pct(TOPIC_VARIANT_COUNT - bad.length, TOPIC_VARIANT_COUNT)}%); ` +
      `${withTopic} with a topic conf, ${discarded} where it replaces topic keys of the global conf, ${outcomes.filter((o) => !o.accepted).length} refused`,
  );
  if (bad.length > 0) {
    const small = minimise(configs[bad[0]], (c) => disagrees(c, runRdkOracle([c]).outcomes[0]) !== undefined);
    assert.fail(
      `${bad.length} configs disagree. Minimal case: ${JSON.stringify(small)}\n${disagrees(small, runRdkOracle([small]).outcomes[0])}`,
    );
  }
  assert.ok(withTopic > TOPIC_VARIANT_COUNT / 4 && discarded > 0, 'the variant must exercise separate topic configurations');
});

test('fix-all on refused configs: after the preferred fixes, the real librdkafka accepts every one', () => {
  const configs = generateRdkConfigs(1500, SEED + 2);
  const { outcomes } = runRdkOracle(configs);
  const refused = configs.filter((_, i) => !outcomes[i].accepted).slice(0, 400);
  const fixed: RdkConfig[] = [];
  const texts: string[] = [];
  for (const c of refused) {
    const r = svc.fixAll({ fileName: 'kcat-producer.properties', text: toProperties(c) }, svc.DEFAULT_SETTINGS, { maxPasses: 6 });
    const parsed = props.parseProperties(r.text);
    texts.push(r.text);
    fixed.push({ global: parsed.entries.map((e) => [e.key, e.value ?? ''] as [string, string]) });
    assert.deepEqual(
      r.remaining.filter((f) => f.severity === 'error').map((f) => f.ruleId),
      [],
      `errors left after fix-all:\n${r.text}`,
    );
  }
  const after = runRdkOracle(fixed).outcomes;
  const still = after.map((o, i) => (o.accepted ? -1 : i)).filter((i) => i >= 0);
  console.log(`fix-all: librdkafka accepts ${refused.length - still.length}/${refused.length} refused configs after the preferred fixes`);
  assert.equal(still.length, 0, still.length ? `still refused: ${JSON.stringify(after[still[0]].messages)} for\n${texts[still[0]]}` : '');
});

/**
 * The same generated configs written as node-rdkafka code: `new Kafka.Producer({...}, {...})` in a TS
 * file, linted through lint() (the TS parser, the node-rdkafka detector and the librdkafka engine).
 * node-rdkafka stringifies each value and always installs its second argument (`{}` when omitted)
 * as the default topic configuration, so the oracle runs each config the same way.
 */
const NODE_RDKAFKA_COUNT = 2000;
/**
 * node-rdkafka's implicit `{}` second argument, for the oracle: a topic configuration holding one
 * property at its default value (compression.level=-1), so rdkcheck installs a default topic
 * configuration just as node-rdkafka does, without changing anything else.
 */
const IMPLICIT_TOPIC: Array<[string, string]> = [['compression.level', '-1']];
const isImplicit = (c: RdkConfig) => c.topic === IMPLICIT_TOPIC;
/** An empty topic object (`{}`) installs an empty default topic configuration, like the implicit one. */
const forOracle = (c: RdkConfig): RdkConfig =>
  c.topic && c.topic.length === 0 ? { global: c.global, topic: IMPLICIT_TOPIC, topicAsDefault: true } : c;

function toNodeRdkafka(c: RdkConfig): string {
  const obj = (entries: Array<[string, string]>) =>
    `{\n${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n')}\n}`;
  const second = c.topic ? `, ${obj(c.topic)}` : '';
  return `import Kafka from 'node-rdkafka';\n\nexport const producer = new Kafka.Producer(${obj(c.global)}${second});\n`;
}

test(`node-rdkafka object literals: lint() agrees with the real librdkafka (${NODE_RDKAFKA_COUNT} seeded configs, with and without a topic config)`, () => {
  const configs: RdkConfig[] = [
    ...generateRdkConfigs(NODE_RDKAFKA_COUNT / 2, SEED ^ 0x6e6f6465).map((c) => ({
      global: c.global,
      topic: IMPLICIT_TOPIC,
      topicAsDefault: true,
    })),
    ...topicVariant(NODE_RDKAFKA_COUNT / 2, SEED ^ 0x74706321),
  ];
  const { version, outcomes } = runRdkOracle(configs.map(forOracle));
  const disagrees = (c: RdkConfig, o: RdkOutcome): string | undefined => {
    const code = toNodeRdkafka(isImplicit(c) ? { global: c.global } : c);
    const result = svc.lint({ fileName: 'producer.ts', text: code }, svc.DEFAULT_SETTINGS);
    if (result.failures.length > 0) return `the linter failed: ${result.failures.join('; ')}`;
    if (!result.blocks.some((b) => b.client === 'librdkafka')) return 'no librdkafka block was detected';
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (o.accepted && errors.length > 0)
      return `librdkafka accepts it, the linter reports ${errors.map((e) => `${e.ruleId}: ${e.message}`).join(' | ')}`;
    if (!o.accepted && errors.length === 0) return `librdkafka refuses it (${JSON.stringify(o.messages)}), the linter reports no error`;
    const missing = o.messages.filter((m) => !errors.some((e) => e.message.includes(m)));
    if (!o.accepted && missing.length > 0)
      return `librdkafka's ${JSON.stringify(missing)} is in no error finding: ${errors.map((e) => e.message).join(' | ')}`;
    return undefined;
  };
  const bad = configs.map((c, i) => (disagrees(c, outcomes[i]) ? i : -1)).filter((i) => i >= 0);
  const refused = outcomes.filter((o) => !o.accepted).length;
  console.log(
    `librdkafka ${version} oracle, node-rdkafka object literals: lint() agrees on ${configs.length - bad.length}/${configs.length} ` +
      `(${pct(configs.length - bad.length, configs.length)}%); ${refused} refused`,
  );
  if (bad.length > 0) {
    const small = minimise(configs[bad[0]], (c) => disagrees(c, runRdkOracle([forOracle(c)]).outcomes[0]) !== undefined);
    const shown = toNodeRdkafka(isImplicit(small) ? { global: small.global } : small);
    assert.fail(
      `${bad.length} of ${configs.length} disagree. Minimal case:\n${shown}\n${disagrees(small, runRdkOracle([forOracle(small)]).outcomes[0])}`,
    );
  }
  assert.ok(refused > configs.length / 5 && configs.length - refused > configs.length / 5, 'both accepted and refused configs');
});
