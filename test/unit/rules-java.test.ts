/**
 * The Java-client rules (server/src/service/rules/java.ts) and unused-disable-directive,
 * case by case through the RuleTester: exact spans, exact messages quoting the client's own
 * text (reference catalogue §2.1), and the exact output of every fix.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { JAVA } from '../support/clientMessages';
import { service, settingsWith } from '../support/service';

const V = (kafkaClientsVersion: string) => ({ kafkaClientsVersion });
const EXPLICIT = (line: number) =>
  `(enable.idempotence is set explicitly (line ${line}), so the conflict is fatal instead of silently disabling idempotence)`;
const IFL = 'max.in.flight.requests.per.connection';

// ---------------------------------------------------------------------------------------------
// R-J1

ruleTester('idempotence-acks-conflict', {
  valid: [
    'acks=all\n',
    'enable.idempotence=true\nacks=all\n',
    'enable.idempotence=true\nacks=-1\n',
    { name: 'value trimmed as the client does', text: 'enable.idempotence=true\nacks= all  \n' },
    'enable.idempotence=false\nacks=1\n',
    { name: 'no explicit idempotence on 3.9: silent downgrade, not a startup failure', text: 'acks=1\n', settings: V('3.9') },
    { name: 'idempotence off by default on 2.8', text: 'acks=1\n', settings: V('2.8') },
    { name: 'default never applied on 3.0.0', text: 'acks=0\n', settings: V('3.0.0') },
    { name: '3.9 reports transactional.id instead', text: 'transactional.id=tx\nacks=1\n', settings: V('3.9') },
    {
      name: 'consumer file',
      fileName: 'consumer.properties',
      text: 'group.id=g\nenable.auto.commit=false\nacks=1\nenable.idempotence=true\nauto.offset.reset=earliest\n',
    },
  ],
  invalid: [
    {
      text: 'enable.idempotence=true\nacks=1\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.acksThrow}" ${EXPLICIT(1)}.`,
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 7,
          text: '1',
          fixes: [
            { title: 'Set acks=all', output: 'enable.idempotence=true\nacks=all\n' },
            {
              title: 'Set enable.idempotence=false (keep acks=1; this producer is then not idempotent)',
              output: 'enable.idempotence=false\nacks=1\n',
            },
          ],
          suppress: {
            line: 'enable.idempotence=true\n# kafka-idempotence-disable-next-line idempotence-acks-conflict\nacks=1\n',
            file: '# kafka-idempotence-disable idempotence-acks-conflict\nenable.idempotence=true\nacks=1\n',
          },
        },
      ],
    },
    {
      name: 'TRUE in any case is explicit; acks=0 on 2.8',
      text: 'acks=0\nenable.idempotence=TRUE\n',
      settings: V('2.8'),
      findings: [
        {
          message: `kafka-clients 2.8 refuses to start the producer: "${JAVA.acksThrow}" ${EXPLICIT(2)}.`,
          line: 1,
          column: 6,
          text: '0',
          fixes: [
            { title: 'Set acks=all', output: 'acks=all\nenable.idempotence=TRUE\n' },
            { title: /^Set enable\.idempotence=false \(keep acks=0;/, output: 'acks=0\nenable.idempotence=false\n' },
          ],
        },
      ],
    },
    ...['0.11.0', '1.0', '2.8', '3.0.0', '3.1.0'].map((v) => ({
      name: `transactional.id turns idempotence on in ${v}`,
      text: 'transactional.id=tx\nacks=1\n',
      settings: V(v),
      findings: [
        {
          message: `kafka-clients ${v} refuses to start the producer: "${JAVA.acksThrow}" (transactional.id is set, which turns idempotence on).`,
          line: 2,
          column: 6,
          text: '1',
          // no "enable.idempotence=false" alternative: it would only trade for the transactional.id failure
          fixes: [{ title: 'Set acks=all', output: 'transactional.id=tx\nacks=all\n' }],
        },
      ],
    })),
    {
      name: 'spaced separators are kept',
      text: 'enable.idempotence = true\nacks = 1\n',
      findings: [
        {
          line: 2,
          column: 8,
          text: '1',
          fixes: [{ output: 'enable.idempotence = true\nacks = all\n' }, { output: 'enable.idempotence = false\nacks = 1\n' }],
        },
      ],
    },
    {
      name: 'the last duplicate wins and is the one fixed',
      text: 'acks=all\nenable.idempotence=true\nacks=1\n',
      findings: [
        {
          line: 3,
          text: '1',
          fixes: [{ output: 'acks=all\nenable.idempotence=true\nacks=all\n' }, { output: 'acks=all\nenable.idempotence=false\nacks=1\n' }],
        },
      ],
    },
    {
      name: 'explicit idempotence on 3.9 makes the conflict fatal',
      text: 'acks=1\nenable.idempotence=true\n',
      settings: V('3.9'),
      findings: [
        {
          includes: [JAVA.acksThrow, 'kafka-clients 3.9 refuses to start the producer'],
          fixes: [{ output: 'acks=all\nenable.idempotence=true\n' }, { output: 'acks=1\nenable.idempotence=false\n' }],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J2

ruleTester('idempotence-retries-zero', {
  valid: [
    'enable.idempotence=true\nretries=3\n',
    'enable.idempotence=false\nretries=0\n',
    { name: 'silent downgrade on 3.9', text: 'retries=0\n', settings: V('3.9') },
    { name: 'off by default on 2.8', text: 'retries=0\n', settings: V('2.8') },
    { name: 'shared key in an admin config', fileName: 'admin.properties', text: 'bootstrap.servers=b:9092\nretries=0\n' },
  ],
  invalid: [
    {
      text: 'enable.idempotence=true\nretries=0\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.retriesThrow}" ${EXPLICIT(1)}.`,
          line: 2,
          column: 9,
          endColumn: 10,
          text: '0',
          fixes: [
            { title: 'Remove retries=0 (the default retries until delivery.timeout.ms)', output: 'enable.idempotence=true\n' },
            {
              title: 'Set enable.idempotence=false (keep retries=0; this producer is then not idempotent)',
              output: 'enable.idempotence=false\nretries=0\n',
            },
          ],
        },
      ],
    },
    {
      name: 'transactional.id on 2.8: a single fix',
      text: 'transactional.id=tx\nretries=0\n',
      settings: V('2.8'),
      findings: [
        {
          message: `kafka-clients 2.8 refuses to start the producer: "${JAVA.retriesThrow}" (transactional.id is set, which turns idempotence on).`,
          fixes: [{ output: 'transactional.id=tx\n' }],
        },
      ],
    },
    {
      name: 'trailing blanks are part of the value and trimmed by the client',
      text: 'enable.idempotence=true\nretries=0  \n',
      findings: [{ text: '0  ', fixes: [{ output: 'enable.idempotence=true\n' }, { output: 'enable.idempotence=false\nretries=0  \n' }] }],
    },
    {
      name: 'duplicates: one finding on the winning line, removal takes every copy',
      text: 'retries=0\nenable.idempotence=true\nretries=0\n',
      findings: [
        { line: 3, fixes: [{ output: 'enable.idempotence=true\n' }, { output: 'retries=0\nenable.idempotence=false\nretries=0\n' }] },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J3

ruleTester('idempotence-max-in-flight-gt-5', {
  valid: [
    `enable.idempotence=true\n${IFL}=5\n`,
    { name: '3.9 downgrades silently', text: `${IFL}=6\n`, settings: V('3.9') },
    { name: 'off by default on 2.8', text: `${IFL}=6\n`, settings: V('2.8') },
    `enable.idempotence=false\n${IFL}=10\n`,
    { name: '0.11 wants exactly 1', text: `enable.idempotence=true\n${IFL}=1\n`, settings: V('0.11.0') },
  ],
  invalid: [
    {
      name: '4.x: fatal even without enable.idempotence',
      text: `${IFL}=6\n`,
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.inFlightThrow4(6)}" (kafka-clients 4.x (latest) turns idempotence on by default).`,
          line: 1,
          column: 39,
          text: '6',
          fixes: [
            { title: `Set ${IFL}=5`, output: `${IFL}=5\n` },
            {
              title: `Set enable.idempotence=false (keep ${IFL}=6; this producer is then not idempotent)`,
              output: `${IFL}=6\nenable.idempotence=false\n`,
            },
          ],
        },
      ],
    },
    {
      name: '3.9 with explicit idempotence',
      text: `enable.idempotence=true\n${IFL}=10\n`,
      settings: V('3.9'),
      findings: [
        {
          message: `kafka-clients 3.9 refuses to start the producer: "${JAVA.inFlightThrow}" ${EXPLICIT(1)}.`,
          fixes: [{ output: `enable.idempotence=true\n${IFL}=5\n` }, { output: `enable.idempotence=false\n${IFL}=10\n` }],
        },
      ],
    },
    {
      name: '0.11: in-flight must be exactly 1',
      text: `enable.idempotence=true\n${IFL}=2\n`,
      settings: V('0.11.0'),
      findings: [
        {
          message: `kafka-clients 0.11.0 refuses to start the producer: "${JAVA.inFlightThrow011}" ${EXPLICIT(1)}.`,
          fixes: [
            { title: `Set ${IFL}=1`, output: `enable.idempotence=true\n${IFL}=1\n` },
            { output: `enable.idempotence=false\n${IFL}=2\n` },
          ],
        },
      ],
    },
    {
      name: 'transactional.id on 2.8',
      text: `transactional.id=tx\n${IFL}=6\n`,
      settings: V('2.8'),
      findings: [{ includes: JAVA.inFlightThrow, fixes: [{ output: `transactional.id=tx\n${IFL}=5\n` }] }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J4

ruleTester('transactional-id-requires-idempotence', {
  valid: [
    'transactional.id=tx\n',
    'transactional.id=tx\nenable.idempotence=true\n',
    { name: '2.8 reports the acks message instead', text: 'transactional.id=tx\nacks=1\n', settings: V('2.8') },
    { name: '4.x reports the in-flight message first', text: `transactional.id=tx\n${IFL}=6\n` },
    'enable.idempotence=false\nacks=1\n',
  ],
  invalid: [
    ...['latest', '2.8', '0.11.0'].map((v) => ({
      name: `explicit enable.idempotence=false (${v})`,
      text: 'transactional.id=tx\nenable.idempotence=false\n',
      settings: V(v),
      findings: [
        {
          severity: 'error' as const,
          consequence: 'throws' as const,
          message: `kafka-clients ${v === 'latest' ? '4.x (latest)' : v} refuses to start the producer: "${JAVA.transaction}" (enable.idempotence=false contradicts transactional.id; transactions need idempotence).`,
          line: 1,
          column: 1,
          endColumn: 17,
          text: 'transactional.id',
          fixes: [
            { title: 'Set enable.idempotence=true', output: 'transactional.id=tx\nenable.idempotence=true\n' },
            { title: 'Remove transactional.id (no transactions)', output: 'enable.idempotence=false\n' },
          ],
        },
      ],
    })),
    {
      name: '3.9: acks=1 silently disables idempotence first',
      text: 'transactional.id=tx\nacks=1\n',
      settings: V('3.9'),
      findings: [
        {
          message: `kafka-clients 3.9 refuses to start the producer: "${JAVA.transaction}" Idempotence was first silently disabled by acks=1 (line 2), because enable.idempotence is not set explicitly.`,
          text: 'transactional.id',
          fixes: [
            { title: 'Set acks=all', output: 'transactional.id=tx\nacks=all\n' },
            { title: 'Remove transactional.id (no transactions)', output: 'acks=1\n' },
          ],
        },
      ],
    },
    {
      name: 'two causes, one combined fix',
      text: 'transactional.id=tx\nretries=0\nacks=0\n',
      settings: V('3.2'),
      findings: [
        {
          includes: ['silently disabled by retries=0 (line 2), acks=0 (line 3)', JAVA.transaction],
          fixes: [
            {
              title: 'Remove retries=0 (the default retries until delivery.timeout.ms) and Set acks=all',
              output: 'transactional.id=tx\nacks=all\n',
            },
            { output: 'retries=0\nacks=0\n' },
          ],
        },
      ],
    },
    {
      name: '3.9: in-flight 6 without enable.idempotence',
      text: `transactional.id=tx\n${IFL}=6\n`,
      settings: V('3.9'),
      findings: [{ includes: JAVA.transaction, fixes: [{ output: `transactional.id=tx\n${IFL}=5\n` }, { output: `${IFL}=6\n` }] }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J5

ruleTester('transactional-id-empty', {
  valid: ['transactional.id=tx\n', 'acks=all\n'],
  invalid: [
    {
      text: 'transactional.id=\nacks=all\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.transactionalIdEmpty}".`,
          line: 1,
          column: 1,
          endColumn: 18,
          text: 'transactional.id=',
          fixes: [{ title: 'Remove the empty transactional.id', output: 'acks=all\n' }],
        },
      ],
    },
    {
      text: 'transactional.id=\n',
      settings: V('2.0'),
      findings: [{ message: `kafka-clients 2.0 refuses to start the producer: "${JAVA.transactionalIdEmpty}".`, output: '' }],
    },
    {
      // the kafka-clients 0.11.0.3 and 1.0.2 oracles: ProducerConfig's NonEmptyString validator is there from 0.11
      name: 'every version from 0.11 refuses it',
      text: 'transactional.id=\n',
      settings: V('0.11.0'),
      findings: [{ message: `kafka-clients 0.11.0 refuses to start the producer: "${JAVA.transactionalIdEmpty}".`, output: '' }],
    },
    {
      text: 'transactional.id=\n',
      settings: V('1.0'),
      findings: [{ message: `kafka-clients 1.0 refuses to start the producer: "${JAVA.transactionalIdEmpty}".`, output: '' }],
    },
    {
      name: 'blanks only: the client trims them away',
      text: 'acks=all\ntransactional.id =   \n',
      findings: [{ includes: JAVA.transactionalIdEmpty, line: 2, text: 'transactional.id =   ', output: 'acks=all\n' }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J6

ruleTester('idempotence-implicit-downgrade', {
  valid: [
    'acks=all\n',
    { text: 'acks=1\n', settings: V('3.0.0') },
    { text: 'acks=1\n', settings: V('2.8') },
    'enable.idempotence=false\nacks=1\n',
    { name: 'the producer does not start: transactional.id rule', text: 'transactional.id=tx\nacks=1\n', settings: V('3.9') },
    { name: '4.x refuses in-flight > 5 outright', text: `${IFL}=6\n` },
  ],
  invalid: [
    {
      text: 'acks=1\n',
      settings: V('3.9'),
      findings: [
        {
          severity: 'warning',
          consequence: 'silent-disable',
          message:
            `kafka-clients 3.9 silently disables idempotence because acks=1 (line 1) and enable.idempotence is not set: ` +
            `the producer starts non-idempotent and only logs INFO "${JAVA.acksLog(1)}" — a retried batch can be written twice, and only the partition leader acknowledges, so a leader failover can lose acknowledged records.`,
          line: 1,
          column: 6,
          text: '1',
          fixes: [
            { title: 'Set acks=all', output: 'acks=all\n' },
            {
              title: 'Set enable.idempotence=false (keep acks=1; make the downgrade explicit)',
              output: 'acks=1\nenable.idempotence=false\n',
            },
          ],
          suppress: {
            line: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=1\n',
            file: '# kafka-idempotence-disable idempotence-implicit-downgrade\nacks=1\n',
          },
        },
      ],
    },
    {
      text: 'acks=0\n',
      findings: [
        { includes: `INFO "${JAVA.acksLog(0)}"`, fixes: [{ output: 'acks=all\n' }, { output: 'acks=0\nenable.idempotence=false\n' }] },
      ],
    },
    {
      text: 'retries=0\n',
      settings: V('3.1.1'),
      findings: [
        {
          message:
            `kafka-clients 3.1.1 silently disables idempotence because retries=0 (line 1) and enable.idempotence is not set: ` +
            `the producer starts non-idempotent and only logs INFO "${JAVA.retriesLog}" — a failed batch is never retried and the record fails.`,
          fixes: [{ title: /^Remove retries=0/, output: '' }, { output: 'retries=0\nenable.idempotence=false\n' }],
        },
      ],
    },
    {
      text: `${IFL}=6\n`,
      settings: V('3.9'),
      findings: [
        {
          message:
            `kafka-clients 3.9 silently disables idempotence because ${IFL}=6 (line 1) and enable.idempotence is not set: ` +
            `the producer starts non-idempotent and only logs WARN "${JAVA.inFlightLog(6)}" — a retried batch can be written twice, and retries can reorder records within a partition (a retried batch lands after a later one). kafka-clients 4.0 and later refuse this configuration outright.`,
          fixes: [{ output: `${IFL}=5\n` }, { output: `${IFL}=6\nenable.idempotence=false\n` }],
        },
      ],
    },
    {
      name: 'suppressions join the directives already there',
      text: '# kafka-idempotence-disable acks-invalid-value -- why\n# kafka-idempotence-disable-next-line delivery-timeout-too-small\nacks=1\n',
      settings: V('3.9'),
      findings: [
        {
          ruleId: 'unused-disable-directive',
          line: 1,
          text: 'acks-invalid-value',
          output: '# kafka-idempotence-disable-next-line delivery-timeout-too-small\nacks=1\n',
        },
        {
          ruleId: 'unused-disable-directive',
          line: 2,
          text: 'delivery-timeout-too-small',
          output: '# kafka-idempotence-disable acks-invalid-value -- why\nacks=1\n',
        },
        {
          line: 3,
          fixes: [
            {
              output:
                '# kafka-idempotence-disable acks-invalid-value -- why\n# kafka-idempotence-disable-next-line delivery-timeout-too-small\nacks=all\n',
            },
            {
              output:
                '# kafka-idempotence-disable acks-invalid-value -- why\n# kafka-idempotence-disable-next-line delivery-timeout-too-small\nacks=1\nenable.idempotence=false\n',
            },
          ],
          suppress: {
            line: '# kafka-idempotence-disable acks-invalid-value -- why\n# kafka-idempotence-disable-next-line delivery-timeout-too-small, idempotence-implicit-downgrade\nacks=1\n',
            file: '# kafka-idempotence-disable acks-invalid-value, idempotence-implicit-downgrade -- why\n# kafka-idempotence-disable-next-line delivery-timeout-too-small\nacks=1\n',
          },
        },
      ],
    },
    {
      name: 'two conflicts: two findings, each fixed on its own',
      text: 'acks=1\nretries=0\n',
      settings: V('3.9'),
      findings: [
        {
          line: 1,
          includes: JAVA.acksLog(1),
          fixes: [{ output: 'acks=all\nretries=0\n' }, { output: 'acks=1\nretries=0\nenable.idempotence=false\n' }],
        },
        {
          line: 2,
          includes: JAVA.retriesLog,
          fixes: [{ output: 'acks=1\n' }, { output: 'acks=1\nretries=0\nenable.idempotence=false\n' }],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J7

ruleTester('idempotence-not-on-by-default', {
  valid: [
    'acks=all\n',
    { text: 'acks=all\n', settings: V('3.1.1') },
    { text: 'enable.idempotence=true\n', settings: V('2.8') },
    { name: 'an explicit choice', text: 'enable.idempotence=false\n', settings: V('2.8') },
    { text: 'transactional.id=tx\n', settings: V('2.8') },
    // a producer that sets nothing about delivery: no advice (it would be the file's only output)
    {
      name: 'nothing about delivery',
      fileName: 'kafka-producer.properties',
      text: 'bootstrap.servers=b:9092\nlinger.ms=5\ncompression.type=lz4\n',
      settings: V('2.8'),
    },
    { name: 'a new, empty producer.properties', text: '', settings: V('2.8') },
    { name: 'a producer.properties holding only comments', text: '# producer settings\n', settings: V('2.8') },
    {
      name: "a framework's injected acks is no intent of the user",
      fileName: 'application.properties',
      text: 'mp.messaging.outgoing.o.connector=smallrye-kafka\nmp.messaging.outgoing.o.topic=o\n',
      settings: V('2.8'),
    },
    { name: 'retries=0: the producer never retries', text: 'retries=0\n', settings: V('2.8') },
  ],
  invalid: [
    {
      text: 'acks=all\nlinger.ms=5\n',
      settings: V('2.8'),
      findings: [
        {
          severity: 'info',
          consequence: 'doc-only',
          message:
            'kafka-clients 2.8 does not make this producer idempotent: kafka-clients 2.8 defaults enable.idempotence to false. ' +
            'A retried batch can be written twice, and retries can reorder records within a partition (a retried batch lands after a later one).',
          line: 1,
          column: 1,
          text: 'acks',
          fixes: [
            { title: 'Set enable.idempotence=true', output: 'acks=all\nlinger.ms=5\nenable.idempotence=true\n' },
            {
              title: 'Set enable.idempotence=false (make the choice explicit)',
              output: 'acks=all\nlinger.ms=5\nenable.idempotence=false\n',
            },
          ],
        },
      ],
    },
    {
      name: '3.0.0: declared default never applied (KAFKA-13598); turning it on fixes acks too',
      text: 'acks=1\n',
      settings: V('3.0.0'),
      findings: [
        {
          message:
            'kafka-clients 3.0.0 does not make this producer idempotent: kafka-clients 3.0.0 declares enable.idempotence=true but never applies that default (KAFKA-13598). ' +
            'A retried batch can be written twice, and retries can reorder records within a partition (a retried batch lands after a later one).',
          fixes: [
            {
              title: 'Set enable.idempotence=true (and fix the settings that conflict with it)',
              output: 'acks=all\nenable.idempotence=true\n',
            },
            { output: 'acks=1\nenable.idempotence=false\n' },
          ],
        },
      ],
    },
    {
      name: '3.1.0: every conflict fixed in the same edit',
      text: `acks=1\n${IFL}=6\n`,
      settings: V('3.1.0'),
      findings: [
        {
          includes: 'KAFKA-13598',
          fixes: [{ output: `acks=all\n${IFL}=5\nenable.idempotence=true\n` }, { output: `acks=1\n${IFL}=6\nenable.idempotence=false\n` }],
        },
      ],
    },
    {
      name: '0.11: in-flight must become 1',
      text: `retries=3\n${IFL}=5\n`,
      settings: V('0.11.0'),
      findings: [
        {
          fixes: [
            { output: `retries=3\n${IFL}=1\nenable.idempotence=true\n` },
            { output: `retries=3\n${IFL}=5\nenable.idempotence=false\n` },
          ],
        },
      ],
    },
    {
      name: 'recognised by its file name; retries show the intent',
      fileName: 'kafka-producer.properties',
      text: 'bootstrap.servers=b:9092\nretries=5\n',
      settings: V('2.8'),
      findings: [
        {
          text: 'bootstrap.servers',
          fixes: [
            { output: 'bootstrap.servers=b:9092\nretries=5\nenable.idempotence=true\n' },
            { output: 'bootstrap.servers=b:9092\nretries=5\nenable.idempotence=false\n' },
          ],
        },
      ],
    },
    {
      name: 'delivery.timeout.ms shows the intent too',
      text: 'delivery.timeout.ms=180000\n',
      settings: V('2.8'),
      findings: [
        {
          text: 'delivery.timeout.ms',
          fixes: [
            { output: 'delivery.timeout.ms=180000\nenable.idempotence=true\n' },
            { output: 'delivery.timeout.ms=180000\nenable.idempotence=false\n' },
          ],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J8

ruleTester('delivery-timeout-too-small', {
  valid: [
    'acks=all\n',
    'delivery.timeout.ms=120000\n',
    { name: '3.9: linger.ms defaults to 0', text: 'delivery.timeout.ms=30000\nrequest.timeout.ms=30000\n', settings: V('3.9') },
    { name: 'no delivery.timeout.ms before 2.1', text: 'delivery.timeout.ms=1000\n', settings: V('2.0') },
    // the kafka-clients 2.1.1 oracle: 2.1 adds two ints, and a sum beyond 2^31-1 wraps below every delivery.timeout.ms
    { name: '2.1: linger.ms + request.timeout.ms overflows', text: 'linger.ms=2147483647\n', settings: V('2.1') },
    { text: 'request.timeout.ms=120000\n', settings: V('3.9') },
  ],
  invalid: [
    {
      // the kafka-clients 2.2.2 oracle: from 2.2 the sum is capped at 2^31-1
      name: '2.2: the sum is capped',
      text: 'linger.ms=2147483647\n',
      settings: V('2.2'),
      findings: [
        {
          severity: 'info',
          consequence: 'warns',
          includes: `WARN "${JAVA.deliveryWarn(2147483647)}"`,
          fixes: [{ output: 'linger.ms=2147483647\ndelivery.timeout.ms=2147483647\n' }],
        },
      ],
    },
    {
      text: 'delivery.timeout.ms=1000\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.deliveryThrow}" (1000 < 5 + 30000).`,
          text: '1000',
          fixes: [
            { title: 'Set delivery.timeout.ms=30005 (linger.ms + request.timeout.ms)', output: 'delivery.timeout.ms=30005\n' },
            { title: 'Remove delivery.timeout.ms (default 120000)', output: '' },
          ],
        },
      ],
    },
    {
      name: '4.x: linger.ms defaults to 5',
      text: 'delivery.timeout.ms=30000\nrequest.timeout.ms=30000\n',
      findings: [
        {
          includes: '(30000 < 5 + 30000)',
          fixes: [{ output: 'delivery.timeout.ms=30005\nrequest.timeout.ms=30000\n' }, { output: 'request.timeout.ms=30000\n' }],
        },
      ],
    },
    {
      name: 'above the default: no "remove" alternative',
      text: 'delivery.timeout.ms=1000\nrequest.timeout.ms=200000\n',
      settings: V('3.9'),
      findings: [{ line: 1, text: '1000', fixes: [{ output: 'delivery.timeout.ms=200000\nrequest.timeout.ms=200000\n' }] }],
    },
    {
      name: 'not set: the client warns and raises it',
      text: 'request.timeout.ms=130000\n',
      settings: V('3.9'),
      findings: [
        {
          severity: 'info',
          consequence: 'warns',
          message: `kafka-clients 3.9 logs WARN "${JAVA.deliveryWarn(130000)}" and raises the delivery timeout (default 120000 < 0 + 130000).`,
          text: '130000',
          fixes: [{ title: 'Set delivery.timeout.ms=130000', output: 'request.timeout.ms=130000\ndelivery.timeout.ms=130000\n' }],
        },
      ],
    },
    {
      name: 'linger.ms alone',
      text: 'linger.ms=100000\n',
      findings: [
        { includes: JAVA.deliveryWarn(130000), text: '100000', fixes: [{ output: 'linger.ms=100000\ndelivery.timeout.ms=130000\n' }] },
      ],
    },
    {
      // oracle: KafkaProducer caps linger.ms and the sum at Integer.MAX_VALUE
      name: 'a huge linger.ms: the client caps the sum at 2147483647',
      text: 'linger.ms=9223372036854775807\n',
      findings: [
        {
          includes: `WARN "${JAVA.deliveryWarn(2147483647)}"`,
          fixes: [{ output: 'linger.ms=9223372036854775807\ndelivery.timeout.ms=2147483647\n' }],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J9

ruleTester('ordering-risk-without-idempotence', {
  valid: [
    'enable.idempotence=true\n',
    `enable.idempotence=false\n${IFL}=1\n`,
    'enable.idempotence=false\nretries=0\n',
    { name: 'retries default to 0 before 2.1', text: 'enable.idempotence=false\n', settings: V('1.0') },
    { name: 'transactional.id rule instead', text: 'transactional.id=tx\nenable.idempotence=false\n' },
  ],
  invalid: [
    {
      text: 'enable.idempotence=false\n',
      findings: [
        {
          severity: 'info',
          consequence: 'doc-only',
          message: `Idempotence is off with retries=2147483647 and ${IFL}=5: retries can reorder records within a partition (a retried batch lands after a later one), and a retried batch can be written twice.`,
          line: 1,
          column: 20,
          text: 'false',
          fixes: [
            { title: 'Set enable.idempotence=true', output: 'enable.idempotence=true\n' },
            { title: `Set ${IFL}=1 (ordered, slower)`, output: `enable.idempotence=false\n${IFL}=1\n` },
          ],
        },
      ],
    },
    {
      name: 'turning idempotence on fixes acks and in-flight in the same edit',
      text: `enable.idempotence=false\nacks=1\n${IFL}=10\nretries=3\n`,
      findings: [
        {
          includes: `retries=3 and ${IFL}=10`,
          fixes: [
            {
              title: 'Set enable.idempotence=true (and acks=all / in-flight ≤ 5)',
              output: `enable.idempotence=true\nacks=all\n${IFL}=5\nretries=3\n`,
            },
            { output: `enable.idempotence=false\nacks=1\n${IFL}=1\nretries=3\n` },
          ],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J10

ruleTester('acks-invalid-value', {
  valid: [
    'acks=all\n',
    'acks=-1\n',
    'acks=0\n',
    'acks=1\n',
    'acks = all \n',
    { name: "Java's trim() strips control characters", text: 'bootstrap.servers=broker-1:9092,broker-2:9092\nacks=all\u0001\u001f\n' },
  ],
  invalid: [
    {
      text: 'acks=ALL\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.acksInvalid('ALL')}".`,
          line: 1,
          column: 6,
          endColumn: 9,
          text: 'ALL',
          fixes: [{ title: 'Set acks=all', output: 'acks=all\n' }],
        },
      ],
    },
    { text: 'acks=2\n', findings: [{ includes: JAVA.acksInvalid('2'), output: 'acks=all\n' }] },
    {
      name: "Java's trim() keeps a no-break space",
      text: 'acks=all\u00a0\n',
      findings: [{ includes: JAVA.acksInvalid('all\u00a0'), text: 'all\u00a0', output: 'acks=all\n' }],
    },
    {
      text: 'acks=\nlinger.ms=1\n',
      findings: [{ includes: JAVA.acksInvalid(''), text: '', line: 1, column: 6, output: 'acks=all\nlinger.ms=1\n' }],
    },
    {
      name: 'a key typed without separator',
      text: 'acks\nlinger.ms=1\n',
      findings: [{ includes: JAVA.acksInvalid(''), text: '', line: 1, column: 5, output: 'acks=all\nlinger.ms=1\n' }],
    },
    {
      name: 'a key typed without separator, file style kept',
      text: 'linger.ms : 1\nacks\n',
      findings: [{ line: 2, output: 'linger.ms : 1\nacks : all\n' }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J11

ruleTester('enable-idempotence-invalid-boolean', {
  valid: [
    'enable.idempotence=true\n',
    'enable.idempotence=False\n',
    'enable.idempotence= TRUE \n',
    'bootstrap.servers=broker-1:9092,broker-2:9092\nenable.idempotence=true\u0001\n',
  ],
  invalid: [
    {
      text: 'enable.idempotence=yes\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.booleanInvalid('yes')}".`,
          line: 1,
          column: 20,
          text: 'yes',
          fixes: [
            { title: 'Set enable.idempotence=true', output: 'enable.idempotence=true\n' },
            { title: 'Set enable.idempotence=false', output: 'enable.idempotence=false\n' },
          ],
        },
      ],
    },
    {
      name: 'a value that means "no" offers false first',
      text: 'enable.idempotence=off\n',
      findings: [
        {
          includes: JAVA.booleanInvalid('off'),
          fixes: [{ output: 'enable.idempotence=false\n' }, { output: 'enable.idempotence=true\n' }],
        },
      ],
    },
    {
      name: 'a trailing ideographic space is not trimmed by Java',
      text: 'enable.idempotence=true\u3000\n',
      findings: [
        {
          includes: JAVA.booleanInvalid('true\u3000'),
          fixes: [{ output: 'enable.idempotence=true\n' }, { output: 'enable.idempotence=false\n' }],
        },
      ],
    },
    {
      // oracle: kafka-clients 4.x quotes the value untrimmed (ConfigException(name, value, …) gets the raw value)
      name: 'trailing blanks are part of the quoted value',
      text: 'enable.idempotence=yes  \n',
      findings: [
        {
          includes: `"${JAVA.booleanInvalid('yes  ')}"`,
          fixes: [{ output: 'enable.idempotence=true\n' }, { output: 'enable.idempotence=false\n' }],
        },
      ],
    },
    {
      name: 'a key typed without separator',
      text: 'enable.idempotence\n',
      findings: [
        { includes: JAVA.booleanInvalid(''), fixes: [{ output: 'enable.idempotence=true\n' }, { output: 'enable.idempotence=false\n' }] },
      ],
    },
    {
      text: 'enable.idempotence=\nacks=all\n',
      findings: [
        {
          includes: JAVA.booleanInvalid(''),
          fixes: [{ output: 'enable.idempotence=true\nacks=all\n' }, { output: 'enable.idempotence=false\nacks=all\n' }],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// producer-config-invalid-value (found by the kafka-clients oracle: ConfigDef refuses these before any idempotence check)

ruleTester('producer-config-invalid-value', {
  valid: [
    'retries=0\n',
    'retries=+3\nmax.in.flight.requests.per.connection=005\n',
    'linger.ms=9223372036854775807\ndelivery.timeout.ms=2147483647\n',
    'request.timeout.ms= 0 \n',
    {
      name: 'Spring binds its dedicated retries to an Integer: +3 is 3',
      fileName: 'application.properties',
      text: 'spring.kafka.producer.retries=+3\n',
    },
    {
      name: 'a dedicated retries Boot cannot bind is spring-startup-failure',
      fileName: 'application.properties',
      text: 'spring.kafka.producer.retries=abc\n',
    },
    { name: 'zstd from 2.1 (the kafka-clients 2.1.1 oracle)', text: 'compression.type=zstd \n', settings: V('2.1') },
    { name: 'compression.type is trimmed', text: 'compression.type= lz4\n', settings: V('3.9') },
    { name: 'linger.ms is a LONG again from 2.2', text: 'linger.ms=9223372036854775807\n', settings: V('2.2') },
  ],
  invalid: [
    {
      // the kafka-clients 0.11.0.3 – 2.0.1 oracles: CompressionType.forName in the KafkaProducer constructor
      name: 'zstd before 2.1: the constructor does not know the codec',
      text: 'acks=all\ncompression.type=zstd\n',
      settings: V('2.0'),
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 2.0 refuses to start the producer: "${JAVA.unknownCompression('zstd')}". zstd compression needs kafka-clients 2.1 or later.`,
          line: 2,
          text: 'zstd',
          fixes: [
            { title: 'Set compression.type=lz4', output: 'acks=all\ncompression.type=lz4\n' },
            { title: 'Remove compression.type (default none)', output: 'acks=all\n' },
          ],
        },
      ],
    },
    {
      // the kafka-clients 2.x – 3.2 oracles: the names are case-sensitive
      name: 'a name in the wrong case, before 3.3',
      text: 'compression.type=LZ4\n',
      settings: V('2.8'),
      findings: [
        {
          message: `kafka-clients 2.8 refuses to start the producer: "${JAVA.unknownCompression('LZ4')}".`,
          fixes: [{ title: 'Set compression.type=lz4', output: 'compression.type=lz4\n' }, { output: '' }],
        },
      ],
    },
    {
      // the kafka-clients 3.3.2 – 4.4.0 oracles: ConfigDef validates the name
      name: 'from 3.3 ConfigDef refuses an unknown name',
      text: 'compression.type=LZ4 \n',
      settings: V('3.9'),
      findings: [
        {
          message: `kafka-clients 3.9 refuses to start the producer: "${JAVA.compressionInvalid('LZ4')}".`,
          fixes: [{ output: 'compression.type=lz4\n' }, { output: '' }],
        },
      ],
    },
    {
      text: 'compression.type=brotli\n',
      findings: [{ includes: JAVA.compressionInvalid('brotli'), fixes: [{ title: 'Remove compression.type (default none)', output: '' }] }],
    },
    {
      // the kafka-clients 2.1.1 oracle: linger.ms was an INT in 2.1
      name: 'linger.ms is an INT in 2.1',
      text: 'linger.ms=9223372036854775807\n',
      settings: V('2.1'),
      findings: [{ includes: JAVA.notANumber('linger.ms', '9223372036854775807', 'INT'), fixes: [{ output: '' }] }],
    },
    {
      // the Spring Boot oracle: Boot binds -1 (an Integer), and the client refuses it
      name: 'Spring: a dedicated retries Boot binds reaches the client, which refuses -1',
      fileName: 'application.properties',
      text: 'spring.kafka.producer.retries=-1\n',
      findings: [{ includes: JAVA.atLeast('retries', -1, 0), text: '-1', fixes: [{ output: '' }] }],
    },
    {
      // the Spring Boot oracle: map values go to the client as written
      name: 'Spring: a value of the properties map',
      fileName: 'application.yml',
      text: 'spring.kafka.producer.properties:\n  max.in.flight.requests.per.connection: five\n',
      findings: [
        { includes: JAVA.notANumber('max.in.flight.requests.per.connection', 'five', 'INT'), text: 'five', fixes: [{ output: '' }] },
      ],
    },
    {
      text: 'retries=-1\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          message: `kafka-clients 4.x (latest) refuses to start the producer: "${JAVA.atLeast('retries', -1, 0)}".`,
          line: 1,
          column: 9,
          text: '-1',
          fixes: [{ title: 'Remove retries (default 2147483647)', output: '' }],
        },
      ],
    },
    {
      name: 'not a number: quoted as written, trailing blanks included',
      text: 'acks=all\nretries=MAX \n',
      findings: [{ includes: `"${JAVA.notANumber('retries', 'MAX ', 'INT')}"`, fixes: [{ output: 'acks=all\n' }] }],
    },
    {
      name: 'an INT beyond 2^31-1 does not parse',
      text: 'delivery.timeout.ms=2147483648\n',
      findings: [{ includes: JAVA.notANumber('delivery.timeout.ms', '2147483648', 'INT'), fixes: [{ output: '' }] }],
    },
    {
      name: 'linger.ms is a LONG; the parsed number is quoted',
      text: 'linger.ms=1.5\nmax.in.flight.requests.per.connection=-01\n',
      findings: [
        { includes: JAVA.notANumber('linger.ms', '1.5', 'LONG'), fixes: [{ output: 'max.in.flight.requests.per.connection=-01\n' }] },
        { includes: JAVA.atLeast('max.in.flight.requests.per.connection', -1, 1), fixes: [{ output: 'linger.ms=1.5\n' }] },
      ],
    },
    {
      text: 'max.in.flight.requests.per.connection=0\n',
      findings: [
        {
          includes: `${JAVA.atLeast('max.in.flight.requests.per.connection', 0, 1)}`,
          fixes: [{ title: 'Remove max.in.flight.requests.per.connection (default 5)', output: '' }],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J12

ruleTester('unknown-idempotence-key', {
  valid: [
    'enable.idempotence=true\n',
    'acks=all\nbootstrap.servers=b:9092\nssl.truststore.location=/x\nsasl.mechanism=PLAIN\n',
    `${IFL}=5\n`,
  ],
  invalid: [
    {
      text: 'enable.idempotency=true\n',
      findings: [
        {
          severity: 'warning',
          consequence: 'ignored',
          message: `kafka-clients 4.x (latest) ignores 'enable.idempotency': it is not a producer config, the client only logs INFO "${JAVA.unknownKeyFrom33('enable.idempotency')}" Did you mean 'enable.idempotence'?`,
          line: 1,
          column: 1,
          endColumn: 19,
          text: 'enable.idempotency',
          fixes: [{ title: 'Rename to enable.idempotence', output: 'enable.idempotence=true\n' }],
        },
      ],
    },
    {
      name: 'up to 3.2 the client logs a WARN',
      text: 'enable.idempotency=true\n',
      settings: V('3.2'),
      findings: [{ includes: `WARN "${JAVA.unknownKeyUpTo32('enable.idempotency')}"`, output: 'enable.idempotence=true\n' }],
    },
    {
      name: 'the right key is set too: remove the misspelt one',
      text: `max.inflight.requests.per.connection=5\n${IFL}=5\n`,
      findings: [
        {
          text: 'max.inflight.requests.per.connection',
          fixes: [{ title: `Remove max.inflight.requests.per.connection (${IFL} is already set)`, output: `${IFL}=5\n` }],
        },
      ],
    },
    { text: 'Acks=all\n', findings: [{ includes: "Did you mean 'acks'?", output: 'acks=all\n' }] },
    {
      text: 'ENABLE_IDEMPOTENCE=true\n',
      findings: [{ includes: "Did you mean 'enable.idempotence'?", output: 'enable.idempotence=true\n' }],
    },
    {
      name: 'an escaped key cannot be renamed safely: no fix',
      text: 'enable\\.idempotency=true\n',
      findings: [{ text: 'enable\\.idempotency', output: null }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J15

ruleTester('retries-finite-with-idempotence', {
  valid: [
    'retries=2147483647\n',
    'enable.idempotence=false\nretries=3\n',
    { text: 'retries=3\n', settings: V('2.8') },
    { name: 'the producer does not start', text: 'enable.idempotence=true\nretries=0\n' },
    {
      name: 'kafka-clients 0.10 has no idempotent producer: enable.idempotence is not one of its configs',
      text: 'enable.idempotence=true\nretries=3\n',
      settings: V('0.10.1.1'),
    },
    { name: 'silently disabled on 3.9: idempotence is not on', text: 'acks=1\nretries=3\n', settings: V('3.9') },
    { name: 'not on by default on 3.0.0 (KAFKA-13598)', text: 'retries=3\n', settings: V('3.0.0') },
  ],
  invalid: [
    {
      text: 'retries=3\n',
      findings: [
        {
          severity: 'info',
          consequence: 'doc-only',
          message:
            'retries=3 with idempotence on: the producer gives up after 3 retries although delivery.timeout.ms is meant to bound retrying; the client documents that idempotent producers should leave retries unset (2147483647).',
          text: '3',
          fixes: [{ title: 'Remove retries (bound delivery with delivery.timeout.ms)', output: '' }],
        },
      ],
    },
    {
      name: 'transactional.id turns it on in 2.8',
      text: 'transactional.id=tx\nretries=10\n',
      settings: V('2.8'),
      findings: [{ line: 2, output: 'transactional.id=tx\n' }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// R-J16

ruleTester('max-in-flight-1-with-idempotence', {
  valid: [
    `${IFL}=5\n`,
    `enable.idempotence=false\n${IFL}=1\n`,
    { name: '0.11 requires exactly 1', text: `enable.idempotence=true\n${IFL}=1\n`, settings: V('0.11.0') },
    { text: `${IFL}=1\n`, settings: V('2.8') },
  ],
  invalid: [
    {
      text: `${IFL}=1\n`,
      findings: [
        {
          severity: 'info',
          consequence: 'doc-only',
          message: `${IFL}=1 with idempotence on: the idempotent producer keeps per-partition order for any value up to 5, so 1 only costs throughput.`,
          column: 39,
          text: '1',
          fixes: [{ title: `Remove ${IFL} (default 5)`, output: '' }],
        },
      ],
    },
    { text: `enable.idempotence=true\n${IFL}=1\n`, settings: V('2.8'), findings: [{ line: 2, output: 'enable.idempotence=true\n' }] },
  ],
});

// ---------------------------------------------------------------------------------------------
// Directives

ruleTester('unused-disable-directive', {
  valid: [
    { text: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=1\n', settings: V('3.9') },
    { text: '# kafka-idempotence-disable idempotence-implicit-downgrade -- low latency on purpose\nacks=1\n', settings: V('3.9') },
    { text: '! kafka-idempotence-disable-next-line\nacks=1\n', settings: V('3.9') },
  ],
  invalid: [
    {
      text: '# kafka-idempotence-disable-next-line idempotence-acks-conflict\nacks=all\n',
      findings: [
        {
          severity: 'warning',
          message:
            "Unused kafka-idempotence-disable-next-line directive: no 'idempotence-acks-conflict' problem was reported on that line.",
          line: 1,
          column: 39,
          text: 'idempotence-acks-conflict',
          fixes: [{ title: 'Remove the unused directive', output: 'acks=all\n' }],
          suppress: null,
        },
      ],
    },
    {
      text: '# kafka-idempotence-disable no-such-rule\nacks=all\n',
      findings: [
        { message: "Unknown rule 'no-such-rule' in a kafka-idempotence-disable directive.", text: 'no-such-rule', output: 'acks=all\n' },
      ],
    },
    {
      name: 'one id of two is unused',
      text: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade, acks-invalid-value -- why\nacks=1\n',
      settings: V('3.9'),
      findings: [
        {
          text: 'acks-invalid-value',
          fixes: [
            {
              title: "Remove 'acks-invalid-value' from the directive",
              output: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade -- why\nacks=1\n',
            },
          ],
        },
      ],
    },
    {
      name: 'the first id of two is unused',
      text: '# kafka-idempotence-disable-next-line acks-invalid-value, idempotence-implicit-downgrade\nacks=1\n',
      settings: V('3.9'),
      findings: [{ text: 'acks-invalid-value', output: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=1\n' }],
    },
    {
      name: 'a directive for every rule that covers nothing',
      text: 'acks=all\n# kafka-idempotence-disable-next-line\nlinger.ms=5\n',
      findings: [
        {
          message: 'Unused kafka-idempotence-disable-next-line directive: no problem was reported on that line.',
          line: 2,
          text: '# kafka-idempotence-disable-next-line',
          output: 'acks=all\nlinger.ms=5\n',
        },
      ],
    },
    {
      // fuzz counterexample: removing one '#' left the other; a repeated id is one finding, at its first place
      name: 'a repeated unknown id: one finding, and its fix removes every occurrence',
      text: '# kafka-idempotence-disable # x # -- why\nacks=all\n',
      findings: [
        {
          message: "Unknown rule '#' in a kafka-idempotence-disable directive (listed 2 times).",
          line: 1,
          column: 29,
          text: '#',
          output: '# kafka-idempotence-disable x -- why\nacks=all\n',
        },
        {
          message: "Unknown rule 'x' in a kafka-idempotence-disable directive.",
          text: 'x',
          output: '# kafka-idempotence-disable # # -- why\nacks=all\n',
        },
      ],
    },
    {
      name: 'a list of one repeated unknown id: the whole directive goes, never a bare directive that disables everything',
      text: 'acks=1\n# kafka-idempotence-disable nope, nope\nlinger.ms=5\n',
      settings: V('2.8'),
      findings: [{ text: 'nope', column: 29, fixes: [{ title: 'Remove the unused directive', output: 'acks=1\nlinger.ms=5\n' }] }],
    },
    {
      name: 'a known id listed twice that suppresses nothing: one finding, every occurrence removed',
      text: '# kafka-idempotence-disable-next-line acks-invalid-value, idempotence-implicit-downgrade, acks-invalid-value\nacks=1\n',
      settings: V('3.9'),
      findings: [
        {
          text: 'acks-invalid-value',
          column: 39,
          output: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=1\n',
        },
      ],
    },
    {
      name: 'more than ten unknown ids: one finding for them all, whose fix removes them all',
      text: `# kafka-idempotence-disable ${Array.from({ length: 13 }, (_, i) => `u${i}`).join(' ')} idempotence-implicit-downgrade\nacks=1\n`,
      settings: V('3.9'),
      findings: [
        {
          message: "13 unknown rules in a kafka-idempotence-disable directive: 'u0', 'u1', 'u2', ….",
          text: 'u0',
          fixes: [
            {
              title: 'Remove the 13 unknown rules from the directive',
              output: '# kafka-idempotence-disable idempotence-implicit-downgrade\nacks=1\n',
            },
          ],
        },
      ],
    },
    {
      // fuzz counterexample: java.util.Properties reads a byte-order mark as part of the first line, so removing that
      // line would make the next one the mark's (`\uFEFF# … \u` is a key with a malformed escape): the mark keeps its line
      name: 'the first line after a byte-order mark: its terminator stays',
      text: '\ufeff# kafka-idempotence-disable\r# kafka-idempotence-disable-next-line -- \\u\racks=all\r',
      findings: [
        { line: 1, text: '# kafka-idempotence-disable', output: '\ufeff\r# kafka-idempotence-disable-next-line -- \\u\racks=all\r' },
        { line: 2, output: '\ufeff# kafka-idempotence-disable\racks=all\r' },
      ],
    },
    {
      name: 'a directive for the wrong version',
      text: '# kafka-idempotence-disable-next-line idempotence-implicit-downgrade\nacks=1\n',
      settings: V('2.8'),
      findings: [{ text: 'idempotence-implicit-downgrade', output: 'acks=1\n' }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Producer detection (server/src/service/detect/evidence.ts)

describe('which .properties files are producer configs', () => {
  const lint = (fileName: string, text: string, version = 'latest', extra = {}) =>
    service.lint({ fileName, text }, settingsWith({ kafkaClientsVersion: version, ...extra }));
  const VERSIONS = ['0.11.0', '2.8', '3.0.0', '3.9', 'latest'];

  test('consumer-only and admin-only files stay clean in every version', () => {
    const files: Array<[string, string]> = [
      ['consumer.properties', 'bootstrap.servers=localhost:9092\ngroup.id=test-consumer-group\n#auto.offset.reset=\n'],
      [
        'consumer.properties',
        'bootstrap.servers=b:9092\ngroup.id=g\nenable.auto.commit=false\nisolation.level=read_committed\nretries=0\n',
      ],
      [
        'application.properties',
        'group.id=g\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nvalue.deserializer=x\nmax.poll.records=10\n',
      ],
      [
        'admin.properties',
        'bootstrap.servers=b:9092\nrequest.timeout.ms=1000\nretries=0\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n',
      ],
      ['client.properties', 'bootstrap.servers=b:9092\ndefault.api.timeout.ms=5000\nretries=0\n'],
      ['app.properties', 'linger.ms=5\n'],
      ['app.properties', 'key.serializer=s\ngroup.id=g\nauto.offset.reset=earliest\n'],
      ['consumer.properties', 'acks=1\ngroup.id=g\nauto.offset.reset=earliest\n'],
      ['producer-consumer.properties', 'bootstrap.servers=b:9092\nretries=0\n'],
    ];
    for (const [name, text] of files) {
      for (const v of VERSIONS) {
        const r = lint(name, text, v);
        assert.deepEqual(
          r.blocks.map((b) => b.name),
          [],
          `${name} @${v} was taken for a producer:\n${text}`,
        );
        assert.deepEqual(
          r.findings.map((f) => f.ruleId),
          [],
          `${name} @${v}`,
        );
      }
    }
  });

  test('file name evidence: producer in the name, unless it also says consumer or admin', () => {
    for (const name of [
      'producer.properties',
      'kafka-producer.properties',
      'config/Producer.PROPERTIES',
      'C:\\kafka\\config\\my_producer.properties',
    ]) {
      const r = lint(name, 'bootstrap.servers=b:9092\nretries=0\n', '3.9');
      assert.equal(r.blocks.length, 1, name);
      assert.match(r.blocks[0].evidence, /file name/, name);
      assert.deepEqual(
        r.findings.map((f) => f.ruleId),
        ['idempotence-implicit-downgrade'],
        name,
      );
    }
    for (const name of ['producer-admin.properties', 'consumer-producer.properties']) {
      assert.equal(lint(name, 'bootstrap.servers=b:9092\nretries=0\n').blocks.length, 0, name);
    }
  });

  test('key evidence: one idempotence key, or two producer-only keys, outnumbering consumer keys', () => {
    const producer = (text: string) => lint('app.properties', text).blocks.length === 1;
    assert.ok(producer('acks=1\n'));
    assert.ok(producer('enable.idempotence=false\n'));
    assert.ok(producer('transactional.id=tx\n'));
    assert.ok(producer(`${IFL}=5\n`));
    assert.ok(producer('linger.ms=5\nbatch.size=16384\n'));
    assert.ok(producer('key.serializer=a\nvalue.serializer=b\ngroup.id=g\n'));
    assert.ok(producer('acks=all\ngroup.id=g\n'), 'one producer-only key against one consumer key');
    assert.ok(!producer('retries=0\nbootstrap.servers=b:9092\nrequest.timeout.ms=1000\n'), 'shared keys are no evidence');
    assert.ok(!producer('linger.ms=5\nbatch.size=1\ngroup.id=g\nauto.offset.reset=earliest\n'));
    const r = lint('app.properties', 'linger.ms=5\nbatch.size=16384\n');
    assert.match(r.blocks[0].evidence, /producer-only keys `linger\.ms`, `batch\.size`/);
  });

  test('one file for a consumer and a producer: an idempotence key makes it a producer config whatever else it sets; consumer-only and admin files stay clean', () => {
    const shared =
      'bootstrap.servers=b:443\ngroup.id=g\nauto.offset.reset=earliest\nenable.auto.commit=false\nkey.deserializer=d\nvalue.deserializer=d\nacks=1\nkey.serializer=s\nvalue.serializer=s\n';
    const r = lint('kafka.properties', shared, 'latest');
    assert.equal(r.blocks.length, 1);
    assert.match(r.blocks[0].evidence, /it sets `acks`, which only a producer reads \(the 5 consumer keys here: the producer ignores them/);
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId}@${f.span.start}`),
      [`idempotence-implicit-downgrade@${shared.indexOf('acks=1') + 5}`],
    );
    // other idempotence keys likewise
    assert.equal(
      lint('app.properties', 'group.id=g\nauto.offset.reset=earliest\nenable.auto.commit=false\nenable.idempotence=false\n').blocks.length,
      1,
    );
    // a consumer file without a producer's idempotence key: not a producer (serializers alone do not outweigh the consumer keys)
    const consumer =
      'bootstrap.servers=b\ngroup.id=g\nauto.offset.reset=earliest\nenable.auto.commit=false\nkey.deserializer=d\nvalue.deserializer=d\nkey.serializer=s\nvalue.serializer=s\nretries=0\n';
    assert.equal(lint('kafka.properties', consumer).blocks.length, 0);
    assert.equal(lint('consumer.properties', 'group.id=g\nisolation.level=read_committed\nmax.poll.records=10\n').blocks.length, 0);
    // a file whose name says consumer or admin keeps the old rule, even with acks in it
    assert.equal(
      lint('consumer.properties', 'group.id=g\nenable.auto.commit=false\nauto.offset.reset=earliest\nacks=1\n').blocks.length,
      0,
    );
    assert.equal(
      lint('kafka-admin.properties', 'bootstrap.servers=b\nrequest.timeout.ms=5000\nretries=3\nsecurity.protocol=SSL\n').blocks.length,
      0,
    );
    assert.equal(lint('admin-client.properties', 'bootstrap.servers=b\ngroup.id=g\nauto.offset.reset=earliest\nacks=1\n').blocks.length, 0);
  });

  test('a kafka-idempotence-client marker or the client setting forces the Java client', () => {
    const text = 'bootstrap.servers=b:9092\nretries=0\n';
    assert.equal(lint('app.properties', text).blocks.length, 0);
    const marked = lint('app.properties', `# kafka-idempotence-client: java\n${text}`, '3.9');
    assert.equal(marked.blocks.length, 1);
    assert.deepEqual(
      marked.findings.map((f) => f.ruleId),
      ['idempotence-implicit-downgrade'],
    );
    assert.equal(lint('app.properties', text, '3.9', { client: 'java' }).blocks.length, 1);
    const rdk = lint('producer.properties', `# kafka-idempotence-client: librdkafka\nacks=1\n`);
    assert.ok(
      rdk.blocks.every((b) => b.client === 'librdkafka'),
      'left to the librdkafka dialect',
    );
  });
});

describe('kafka-clients before 0.11: no idempotent producer, nothing said about idempotence', () => {
  const lint = (text: string, v: string) =>
    service.lint({ fileName: 'producer.properties', text }, settingsWith({ kafkaClientsVersion: v }));
  test('no idempotence rule fires, whatever the configuration says', () => {
    for (const v of ['0.10.1.1', '0.10.2.2', '0.9.0.1']) {
      for (const text of [
        'enable.idempotence=true\nacks=1\nretries=0\nmax.in.flight.requests.per.connection=10\n',
        'transactional.id=tx\nacks=1\n',
        'enable.idempotence=false\nretries=5\n',
        'acks=1\nretries=3\nmax.in.flight.requests.per.connection=1\n',
        'enable.idempotency=true\ntransaction.id=x\ndelivery.time.out=5\n',
        'enable.idempotence=yes\n',
      ]) {
        const r = lint(text, v);
        assert.deepEqual(
          r.findings.map((f) => f.ruleId),
          [],
          `${v}: ${text}`,
        );
        assert.equal(r.blocks.length, 1);
      }
    }
  });
  test('the verdict: nothing requested, idempotence off, the client starts', () => {
    const r = lint('enable.idempotence=true\ntransactional.id=tx\nacks=1\n', '0.10.1.1');
    const v = service.evaluateJava(r.blocks[0], service.parseVersion('0.10.1.1')!);
    assert.equal(v.explicit, false);
    assert.equal(v.requested, false);
    assert.deepEqual(v.conflicts, []);
    assert.equal(v.transactionFailure, undefined);
    assert.equal(v.summary, 'off: kafka-clients 0.10.1.1 has no idempotent producer (it came with 0.11)');
    const e = service.effectiveJavaConfig(r.blocks[0], service.parseVersion('0.10.1.1')!);
    assert.equal(e.outcome, 'non-idempotent');
    assert.equal(e.enableIdempotence, false);
  });
});
