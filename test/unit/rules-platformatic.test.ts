/**
 * RuleTester tables of the @platformatic/kafka rules. What the client does is read from its source
 * (server/src/service/clients/platformatic/verdict.ts) and checked against the installed package in
 * platformatic-agreement.test.ts.
 */
import { ruleTester } from '../support/ruleTester';

const IMPORT = "import { Producer } from '@platformatic/kafka';\n";
const MSG = "[{ topic: 't', value: 'v' }]";
const file = (body: string) => ({ fileName: 'publisher.ts', text: IMPORT + body });
const IDEM = "const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: true });\n";

ruleTester('platformatic-idempotent-acks', {
  valid: [
    {
      name: 'acks -1 on an idempotent producer',
      ...file(`${IDEM}export const go = () => producer.send({ messages: ${MSG}, acks: -1 });\n`),
    },
    { name: 'no acks: the client sends with -1', ...file(`${IDEM}export const go = () => producer.send({ messages: ${MSG} });\n`) },
    {
      name: 'a non-idempotent producer takes acks 1',
      ...file(
        `const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'] });\nexport const go = () => producer.send({ messages: ${MSG}, acks: 1 });\n`,
      ),
    },
    {
      name: 'a per-send idempotent: false turns the check off',
      ...file(`${IDEM}export const go = () => producer.send({ messages: ${MSG}, idempotent: false, acks: 0 });\n`),
    },
    {
      name: 'a per-send idempotent: null falls back to the producer (not idempotent)',
      ...file(
        `const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: 0 });\nexport const go = () => producer.send({ messages: ${MSG}, idempotent: null, acks: 1 });\n`,
      ),
    },
    {
      name: 'a bare environment variable: unknown',
      ...file(`${IDEM}export const go = () => producer.send({ messages: ${MSG}, acks: Number(process.env.ACKS) });\n`),
    },
    {
      name: 'a Producer from another module',
      fileName: 'publisher.ts',
      text: `import { Producer } from './local';\nimport { Kafka } from 'kafkajs';\nconst producer = new Producer({ idempotent: true });\nexport const go = () => producer.send({ messages: [], acks: 1 });\n`,
    },
  ],
  invalid: [
    {
      name: 'acks 1 on an idempotent producer',
      ...file(`${IDEM}export const go = () => producer.send({ messages: ${MSG}, acks: 1 });\n`),
      findings: [
        {
          line: 3,
          text: '1',
          message:
            '@platformatic/kafka fails this send(): "Idempotent producer requires acks to be ALL (-1)." — the producer is idempotent (idempotent: true, line 2), and acks must be exactly the number -1, not 1.',
          fixes: [
            { title: 'Set acks: -1', output: `${IMPORT}${IDEM}export const go = () => producer.send({ messages: ${MSG}, acks: -1 });\n` },
            { title: /^Remove acks/, output: `${IMPORT}${IDEM}export const go = () => producer.send({ messages: ${MSG} });\n` },
          ],
        },
      ],
    },
    {
      name: "a string 'all' through require(), with an env default",
      fileName: 'publisher.js',
      text: `const { Producer } = require('@platformatic/kafka');\n${IDEM}async function go() { await producer.send({ messages: ${MSG}, acks: process.env.ACKS ?? 'all' }); }\nmodule.exports = { go };\n`,
      findings: [
        {
          line: 3,
          includes: "not 'all'; the client compares with `acks !== -1`, so only the number -1 passes (unless ACKS is set",
          fixes: [
            {
              title: 'Set acks: -1',
              output: `const { Producer } = require('@platformatic/kafka');\n${IDEM}async function go() { await producer.send({ messages: ${MSG}, acks: -1 }); }\nmodule.exports = { go };\n`,
            },
            {
              title: /^Remove acks/,
              output: `const { Producer } = require('@platformatic/kafka');\n${IDEM}async function go() { await producer.send({ messages: ${MSG} }); }\nmodule.exports = { go };\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a per-send idempotent: true on a plain producer',
      ...file(
        `const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'] });\nexport const go = () => producer.send({ messages: ${MSG}, idempotent: true, acks: 0 });\n`,
      ),
      findings: [
        {
          line: 3,
          includes: 'this send sets idempotent: true',
          fixes: [
            {
              title: 'Set acks: -1',
              output: `${IMPORT}const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'] });\nexport const go = () => producer.send({ messages: ${MSG}, idempotent: true, acks: -1 });\n`,
            },
            {
              title: /^Remove acks/,
              output: `${IMPORT}const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'] });\nexport const go = () => producer.send({ messages: ${MSG}, idempotent: true });\n`,
            },
          ],
        },
      ],
    },
  ],
});

const PLAIN = "const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], acks: -1 });\n";
ruleTester('platformatic-producer-acks-ignored', {
  valid: [
    {
      name: 'acks 1: what the sends get anyway',
      ...file(`const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], acks: 1 });\n`),
    },
    {
      name: 'an idempotent producer: the client replaces acks with -1',
      ...file(`const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: true, acks: 0 });\n`),
    },
    {
      name: 'idempotence not known statically',
      ...file(
        `export function make(idempotent: boolean) {\n  return new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent, acks: -1 });\n}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'acks -1 on a plain producer, a send without acks',
      ...file(`${PLAIN}export const go = () => producer.send({ messages: ${MSG} });\n`),
      findings: [
        {
          line: 2,
          text: 'acks',
          message:
            '@platformatic/kafka never reads acks from new Producer({...}): send() defaults it with `acks ??= idempotent ? -1 : 1`, so the send() on line 3, which sets no acks, waits for the leader only (acks 1), not -1. Set acks in each send() (or make the producer idempotent, which sends with -1).',
          fixes: [
            {
              title: /^Remove acks/,
              output: `${IMPORT}const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'] });\nexport const go = () => producer.send({ messages: ${MSG} });\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'idempotence off unless an environment variable is set',
      ...file(
        `const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: process.env.IDEM === 'true', acks: -1 });\n`,
      ),
      findings: [
        {
          line: 2,
          includes:
            'every send() without its own acks waits for the leader only (acks 1), not -1 — the producer is not idempotent unless IDEM is set.',
          fixes: [
            {
              title: /^Remove acks/,
              output: `${IMPORT}const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: process.env.IDEM === 'true' });\n`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester('platformatic-transaction-not-idempotent', {
  valid: [
    { name: 'an idempotent producer', ...file(`${IDEM}export const go = () => producer.beginTransaction();\n`) },
    {
      name: 'idempotence not known statically',
      ...file(
        `export async function go(idempotent: boolean) {\n  const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent });\n  await producer.beginTransaction();\n}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'a producer without idempotent',
      ...file(
        `const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], transactionalId: 'tx' });\nexport const go = () => producer.beginTransaction();\n`,
      ),
      findings: [
        {
          line: 3,
          text: 'producer.beginTransaction()',
          message:
            '@platformatic/kafka fails beginTransaction(): "Cannot begin a transaction on a non-idempotent producer." — new Producer({...}) does not set idempotent; only the constructor\'s idempotent counts here.',
          fixes: [
            {
              title: /^Set idempotent: true/,
              output: `${IMPORT}const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], transactionalId: 'tx', idempotent: true });\nexport const go = () => producer.beginTransaction();\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'idempotent: false, in a class field',
      ...file(
        `export class Outbox {\n  private producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: false });\n  async flush() {\n    const tx = await this.producer.beginTransaction();\n    return tx;\n  }\n}\n`,
      ),
      findings: [
        {
          line: 5,
          includes: 'new Producer({...}) has idempotent: false (line 3)',
          fixes: [
            {
              title: /^Set idempotent: true/,
              output: `${IMPORT}export class Outbox {\n  private producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: true });\n  async flush() {\n    const tx = await this.producer.beginTransaction();\n    return tx;\n  }\n}\n`,
            },
          ],
        },
      ],
    },
  ],
});

const withRetries = (r: string, idem = 'true') =>
  `const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: ${idem}, retries: ${r} });\n`;
ruleTester('platformatic-idempotent-retries-limited', {
  valid: [
    {
      name: 'no retries: Number.MAX_SAFE_INTEGER',
      ...file(`const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: true });\n`),
    },
    { name: 'retries 0 and 1 are raised to Number.MAX_SAFE_INTEGER', ...file(withRetries('1')) },
    { name: 'retries: true is Infinity', ...file(withRetries('true')) },
    { name: 'a non-idempotent producer', ...file(withRetries('2', 'false')) },
    {
      name: 'retries not known statically',
      ...file(
        `export const make = (retries: number) => new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: true, retries });\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'retries 2 is kept',
      ...file(withRetries('2')),
      findings: [
        {
          line: 2,
          text: '2',
          message:
            "@platformatic/kafka keeps retries 2 for this idempotent producer — it raises only undefined, 0 and 1 to Number.MAX_SAFE_INTEGER — so each produce request gets at most 2 retries; then send() fails, and the application's own re-send is a new write that the broker does not de-duplicate.",
          fixes: [
            {
              title: /^Remove retries/,
              output: `${IMPORT}const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: true });\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'retries: false is 0, from the environment',
      ...file(withRetries("process.env.RETRY === 'yes'")),
      findings: [
        {
          line: 2,
          includes: 'each produce request gets no retries (the client turns false into 0)',
          fixes: [
            {
              title: /^Remove retries/,
              output: `${IMPORT}const producer = new Producer({ clientId: 'c', bootstrapBrokers: ['b:9092'], idempotent: true });\n`,
            },
          ],
        },
      ],
    },
  ],
});
