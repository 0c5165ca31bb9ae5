/**
 * RuleTester tables of the JavaScript client rules: KafkaJS, confluent-kafka-javascript (its
 * KafkaJS-compatible API) and node-rdkafka. What each client does is checked against the real
 * KafkaJS in kafkajs-differential.test.ts and against librdkafka in rdkafka-topic-config.test.ts;
 * kafkajs-idempotent-acks and kafkajs-idempotent-retries-zero have their tables in js-env-members.test.ts.
 */
import { ruleTester } from '../support/ruleTester';
import { dedent } from '../support';

const KJS = "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\n";
const kafkajs = (code: string) => ({ fileName: 'producer.ts', text: KJS + code });
const CK =
  "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\n";
const ckjs = (code: string) => ({ fileName: 'producer.ts', text: CK + code });
const NODE = "const Kafka = require('node-rdkafka');\n";
const rdkafka = (code: string) => ({ fileName: 'producer.js', text: NODE + code });

ruleTester('kafkajs-idempotent-retries-limited', {
  valid: [
    kafkajs('const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n'),
    {
      name: "not idempotent: limiting retries is the application's choice",
      ...kafkajs('const producer = kafka.producer({ retry: { retries: 10 } });\n'),
    },
  ],
  invalid: [
    {
      ...kafkajs('const producer = kafka.producer({ idempotent: true, retry: { retries: 10 } });\n'),
      findings: [
        {
          severity: 'warning',
          consequence: 'warns',
          line: 3,
          column: 71,
          text: '10',
          message:
            'KafkaJS logs WARN "Limiting retries for the idempotent producer may invalidate EoS guarantees" when it creates this idempotent producer: with retry.retries 10 a send fails once the retries run out, and the application\'s own re-send is a new write that the broker does not de-duplicate.',
          fixes: [
            {
              title: 'Set retry.retries: Number.MAX_SAFE_INTEGER',
              output: `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n`,
            },
          ],
          suppress: {
            line: `${KJS}// kafka-idempotence-disable-next-line kafkajs-idempotent-retries-limited\nconst producer = kafka.producer({ idempotent: true, retry: { retries: 10 } });\n`,
          },
        },
      ],
    },
    {
      name: "the retry of new Kafka() is merged under the producer's: the fix sets this producer's own (the client's serves others too)",
      ...{
        fileName: 'producer.ts',
        text: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'], retry: { retries: 2 } });\nconst producer = kafka.producer({ idempotent: true });\n",
      },
      findings: [
        {
          line: 2,
          text: '2',
          includes: 'with retry.retries 2',
          output:
            "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'], retry: { retries: 2 } });\nconst producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n",
        },
      ],
    },
  ],
});

