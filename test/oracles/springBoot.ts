/**
 * Spring Boot + Spring Kafka: a generated application.yml / application.properties (profile documents, profile
 * files, active profiles) or a Compose service's SPRING_KAFKA_* environment → a Spring Boot application with
 * Boot's own Kafka auto-configuration (kil.oracle.SpringBootHandler) → the exact map its
 * DefaultKafkaProducerFactory creates a producer with → ProducerProbe; against the linter's verdict for the
 * same text (lint() → the block of the active profile → effectiveJavaConfig).
 */
import type { Mutation, Observation, Oracle, OracleCase } from './common';
import { effectiveObservation, findingsProblem, lintText, probeObservation, withoutOneLine } from './common';
import { parseAllDocuments } from 'yaml';
import { service } from '../support/service';
import type { LintSettings, ProducerBlock } from '../support/service';
import type { JsonObject } from './java';
import {
  acksValue,
  booleanValue,
  chance,
  inFlightValue,
  int,
  pick,
  retriesValue,
  timeoutValue,
  transactionalIdValue,
  type Rand,
} from './properties';
import { composeText, envName, propertiesText, springNoise, yamlText, type SpringDocument, type SpringEntry } from './springConfig';

const PRODUCER = ['spring', 'kafka', 'producer'];

export const SPRING_JVM_ARGS = ['-XX:TieredStopAtLevel=1'];

/** Where a Kafka producer key goes in Boot's properties: a map (producer's or the common one), or a dedicated property. */
function bootEntry(r: Rand, key: string, value: string): SpringEntry {
  const dedicated = key === 'acks' || key === 'retries';
  const x = r();
  if (dedicated && x < 0.4) return { path: [...PRODUCER, key], mapFrom: -1, value };
  if (x < 0.75) return { path: [...PRODUCER, 'properties', key], mapFrom: 4, value };
  return { path: ['spring', 'kafka', 'properties', key], mapFrom: 3, value };
}

/** Integers Boot binds into `spring.kafka.producer.retries` (an Integer), and some it cannot. */
function dedicatedRetries(r: Rand): string {
  return chance(r, 0.12) ? pick(r, ['abc', '2147483648', '1.5', '']) : pick(r, ['0', '1', '3', '10', '2147483647', '-1', ' 0', '00', '+3']);
}

/** The producer entries of one document. */
function producerEntries(r: Rand, richness: number): SpringEntry[] {
  const e: SpringEntry[] = [];
  if (chance(r, 0.5 * richness)) e.push(bootEntry(r, 'enable.idempotence', booleanValue(r)));
  if (chance(r, 0.6 * richness)) {
    const en = bootEntry(r, 'acks', acksValue(r));
    e.push(en);
  }
  if (chance(r, 0.35 * richness)) {
    const en = bootEntry(r, 'retries', '0');
    en.value = en.mapFrom < 0 ? dedicatedRetries(r) : retriesValue(r);
    e.push(en);
  }
  if (chance(r, 0.35 * richness)) e.push(bootEntry(r, 'max.in.flight.requests.per.connection', inFlightValue(r)));
  if (chance(r, 0.3 * richness))
    e.push({
      path: [...PRODUCER, 'transaction-id-prefix'],
      mapFrom: -1,
      value: pick(r, ['tx-', 'orders-tx-', 'tx', '', ' ', 'tx-${random.uuid}'.replace('${random.uuid}', 'a')]),
    });
  if (chance(r, 0.08 * richness)) e.push(bootEntry(r, 'transactional.id', transactionalIdValue(r).replace('${TX}', 'tx-x')));
  if (chance(r, 0.12 * richness)) e.push(bootEntry(r, 'delivery.timeout.ms', timeoutValue(r, 'delivery')));
  if (chance(r, 0.1 * richness)) e.push(bootEntry(r, 'linger.ms', timeoutValue(r, 'linger')));
  if (chance(r, 0.1 * richness)) e.push(bootEntry(r, 'request.timeout.ms', timeoutValue(r, 'request')));
  if (chance(r, 0.06 * richness))
    e.push({
      path: [...PRODUCER, pick(r, ['enable-idempotence', 'max-in-flight-requests-per-connection', 'idempotence'])],
      mapFrom: -1,
      value: pick(r, ['true', 'false', '10']),
    });
  if (chance(r, 0.05 * richness))
    e.push(bootEntry(r, pick(r, ['enable.idempotency', 'Acks', 'max.inflight.requests.per.connection']), pick(r, ['false', '0', '10'])));
  return e;
}

function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

const PROFILES = ['prod', 'dev', 'eu'];

export interface BootCase extends OracleCase {
  /** The active profile (undefined: none), which chooses the linter's block. */
  profile?: string;
}

