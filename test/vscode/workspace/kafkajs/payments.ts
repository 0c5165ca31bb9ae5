// Payments publisher (KafkaJS): an idempotent producer sending with acks: 1
import { Kafka } from 'kafkajs';

const kafka = new Kafka({ clientId: 'payments', brokers: ['broker-1:9092'] });
const producer = kafka.producer({
  idempotent: true,
  retry: { retries: Number.MAX_SAFE_INTEGER },
});

export async function charge(id: string): Promise<void> {
  await producer.send({
    topic: 'payments',
    acks: 1,
    messages: [{ key: id, value: 'charged' }],
  });
}
