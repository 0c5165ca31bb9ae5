/**
 * Java source files: generated Java programs that build a producer configuration in the shapes the linter
 * reads (Properties / HashMap with put, setProperty, putIfAbsent, remove, putAll; Map.of, Map.ofEntries,
 * Guava's ImmutableMap.of and builder, double-brace initialisers, copies, a configuration method; Spring
 * Kafka's DefaultKafkaProducerFactory with setTransactionIdPrefix or a transactional.id in its map; values as
 * String, Integer, Long, Short, Boolean objects, constants, locals, String.valueOf, arithmetic…) and hand it to
 * a producer. kil.oracle.JavaSourceHandler compiles each batch in process (javax.tools, one compilation for the
 * batch) against the real kafka-clients, Spring Kafka and Guava, runs every program and observes the producer
 * (ProducerProbe). The linter reads the same source text (lint() → the file's block → effectiveJavaConfig).
 *
 * A program whose outcome depends on what the linter cannot see (a `flag` parameter in a branch, a `base`
 * parameter map) runs once per possibility (flag false/true; base empty and a generated map): where the linter
 * says the outcome is unknown, every claim its findings make must hold in every run (an error finding's refusal:
 * the run refuses to start; a silent downgrade: the run, if it starts, is silently downgraded); where it states an
 * outcome, every run must have it (with keys it cannot see, which refusal the client meets first may differ). A
 * program without such parts must get an outcome.
 *
 * Every generated program must compile: a program javac refuses fails the run (a generator bug). What the
 * linter does with code javac refuses is a unit test's (test/unit/java-source.test.ts).
 */
import type { Observation, Oracle, OracleCase, Mutation } from './common';
import { compareObservations, linterObservation, probeObservation } from './common';
import type { JsonObject } from './java';
import { producerEntries } from './kafkaClients';
import { chance, int, pick, type Rand } from './properties';
import { service } from '../support/service';

/** ProducerConfig's constant for a key (a few keys: also CommonClientConfigs'). */
const CONSTANTS: Record<string, string> = {
  'bootstrap.servers': 'BOOTSTRAP_SERVERS_CONFIG',
  'enable.idempotence': 'ENABLE_IDEMPOTENCE_CONFIG',
  acks: 'ACKS_CONFIG',
  retries: 'RETRIES_CONFIG',
  'max.in.flight.requests.per.connection': 'MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION',
  'transactional.id': 'TRANSACTIONAL_ID_CONFIG',
  'delivery.timeout.ms': 'DELIVERY_TIMEOUT_MS_CONFIG',
  'linger.ms': 'LINGER_MS_CONFIG',
  'request.timeout.ms': 'REQUEST_TIMEOUT_MS_CONFIG',
  'transaction.timeout.ms': 'TRANSACTION_TIMEOUT_CONFIG',
  'compression.type': 'COMPRESSION_TYPE_CONFIG',
  'batch.size': 'BATCH_SIZE_CONFIG',
  'client.id': 'CLIENT_ID_CONFIG',
  'buffer.memory': 'BUFFER_MEMORY_CONFIG',
  'max.block.ms': 'MAX_BLOCK_MS_CONFIG',
};
const COMMON = new Set(['bootstrap.servers', 'retries', 'request.timeout.ms', 'client.id']);

/** The ConfigDef type of the keys whose values the generator may write as objects. */
const TYPES: Record<string, 'INT' | 'LONG' | 'BOOLEAN' | 'STRING'> = {
  'enable.idempotence': 'BOOLEAN',
  acks: 'STRING',
  retries: 'INT',
  'max.in.flight.requests.per.connection': 'INT',
  'transactional.id': 'STRING',
  'delivery.timeout.ms': 'INT',
  'linger.ms': 'LONG',
  'request.timeout.ms': 'INT',
  'transaction.timeout.ms': 'INT',
};

export function javaString(v: string): string {
  let out = '"';
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 32) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

interface Ctx {
  r: Rand;
  /** static final fields of the class. */
  fields: string[];
  /** Local declarations to put before the map is built. */
  locals: string[];
  staticImport: boolean;
  n: number;
  /** String values only (setProperty). */
  stringsOnly: boolean;
}