/** One generated case: a config file (with profile documents or as a profile file), or a Compose file. */
export function generateBootCase(r: Rand): BootCase {
  const kind = r();
  if (kind < 0.15) {
    // Compose: the application's environment
    const entries = shuffle(r, [...producerEntries(r, 1.2), ...springNoise(r).filter((e) => e.path[1] === 'kafka')]);
    const vars: Array<[string, string]> = [];
    for (const e of entries) {
      const n = envName(r, e);
      if (n && !vars.some(([k]) => k === n)) vars.push([n, e.value]);
    }
    return composeCase(r, vars);
  }
  const yaml = chance(r, 0.6);
  const ext = yaml ? pick(r, ['yml', 'yaml']) : 'properties';
  const write = (docs: SpringDocument[]) => (yaml ? yamlText(r, docs) : propertiesText(r, docs));
  if (kind < 0.3) {
    // a profile file alone, its profile active
    const p = pick(r, PROFILES);
    const docs: SpringDocument[] = [{ entries: shuffle(r, [...producerEntries(r, 1.2), ...springNoise(r)]) }];
    const fileName = `application-${p}.${ext}`;
    const text = write(docs);
    return { fileName, text, profile: p, request: { profiles: [p] } };
  }
  // application.{yml,properties}: default documents, profile documents, maybe a profile file beside it
  const docs: SpringDocument[] = [{ entries: shuffle(r, [...producerEntries(r, 1), ...springNoise(r)]) }];
  const profiles = shuffle(r, [...PROFILES]).slice(0, int(r, 0, 2));
  for (const p of profiles) docs.push({ profile: p, entries: shuffle(r, producerEntries(r, 0.8)) });
  if (chance(r, 0.15)) docs.push({ entries: producerEntries(r, 0.5) }); // a second default document
  const fileName = `application.${ext}`;
  const text = write(docs);
  const files: Record<string, string> = {};
  const active = chance(r, 0.6) && profiles.length ? pick(r, profiles) : chance(r, 0.2) ? 'other' : undefined;
  if (!active && chance(r, 0.2)) {
    // a profile file that is not active must change nothing
    const p = pick(r, PROFILES);
    files[`application-${p}.${ext}`] = write([{ entries: producerEntries(r, 1.2) }]);
  }
  return { fileName, text, profile: active, request: { files, ...(active ? { profiles: [active] } : {}) } };
}

/** A Compose file and the environment it gives the application (the same variables, in order). */
export function composeCase(r: Rand, vars: Array<[string, string]>): BootCase {
  const list = chance(r, 0.4);
  return {
    fileName: 'docker-compose.yml',
    text: composeText(list, vars),
    request: { envOnly: true, env: Object.fromEntries(vars), vars, list },
  };
}

/** Shrinking a Compose case drops one variable (text and environment together); other cases drop a line. */
export function shrinkSpringCase(c: OracleCase): OracleCase[] {
  const req = c.request as { envOnly?: boolean; vars?: Array<[string, string]>; list?: boolean } | undefined;
  if (req?.envOnly && req.vars) {
    return req.vars.map((_, i) => {
      const vars = req.vars!.filter((_, j) => j !== i);
      return { ...c, text: composeText(req.list!, vars), request: { ...req, env: Object.fromEntries(vars), vars } };
    });
  }
  // (a YAML file the shrinking made invalid is no smaller case of the same problem)
  // (nor one where a map lost its last entry: Boot cannot bind the empty value to a map)
  return withoutOneLine(c).filter(
    (x) =>
      !/\.ya?ml$/.test(x.fileName) ||
      parseAllDocuments(x.text).every((d) => d.errors.length === 0 && !/:\s*(?:\n|$)(?![ \t]+\S|-)/.test(x.text)),
  );
}

/** The linter's block for the active profile: the profile's own block when it has one, else the default block. */
export function profileBlock(
  blocks: ProducerBlock[],
  profile: string | undefined,
  fileProfile: string | undefined,
): ProducerBlock | undefined {
  const java = blocks.filter((b) => b.client === 'java' && (b.dialect === 'spring-boot' || b.dialect === 'spring-cloud-stream'));
  const named = (b: ProducerBlock) => new RegExp(`profile '(?:[^']*, )?${profile}(?:, [^']*)?'`).test(b.name);
  if (profile && profile !== fileProfile) {
    const own = java.find(
      (b) =>
        named(b) &&
        b.name.includes(`profile '${profile}'`) &&
        (fileProfile === undefined || b.name.startsWith(`profile '${fileProfile}', `)),
    );
    if (own) return own;
  }
  // the default block: the one no activation names (a profile file's block is named after the file's profile)
  return java.find((b) => !/, profile '|^profile '/.test(b.name) || (fileProfile !== undefined && b.name === `profile '${fileProfile}'`));
}

/**
 * The linter's side. When it made no block (nothing the producer reads is set), its verdict is the producer
 * with nothing set: effectiveJavaConfig of an empty block.
 */
