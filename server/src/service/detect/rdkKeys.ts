/**
 * The few librdkafka key facts the JS detectors need. This is a local stand-in: once the
 * librdkafka engine's canonicalizer (librdkafkaConfig.ts) is on main, `canonicalRdkKey`
 * and the sets below should delegate to it.
 *
 * Canonical names follow librdkafka's error strings (`acks`, `retries`, `max.in.flight`).
 * Topic-level properties were read from librdkafka 2.0.2 itself: the keys of
 * `rd_kafka_topic_conf_dump()` that `rd_kafka_conf_dump()` does not have.
 */

const ALIASES: Record<string, string> = {
  'request.required.acks': 'acks',
  'message.send.max.retries': 'retries',
  'max.in.flight.requests.per.connection': 'max.in.flight',
  'queue.buffering.max.ms': 'linger.ms',
  'delivery.timeout.ms': 'message.timeout.ms',
  'compression.type': 'compression.codec',
};

/** The canonical librdkafka key for a key as written (aliases resolved; case-sensitive, as librdkafka is). */
export function canonicalRdkKey(key: string): string {
  return ALIASES[key] ?? key;
}

/** Topic-level producer properties (canonical names); in a global config they fall through to the default topic config. */
export const RDK_TOPIC_KEYS = new Set([
  'acks', 'request.timeout.ms', 'message.timeout.ms', 'queuing.strategy', 'produce.offset.report', 'partitioner',
  'partitioner_cb', 'msg_order_cmp', 'compression.level',
]);

/** Boolean properties (a JS fix writes `true`/`false`, not a string). */
export const RDK_BOOLEAN_KEYS = new Set([
  'enable.idempotence', 'enable.gapless.guarantee', 'enable.ssl.certificate.verification', 'allow.auto.create.topics',
  'api.version.request', 'socket.keepalive.enable', 'socket.nagle.disable', 'enable.sasl.oauthbearer.unsecure.jwt',
]);

/** Keys the Node bindings consume themselves and never pass to librdkafka. */
export const NODE_BINDING_KEYS = new Set(['dr_cb', 'dr_msg_cb', 'event_cb', 'topic', 'partition', 'kafkaJS']);
