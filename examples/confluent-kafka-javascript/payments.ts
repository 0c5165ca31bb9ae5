// confluent-kafka-javascript, KafkaJS-compatible API, with the mistakes this linter finds
// (each marked BROKEN below). The librdkafka rules judge the mapped configuration as well.
import { KafkaJS } from '@confluentinc/kafka-javascript';

const kafka = new KafkaJS.Kafka({
  kafkaJS: { clientId: 'payments', brokers: ['localhost:9092'] },
});

const producer = kafka.producer({
  kafkaJS: {
    idempotent: true,
    transactionalId: 'payments-tx',
  },
  // BROKEN (ckjs-kafkajs-key-outside-block): KafkaJS options belong in kafkaJS: {};
  // kafka.producer() throws "The 'maxInFlightRequests' property seems to be a KafkaJS property in
  // the main config block. It must be moved to the kafkaJS block."
  maxInFlightRequests: 5,
  // BROKEN (ckjs-kafkajs-option-overridden, and librdkafka's transactional.id check): top-level
  // librdkafka keys are applied after the kafkaJS block, so this turns idempotence off again, and
  // connect() fails with "`transactional.id` requires `enable.idempotence=true`".
  'enable.idempotence': false,
  'linger.ms': 5,
});

export async function pay(id: string, amount: number): Promise<void> {
  await producer.connect();
  const tx = await producer.transaction();
  // BROKEN (ckjs-send-acks): send() rejects "'acks' is not supported as a property to 'send',
  // but must be passed to the producer during creation."
  await tx.send({ topic: 'payments', messages: [{ key: id, value: String(amount) }], acks: -1 });
  await tx.commit();
}
