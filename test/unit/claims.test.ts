/**
 * Messages that match the block (issue #13, class 6): every consequence a finding states is one of the typed
 * claims of rules/claims.ts, and the claim holds for the configuration the finding is about. A property test
 * generates producer configurations (plain kafka-clients files, Spring Boot, Quarkus channels, librdkafka
 * files) under every client line, finds each claim in each message by its pattern, and checks its predicate
 * against the configuration's effective values computed here, independently of the service (the values as
 * written, else the client's documented defaults).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ruleTester } from '../support/ruleTester';
import {} from '../support/dialectCase';
import type * as ClaimsModule from '../../server/src/service/rules/claims';
import { load, service, settingsWith } from '../support';

const { CLAIMS } = load('service/rules/claims');
type Facts = ClaimsModule.DeliveryFacts;
type ClaimId = ClaimsModule.ClaimId;

const INT_MAX = 2147483647;

type Dialect = 'plain' | 'spring' | 'smallrye' | 'librdkafka';

interface Config {
  dialect: Dialect;
  version: string;
  acks?: string;
  retries?: string;
  inFlight?: string;
  idempotence?: string;
  txn: boolean;
}

/** [major, minor, patch] of a version setting (`latest` = 4.x). */
function ver(v: string): [number, number, number] {
  if (v === 'latest') return [4, 9, 0];
  const [a, b = 0, c = 0] = v.split('.').map(Number);
  return [a, b, c];
}
const atLeast = (v: string, a: number, b: number, c = 0) => {
  const [x, y, z] = ver(v);
  return x !== a ? x > a : y !== b ? y > b : z >= c;
};

const javaAcks = (s: string) => (s === 'all' || s === '-1' ? -1 : Number(s));

/**
 * What the producer runs with, from the client's documentation: kafka-clients defaults acks to `all` from 3.0
 * (`1` before; an idempotent producer raises an unset acks to all), retries to 2147483647 from 2.1 (0 before),
 * in-flight to 5; idempotence is on when set to true, by a transactional.id before 3.0 (and in 3.0.0/3.1.0,
 * KAFKA-13598), and by default from 3.0.1 unless acks/retries/in-flight conflict with it. The SmallRye connector
 * writes acks=1 when the channel has none. librdkafka: acks all, retries 2147483647, in-flight 1000000;
 * idempotence on when set to true, or by a transactional.id when enable.idempotence is not set.
 */
function oracle(c: Config): Facts {
  if (c.dialect === 'librdkafka') {
    const idempotent = c.idempotence !== undefined ? c.idempotence === 'true' : c.txn;
    return {
      acks: c.acks !== undefined ? javaAcks(c.acks) : -1,
      retries: c.retries !== undefined ? Number(c.retries) : INT_MAX,
      inFlight: c.inFlight !== undefined ? Number(c.inFlight) : 1000000,
      idempotent,
    };
  }
  const acksSet = c.acks ?? (c.dialect === 'smallrye' ? '1' : undefined);
  const retries = c.retries !== undefined ? Number(c.retries) : atLeast(c.version, 2, 1) ? INT_MAX : 0;
  const inFlight = c.inFlight !== undefined ? Number(c.inFlight) : 5;
  const bug = c.version === '3.0.0' || c.version === '3.1.0';
  const defaultOn = atLeast(c.version, 3, 0) && !bug;
  // Spring Kafka turns idempotence on explicitly with a transaction prefix (the generator writes transactional.id as one)
  const explicit = c.idempotence !== undefined ? c.idempotence === 'true' : c.dialect === 'spring' && c.txn ? true : undefined;
  let idempotent: boolean;
  if (explicit !== undefined) idempotent = explicit;
  else if (!defaultOn) idempotent = c.txn;
  else {
    const conflict = (acksSet !== undefined && javaAcks(acksSet) !== -1) || retries === 0 || inFlight > 5;
    idempotent = !conflict;
  }
  const acks = acksSet !== undefined ? javaAcks(acksSet) : idempotent || defaultOn ? -1 : 1;
  return { acks, retries, inFlight, idempotent };
}

