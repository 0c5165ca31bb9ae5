/**
 * What librdkafka's Node bindings add to librdkafka's configuration: the option lists and the mapping of
 * confluent-kafka-javascript's KafkaJS API, and the keys the bindings (it and node-rdkafka) consume themselves.
 * The librdkafka properties themselves are librdkafka's (`clients/librdkafka/config.ts`).
 */

/** Keys the Node bindings consume themselves and never pass to librdkafka. */
export const NODE_BINDING_KEYS = new Set(['dr_cb', 'dr_msg_cb', 'event_cb', 'topic', 'partition', 'kafkaJS']);

/** confluent-kafka-javascript's KafkaJS option lists (lib/kafkajs/_common.js `kafkaJSProperties`); `acks` is exempt from its check. */
export const KJS_PRODUCER_KEYS = [
  'createPartitioner',
  'metadataMaxAge',
  'allowAutoTopicCreation',
  'transactionTimeout',
  'idempotent',
  'maxInFlightRequests',
  'transactionalId',
  'compression',
  'timeout',
];
export const KJS_COMMON_KEYS = [
  'brokers',
  'clientId',
  'sasl',
  'ssl',
  'requestTimeout',
  'enforceRequestTimeout',
  'connectionTimeout',
  'authenticationTimeout',
  'retry',
  'socketFactory',
  'reauthenticationThreshold',
  'logLevel',
  'logger',
];

/** KafkaJS option → librdkafka key, as confluent-kafka-javascript maps the `kafkaJS` block. */
export const KJS_TO_RDK: Record<string, string> = {
  idempotent: 'enable.idempotence',
  maxInFlightRequests: 'max.in.flight',
  transactionalId: 'transactional.id',
  acks: 'acks',
  timeout: 'request.timeout.ms',
  transactionTimeout: 'transaction.timeout.ms',
  compression: 'compression.codec',
  'retry.retries': 'retries',
  metadataMaxAge: 'topic.metadata.refresh.interval.ms',
  allowAutoTopicCreation: 'allow.auto.create.topics',
  clientId: 'client.id',
  requestTimeout: 'socket.timeout.ms',
};
