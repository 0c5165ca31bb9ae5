/**
 * The language service's vocabulary. Everything here is plain data: offsets are
 * UTF-16 code-unit indices into the text that was linted (what JavaScript strings
 * index), never line/column pairs. Adapters (LSP, CLI) turn them into positions.
 */
// Type-only imports (erased at run time): each format and dialect owns its metadata type, this module names the unions.
import type { PropertiesEntryMeta } from './formats/properties';
import type { YamlEntryMeta, YamlExtra } from './formats/yaml';
import type { JsEntryMeta, JsModel } from './formats/typescript';
import type { JavaModel } from './formats/java/reader';
import type { StreamsExtra } from './detect/streams';
import type { SmallRyeExtra } from './detect/smallrye';
import type { JsBlockExtra } from './detect/javascript';
import type { BlockFact } from './facts';

/** A half-open span `[start, end)` of UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** A replacement of `span` by `newText`. An insertion has `start === end`. */
export interface TextEdit {
  span: Span;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off' | 'default';

/** What the real client does with a contradiction (catalogue vocabulary). */
export type Consequence =
  | 'throws' // the client refuses to start
  | 'silent-disable' // the client starts with idempotence quietly off
  | 'warns' // the client logs a warning and carries on
  | 'ignored' // the client ignores the setting
  | 'doc-only'; // nothing happens: throughput, durability or style

export type FormatId = 'properties' | 'yaml' | 'typescript' | 'javascript' | 'java';

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'placeholder' | 'unknown';

/**
 * One key/value pair as a parser saw it. `key` is the decoded key path joined
 * with '.', exactly as the framework would see it (escapes resolved).
 */
export interface Entry {
  key: string;
  /** Decoded value as the client receives it, or undefined when not statically known. */
  value: string | undefined;
  kind: ValueKind;
  /** Raw source span of the key. */
  keySpan: Span;
  /** Raw source span of the value (empty span right after the separator when the value is empty). */
  valueSpan: Span;
  /** The whole entry, from the start of its first line to the end of its line terminator (for deletion). */
  entrySpan: Span;
  /** For placeholders: the text of the placeholder, e.g. `${ACKS:all}`. */
  placeholder?: string;
  /** Format specific information a writer needs (indentation, quoting, ...), tagged with its format. */
  meta?: EntryMeta;
}

/** Annotations a dialect or an engine puts on an entry, whatever its format. */
export interface EntryFlags {
  /** Absolute span of a placeholder's default inside the value, when a fix can rewrite just it (detect/placeholder.ts). */
  placeholderDefault?: Span;
  /** librdkafka: the entry belongs to a separate topic configuration (`RDK_TOPIC_CONF_META`, clients/librdkafka/verdict.ts). */
  rdkTopicConf?: boolean;
}

/** Metadata of an entry no format parser made (the flags only). */
export interface FlagsOnlyMeta extends EntryFlags {
  format?: undefined;
}

/** An entry's metadata, discriminated by `format` (see docs/architecture.md, "Typed format metadata"). */
export type EntryMeta = PropertiesEntryMeta | YamlEntryMeta | JsEntryMeta | FlagsOnlyMeta;

/** The entry's YAML metadata, when a YAML parser made it. */
export function yamlMeta(entry: Entry | undefined): YamlEntryMeta | undefined {
  const m = entry?.meta;
  return m?.format === 'yaml' ? m : undefined;
}

/** The entry's YAML metadata, for code that only ever sees entries of a YAML document. */
export function yamlMetaOf(entry: Entry): YamlEntryMeta {
  const m = entry.meta;
  if (m?.format !== 'yaml') throw new Error(`not a YAML entry: ${entry.key}`);
  return m;
}

/** The entry's `.properties` metadata, when the `.properties` parser made it. */
export function propertiesMeta(entry: Entry | undefined): PropertiesEntryMeta | undefined {
  const m = entry?.meta;
  return m?.format === 'properties' ? m : undefined;
}

/** The entry's TS/JS metadata (the resolved property), when the TS/JS reader made it. */
export function jsMeta(entry: Entry | undefined): JsEntryMeta | undefined {
  const m = entry?.meta;
  return m?.format === 'js' ? m : undefined;
}

/** The TS/JS property an entry stands for, for code that only ever sees entries of a TS/JS block. */
export function jsPropOf(entry: Entry): JsEntryMeta['prop'] {
  const m = entry.meta;
  if (m?.format !== 'js') throw new Error(`not a TS/JS entry: ${entry.key}`);
  return m.prop;
}

/** A problem in the text itself (not a Kafka problem): reported by the `syntax` rules. */
export interface ParseProblem {
  code: string;
  message: string;
  span: Span;
  severity: Severity;
}

/** A comment, for suppression directives. `text` is the comment without its marker. */
export interface Comment {
  span: Span;
  /** Span of the text after the comment marker. */
  textSpan: Span;
  text: string;
  /** The marker used: '#', '!', '//' or '/*'. */
  marker: string;
}

export interface ParsedDocument {
  format: FormatId;
  text: string;
  entries: Entry[];
  comments: Comment[];
  problems: ParseProblem[];
  /** The line-comment marker used for new directive lines. */
  commentMarker: string;
  /** Line ending used by the file (for inserted lines). */
  eol: string;
  /** Per-format data kept for detectors and writers (YAML documents, TS AST...). */
  extra?: DocumentExtra;
  /**
   * No fix is offered for this text (findings are still reported, and suppression comments offered):
   * the TS/JS parser recovered from syntax errors, so what belongs to which object is its guess.
   */
  recovered?: boolean;
  /**
   * Editors and the format's parser break this text into different lines: a YAML text with a lone CR,
   * which editors show as a line break and the `yaml` package reads as part of a line. No edit is
   * offered at all — no fix, no suppression comment, no directive removal —, since none can be placed
   * on a line safely; findings are still reported.
   */
  lineBreaksDiffer?: boolean;
  /**
   * True when `offset` (a line start) lies inside a comment, a string or a template literal, where a
   * suppression comment line would not be read as a comment. Absent: never (every line start of a
   * .properties or YAML entry is outside such tokens).
   */
  insideToken?: (offset: number) => boolean;
}

/** Per-format data of a parsed document: YAML's documents and collections, the TS/JS model, the Java model. */
export type DocumentExtra = YamlExtra | JsModel | JavaModel;

/** Dialect data of a producer block, discriminated by `kind`. */
export type BlockExtra = StreamsExtra | SmallRyeExtra | JsBlockExtra;

/** Client families that have a verdict engine. */
export type ClientFamily = 'java' | 'librdkafka' | 'kafkajs' | 'ckjs' | 'platformatic';

/** A producer configuration value as the client will see it. */
export interface BlockValue {
  /** Canonical client key, e.g. `enable.idempotence`. */
  key: string;
  value: string | undefined;
  kind: ValueKind;
  /** The entry the user wrote, when there is one. */
  entry?: Entry;
  /** Set when a framework injects the value behind the user's back. */
  injectedBy?: string;
  /** Human readable origin, e.g. `line 4` or `Spring Kafka's transaction-id-prefix`. */
  origin?: string;
  /**
   * The class of the object the client receives, for values written in Java source (`java.lang.Integer` for
   * `props.put(ACKS_CONFIG, 1)`); absent: a `java.lang.String` (every text format). kafka-clients' ConfigDef
   * refuses a class its type does not take.
   */
  javaClass?: string;
}

/** A declarative edit on a producer block, turned into text edits by the block's writer. */
export type BlockOp = { op: 'set'; key: string; value: string } | { op: 'remove'; key: string };

export interface BlockWriter {
  /** Text edits that perform `op`, or undefined when this writer cannot express it. */
  edits(op: BlockOp): TextEdit[] | undefined;
  /** How `key=value` would be written, for fix titles (e.g. `spring.kafka.producer.acks=all`). */
  describe(op: BlockOp): string;
}

/** One producer configuration in a file, in canonical client keys. */
export interface ProducerBlock {
  /** Name shown in messages: `producer`, `channel 'orders'`, `profile 'prod'`... */
  name: string;
  /** Dialect id, e.g. `java`, `spring-boot`, `kafka-streams`. */
  dialect: string;
  client: ClientFamily;
  /** Values by canonical key (last one wins, as in the client). */
  values: Map<string, BlockValue>;
  /** Every entry of the block with its canonical key (including shadowed duplicates), in source order. */
  items: BlockItem[];
  /** Where block-level findings go when no key is involved. */
  anchor: Span;
  writer: BlockWriter;
  /** Why this block was recognised, for the hover. */
  evidence: string;
  /**
   * librdkafka: a default topic configuration is installed (node-rdkafka always, confluent-kafka-javascript
   * when a second argument is given). It replaces the topic-level keys of the global configuration even
   * when it is empty, after rd_kafka_conf_set() has checked their values.
   */
  topicConfInstalled?: boolean;
  /**
   * The client version this block runs with when the file itself says so (a Strimzi resource's
   * `spec.version`): it replaces the settings' version for this block's verdict, rules and hover.
   */
  clientVersion?: { version: string; source: string };
  /**
   * The framework profile(s) this block is judged for, when the file tells profiles apart (a Quarkus `%dev.`
   * prefix, a Spring profile document, an `application-<profile>` file; Quarkus' unprefixed keys when some
   * profile overrides them): findings always name such a block.
   */
  profile?: string;
  /**
   * What the dialect's detector learned that only its framework's rules judge (a Streams exactly-once setting it
   * ignores, a Connect override the policy refuses, a Spring key set at two levels, a YAML 1.1 boolean...), as typed
   * data (`facts.ts`); each rule builds its message, span and fixes from them. A fact's `refusal` is the
   * framework's own refusal, which the Java verdict lists before the client's.
   */
  facts?: BlockFact[];
  /**
   * The framework refuses to start before any producer is created (Spring Boot cannot bind a property, or
   * rejects one): the property it names and its message, exactly. The block's values are what the producer
   * would get once that is fixed; the verdict lists it first among the refusals, and a dialect rule reports
   * it from the block's facts (`spring-startup-failure`).
   */
  frameworkRefusal?: { key: string; message: string };
  /** Dialect data for that dialect's rules and hover (e.g. the TS/JS call site). */
  extra?: BlockExtra;
  /**
   * Keys the block may hold although `values` does not list them, because the configuration comes partly
   * from code the linter cannot follow (Java source: a map seeded from a parameter or
   * `buildProducerProperties()`, a `put` in a branch), each with the reason: `any` for every key not listed
   * (except the `absent` ones), `keys` for some. The Java verdict never rests a conclusion on the default of
   * such a key.
   */
  unknownKeys?: { any?: string; keys?: Record<string, string>; absent?: string[] };
}

export interface BlockItem {
  /** Canonical client key (dialect prefixes removed, aliases resolved). */
  key: string;
  entry: Entry;
  /**
   * Who reads the key before the client, when the client does not get it as written: the application's own
   * code (a map in an application's namespace, which it may read under its own names), or a framework that
   * copies only the keys the client knows (`by` names it). Absent: the map is handed to the client as is.
   */
  reader?: { kind: 'application' } | { kind: 'known-keys-only'; by: string };
}

export interface FixSpec {
  title: string;
  ops?: BlockOp[];
  edits?: TextEdit[];
  /** Canonical keys that the raw `edits` set or create (keys of `ops` are known already). */
  keys?: string[];
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred: boolean;
  /**
   * Canonical keys of the block that this fix sets, creates or removes. Fix-all applies at most
   * one fix per key and block in a pass: two fixes may not overlap in text and still contradict
   * (one renames `enable.idempotency` to `enable.idempotence`, another adds `enable.idempotence=true`).
   */
  keys?: string[];
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedInfo[];
  /** The first preferred fix comes first; alternatives follow. */
  fixes: Fix[];
  /** Name of the producer block, when the finding is about one. */
  block?: string;
  consequence?: Consequence;
  /** Edits that add a suppression directive for this finding (absent for unsuppressible findings). */
  suppress?: { line: Fix; file: Fix };
}

/** A settled client version, e.g. kafka-clients 3.9.0. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** As the user wrote it, or `latest`. */
  label: string;
  /** Where a detected version came from when a framework platform gave it (`Spring Boot 2.7.18 in pom.xml`), for messages. */
  from?: string;
}