/** A key's Java text: a constant (qualified or statically imported) or a string literal. */
function keyText(x: Ctx, key: string): string {
  const c = CONSTANTS[key];
  if (!c || chance(x.r, 0.25)) return javaString(key);
  if (x.staticImport && chance(x.r, 0.6)) return c;
  if (COMMON.has(key) && chance(x.r, 0.2)) return `CommonClientConfigs.${c === 'MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION' ? c : c}`;
  return `ProducerConfig.${c}`;
}

const INT_RE = /^-?(0|[1-9]\d{0,9})$/;
const fitsInt = (v: string) => INT_RE.test(v) && Math.abs(Number(v)) <= 2147483647 && !(v.startsWith('-') && v === '-0');

/** A value's Java text (and, through the context, the fields and locals it needs). */
function valueText(x: Ctx, key: string, value: string): string {
  const r = x.r;
  const type = TYPES[key];
  const lit = javaString(value);
  // a constant or a local of the same value, now and then
  const named = (decl: string, javaType: string, init: string) => {
    const name = `${decl}${x.n++}`;
    if (chance(r, 0.5)) {
      x.fields.push(`    private static final ${javaType} ${name.toUpperCase()} = ${init};`);
      return name.toUpperCase();
    }
    x.locals.push(`        ${javaType} ${name} = ${init};`);
    return name;
  };
  if (x.stringsOnly) {
    if (fitsInt(value) && chance(r, 0.15)) return pick(r, [`String.valueOf(${value})`, `Integer.toString(${value})`, `"" + ${value}`]);
    if (chance(r, 0.15)) return named('s', 'String', lit);
    return lit;
  }
  const roll = r();
  if (type === 'BOOLEAN' && (value === 'true' || value === 'false')) {
    if (roll < 0.3) return value;
    if (roll < 0.45) return `Boolean.${value.toUpperCase()}`;
    if (roll < 0.55) return `Boolean.valueOf(${lit})`;
    if (roll < 0.62) return named('b', 'boolean', value);
    if (roll < 0.68) return value === 'true' ? '1' : '0'; // an Integer: the client refuses it
    return lit;
  }
  if ((type === 'INT' || type === 'LONG' || type === 'STRING') && fitsInt(value)) {
    if (roll < 0.3 && type !== 'STRING') return value;
    if (roll < 0.36) return `${value}L`; // a Long: INT refuses it, LONG takes it
    if (roll < 0.4) return `(short) ${value}`;
    if (roll < 0.46) return `String.valueOf(${value})`;
    if (roll < 0.5) return `Integer.valueOf(${value})`;
    if (roll < 0.55) return named('n', pick(r, ['int', 'Integer', 'long', 'Object']), value);
    if (roll < 0.6 && type === 'STRING') return value; // an Integer for a string setting
    if (roll < 0.63 && value === '2147483647') return 'Integer.MAX_VALUE';
    if (roll < 0.66) return `"" + ${value}`;
    return lit;
  }
  if (roll < 0.1) return named('s', 'String', lit);
  return lit;
}

export interface JavaSourceCase extends OracleCase {
  request: JsonObject & {
    className: string;
    kind: 'kafka-producer' | 'spring-factory';
    runs: Array<{ flag: boolean; base?: Record<string, string> }>;
  };
  /** The program has parts the linter cannot see (a branch on the flag, the base map). */
  uncertain: boolean;
}

type Shape =
  'props-put' | 'props-setProperty' | 'hashmap' | 'map-of' | 'of-entries' | 'immutable-of' | 'builder' | 'brace' | 'copy' | 'method';

let counter = 0;

