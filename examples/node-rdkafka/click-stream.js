// node-rdkafka producers with the mistakes this linter finds (each marked BROKEN below).
// librdkafka checks idempotence only when connect() creates the client: these errors arrive as
// the error of connect(), not from the constructor.
const Kafka = require('node-rdkafka');

const producer = new Kafka.HighLevelProducer({
  'metadata.broker.list': 'localhost:9092',
  'enable.idempotence': true,
  // BROKEN (node-rdkafka-topic-key-in-global-config): acks is a topic property; node-rdkafka always
  // installs its second argument (here {} by default) as the default topic config, which replaces
  // it. This line has no effect: librdkafka uses acks=all.
  'request.required.acks': 1,
  // BROKEN (librdkafka rules): more than 5 requests in flight with idempotence — connect() fails with
  // "`max.in.flight` must be set <= 5 when `enable.idempotence` is true".
  'max.in.flight.requests.per.connection': 10,
  dr_cb: true,
});

producer.connect({}, (err) => {
  if (err) console.error('connect failed:', err.message);
});

// A write stream: global config, topic config, stream options.
const stream = Kafka.Producer.createWriteStream(
  { 'metadata.broker.list': 'localhost:9092', 'enable.idempotence': true },
  // BROKEN (librdkafka rules): acks must be all (-1) with idempotence — the stream emits 'error'
  // with "`acks` must be set to `all` when `enable.idempotence` is true".
  { acks: 1 },
  { topic: 'clicks' },
);

module.exports = { producer, stream };
