/**
 * The workspace fixtures (test/vscode/workspace/), one per format and dialect (properties for the
 * Java client and for librdkafka/kcat, YAML for Spring Boot, TypeScript for KafkaJS, Java source), and what the
 * extension must show for each at the default settings (kafka-clients `latest` = 4.x).
 *
 * Adding a format or dialect = add a file under
 * test/vscode/workspace/<dialect>/ and an entry here; fixtures.test.ts runs the same checks
 * (diagnostics, hover, preferred + alternative fix, disable comment, fix-all) for every entry.
 */
import * as vscode from 'vscode';

export interface ExpectedDiagnostic {
  code: string;
  severity: vscode.DiagnosticSeverity;
  /** 0-based line of the range's start. */
  line: number;
  /** The document text the range covers. */
  text: string;
  message: RegExp;
}

export interface FixtureCase {
  /** Path relative to the workspace folder. */
  file: string;
  languageId: string;
  /** Our diagnostics in document order. */
  diagnostics: ExpectedDiagnostic[];
  /** Hover on the first occurrence of `at` (at or after `line`); every pattern must match the hover text. */
  hover: { at: string; line?: number; expect: RegExp[] };
  /** Code actions on diagnostics[0]. */
  actions: {
    preferred: { title: string; /** the line the diagnostic was on reads this afterwards */ lineAfter: string };
    /** The titles of the non-preferred fixes in menu order (the first is the one applied), or null when the rule has none. */
    alternative: RegExp | RegExp[] | null;
  };
  /** Codes that remain after `source.fixAll.kafkaIdempotence` (findings without a preferred fix). */
  remainingAfterFixAll: string[];
}

const { Error: E, Warning: W } = vscode.DiagnosticSeverity;