export function generateJavaSourceCase(r: Rand): JavaSourceCase {
  const cls = `P${++counter}`;
  const spring = chance(r, 0.2);
  let shape: Shape = pick(r, [
    'props-put',
    'props-setProperty',
    'hashmap',
    'hashmap',
    'map-of',
    'of-entries',
    'immutable-of',
    'builder',
    'brace',
    'copy',
    'method',
  ] as Shape[]);
  // Spring's factory takes a Map<String, Object>, which a Properties is not
  if (spring && shape.startsWith('props')) shape = 'hashmap';
  const x: Ctx = { r, fields: [], locals: [], staticImport: chance(r, 0.4), n: 0, stringsOnly: shape === 'props-setProperty' };
  let entries = producerEntries(r);
  // Spring Kafka: the prefix from the map or from setTransactionIdPrefix
  const setter = spring && chance(r, 0.5);
  const immutable = shape === 'map-of' || shape === 'of-entries' || shape === 'immutable-of' || shape === 'builder';
  const limit = shape === 'map-of' ? 9 : shape === 'immutable-of' ? 4 : 40;
  if (immutable) {
    // immutable maps take each key once (Map.of throws on a repeated key; a test below keeps one in 20)
    const seen = new Set<string>();
    if (!chance(r, 0.05)) entries = entries.filter(([k]) => (seen.has(k) ? false : (seen.add(k), true)));
  }
  entries = entries.slice(0, limit);
  const uncertainBranch = !immutable && shape !== 'brace' && chance(r, 0.15);
  const uncertainBase = !immutable && shape !== 'brace' && chance(r, 0.12);
  const pairs = entries.map(([k, v]) => [keyText(x, k), valueText(x, k, v)] as const);
  const boot = [keyText(x, 'bootstrap.servers'), '"localhost:9092"'] as const;
  const body: string[] = [];
  let mapExpr = 'props';
  const declType = shape.startsWith('props') ? 'Properties' : 'Map<String, Object>';
  const newMap = shape.startsWith('props') ? 'new Properties()' : pick(r, ['new HashMap<>()', 'new LinkedHashMap<>()', 'new TreeMap<>()']);
  const put = shape === 'props-setProperty' ? 'setProperty' : 'put';
  const statements = (target: string, list: ReadonlyArray<readonly [string, string]>) => {
    const out: string[] = [];
    for (const [k, v] of list) {
      if (uncertainBranch && chance(r, 0.2)) out.push(`        if (flag) {`, `            ${target}.${put}(${k}, ${v});`, '        }');
      else if (!x.stringsOnly && chance(r, 0.05)) out.push(`        ${target}.putIfAbsent(${k}, ${v});`);
      else out.push(`        ${target}.${put}(${k}, ${v});`);
      if (chance(r, 0.03)) out.push(`        ${target}.remove(${k});`);
    }
    return out;
  };
  switch (shape) {
    case 'props-put':
    case 'props-setProperty':
    case 'hashmap':
    case 'copy': {
      const init =
        shape === 'copy'
          ? `new HashMap<>(Map.of(${boot.join(', ')}))`
          : uncertainBase && chance(r, 0.5)
            ? shape === 'hashmap'
              ? 'new HashMap<>(base)'
              : newMap
            : newMap;
      body.push(`        ${declType} props = ${init};`);
      if (shape !== 'copy') body.push(`        props.${put}(${boot.join(', ')});`);
      if (uncertainBase && !init.includes('base')) body.push('        props.putAll(base);');
      body.push(...statements('props', pairs));
      break;
    }
    case 'method':
      // a configuration method of the class (a @Bean's shape); the flag and the base reach it through fields
      body.push('        this.flag = flag;', '        this.base = base;');
      mapExpr = 'config()';
      break;
    case 'map-of':
      body.push(`        Map<String, Object> props = Map.of(${[boot, ...pairs].map(([k, v]) => `${k}, ${v}`).join(', ')});`);
      break;
    case 'of-entries': {
      const e = chance(r, 0.5) ? 'entry' : 'Map.entry';
      body.push(`        Map<String, Object> props = Map.ofEntries(${[boot, ...pairs].map(([k, v]) => `${e}(${k}, ${v})`).join(', ')});`);
      break;
    }
    case 'immutable-of':
      body.push(`        Map<String, Object> props = ImmutableMap.of(${[boot, ...pairs].map(([k, v]) => `${k}, ${v}`).join(', ')});`);
      break;
    case 'builder':
      body.push('        Map<String, Object> props = ImmutableMap.<String, Object>builder()');
      for (const [k, v] of [boot, ...pairs]) body.push(`            .put(${k}, ${v})`);
      body.push(`            .${chance(r, 0.2) ? 'buildKeepingLast' : 'build'}();`);
      break;
    case 'brace':
      body.push('        Map<String, Object> props = new HashMap<String, Object>() {{', `            put(${boot.join(', ')});`);
      for (const [k, v] of pairs) body.push(`            put(${k}, ${v});`);
      body.push('        }};');
      break;
  }
  // Spring's factory
  let members = '';
  if (shape === 'method') {
    const inner: string[] = [
      `        Map<String, Object> m = ${uncertainBase ? 'new HashMap<>(base)' : 'new HashMap<>()'};`,
      `        m.put(${boot.join(', ')});`,
    ];
    inner.push(...statements('m', pairs));
    members = ['    private Map<String, Object> config() {', ...x.locals, ...inner, '        return m;', '    }'].join('\n');
    x.fields.push('    private boolean flag;', '    private Map<String, Object> base;');
    x.locals.length = 0;
  }
  if (spring) {
    body.push(`        DefaultKafkaProducerFactory<String, String> pf = new DefaultKafkaProducerFactory<>(${mapExpr});`);
    if (setter) body.push(`        pf.setTransactionIdPrefix(${javaString(pick(r, ['tx-', 'orders-', '']))});`);
    body.push('        return pf;');
  } else {
    body.push(`        return new KafkaProducer<>(${mapExpr}, new StringSerializer(), new StringSerializer());`);
  }
  const imports = [
    'java.util.*',
    'org.apache.kafka.clients.CommonClientConfigs',
    'org.apache.kafka.clients.producer.KafkaProducer',
    'org.apache.kafka.clients.producer.ProducerConfig',
    'org.apache.kafka.common.serialization.StringSerializer',
    'com.google.common.collect.ImmutableMap',
    'org.springframework.kafka.core.DefaultKafkaProducerFactory',
    ...(x.staticImport ? ['static org.apache.kafka.clients.producer.ProducerConfig.*'] : []),
    'static java.util.Map.entry',
  ];
  const text = [
    'package gen;',
    '',
    ...imports.map((i) => `import ${i};`),
    '',
    `public class ${cls} {`,
    ...x.fields,
    ...(x.fields.length ? [''] : []),
    '    public Object make(boolean flag, Map<String, Object> base) {',
    ...x.locals,
    ...body,
    '    }',
    ...(members ? ['', members] : []),
    '}',
    '',
  ].join('\n');
  const runs: JavaSourceCase['request']['runs'] = [{ flag: false }];
  if (uncertainBranch) runs.push({ flag: true });
  if (uncertainBase) runs.push({ flag: false, base: Object.fromEntries(producerEntries(r).slice(0, int(r, 1, 4))) });
  return {
    fileName: `${cls}.java`,
    text,
    request: { className: `gen.${cls}`, kind: spring ? 'spring-factory' : 'kafka-producer', runs },
    uncertain: uncertainBranch || uncertainBase,
  };
}