export interface LintSettings {
  enable: boolean;
  /**
   * `auto` (detect from the build file, else the newest 4.x), `latest` (the newest 4.x) or a version
   * such as `3.9`, `3.0.0`. The adapters replace `auto` with the detected version; the service judges
   * an undetected `auto` as `latest`.
   */
  kafkaClientsVersion: string;
  /** Where the version came from, for the hover: a configuration file, a flag, `pom.xml:42 (org.apache.kafka:kafka-clients 3.9.0)`. */
  kafkaClientsVersionSource?: string;
  /** Why no version was detected although a build file declares kafka-clients (`pom.xml:12: … managed by …`), for the hover. */
  kafkaClientsVersionNote?: string;
  /**
   * Build files that could have declared the version but could not be read (`<path> (<why>)`): the
   * service reports them with the `build-file-unreadable` notice on files with a Java producer.
   */
  buildFilesUnread?: string[];
  /**
   * When a framework platform gave the version (not an explicit kafka-clients declaration): which,
   * in a few words for messages — `Spring Boot 2.7.18 in pom.xml` ("kafka-clients 3.1.2 (from
   * Spring Boot 2.7.18 in pom.xml) …").
   */
  kafkaClientsVersionVia?: string;
  /**
   * The Spring Cloud Stream Kafka binder version the build uses (its `required-acks` default is `1`
   * up to 5.0.1 and `all` from 5.0.2), detected like kafka-clients: an explicit
   * `spring-cloud-stream-binder-kafka` / `spring-cloud-starter-stream-kafka` version, a
   * `spring-cloud-stream-dependencies` BOM, or the Spring Cloud release train
   * (`spring-cloud-dependencies`) mapped through the table in build/platforms.ts. Undefined: not
   * detected (judge as the newest binder, and say so).
   */
  springCloudStreamBinderVersion?: string;
  /** Where the binder version came from, for messages and hovers: `Spring Cloud 2023.0.1 in /p/pom.xml:30 (BOM spring-cloud-dependencies)`. */
  springCloudStreamBinderVersionSource?: string;
  /** Why no binder version was detected although the build names a release train or the binder. */
  springCloudStreamBinderVersionNote?: string;
  /**
   * The Spring Boot release the build uses (`2.3.0`, from a `spring-boot-starter-parent` parent, a
   * `spring-boot-dependencies` BOM or the `org.springframework.boot` Gradle plugin), detected like kafka-clients.
   * Undefined: not detected (judge as the newest Boot, and say so). Read where Boot's own behaviour changed
   * between releases (the legacy `spring.profiles`: the profile syntax before 2.4, refused from 3.0).
   */
  springBootVersion?: string;
  /** Where the Boot release came from, for messages and hovers: `Spring Boot 2.3.0.RELEASE in /p/pom.xml:5 (parent spring-boot-starter-parent)`. */
  springBootVersionSource?: string;
  /** Why no Boot release was detected although the build names Spring Boot. */
  springBootVersionNote?: string;
  rules: Record<string, SeveritySetting>;
  /** Force the client family of a file (CLI `--client`, config file). */
  client?: 'java' | 'librdkafka';
  /** Files larger than this (in UTF-16 code units) are skipped with a notice. */
  maxFileSize: number;
}

/** The settings a block is judged with: its own client version (see `ProducerBlock.clientVersion`) when it has one. */
export function blockSettings(block: Pick<ProducerBlock, 'clientVersion'>, settings: LintSettings): LintSettings {
  if (!block.clientVersion) return settings;
  return {
    ...settings,
    kafkaClientsVersion: block.clientVersion.version,
    kafkaClientsVersionSource: block.clientVersion.source,
    kafkaClientsVersionNote: undefined,
    kafkaClientsVersionVia: undefined,
    buildFilesUnread: undefined,
  };
}

export const DEFAULT_SETTINGS: LintSettings = {
  enable: true,
  kafkaClientsVersion: 'auto',
  rules: {},
  maxFileSize: 5 * 1024 * 1024,
};

export interface LintInput {
  /** File name or URI; used for format and dialect detection (`producer.properties`, `application.yml`). */
  fileName: string;
  text: string;
  /** Language id when known (`properties`, `yaml`, `typescript`...). */
  languageId?: string;
}

export interface LintResult {
  findings: Finding[];
  blocks: ProducerBlock[];
  /** A message for the user when the file was not linted (too large, binary...). */
  notice?: string;
  /** Internal failures (a rule that threw), for the adapter's log. */
  failures: string[];
}
