/**
 * RuleTester tables of the librdkafka rules (kcat `-F` files and node-rdkafka / confluent-kafka-javascript
 * objects): librdkafka's own message, the span, and the exact output of every fix (each applied and
 * re-linted by the tester). The messages are librdkafka's (rdkafka.c, rdkafka_conf.c; checked against the
 * real library in librdkafka-oracle.test.ts); rdk-acks-conflict, rdk-max-in-flight and
 * rdk-idempotence-default-off have their tables in js-env-members.test.ts, advice.test.ts and claims.test.ts.
 */
import { ruleTester } from '../support/ruleTester';

const MARK = '# kafka-idempotence-client: librdkafka\n';
const kcat = (text: string) => ({ fileName: 'kcat.properties', text: MARK + text });
const NODE = "const Kafka = require('node-rdkafka');\n";
const rdkafkaJs = (config: string) => ({ fileName: 'producer.js', text: `${NODE}const producer = new Kafka.Producer({ ${config} });\n` });
const REFUSES =
  'librdkafka refuses to create the producer (rd_kafka_new fails; node-rdkafka and confluent-kafka-javascript report it from connect()): ';

ruleTester('rdk-retries', {
  valid: [
    kcat('enable.idempotence=true\nmessage.send.max.retries=1\n'),
    { name: 'retries=0 without idempotence is allowed', ...kcat('enable.idempotence=false\nretries=0\n') },
    rdkafkaJs("'metadata.broker.list': 'b:9092', 'enable.idempotence': true"),
  ],
  invalid: [
    {
      ...kcat('enable.idempotence=true\nmessage.send.max.retries=0\n'),
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 3,
          column: 26,
          text: '0',
          message: `${REFUSES}"\`retries\` must be set >= 1 when \`enable.idempotence\` is true". message.send.max.retries=0 (line 3) is set explicitly and idempotence is on because enable.idempotence=true is set; left unset, librdkafka would retry up to 2147483647 times, bounded by message.timeout.ms.`,
          fixes: [
            { title: 'Remove retries (librdkafka then retries until message.timeout.ms)', output: `${MARK}enable.idempotence=true\n` },
            {
              title: 'Set enable.idempotence=false (keep message.send.max.retries=0; this producer is then not idempotent)',
              output: `${MARK}enable.idempotence=false\nmessage.send.max.retries=0\n`,
            },
          ],
          suppress: {
            line: `${MARK}enable.idempotence=true\n# kafka-idempotence-disable-next-line rdk-retries\nmessage.send.max.retries=0\n`,
          },
        },
      ],
    },
    {
      name: 'node-rdkafka: the same refusal in a Producer object',
      ...rdkafkaJs("'metadata.broker.list': 'b:9092', 'enable.idempotence': true, retries: 0"),
      findings: [
        {
          line: 2,
          text: '0',
          includes: '"`retries` must be set >= 1 when `enable.idempotence` is true"',
          fixes: [
            { output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true });\n` },
            {
              output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': false, retries: 0 });\n`,
            },
          ],
          suppress: {
            line: `${NODE}// kafka-idempotence-disable-next-line rdk-retries\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'enable.idempotence': true, retries: 0 });\n`,
          },
        },
      ],
    },
  ],
});