/** One run's observation: the producer's, or the program's own exception (no producer: no block). */
function runObservation(result: JsonObject): Observation {
  if (result.programError) {
    const e = result.programError as { class: string; message: string };
    return { outcome: 'no-block', logged: [], note: `the program throws ${e.class}: ${e.message}` };
  }
  return probeObservation(result);
}

function real(result: JsonObject, c: OracleCase): Observation {
  if (result.harnessError) throw new Error(`harness error: ${result.harnessError}`);
  if (result.compileError)
    throw new Error(`a generated program does not compile (a generator bug): ${(result.compileError as string[]).join('; ')}\n${c.text}`);
  const runs = (result.results as JsonObject[]).map(runObservation);
  if (runs.length === 1) return runs[0];
  const same = runs.every((o) => compareObservations(runs[0], o).length === 0);
  return same
    ? { ...runs[0], runs }
    : { outcome: 'unknown', logged: [], runs, note: `the runs differ: ${runs.map((o) => o.outcome).join(' / ')}` };
}

/**
 * The comparison: a stated outcome must be every run's; an unknown one (only where the program has parts the
 * linter cannot see) must not be contradicted by any of its findings in any run.
 */
function compare(realObs: Observation, lint: Observation, c: OracleCase): string[] {
  const jc = c as JavaSourceCase;
  const runs = realObs.runs ?? [realObs];
  if (lint.outcome !== 'unknown') {
    const diffs: string[] = [];
    runs.forEach((run, i) => {
      for (const d of compareObservations(run, lint)) {
        // a refusal is certain, but with keys the linter cannot see, which failure the client meets first is not
        if (jc.uncertain && run.outcome === 'refuses-to-start' && /^refusal (key|message)/.test(d)) continue;
        diffs.push(runs.length > 1 ? `run ${i + 1}: ${d}` : d);
      }
    });
    return diffs;
  }
  if (!jc.uncertain) return [`outcome: ${realObs.outcome} ≠ unknown (the program has no part the linter cannot see)`];
  const diffs: string[] = [];
  for (const f of lint.claims ?? []) {
    runs.forEach((run, i) => {
      if (f.consequence === 'throws' && f.severity === 'error' && run.outcome !== 'refuses-to-start')
        diffs.push(`run ${i + 1}: a finding says the producer refuses to start, it ${run.outcome}: ${f.message}`);
      // (a silent downgrade is the producer's state once it starts: a run that refuses to start for another reason does not contradict it)
      if (f.consequence === 'silent-disable' && run.outcome !== 'silently-disabled' && run.outcome !== 'refuses-to-start')
        diffs.push(`run ${i + 1}: a finding says idempotence is silently disabled, the run is ${run.outcome}: ${f.message}`);
    });
  }
  if (lint.findingsProblem) diffs.push(`findings: ${lint.findingsProblem}`);
  return diffs;
}

