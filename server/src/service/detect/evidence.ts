/**
 * Is this set of raw Java-client keys a producer configuration? Shared by every
 * dialect that carries raw producer keys (plain properties, generic maps).
 *
 * Evidence, documented in docs/dialects.md "How a producer config is recognised":
 * - a file name that says producer (`producer.properties`, `kafka-producer.properties`) → yes,
 *   unless it also says consumer/admin;
 * - a file-level marker comment `kafka-idempotence-client: java` → yes;
 * - otherwise at least one idempotence key (`enable.idempotence`, `acks`, `transactional.id`,
 *   `max.in.flight.requests.per.connection`), or two other producer-only keys
 *   (serializers, `linger.ms`, `batch.size`, ...), and more producer-only keys than consumer-only keys;
 * - a whole `.properties` file (`sharedFile`) with an idempotence key is a producer's even when consumer keys
 *   outnumber the producer's: one file loaded into a consumer and a producer (each client ignores the other's
 *   keys, logging them as unused), unless its name says consumer or admin.
 * - `retries`, `bootstrap.servers`, `request.timeout.ms` are shared with consumers/admin: no evidence.
 */
import { CONSUMER_ONLY_KEYS, IDEMPOTENCE_KEYS, PRODUCER_ONLY_KEYS } from '../clients/java/config';

export interface Evidence {
  isProducer: boolean;
  reason: string;
}

export function producerEvidence(keys: Iterable<string>, fileName = '', opts: { sharedFile?: boolean } = {}): Evidence {
  const base = fileName.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  let idem: string[] = [];
  let producerOnly: string[] = [];
  let consumerOnly = 0;
  for (const k of keys) {
    if (IDEMPOTENCE_KEYS.has(k)) idem.push(k);
    if (PRODUCER_ONLY_KEYS.has(k)) producerOnly.push(k);
    if (CONSUMER_ONLY_KEYS.has(k)) consumerOnly++;
  }
  idem = [...new Set(idem)];
  producerOnly = [...new Set(producerOnly)];
  const namedProducer = /producer/.test(base) && !/consumer|admin/.test(base);
  if (namedProducer) return { isProducer: true, reason: `the file name \`${base}\` says producer` };
  if (idem.length > 0 && producerOnly.length >= consumerOnly)
    return { isProducer: true, reason: `it sets ${idem.map((k) => `\`${k}\``).join(', ')}` };
  // only a producer reads these keys: a file that also configures a consumer is that producer's too
  if (opts.sharedFile && idem.length > 0 && !/consumer|admin/.test(base)) {
    return {
      isProducer: true,
      reason: `it sets ${idem.map((k) => `\`${k}\``).join(', ')}, which only a producer reads (the ${consumerOnly} consumer key${consumerOnly === 1 ? '' : 's'} here: the producer ignores them and logs them as unused)`,
    };
  }
  if (producerOnly.length >= 2 && producerOnly.length > consumerOnly)
    return {
      isProducer: true,
      reason: `it sets producer-only keys ${producerOnly
        .slice(0, 3)
        .map((k) => `\`${k}\``)
        .join(', ')}`,
    };
  return { isProducer: false, reason: 'no producer-only keys' };
}