function render(c: Config): { fileName: string; text: string } {
  const kv: Array<[string, string]> = [];
  if (c.acks !== undefined) kv.push(['acks', c.acks]);
  if (c.retries !== undefined) kv.push(['retries', c.retries]);
  if (c.inFlight !== undefined)
    kv.push([c.dialect === 'librdkafka' ? 'max.in.flight' : 'max.in.flight.requests.per.connection', c.inFlight]);
  if (c.idempotence !== undefined) kv.push(['enable.idempotence', c.idempotence]);
  switch (c.dialect) {
    case 'plain':
      if (c.txn) kv.push(['transactional.id', 'tx-1']);
      return { fileName: 'producer.properties', text: `bootstrap.servers=kafka:9092\n${kv.map(([k, v]) => `${k}=${v}\n`).join('')}` };
    case 'librdkafka':
      if (c.txn) kv.push(['transactional.id', 'tx-1']);
      return {
        fileName: 'kcat.properties',
        text: `# kafka-idempotence-client: librdkafka\nbootstrap.servers=kafka:9092\n${kv.map(([k, v]) => `${k}=${v}\n`).join('')}`,
      };
    case 'spring': {
      const lines = ['spring.kafka.bootstrap-servers=kafka:9092', ...kv.map(([k, v]) => `spring.kafka.producer.properties.${k}=${v}`)];
      if (c.txn) lines.push('spring.kafka.producer.transaction-id-prefix=tx-');
      return { fileName: 'application.properties', text: `${lines.join('\n')}\n` };
    }
    case 'smallrye': {
      const ch = 'mp.messaging.outgoing.orders';
      const lines = ['kafka.bootstrap.servers=kafka:9092', `${ch}.connector=smallrye-kafka`, ...kv.map(([k, v]) => `${ch}.${k}=${v}`)];
      if (c.txn) lines.push(`${ch}.transactional.id=tx-1`);
      return { fileName: 'application.properties', text: `${lines.join('\n')}\n` };
    }
  }
}

const configArb: fc.Arbitrary<Config> = fc.record({
  dialect: fc.constantFrom<Dialect>('plain', 'spring', 'smallrye', 'librdkafka'),
  version: fc.constantFrom('0.11.0', '1.0', '2.0', '2.8', '3.0.0', '3.1.0', '3.1.1', '3.9', 'latest'),
  acks: fc.option(fc.constantFrom('0', '1', '-1', 'all'), { nil: undefined }),
  retries: fc.option(fc.constantFrom('0', '1', '3', '2147483647'), { nil: undefined }),
  inFlight: fc.option(fc.constantFrom('1', '2', '5', '6'), { nil: undefined }),
  idempotence: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
  txn: fc.boolean(),
});

const ids = Object.keys(CLAIMS) as ClaimId[];

/** The claims a message makes: each claim's pattern found in it. */
const claimsIn = (message: string) => ids.filter((id) => CLAIMS[id].pattern.test(message));

test('every claim a finding makes holds for the configuration it is about (property, all client lines)', () => {
  const seen = new Map<string, number>();
  fc.assert(
    fc.property(configArb, (c) => {
      const input = render(c);
      const r = service.lint(input, settingsWith({ kafkaClientsVersion: c.version }));
      assert.deepEqual(r.failures, []);
      const facts = oracle(c);
      for (const f of r.findings) {
        for (const id of claimsIn(f.message)) {
          seen.set(`${f.ruleId}:${id}`, (seen.get(`${f.ruleId}:${id}`) ?? 0) + 1);
          assert.ok(
            CLAIMS[id].holds(facts),
            `${f.ruleId} claims '${id}' for ${JSON.stringify(c)} (${JSON.stringify(facts)}):\n${input.text}\n${f.message}`,
          );
        }
      }
    }),
    // CLAIMS_RUNS=<n> runs more cases; CLAIMS_SEED=random a fresh seed
    {
      numRuns: Number(process.env.CLAIMS_RUNS ?? 3000),
      ...(process.env.CLAIMS_SEED === 'random' ? {} : { seed: Number(process.env.CLAIMS_SEED ?? 20261313) }),
    },
  );
  // the generator reaches every claim the rules make
  for (const pair of [
    'idempotence-implicit-downgrade:retry-duplicates',
    'idempotence-implicit-downgrade:leader-only-ack',
    'idempotence-implicit-downgrade:no-ack',
    'idempotence-implicit-downgrade:no-retry',
    'idempotence-implicit-downgrade:retry-reorders',
    'idempotence-not-on-by-default:retry-duplicates',
    'idempotence-not-on-by-default:retry-reorders',
    'ordering-risk-without-idempotence:retry-reorders',
    'smallrye-acks-default-1:leader-only-ack',
    'smallrye-acks-default-1:retry-duplicates',
    'rdk-idempotence-default-off:retry-duplicates',
  ]) {
    assert.ok(seen.has(pair), `no finding made the claim ${pair}: ${[...seen.keys()].join(', ')}`);
  }
});