ruleTester('rdk-queuing-strategy', {
  valid: [kcat('enable.idempotence=true\nqueuing.strategy=fifo\n'), kcat('enable.idempotence=false\nqueuing.strategy=lifo\n')],
  invalid: [
    {
      ...kcat('enable.idempotence=true\nqueuing.strategy=lifo\n'),
      findings: [
        {
          severity: 'error',
          line: 3,
          column: 18,
          text: 'lifo',
          message: `${REFUSES}"\`queuing.strategy\` must be set to \`fifo\` when \`enable.idempotence\` is true". queuing.strategy=lifo (line 3) is set explicitly and idempotence is on because enable.idempotence=true is set; left unset, librdkafka would use fifo (queuing.strategy is deprecated and experimental).`,
          fixes: [
            { title: 'Remove queuing.strategy (fifo)', output: `${MARK}enable.idempotence=true\n` },
            {
              title: 'Set enable.idempotence=false (keep queuing.strategy=lifo; this producer is then not idempotent)',
              output: `${MARK}enable.idempotence=false\nqueuing.strategy=lifo\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('rdk-backpressure', {
  valid: [
    kcat('enable.idempotence=true\nqueue.buffering.backpressure.threshold=1\n'),
    kcat('queue.buffering.backpressure.threshold=10\nacks=1\n'),
  ],
  invalid: [
    {
      name: 'with queuing.strategy=lifo: two refusals, each fixed on its own',
      ...kcat('enable.idempotence=true\nqueuing.strategy=lifo\nqueue.buffering.backpressure.threshold=10\n'),
      findings: [
        {
          ruleId: 'rdk-queuing-strategy',
          line: 3,
          fixes: [
            { output: `${MARK}enable.idempotence=true\nqueue.buffering.backpressure.threshold=10\n` },
            { output: `${MARK}enable.idempotence=false\nqueuing.strategy=lifo\nqueue.buffering.backpressure.threshold=10\n` },
          ],
        },
        {
          severity: 'error',
          line: 4,
          column: 40,
          text: '10',
          message: `${REFUSES}"\`queue.buffering.backpressure.threshold\` must be set to 1 when \`enable.idempotence\` is true". queue.buffering.backpressure.threshold=10 (line 4) is set explicitly and idempotence is on because enable.idempotence=true is set; left unset, librdkafka would use 1.`,
          fixes: [
            {
              title: 'Remove queue.buffering.backpressure.threshold (1)',
              output: `${MARK}enable.idempotence=true\nqueuing.strategy=lifo\n`,
            },
            {
              title: /^Set enable\.idempotence=false/,
              output: `${MARK}enable.idempotence=false\nqueuing.strategy=lifo\nqueue.buffering.backpressure.threshold=10\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('rdk-gapless-needs-idempotence', {
  valid: [kcat('enable.gapless.guarantee=true\nenable.idempotence=true\n'), kcat('enable.gapless.guarantee=false\nacks=1\n')],
  invalid: [
    {
      ...kcat('enable.gapless.guarantee=true\nmax.in.flight=100\n'),
      findings: [
        {
          severity: 'error',
          line: 2,
          column: 26,
          text: 'true',
          message: `${REFUSES}"\`enable.gapless.guarantee\` requires \`enable.idempotence\` to be enabled". enable.gapless.guarantee=true (line 2) needs the idempotent producer, and idempotence is off because librdkafka defaults enable.idempotence to false.`,
          fixes: [
            // turning idempotence on would make max.in.flight=100 fatal: the fix settles it too
            {
              title: 'Set enable.idempotence=true (and fix the settings that conflict with it)',
              output: `${MARK}enable.gapless.guarantee=true\nmax.in.flight=5\nenable.idempotence=true\n`,
            },
            { title: 'Remove enable.gapless.guarantee', output: `${MARK}max.in.flight=100\n` },
          ],
          suppress: {
            line: `${MARK}# kafka-idempotence-disable-next-line rdk-gapless-needs-idempotence\nenable.gapless.guarantee=true\nmax.in.flight=100\n`,
          },
        },
      ],
    },
  ],
});

ruleTester('rdk-txn-needs-idempotence', {
  valid: [
    kcat('transactional.id=tx\nacks=all\n'),
    {
      name: 'an empty transactional.id is NULL for librdkafka: not transactional',
      ...kcat('transactional.id=\nenable.idempotence=false\n'),
    },
  ],
  invalid: [
    {
      ...kcat('transactional.id=tx\nenable.idempotence=false\nacks=1\n'),
      findings: [
        {
          severity: 'error',
          line: 3,
          column: 20,
          text: 'false',
          message: `${REFUSES}"\`transactional.id\` requires \`enable.idempotence=true\`". transactional.id turns idempotence on by itself, but enable.idempotence=false (line 3) turns it off explicitly.`,
          fixes: [
            // removing enable.idempotence=false would make acks=1 fatal: the fix sets acks too
            {
              title: 'Remove enable.idempotence=false (and fix the settings that conflict with idempotence)',
              output: `${MARK}transactional.id=tx\nacks=all\n`,
            },
            { title: 'Remove transactional.id (no transactions)', output: `${MARK}enable.idempotence=false\nacks=1\n` },
          ],
        },
      ],
    },
  ],
});

const TXN = 'transactional.id=tx\ntransaction.timeout.ms=30000\n';

ruleTester('rdk-txn-message-timeout', {
  valid: [kcat(`${TXN}message.timeout.ms=30000\n`), kcat('transaction.timeout.ms=30000\nmessage.timeout.ms=45000\n')],
  invalid: [
    {
      name: 'delivery.timeout.ms is an alias of message.timeout.ms; the fixes keep its spelling',
      ...kcat(`${TXN}delivery.timeout.ms=45000\n`),
      findings: [
        {
          severity: 'error',
          line: 4,
          column: 21,
          text: '45000',
          message: `${REFUSES}"\`message.timeout.ms\` must be set <= \`transaction.timeout.ms\`". delivery.timeout.ms=45000 (line 4) is set explicitly and exceeds transaction.timeout.ms (45000 > 30000); left unset, librdkafka would use transaction.timeout.ms.`,
          fixes: [
            { title: 'Remove message.timeout.ms (librdkafka uses transaction.timeout.ms)', output: `${MARK}${TXN}` },
            { title: 'Set message.timeout.ms=30000', output: `${MARK}${TXN}delivery.timeout.ms=30000\n` },
          ],
        },
      ],
    },
  ],
});

ruleTester('rdk-txn-socket-timeout', {
  valid: [kcat(`${TXN}socket.timeout.ms=30100\n`), kcat('socket.timeout.ms=90000\ntransaction.timeout.ms=30000\n')],
  invalid: [
    {
      ...kcat(`${TXN}socket.timeout.ms=30101\n`),
      findings: [
        {
          severity: 'error',
          line: 4,
          column: 19,
          text: '30101',
          message: `${REFUSES}"\`socket.timeout.ms\` must be set <= \`transaction.timeout.ms\` + 100". socket.timeout.ms=30101 (line 4) is set explicitly and exceeds transaction.timeout.ms + 100 (30101 > 30000 + 100); left unset, librdkafka would use transaction.timeout.ms - 100.`,
          fixes: [
            { title: 'Remove socket.timeout.ms (librdkafka uses transaction.timeout.ms - 100)', output: `${MARK}${TXN}` },
            { title: 'Set socket.timeout.ms=30000', output: `${MARK}${TXN}socket.timeout.ms=30000\n` },
          ],
        },
      ],
    },
  ],
});

ruleTester('rdk-message-timeout-vs-linger', {
  valid: [
    kcat('message.timeout.ms=1001\nlinger.ms=1000\n'),
    { name: 'message.timeout.ms=0 is infinite: never refused', ...kcat('message.timeout.ms=0\nlinger.ms=900000\n') },
  ],
  invalid: [
    {
      ...kcat('message.timeout.ms=1000\nlinger.ms=1000\n'),
      findings: [
        {
          severity: 'error',
          line: 3,
          column: 11,
          text: '1000',
          message: `${REFUSES}"\`message.timeout.ms\` must be greater than \`linger.ms\`". linger.ms=1000 (line 3) is set explicitly and message.timeout.ms is 1000: a message would time out before its batch is sent. Left unset (5 ms), linger.ms is never refused: librdkafka lowers it below message.timeout.ms itself.`,
          fixes: [
            { title: 'Remove linger.ms (default 5 ms)', output: `${MARK}message.timeout.ms=1000\n` },
            { title: 'Remove message.timeout.ms (default 300000)', output: `${MARK}linger.ms=1000\n` },
          ],
        },
      ],
    },
    {
      name: 'no topic property set: rd_kafka_topic_new fails (message.timeout.ms = transaction.timeout.ms)',
      ...kcat('transactional.id=tx\nqueue.buffering.max.ms=100000\n'),
      findings: [
        {
          line: 3,
          column: 24,
          text: '100000',
          message:
            /^librdkafka refuses every topic handle of this producer \(rd_kafka_topic_new fails and only logs TOPICCONF "Incompatible configuration settings for topic …"; the producer starts, but nothing can be produced\): "`message\.timeout\.ms` must be greater than `linger\.ms`"\. queue\.buffering\.max\.ms=100000 \(line 3\) is set explicitly and with transactional\.id, message\.timeout\.ms defaults to transaction\.timeout\.ms \(60000\)/,
          fixes: [{ title: 'Remove linger.ms (default 5 ms)', output: `${MARK}transactional.id=tx\n` }],
        },
      ],
    },
  ],
});

ruleTester('rdk-value-format', {
  valid: [
    kcat('enable.idempotence=true\nretries=5\n'),
    kcat('enable.idempotence=TRUE\nacks=ALL\n'),
    rdkafkaJs("'metadata.broker.list': 'b:9092', 'linger.ms': 5"),
  ],
  invalid: [
    {
      name: '5abc: strtol stops at the letters (a warning: librdkafka accepts it)',
      ...kcat('enable.idempotence=true\nretries=5abc\n'),
      findings: [
        {
          severity: 'warning',
          consequence: 'doc-only',
          line: 3,
          column: 9,
          text: '5abc',
          message:
            'librdkafka reads "5abc" as 5: it stops at "abc". librdkafka accepts it without a warning (rd_kafka_conf_set parses numbers with strtol/strtod).',
          fixes: [{ title: 'Write retries=5 (what librdkafka reads)', output: `${MARK}enable.idempotence=true\nretries=5\n` }],
        },
      ],
    },
    {
      name: 'a boolean librdkafka does not know',
      ...kcat('enable.idempotence=yes\n'),
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 2,
          column: 20,
          text: 'yes',
          message:
            'librdkafka rejects the value (rd_kafka_conf_set fails before the producer exists; node-rdkafka and confluent-kafka-javascript throw it from the Producer constructor): "Expected bool value for "enable.idempotence": true or false".',
          fixes: [
            { title: 'Set enable.idempotence=true', output: `${MARK}enable.idempotence=true\n` },
            { title: 'Remove enable.idempotence', output: MARK },
          ],
          suppress: { line: `${MARK}# kafka-idempotence-disable-next-line rdk-value-format\nenable.idempotence=yes\n` },
        },
      ],
    },
    {
      name: 'node-rdkafka: a string where librdkafka wants a number',
      ...rdkafkaJs("'metadata.broker.list': 'b:9092', 'linger.ms': 'soon'"),
      findings: [
        {
          severity: 'error',
          line: 2,
          text: "'soon'",
          includes: '"Invalid value for configuration property "queue.buffering.max.ms""',
          fixes: [
            { title: 'Remove linger.ms', output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092' });\n` },
          ],
        },
      ],
    },
  ],
});

ruleTester('rdk-alias-conflict', {
  valid: [
    { name: 'the same value in two spellings', ...kcat('acks=all\nrequest.required.acks=-1\nenable.idempotence=true\n') },
    kcat('acks=all\nenable.idempotence=true\n'),
  ],
  invalid: [
    {
      ...kcat('acks=1\nbootstrap.servers=b:9092\nrequest.required.acks=all\n'),
      findings: [
        {
          severity: 'warning',
          consequence: 'ignored',
          line: 2,
          column: 1,
          text: 'acks',
          message:
            "acks=1 (line 2) is overwritten by request.required.acks=all (line 4): both set librdkafka's request.required.acks, and the one applied last wins (file order in a kcat file, key order in a JavaScript object).",
          fixes: [
            { title: 'Remove acks=1 (overwritten anyway)', output: `${MARK}bootstrap.servers=b:9092\nrequest.required.acks=all\n` },
            { title: 'Remove request.required.acks=all (keep acks=1)', output: `${MARK}acks=1\nbootstrap.servers=b:9092\n` },
          ],
          suppress: {
            line: `${MARK}# kafka-idempotence-disable-next-line rdk-alias-conflict\nacks=1\nbootstrap.servers=b:9092\nrequest.required.acks=all\n`,
          },
        },
      ],
    },
    {
      name: 'node-rdkafka: key order in the object decides',
      ...rdkafkaJs("acks: 1, 'metadata.broker.list': 'b:9092', 'request.required.acks': -1"),
      findings: [
        {
          line: 2,
          text: 'acks',
          includes: 'acks=1 (line 2) is overwritten by request.required.acks=-1 (line 2)',
          fixes: [
            { output: `${NODE}const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092', 'request.required.acks': -1 });\n` },
            { output: `${NODE}const producer = new Kafka.Producer({ acks: 1, 'metadata.broker.list': 'b:9092' });\n` },
          ],
        },
      ],
    },
  ],
});