function oracle(version: string, profile: string, seed: number, fullCount: number, testCount: number): Oracle {
  return {
    name: `java source ${version}`,
    implementation: `org.apache.kafka:kafka-clients:${version} (+spring-kafka 4.0.1, guava 33.4.8)`,
    profile,
    sourceSets: ['common', 'producer', 'javasource'],
    handler: 'kil.oracle.JavaSourceHandler',
    fullCount,
    testCount,
    seed,
    expectVersion: version,
    generate: generateJavaSourceCase,
    prepare: (cases) => ({ compile: cases.map((c) => ({ className: (c as JavaSourceCase).request.className, text: c.text })) }),
    real,
    linter: (c: OracleCase, mutation?: Mutation) => {
      const o = linterObservation(c, version, (blocks) => blocks.find((b) => b.client === 'java'), mutation);
      const result = service.lint({ fileName: c.fileName, text: c.text }, { ...service.DEFAULT_SETTINGS, kafkaClientsVersion: version });
      return { ...o, claims: result.findings.map((f) => ({ severity: f.severity, consequence: f.consequence, message: f.message })) };
    },
    compare,
    // a program is shrunk by dropping one of its map's lines (a put, a builder's .put, a brace put); each candidate is a class of its own
    shrink: (c) => {
      const jc = c as JavaSourceCase;
      const lines = c.text.split('\n');
      const cls = jc.request.className.slice(4);
      const out: JavaSourceCase[] = [];
      lines.forEach((l, i) => {
        if (!/^\s+(props|m)\.(put|setProperty|putIfAbsent|remove)\(|^\s+put\(|^\s+\.put\(/.test(l)) return;
        const name = `${cls}s${++counter}`;
        const text = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n').replace(`public class ${cls} {`, `public class ${name} {`);
        out.push({ ...jc, fileName: `${name}.java`, text, request: { ...jc.request, className: `gen.${name}` } });
      });
      return out;
    },
  };
}

export const JAVA_SOURCE_ORACLES: Oracle[] = [
  oracle('4.4.0', 'java-source-4.4', 0x6a733434, 1500, 150),
  oracle('4.0.2', 'java-source-4.0', 0x6a733430, 1000, 100),
];