test("the claim patterns find their own texts and no other claim's", () => {
  for (const id of ids) {
    assert.deepEqual(claimsIn(CLAIMS[id].text), [id], id);
  }
});

test('the oracle agrees with the claims on hand-picked producers', () => {
  const f = (c: Partial<Config>) => oracle({ dialect: 'plain', version: 'latest', txn: false, ...c });
  assert.deepEqual(f({ acks: '1' }), { acks: 1, retries: INT_MAX, inFlight: 5, idempotent: false });
  assert.equal(CLAIMS['retry-duplicates'].holds(f({ acks: '1', retries: '0' })), false);
  assert.equal(CLAIMS['retry-duplicates'].holds(f({ acks: '0' })), false);
  assert.equal(CLAIMS['retry-reorders'].holds(f({ idempotence: 'false', inFlight: '1' })), false);
  assert.equal(CLAIMS['retry-duplicates'].holds(f({ version: '2.0', acks: 'all' })), false); // retries default to 0 before 2.1
});

// Messages built from the claims that hold: the same conflict, different blocks.
ruleTester('idempotence-implicit-downgrade', {
  valid: ['acks=all\nretries=0\nenable.idempotence=false\n'],
  invalid: [
    {
      name: 'acks=1 with retries=0: no claim that retries duplicate',
      text: 'acks=1\nretries=0\n',
      findings: [
        {
          line: 1,
          message:
            'kafka-clients 4.x (latest) silently disables idempotence because acks=1 (line 1) and enable.idempotence is not set: the producer starts non-idempotent and only logs INFO "Idempotence will be disabled because acks is set to 1, not set to \'all\'." — only the partition leader acknowledges, so a leader failover can lose acknowledged records.',
          fixes: [
            { title: 'Set acks=all', output: 'acks=all\nretries=0\n' },
            { title: /^Set enable.idempotence=false/, output: 'acks=1\nretries=0\nenable.idempotence=false\n' },
          ],
        },
        {
          line: 2,
          message:
            'kafka-clients 4.x (latest) silently disables idempotence because retries=0 (line 2) and enable.idempotence is not set: the producer starts non-idempotent and only logs INFO "Idempotence will be disabled because retries is set to 0." — a failed batch is never retried and the record fails.',
          fixes: [
            { title: /^Remove retries=0/, output: 'acks=1\n' },
            { title: /^Set enable.idempotence=false/, output: 'acks=1\nretries=0\nenable.idempotence=false\n' },
          ],
        },
      ],
    },
    {
      name: 'acks=0: the producer waits for no acknowledgement, and never retries',
      text: 'acks=0\n',
      findings: [
        {
          message:
            'kafka-clients 4.x (latest) silently disables idempotence because acks=0 (line 1) and enable.idempotence is not set: the producer starts non-idempotent and only logs INFO "Idempotence will be disabled because acks is set to 0, not set to \'all\'." — the producer waits for no acknowledgement, so a record the broker loses is never reported.',
          fixes: [
            { title: 'Set acks=all', output: 'acks=all\n' },
            { title: /^Set enable.idempotence=false/, output: 'acks=0\nenable.idempotence=false\n' },
          ],
        },
      ],
    },
    {
      name: "in-flight 6 with retries=0: no claim about retries, only the client's log",
      text: 'max.in.flight.requests.per.connection=6\nretries=0\n',
      settings: { kafkaClientsVersion: '3.9' },
      findings: [
        {
          line: 1,
          message:
            /is set to 6, which is greater than 5\. Please note that in v4\.0\.0 and onward, this will become an error\."\. kafka-clients 4\.0 and later refuse this configuration outright\.$/,
          fixes: [
            { title: /^Set max.in.flight.requests.per.connection=5/, output: 'max.in.flight.requests.per.connection=5\nretries=0\n' },
            {
              title: /^Set enable.idempotence=false/,
              output: 'max.in.flight.requests.per.connection=6\nretries=0\nenable.idempotence=false\n',
            },
          ],
        },
        {
          line: 2,
          message: /— a failed batch is never retried and the record fails\.$/,
          fixes: [
            { output: 'max.in.flight.requests.per.connection=6\n' },
            { output: 'max.in.flight.requests.per.connection=6\nretries=0\nenable.idempotence=false\n' },
          ],
        },
      ],
    },
  ],
});