ruleTester('kafkajs-idempotent-default-retries-5', {
  valid: [
    kafkajs('const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n'),
    kafkajs('const producer = kafka.producer({ maxInFlightRequests: 1 });\n'),
  ],
  invalid: [
    {
      ...kafkajs('const producer = kafka.producer({ idempotent: true });\n'),
      findings: [
        {
          severity: 'info',
          consequence: 'doc-only',
          line: 3,
          column: 47,
          text: 'true',
          message:
            "KafkaJS retries a failed send of this idempotent producer only 5 times, without a warning: its docs say retries default to Number.MAX_SAFE_INTEGER for idempotent producers, but kafka.producer() always hands the producer a retry object, so the retrier's own default of 5 applies.",
          fixes: [
            {
              title: 'Add retry: { retries: Number.MAX_SAFE_INTEGER }',
              output: `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a multi-line object keeps its indentation and trailing comma',
      ...kafkajs(dedent`
        const producer = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
        });
      `),
      findings: [
        {
          line: 4,
          output:
            KJS +
            dedent`
              const producer = kafka.producer({
                idempotent: true,
                maxInFlightRequests: 1,
                retry: { retries: Number.MAX_SAFE_INTEGER },
              });
            `,
        },
      ],
    },
  ],
});

ruleTester('kafkajs-misplaced-option', {
  valid: [kafkajs("const producer = kafka.producer({ idempotent: true });\nproducer.send({ topic: 't', messages: [], acks: -1 });\n")],
  invalid: [
    {
      name: 'acks belongs to send(), idempotent to kafka.producer(): each moved to the call that reads it',
      ...kafkajs("const producer = kafka.producer({ acks: -1 });\nproducer.send({ topic: 't', messages: [], idempotent: true });\n"),
      findings: [
        {
          severity: 'warning',
          consequence: 'ignored',
          line: 3,
          column: 35,
          text: 'acks',
          message:
            'KafkaJS ignores acks in kafka.producer(): it is an option of send()/sendBatch(), so the sends use acks -1 (all replicas), whatever this says.',
          fixes: [
            {
              title: 'Move acks to send()',
              output: `${KJS}const producer = kafka.producer({});\nproducer.send({ topic: 't', messages: [], idempotent: true, acks: -1 });\n`,
            },
            {
              title: 'Remove acks from kafka.producer()',
              output: `${KJS}const producer = kafka.producer({});\nproducer.send({ topic: 't', messages: [], idempotent: true });\n`,
            },
          ],
        },
        {
          line: 4,
          column: 43,
          text: 'idempotent',
          message: 'KafkaJS ignores idempotent in send(): it is an option of kafka.producer(), so this producer is not idempotent.',
          fixes: [
            {
              title: 'Move idempotent to kafka.producer()',
              output: `${KJS}const producer = kafka.producer({ acks: -1, idempotent: true });\nproducer.send({ topic: 't', messages: [] });\n`,
            },
            {
              title: 'Remove idempotent from send()',
              output: `${KJS}const producer = kafka.producer({ acks: -1 });\nproducer.send({ topic: 't', messages: [] });\n`,
            },
          ],
          suppress: {
            line: `${KJS}const producer = kafka.producer({ acks: -1 });\n// kafka-idempotence-disable-next-line kafkajs-misplaced-option\nproducer.send({ topic: 't', messages: [], idempotent: true });\n`,
          },
        },
      ],
    },
    {
      name: "acks: 1 moved to an idempotent producer's sends would make them fail: the only fix removes it",
      ...kafkajs(
        "const producer = kafka.producer({ idempotent: true, acks: 1, retry: { retries: Number.MAX_SAFE_INTEGER } });\nproducer.send({ topic: 't', messages: [] });\n",
      ),
      findings: [
        {
          text: 'acks',
          fixes: [
            {
              title: 'Remove acks from kafka.producer() (sends keep -1, which an idempotent producer requires)',
              output: `${KJS}const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\nproducer.send({ topic: 't', messages: [] });\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('kafkajs-transaction-without-id', {
  valid: [
    kafkajs(
      "const producer = kafka.producer({ idempotent: true, transactionalId: 'tx', retry: { retries: Number.MAX_SAFE_INTEGER } });\nexport const t = () => producer.transaction();\n",
    ),
  ],
  invalid: [
    {
      ...kafkajs(
        'const producer = kafka.producer({ idempotent: true, retry: { retries: Number.MAX_SAFE_INTEGER } });\nexport const t = () => producer.transaction();\n',
      ),
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 4,
          column: 24,
          text: 'producer.transaction',
          message:
            'KafkaJS rejects producer.transaction(): "Must provide transactional id for transactional producer" — kafka.producer() on line 3 has no transactionalId. Give the producer a stable, unique transactionalId (and idempotent: true).',
          // which id is right is the application's to say: no fix
          output: null,
        },
      ],
    },
  ],
});

ruleTester('ckjs-kafkajs-key-outside-block', {
  valid: [ckjs("const producer = kafka.producer({ kafkaJS: { idempotent: true, retry: { retries: 2147483647 } }, 'linger.ms': 5 });\n")],
  invalid: [
    {
      ...ckjs("const producer = kafka.producer({ idempotent: true, 'linger.ms': 5 });\n"),
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 3,
          column: 35,
          text: 'idempotent',
          message:
            'confluent-kafka-javascript throws at kafka.producer(): "The \'idempotent\' property seems to be a KafkaJS property in the main config block. It must be moved to the kafkaJS block." — in its KafkaJS-compatible API, KafkaJS options go inside kafkaJS: {} and only librdkafka keys stay outside.',
          fixes: [
            {
              title: 'Move idempotent into kafkaJS: {}',
              output: `${CK}const producer = kafka.producer({ kafkaJS: { idempotent: true }, 'linger.ms': 5 });\n`,
            },
            {
              title: "Write it as the librdkafka key 'enable.idempotence'",
              output: `${CK}const producer = kafka.producer({ 'enable.idempotence': true, 'linger.ms': 5 });\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'new Kafka({ retry }) outside kafkaJS throws at new Kafka()',
      fileName: 'producer.ts',
      text: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b'] }, retry: { retries: 3 } });\nconst producer = kafka.producer();\n",
      findings: [
        {
          line: 2,
          text: 'retry',
          message: /throws at new Kafka\(\)/,
          output:
            "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b'], retry: { retries: 3 } } });\nconst producer = kafka.producer();\n",
        },
      ],
    },
  ],
});

ruleTester('ckjs-send-acks', {
  valid: [
    ckjs(
      "const producer = kafka.producer({ kafkaJS: { idempotent: true, acks: -1, retry: { retries: 2147483647 } } });\nproducer.send({ topic: 't', messages: [] });\n",
    ),
  ],
  invalid: [
    {
      ...ckjs("const producer = kafka.producer({ 'linger.ms': 5 });\nproducer.send({ topic: 't', messages: [], acks: -1 });\n"),
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 4,
          column: 43,
          text: 'acks',
          message:
            "confluent-kafka-javascript rejects this send(): \"'acks' is not supported as a property to 'send', but must be passed to the producer during creation.\" — set acks in kafka.producer({ kafkaJS: { acks: -1 } }) (typed as a number) or as the top-level librdkafka key.",
          fixes: [
            {
              title: 'Move acks: -1 to kafka.producer()',
              output: `${CK}const producer = kafka.producer({ 'linger.ms': 5, acks: -1 });\nproducer.send({ topic: 't', messages: [] });\n`,
            },
            {
              title: 'Remove acks from send()',
              output: `${CK}const producer = kafka.producer({ 'linger.ms': 5 });\nproducer.send({ topic: 't', messages: [] });\n`,
            },
          ],
        },
      ],
    },
    {
      name: "into an existing kafkaJS block, 'all' written as the number -1",
      ...ckjs(
        "const producer = kafka.producer({ kafkaJS: { idempotent: true, retry: { retries: 2147483647 } } });\nproducer.send({ topic: 't', messages: [], acks: 'all' });\n",
      ),
      findings: [
        {
          line: 4,
          fixes: [
            {
              output: `${CK}const producer = kafka.producer({ kafkaJS: { idempotent: true, retry: { retries: 2147483647 }, acks: -1 } });\nproducer.send({ topic: 't', messages: [] });\n`,
            },
            {
              output: `${CK}const producer = kafka.producer({ kafkaJS: { idempotent: true, retry: { retries: 2147483647 } } });\nproducer.send({ topic: 't', messages: [] });\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('ckjs-kafkajs-option-overridden', {
  valid: [
    ckjs(
      "const producer = kafka.producer({ kafkaJS: { idempotent: true, retry: { retries: 2147483647 } }, 'enable.idempotence': true });\n",
    ),
  ],
  invalid: [
    {
      ...ckjs("const producer = kafka.producer({ kafkaJS: { idempotent: true, maxInFlightRequests: 5 }, 'enable.idempotence': false });\n"),
      findings: [
        {
          severity: 'warning',
          consequence: 'ignored',
          line: 3,
          column: 46,
          text: 'idempotent',
          message:
            "confluent-kafka-javascript applies top-level librdkafka keys after the kafkaJS block: 'enable.idempotence': false (line 3) overrides kafkaJS.idempotent: true, so enable.idempotence=false.",
          fixes: [
            {
              title: 'Remove kafkaJS.idempotent (no change in behaviour)',
              output: `${CK}const producer = kafka.producer({ kafkaJS: { maxInFlightRequests: 5 }, 'enable.idempotence': false });\n`,
            },
            {
              title: "Remove 'enable.idempotence' (kafkaJS.idempotent: true applies)",
              output: `${CK}const producer = kafka.producer({ kafkaJS: { idempotent: true, maxInFlightRequests: 5 } });\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('ckjs-retries-default-5', {
  valid: [
    ckjs('const producer = kafka.producer({ kafkaJS: { idempotent: true, retry: { retries: 2147483647 } } });\n'),
    {
      name: 'no kafkaJS block in the client or the producer: no compatibility defaults',
      fileName: 'producer.ts',
      text: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ 'bootstrap.servers': 'b:9092' });\nconst producer = kafka.producer({ 'enable.idempotence': true });\n",
    },
  ],
  invalid: [
    {
      ...ckjs('const producer = kafka.producer({ kafkaJS: { idempotent: true } });\n'),
      findings: [
        {
          severity: 'info',
          consequence: 'doc-only',
          line: 3,
          column: 58,
          text: 'true',
          message:
            "confluent-kafka-javascript sets retries=5 for this idempotent producer (retry.retries defaults to 5 in its KafkaJS mode; librdkafka's own default is 2147483647): a send fails after 5 retries even while message.timeout.ms has not run out.",
          fixes: [
            {
              title: 'Set retry: { retries: 2147483647 } in kafkaJS',
              output: `${CK}const producer = kafka.producer({ kafkaJS: { idempotent: true, retry: { retries: 2147483647 } } });\n`,
            },
          ],
          suppress: {
            line: `${CK}// kafka-idempotence-disable-next-line ckjs-retries-default-5\nconst producer = kafka.producer({ kafkaJS: { idempotent: true } });\n`,
          },
        },
      ],
    },
  ],
});

ruleTester('node-rdkafka-topic-key-in-global-config', {
  valid: [
    rdkafka(
      "const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true }, { 'request.required.acks': -1 });\n",
    ),
    {
      name: "confluent-kafka-javascript's node-rdkafka-style API without a topic object keeps global topic keys",
      fileName: 'producer.js',
      text: "const Kafka = require('@confluentinc/kafka-javascript');\nconst producer = new Kafka.Producer({ 'enable.idempotence': true, acks: -1 });\n",
    },
  ],
  invalid: [
    {
      ...rdkafka(
        "const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true, 'request.required.acks': -1 });\n",
      ),
      findings: [
        {
          severity: 'warning',
          consequence: 'ignored',
          line: 2,
          column: 101,
          text: "'request.required.acks'",
          message:
            "'request.required.acks': -1 has no effect: it is a topic-level property, and node-rdkafka always installs its second constructor argument (the topic config, {} when omitted) as the default topic config, which replaces topic-level properties set in the global config (verified with librdkafka 2.0.2) — the topic config's acks applies. In TypeScript, acks is declared in the topic config type.",
          fixes: [
            {
              title: "Move 'request.required.acks' to the topic config (2nd argument)",
              output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true }, { 'request.required.acks': -1 });\n`,
            },
            {
              title: "Remove 'request.required.acks'",
              output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true });\n`,
            },
          ],
          suppress: {
            line: `${NODE}// kafka-idempotence-disable-next-line node-rdkafka-topic-key-in-global-config\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true, 'request.required.acks': -1 });\n`,
          },
        },
      ],
    },
    {
      name: 'an empty topic object replaces the global one just the same',
      ...rdkafka(
        "const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true, 'message.timeout.ms': 30000 }, {});\n",
      ),
      findings: [
        {
          text: "'message.timeout.ms'",
          fixes: [
            {
              output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true }, { 'message.timeout.ms': 30000 });\n`,
            },
            {
              output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true }, {});\n`,
            },
          ],
        },
      ],
    },
  ],
});
