/** The dialects in words, for the effective state, the Kafka Producers view and reports. */
const DIALECT_LABELS: Record<string, string> = {
  java: 'plain Java client config',
  'spring-boot': 'Spring Boot',
  'spring-cloud-stream': 'Spring Cloud Stream Kafka binder',
  'kafka-streams': 'Kafka Streams',
  'kafka-connect': 'Kafka Connect',
  'smallrye-kafka': 'Quarkus / SmallRye Kafka connector',
  micronaut: 'Micronaut',
  'strimzi-bridge': 'Strimzi Kafka Bridge',
  'librdkafka-properties': 'librdkafka config (kcat -F)',
  kafkajs: 'KafkaJS',
  'nestjs-kafka': 'NestJS Kafka transport (KafkaJS)',
  'ckjs-kafkajs': 'confluent-kafka-javascript (KafkaJS API)',
  'ckjs-rdkafka': 'confluent-kafka-javascript',
  'node-rdkafka': 'node-rdkafka',
  'platformatic-kafka': '@platformatic/kafka',
};

/** A dialect in words: `Spring Boot`, `plain Java client config`, `KafkaJS`; an unknown one as it is. */
export const dialectLabel = (dialect: string) => DIALECT_LABELS[dialect] ?? dialect;