ruleTester('smallrye-acks-default-1', {
  valid: [
    {
      fileName: 'application.properties',
      text: 'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.acks=all\nmp.messaging.outgoing.orders.retries=0\n',
    },
  ],
  invalid: [
    {
      name: 'a channel that never retries: only the leader-only acknowledgement is claimed',
      fileName: 'application.properties',
      text: 'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.retries=0\n',
      findings: [
        {
          line: 2,
          column: 1,
          message:
            /only logs INFO "Idempotence will be disabled because acks is set to 1, not set to 'all'\."\. Only the partition leader acknowledges, so a leader failover can lose acknowledged records\.$/,
          fixes: [
            {
              title: 'Set mp.messaging.outgoing.orders.acks=all',
              output:
                'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.retries=0\nmp.messaging.outgoing.orders.acks=all\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.retries=0\nmp.messaging.outgoing.orders.enable.idempotence=false\n',
            },
          ],
        },
        {
          ruleId: 'idempotence-implicit-downgrade',
          line: 2,
          message: /— a failed batch is never retried and the record fails\. \[|— a failed batch is never retried and the record fails\.$/,
          fixes: [
            { title: /^Remove retries=0/, output: 'mp.messaging.outgoing.orders.connector=smallrye-kafka\n' },
            {
              title: /^Set enable.idempotence=false/,
              output:
                'mp.messaging.outgoing.orders.connector=smallrye-kafka\nmp.messaging.outgoing.orders.retries=0\nmp.messaging.outgoing.orders.enable.idempotence=false\n',
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('ordering-risk-without-idempotence', {
  valid: [
    { name: 'acks=0: the producer never learns of a failure, so it never retries', text: 'enable.idempotence=false\nacks=0\n' },
    { name: 'one request in flight keeps the order', text: 'enable.idempotence=false\nmax.in.flight.requests.per.connection=1\n' },
  ],
  invalid: [
    {
      text: 'enable.idempotence=false\nacks=1\nretries=3\n',
      findings: [
        {
          line: 1,
          message:
            'Idempotence is off with retries=3 and max.in.flight.requests.per.connection=5: retries can reorder records within a partition (a retried batch lands after a later one), and a retried batch can be written twice.',
          fixes: [
            {
              title: 'Set enable.idempotence=true (and acks=all / in-flight ≤ 5)',
              output: 'enable.idempotence=true\nacks=all\nretries=3\n',
            },
            {
              title: /^Set max.in.flight.requests.per.connection=1/,
              output: 'enable.idempotence=false\nacks=1\nretries=3\nmax.in.flight.requests.per.connection=1\n',
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('rdk-idempotence-default-off', {
  valid: [
    {
      name: 'retries=0: the producer never retries, so nothing can be written twice',
      text: '# kafka-idempotence-client: librdkafka\nacks=all\nretries=0\n',
      fileName: 'kcat.properties',
    },
  ],
  invalid: [
    {
      name: 'one request in flight: duplicates are claimed, reordering is not',
      fileName: 'kcat.properties',
      text: '# kafka-idempotence-client: librdkafka\nacks=all\nmax.in.flight=1\n',
      findings: [
        {
          line: 2,
          message:
            'librdkafka does not make this producer idempotent: enable.idempotence defaults to false (unlike the Java client since 3.0). acks is all, but a retried batch can be written twice; enable.idempotence=true keeps order with up to 5 requests in flight.',
          fixes: [
            {
              title: 'Set enable.idempotence=true',
              output: '# kafka-idempotence-client: librdkafka\nacks=all\nmax.in.flight=1\nenable.idempotence=true\n',
            },
            {
              title: /^Set enable.idempotence=false/,
              output: '# kafka-idempotence-client: librdkafka\nacks=all\nmax.in.flight=1\nenable.idempotence=false\n',
            },
          ],
        },
      ],
    },
  ],
});
