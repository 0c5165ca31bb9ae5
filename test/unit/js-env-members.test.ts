/**
 * Values that reach KafkaJS, confluent-kafka-javascript and node-rdkafka through objects and the environment
 * (issue #13, class 10): members assigned to a `const` object after its declaration, and the value an
 * expression has when the environment variables it reads are not set — `?? v`, `|| v`, `=== 'true'`,
 * conditions, through parseInt/Number/String/Boolean — judged "unless X is set". A bare `process.env.X` (no
 * default in the code) stays unknown, and so does a member written any other way. The real KafkaJS agrees on
 * these forms too (kafkajs-differential.test.ts: `member`, `memberEnv`, `envParse`, `envCmp`).
 */
import { ruleTester } from '../support/ruleTester';

const KJS =
  "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\nconst producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n";
const ts = (body: string) => ({ fileName: 'publisher.ts', text: KJS + body });
const SEND = "export const send = () => producer.send({ topic: 't', messages: [], acks: config.acks });\n";

ruleTester('kafkajs-idempotent-acks', {
  valid: [
    {
      name: 'a bare process.env read: the application expects it set, so it is unknown',
      ...ts("export const send = () => producer.send({ topic: 't', messages: [], acks: Number(process.env.KAFKA_ACKS) });\n"),
    },
    {
      name: 'a default that is -1',
      ...ts(`const config = {} as { acks?: number };\nconfig.acks = parseInt(process.env.KAFKA_ACKS || '-1', 10);\n${SEND}`),
    },
    {
      name: 'a member written inside a block: not straight-line code, unknown',
      ...ts(`const config: Record<string, number> = {};\nif (process.env.FAST) { config.acks = 1; }\n${SEND}`),
    },
    {
      name: 'two different values for a member read later: unknown',
      ...ts(`const config: Record<string, number> = {};\nconfig.acks = 1;\nconfig.acks = -1;\n${SEND}`),
    },
    {
      name: 'a member written through a computed key: unknown',
      ...ts(`const config: Record<string, number> = {};\nconst k = process.argv[2];\nconfig[k] = 1;\n${SEND}`),
    },
    {
      name: "a member read before its assignment, in straight-line code: the literal's own value",
      ...ts(
        `const config = { acks: -1 };\nconst acks = config.acks;\nconfig.acks = 1;\nexport const send = () => producer.send({ topic: 't', messages: [], acks });\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "a member assigned after the declaration, from parseInt(process.env.X || '1', 10)",
      ...ts(`const config = {} as { acks?: number };\nconfig.acks = parseInt(process.env.KAFKA_ACKS || '1', 10);\n${SEND}`),
      findings: [
        {
          line: 6,
          text: 'config.acks',
          message:
            "KafkaJS rejects this send(): \"Not requiring ack for all messages invalidates the idempotent producer's EoS guarantees\" — the producer is idempotent (idempotent: true, line 3), and acks must be exactly the number -1, not 1 (unless KAFKA_ACKS is set: without it, `parseInt(process.env.KAFKA_ACKS || '1', 10)` is 1).",
          fixes: [
            {
              title: 'Set acks: -1',
              output:
                KJS +
                "const config = {} as { acks?: number };\nconfig.acks = parseInt(process.env.KAFKA_ACKS || '1', 10);\nexport const send = () => producer.send({ topic: 't', messages: [], acks: -1 });\n",
            },
            {
              title: /^Remove acks/,
              output:
                KJS +
                "const config = {} as { acks?: number };\nconfig.acks = parseInt(process.env.KAFKA_ACKS || '1', 10);\nexport const send = () => producer.send({ topic: 't', messages: [] });\n",
            },
            {
              title: /^Set idempotent: false/,
              output: (
                KJS +
                "const config = {} as { acks?: number };\nconfig.acks = parseInt(process.env.KAFKA_ACKS || '1', 10);\n" +
                SEND
              ).replace('idempotent: true', 'idempotent: false'),
            },
          ],
        },
      ],
    },
    {
      name: 'an object literal member: Number(process.env.X ?? 1)',
      ...ts(`const config = { acks: Number(process.env.KAFKA_ACKS ?? 1) };\n${SEND}`),
      findings: [
        {
          line: 5,
          includes: '(unless KAFKA_ACKS is set: without it, `Number(process.env.KAFKA_ACKS ?? 1)` is 1)',
          fixes: [
            {
              title: 'Set acks: -1',
              output: `${KJS}const config = { acks: Number(process.env.KAFKA_ACKS ?? 1) };\n${SEND.replace('acks: config.acks', 'acks: -1')}`,
            },
            {
              title: /^Remove acks/,
              output: `${KJS}const config = { acks: Number(process.env.KAFKA_ACKS ?? 1) };\n${SEND.replace(', acks: config.acks', '')}`,
            },
            {
              title: /^Set idempotent: false/,
              output: `${KJS}const config = { acks: Number(process.env.KAFKA_ACKS ?? 1) };\n${SEND}`.replace(
                'idempotent: true',
                'idempotent: false',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a condition on the variable: its unset branch',
      ...ts(
        "export const send = () => producer.send({ topic: 't', messages: [], acks: process.env.ACKS ? Number(process.env.ACKS) : 1 });\n",
      ),
      findings: [
        {
          line: 4,
          includes: '(unless ACKS is set: without it, `process.env.ACKS ? Number(process.env.ACKS) : 1` is 1)',
          fixes: [
            { title: 'Set acks: -1', output: `${KJS}export const send = () => producer.send({ topic: 't', messages: [], acks: -1 });\n` },
            { title: /^Remove acks/, output: `${KJS}export const send = () => producer.send({ topic: 't', messages: [] });\n` },
            {
              title: /^Set idempotent: false/,
              output:
                `${KJS}export const send = () => producer.send({ topic: 't', messages: [], acks: process.env.ACKS ? Number(process.env.ACKS) : 1 });\n`.replace(
                  'idempotent: true',
                  'idempotent: false',
                ),
            },
          ],
        },
      ],
    },
  ],
});

const KJS2 = "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\n";

ruleTester('kafkajs-idempotent-retries-zero', {
  valid: [
    {
      name: "=== 'true' is false when the variable is not set: not idempotent",
      fileName: 'p.ts',
      text: `${KJS2}const producer = kafka.producer({ idempotent: process.env.IDEMPOTENT === 'true', retry: { retries: 0 } });\n`,
    },
  ],
  invalid: [
    {
      name: "!== 'false' is true when the variable is not set, and the retries come from a member",
      fileName: 'p.ts',
      text: `${KJS2}const opts = {} as Record<string, number>;\nopts['retries'] = parseInt(process.env.RETRIES || '0', 10);\nconst producer = kafka.producer({ idempotent: process.env.IDEMPOTENT !== 'false', retry: { retries: opts.retries } });\n`,
      findings: [
        {
          line: 5,
          text: 'opts.retries',
          message:
            /^KafkaJS throws at kafka\.producer\(\): "Idempotent producer must allow retries to protect against transient errors" — the producer is idempotent and retry\.retries is 0 \(unless RETRIES is set: without it, `parseInt\(process\.env\.RETRIES \|\| '0', 10\)` is 0\)\.$/,
          fixes: [
            {
              title: 'Set retry.retries: Number.MAX_SAFE_INTEGER in kafka.producer()',
              output: `${KJS2}const opts = {} as Record<string, number>;\nopts['retries'] = parseInt(process.env.RETRIES || '0', 10);\nconst producer = kafka.producer({ idempotent: process.env.IDEMPOTENT !== 'false', retry: { retries: Number.MAX_SAFE_INTEGER } });\n`,
            },
            {
              title: /^Set idempotent: false/,
              output: `${KJS2}const opts = {} as Record<string, number>;\nopts['retries'] = parseInt(process.env.RETRIES || '0', 10);\nconst producer = kafka.producer({ idempotent: false, retry: { retries: opts.retries } });\n`,
            },
          ],
        },
      ],
    },
  ],
});

const NODE = "const Kafka = require('node-rdkafka');\n";

ruleTester('rdk-max-in-flight', {
  valid: [
    {
      name: 'a bare variable: unknown',
      fileName: 'p.js',
      text: `${NODE}const p = new Kafka.Producer({ 'enable.idempotence': true, 'max.in.flight': Number(process.env.IN_FLIGHT) });\n`,
    },
  ],
  invalid: [
    {
      name: 'node-rdkafka: a member assigned from the environment, read in the config',
      fileName: 'p.js',
      text: `${NODE}const cfg = {};\ncfg.inFlight = parseInt(process.env.IN_FLIGHT || '10', 10);\nconst p = new Kafka.Producer({ 'enable.idempotence': true, 'max.in.flight': cfg.inFlight });\n`,
      findings: [
        {
          line: 4,
          text: 'cfg.inFlight',
          includes: 'max.in.flight=10 (line 4, unless IN_FLIGHT is set) is set explicitly',
          fixes: [
            {
              title: 'Set max.in.flight=5',
              output: `${NODE}const cfg = {};\ncfg.inFlight = parseInt(process.env.IN_FLIGHT || '10', 10);\nconst p = new Kafka.Producer({ 'enable.idempotence': true, 'max.in.flight': 5 });\n`,
            },
            {
              title: /^Remove max.in.flight/,
              output: `${NODE}const cfg = {};\ncfg.inFlight = parseInt(process.env.IN_FLIGHT || '10', 10);\nconst p = new Kafka.Producer({ 'enable.idempotence': true });\n`,
            },
            {
              title: /^Set enable.idempotence=false/,
              output: `${NODE}const cfg = {};\ncfg.inFlight = parseInt(process.env.IN_FLIGHT || '10', 10);\nconst p = new Kafka.Producer({ 'enable.idempotence': false, 'max.in.flight': cfg.inFlight });\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('rdk-acks-conflict', {
  valid: [
    {
      name: "=== 'true' is false when the variable is not set: not idempotent",
      fileName: 'p.ts',
      text: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\nexport const producer = kafka.producer({ 'enable.idempotence': process.env.IDEMPOTENT === 'true', acks: 1 });\n",
    },
  ],
  invalid: [
    {
      name: "confluent-kafka-javascript: idempotence from !== 'false', acks from a fallback",
      fileName: 'p.ts',
      text: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\nexport const producer = kafka.producer({ 'enable.idempotence': process.env.IDEMPOTENT !== 'false', acks: process.env.ACKS ?? 1 });\n",
      findings: [
        {
          line: 3,
          includes: [
            'acks=1 (line 3, unless ACKS is set) is set explicitly and idempotence is on because enable.idempotence=true is set (unless IDEMPOTENT is set)',
          ],
          fixes: [
            {
              title: 'Set acks=all',
              output:
                "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\nexport const producer = kafka.producer({ 'enable.idempotence': process.env.IDEMPOTENT !== 'false', acks: -1 });\n",
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\nexport const producer = kafka.producer({ 'enable.idempotence': false, acks: process.env.ACKS ?? 1 });\n",
            },
          ],
        },
      ],
    },
  ],
});