export function springLinterObservation(
  c: OracleCase,
  version: string,
  pickBlock: (blocks: ProducerBlock[]) => ProducerBlock | undefined,
  mutation?: Mutation,
  extra: Partial<LintSettings> = {},
): Observation {
  const result = lintText(c, version, extra);
  const block = pickBlock(result.blocks);
  const v = service.parseVersion(block?.clientVersion?.version ?? version)!;
  // no block: the producer with nothing set, unless the whole application does not start (legacy spring.profiles)
  const whole = result.blocks.find((b) => b.frameworkRefusal?.key === 'spring.profiles')?.frameworkRefusal;
  let e = service.effectiveJavaConfig(block ?? { values: new Map(), frameworkRefusal: whole }, v);
  if (mutation) e = mutation(e);
  const o = effectiveObservation(e);
  if (!block) o.note = `no block (blocks: ${result.blocks.map((b) => b.name).join(', ') || 'none'})`;
  const problem = findingsProblem(result, o);
  return problem ? { ...o, findingsProblem: problem } : o;
}

/**
 * The real side: the producer's observation; a Spring Kafka transaction prefix is compared as the
 * transactional.id the linter judges (the prefix: Spring appends a per-producer suffix, `0` for the first);
 * a startup failure of the application is a refusal naming the property Boot could not bind.
 */
export function springRealObservation(result: JsonObject): Observation {
  const fe = result.frameworkError as { class: string; message: string; property?: string; cause?: string } | undefined;
  if (fe) {
    // (the location of the harness's temporary file and the origin are left out: the linter names neither)
    const message = fe.message.replace(/ imported from location '[^']*'/, '').replace(/ \[origin: .*\]$/, '');
    return { outcome: 'refuses-to-start', refusal: { key: fe.property ?? '?', message }, logged: [], note: fe.cause ?? fe.class };
  }
  const o = probeObservation(result);
  const prefix = result.transactionIdPrefix as string | undefined;
  if (prefix !== undefined && o.config) {
    const id = o.config['transactional.id'];
    if (typeof id === 'string' && id.startsWith(prefix.trim())) o.config['transactional.id'] = `${prefix.trimStart()}<n>`;
  }
  return o;
}

/**
 * Spring Kafka makes a transactional.id a prefix: the producer's id is the prefix plus a per-producer suffix
 * (DefaultKafkaProducerFactory: a transaction-id-prefix, or a transactional.id with text in the map). The
 * linter judges the prefix as the block's transactional.id; both sides show it as `<prefix><n>` (trimmed at the
 * start, as the client trims the whole id).
 */
export function withTransactionSuffix(o: Observation, block: ProducerBlock | undefined, prefixKey: RegExp): Observation {
  const t = block?.values.get('transactional.id');
  const raw = t?.entry?.value;
  if (o.config && raw !== undefined && (prefixKey.test(t!.entry!.key) || raw.trim() !== ''))
    o.config['transactional.id'] = `${raw.trimStart()}<n>`;
  return o;
}

const BOOT_PREFIX_KEY = /transaction[-_]?id[-_]?prefix$/i;

/** `springKafka` is what the Boot BOM manages (checked by the harness's describe). */
function bootOracle(boot: string, kafkaClients: string, springKafka: string, seed: number): Oracle {
  void springKafka;
  const line = boot.split('.').slice(0, 2).join('.');
  return {
    name: `spring-boot ${boot}`,
    implementation: `org.springframework.boot:spring-boot:${boot}`,
    profile: `spring-boot-${line}`,
    sourceSets: ['common', 'producer', 'spring'],
    handler: 'kil.oracle.SpringBootHandler',
    // (C1 only: each case starts an application, which loads and runs much code once; 3× faster, same results)
    jvmArgs: SPRING_JVM_ARGS,
    fullCount: 2000,
    testCount: 250,
    seed,
    expectVersion: boot,
    generate: generateBootCase,
    shrink: shrinkSpringCase,
    real: (result) => springRealObservation(result),
    linter: (c: OracleCase, mutation?: Mutation) => {
      const bc = c as BootCase;
      const fileProfile = /^application-(.+)\.(?:properties|ya?ml)$/.exec(bc.fileName)?.[1];
      const pickBlock = (blocks: ProducerBlock[]) => profileBlock(blocks, bc.profile, fileProfile);
      // (the Boot release, as the build files would give it: the legacy spring.profiles depends on it)
      const settings = { springBootVersion: boot };
      const o = springLinterObservation(bc, kafkaClients, pickBlock, mutation, settings);
      return withTransactionSuffix(o, pickBlock(lintText(bc, kafkaClients, settings).blocks), BOOT_PREFIX_KEY);
    },
  };
}

export const SPRING_BOOT_ORACLES: Oracle[] = [
  bootOracle('4.0.7', '4.1.2', '4.0.6', 0x5b400007),
  bootOracle('3.5.7', '3.9.1', '3.3.10', 0x5b350007),
];