export const FIXTURES: FixtureCase[] = [
  {
    file: 'java/producer.properties',
    languageId: 'properties',
    diagnostics: [
      {
        code: 'idempotence-implicit-downgrade',
        severity: W,
        line: 4,
        text: '1',
        message: /silently disables idempotence because acks=1 \(line 5\)/,
      },
      {
        code: 'idempotence-implicit-downgrade',
        severity: W,
        line: 5,
        text: '0',
        message: /silently disables idempotence because retries=0 \(line 6\)/,
      },
    ],
    hover: {
      at: 'acks',
      expect: [
        /`acks` — How many replicas/,
        /Idempotence in producer\.properties \(kafka-clients 4\.x \(latest\)\): silently disabled by retries=0 \(line 6\), acks=1 \(line 5\)\./,
      ],
    },
    actions: {
      preferred: { title: 'Set acks=all', lineAfter: 'acks=all' },
      alternative: /^Set enable\.idempotence=false/,
    },
    remainingAfterFixAll: [],
  },
  {
    file: 'java/transactional-producer.properties',
    languageId: 'properties',
    diagnostics: [
      {
        code: 'idempotence-acks-conflict',
        severity: E,
        line: 4,
        text: '1',
        message: /refuses to start the producer: "Must set acks to all in order to use the idempotent producer/,
      },
    ],
    hover: {
      at: 'enable.idempotence',
      expect: [
        /\*\*Idempotence in transactional-producer\.properties: the producer refuses to start/,
        /Judged for kafka-clients 4\.x/,
        /`acks=1` \(line 5\): the client refuses to start/,
        /How idempotence works/,
      ],
    },
    actions: {
      preferred: { title: 'Set acks=all', lineAfter: 'acks=all' },
      alternative: null, // idempotence is asked for explicitly (and transactional.id needs it): no honest alternative
    },
    remainingAfterFixAll: [],
  },
  {
    file: 'librdkafka/kcat-producer.properties',
    languageId: 'properties',
    diagnostics: [
      {
        code: 'rdk-acks-conflict',
        severity: E,
        line: 3,
        text: '1',
        message: /^librdkafka refuses to create the producer .*"`acks` must be set to `all` when `enable.idempotence` is true"/,
      },
    ],
    hover: {
      at: 'enable.idempotence',
      expect: [
        /default \*\*false\*\* in every librdkafka version/,
        /\*\*kcat-producer\.properties: librdkafka refuses this configuration; otherwise idempotence is on \(enable\.idempotence=true is set\)\.\*\*/,
        /`acks=1` \(line 4\): rd_kafka_new fails/,
      ],
    },
    actions: {
      preferred: { title: 'Set acks=all', lineAfter: 'acks=all' },
      alternative: /^Set enable\.idempotence=false \(keep acks=1; this producer is then not idempotent\)$/,
    },
    remainingAfterFixAll: [],
  },
  {
    // Spring Kafka puts enable.idempotence=true into the producer config when a transaction-id-prefix
    // is set, so acks: 1 is fatal (not a silent downgrade).
    file: 'spring/application.yml',
    languageId: 'yaml',
    diagnostics: [
      {
        code: 'idempotence-acks-conflict',
        severity: E,
        line: 7,
        text: '1',
        message:
          /^kafka-clients 4\.x \(latest\) refuses to start the producer: "Must set acks to all in order to use the idempotent producer\. .*\(Spring Kafka \(transaction-id-prefix\) sets enable\.idempotence explicitly, so the conflict is fatal/,
      },
    ],
    hover: {
      at: 'acks',
      line: 7,
      expect: [
        /`acks` — How many replicas/,
        /Idempotence in Spring Boot producer \(kafka-clients 4\.x \(latest\)\): the producer refuses to start; otherwise explicitly on \(enable\.idempotence=true is set explicitly by Spring Kafka \(transaction-id-prefix\)\)\./,
      ],
    },
    actions: {
      preferred: { title: 'Set acks=all', lineAfter: 'acks: all' },
      alternative: null, // the transaction-id-prefix needs idempotence: no honest alternative
    },
    remainingAfterFixAll: [],
  },
  {
    file: 'kafkajs/payments.ts',
    languageId: 'typescript',
    diagnostics: [
      {
        code: 'kafkajs-idempotent-acks',
        severity: E,
        line: 12,
        text: '1',
        message:
          /^KafkaJS rejects this send\(\): "Not requiring ack for all messages invalidates the idempotent producer's EoS guarantees" — the producer is idempotent \(idempotent: true, line 6\)/,
      },
    ],
    hover: {
      at: 'producer({',
      line: 4,
      expect: [
        /\*\*KafkaJS producer `producer`: idempotent\.\*\*/,
        /\| `retry\.retries` \| 9007199254740991 \| line 7 \|/,
        /`send\(\)` on line 11: acks 1 — rejected: "Not requiring ack for all messages/,
      ],
    },
    actions: {
      preferred: { title: 'Set acks: -1', lineAfter: 'acks: -1,' },
      alternative: [
        /^Remove acks \(KafkaJS defaults to -1\)$/,
        /^Set idempotent: false \(keep acks: 1; this producer is then not idempotent\)$/,
      ],
    },
    remainingAfterFixAll: [],
  },
  {
    // a Java source file: a Properties map handed to a KafkaProducer
    file: 'java-source/OrderProducer.java',
    languageId: 'java',
    diagnostics: [
      {
        code: 'idempotence-implicit-downgrade',
        severity: W,
        line: 11,
        text: '"1"',
        message: /silently disables idempotence because acks=1 \(line 12\)/,
      },
      {
        code: 'idempotence-implicit-downgrade',
        severity: W,
        line: 12,
        text: '0',
        message: /silently disables idempotence because retries=0 \(line 13\)/,
      },
    ],
    hover: {
      at: 'ACKS_CONFIG',
      expect: [
        /`acks` — How many replicas/,
        /Idempotence in create\(\) \(kafka-clients 4\.x \(latest\)\): silently disabled by retries=0 \(line 13\), acks=1 \(line 12\)\./,
      ],
    },
    actions: {
      preferred: { title: 'Set acks=all', lineAfter: 'props.put(ProducerConfig.ACKS_CONFIG, "all");' },
      alternative: /^Set enable\.idempotence=false/,
    },
    remainingAfterFixAll: [],
  },
  {
    // environment variables of a Compose service, read the way Spring Boot binds them
    file: 'compose/services.yaml',
    languageId: 'yaml',
    diagnostics: [
      {
        code: 'idempotence-implicit-downgrade',
        severity: W,
        line: 6,
        text: '"1"',
        message: /silently disables idempotence because acks=1 \(SPRING_KAFKA_PRODUCER_ACKS, line 7\)/,
      },
    ],
    hover: {
      at: 'SPRING_KAFKA_PRODUCER_ACKS',
      expect: [
        /`acks` — How many replicas/,
        /Idempotence in service 'orders' \(SPRING_KAFKA_\*\) \(kafka-clients 4\.x \(latest\)\): silently disabled by acks=1 \(SPRING_KAFKA_PRODUCER_ACKS, line 7\)\./,
      ],
    },
    actions: {
      preferred: { title: 'Set acks=all', lineAfter: 'SPRING_KAFKA_PRODUCER_ACKS: "all"' },
      alternative: /^Set enable\.idempotence=false/,
    },
    remainingAfterFixAll: [],
  },
];

/** Files that must get no diagnostic from us: not Kafka, or Kafka but not a producer. */
export const CLEAN: Array<{ file: string; languageId: string }> = [
  { file: 'plain/logging.properties', languageId: 'properties' },
  { file: 'java/consumer.properties', languageId: 'properties' },
  { file: 'spring/clean/application.yml', languageId: 'yaml' },
  // a producer whose enable.idempotence is a placeholder without a default: unknown, so nothing to report
  { file: 'spring/placeholder/application.yml', languageId: 'yaml' },
  { file: 'plain/retry.js', languageId: 'javascript' },
];
