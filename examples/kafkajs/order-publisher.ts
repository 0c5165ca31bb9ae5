// A KafkaJS producer with the mistakes this linter finds (each marked BROKEN below).
// Run `npx kafka-idempotence-lint examples/kafkajs` to see them, or open the file in VS Code.
import { Kafka, logLevel, type Producer } from 'kafkajs';

const kafka = new Kafka({
  clientId: 'orders',
  brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','),
  logLevel: logLevel.WARN,
  // BROKEN (kafkajs-idempotent-retries-zero): the client-level retry is merged into every
  // producer's retry options, so the idempotent producer below gets retries: 0 and
  // kafka.producer() throws "Idempotent producer must allow retries to protect against transient errors".
  retry: { retries: 0 },
});

const producerOptions = {
  idempotent: true,
  maxInFlightRequests: 1, // fine with KafkaJS >= 2.0; hover it to see why
  // BROKEN (kafkajs-misplaced-option): acks is an option of send(), KafkaJS ignores it here.
  acks: 1,
} as const;

export class OrderPublisher {
  private readonly producer: Producer = kafka.producer(producerOptions);

  async start(): Promise<void> {
    await this.producer.connect();
  }

  async publish(orderId: string, payload: unknown): Promise<void> {
    await this.producer.send({
      topic: 'orders',
      messages: [{ key: orderId, value: JSON.stringify(payload) }],
      // BROKEN (kafkajs-idempotent-acks): an idempotent producer needs the number -1;
      // the string 'all' is rejected with "Not requiring ack for all messages invalidates
      // the idempotent producer's EoS guarantees".
      acks: 'all' as unknown as number,
    });
  }

  async publishAtomically(orderId: string, payload: unknown): Promise<void> {
    // BROKEN (kafkajs-transaction-without-id): the producer has no transactionalId, so
    // transaction() rejects with "Must provide transactional id for transactional producer".
    const tx = await this.producer.transaction();
    await tx.send({ topic: 'orders', messages: [{ key: orderId, value: JSON.stringify(payload) }] });
    await tx.commit();
  }
}
