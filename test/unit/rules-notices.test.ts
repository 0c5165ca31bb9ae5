/**
 * RuleTester tables of the notices (a file not read or judged fully: file-not-linted, file-partly-linted,
 * internal-error, build-file-unreadable) and of the two rules about a file the runtime refuses before any
 * producer exists (properties-malformed-unicode-escape, spring-startup-failure). A notice sits at the
 * start of the file, offers no fix and cannot be suppressed by a line (its severity is set like a rule's);
 * hostile.test.ts and resilience.test.ts drive the notices with many more inputs.
 */
import { ruleTester } from '../support/ruleTester';
import { dedent, service } from '../support';

const NOTICE = { line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning' as const, output: null, suppress: null };
const SPRING_ACKS1 = 'spring:\n  kafka:\n    producer:\n      acks: 1\n';

ruleTester('file-not-linted', {
  valid: ['enable.idempotence=true\nacks=all\n', { text: 'acks=all\n', settings: { maxFileSize: 9 } }],
  invalid: [
    {
      name: 'above the size limit',
      text: 'acks=1\n',
      settings: { maxFileSize: 3 },
      findings: [
        {
          ...NOTICE,
          message:
            'Not linted: 7 characters is above the size limit of 3 characters (kafkaIdempotence.maxFileSize, --max-file-size), so nothing in it was judged.',
        },
      ],
    },
    {
      name: 'binary content',
      text: 'acks=1\u0000\n',
      findings: [
        { ...NOTICE, message: 'Not linted: the file looks binary (NUL bytes or control characters), so nothing in it was judged.' },
      ],
    },
    {
      name: "its severity is set like a rule's",
      text: 'acks=1\n',
      settings: { maxFileSize: 3, rules: { 'file-not-linted': 'error' } },
      findings: [{ ...NOTICE, severity: 'error', message: /^Not linted: 7 characters is above the size limit/ }],
    },
  ],
});

const DEEP = `---\ndata: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;

ruleTester('file-partly-linted', {
  valid: [{ fileName: 'application.yml', text: `${SPRING_ACKS1}---\ndata: [[[1]]]\n` }],
  invalid: [
    {
      name: 'a YAML document nested deeper than the parser can go: the other documents are still judged',
      fileName: 'application.yml',
      text: SPRING_ACKS1 + DEEP,
      findings: [
        {
          ...NOTICE,
          message:
            'Partly linted: a YAML document nests too deeply (or is too large) for the parser at line 6 (it nests more than 500 levels deep), so that document was not read. Findings in what was not read may be missing.',
        },
        {
          ruleId: 'idempotence-implicit-downgrade',
          line: 4,
          column: 13,
          fixes: [
            { title: 'Set acks=all', output: SPRING_ACKS1.replace('acks: 1', 'acks: all') + DEEP },
            {
              title: /^Set enable\.idempotence=false/,
              output:
                dedent`
                  spring:
                    kafka:
                      producer:
                        acks: 1
                        properties:
                          enable.idempotence: false
                ` + DEEP,
            },
          ],
        },
      ],
    },
  ],
});

/** A rule that fails on a Java block whose acks is 1 (a bug, for the tester: internal-error must say so). */
const failing = service.defineRule(
  { id: 'test-fails-on-acks-1', description: 'fails', headline: 'fails', defaultSeverity: 'error', fixable: false, clients: ['java'] },
  (ctx) => {
    if (ctx.block.values.get('acks')?.value === '1') throw new Error('kaboom');
  },
);

ruleTester(
  'internal-error',
  {
    valid: ['enable.idempotence=true\nacks=all\n'],
    invalid: [
      {
        text: 'enable.idempotence=true\nacks=1\n',
        failures: [/test-fails-on-acks-1[^]*kaboom/],
        findings: [
          { ...NOTICE, message: /^Internal error: rule test-fails-on-acks-1 \(Error: kaboom\) failed on this file/ },
          // the other rules still report
          {
            ruleId: 'idempotence-acks-conflict',
            line: 2,
            column: 6,
            fixes: [{ output: 'enable.idempotence=true\nacks=all\n' }, { output: 'enable.idempotence=false\nacks=1\n' }],
          },
        ],
      },
    ],
  },
  { rules: [failing, ...service.ALL_RULES] },
);

ruleTester('build-file-unreadable', {
  valid: [
    { name: 'every build file was read', text: 'enable.idempotence=true\nacks=all\n' },
    {
      name: 'not a Java producer: the kafka-clients version does not matter',
      fileName: 'kcat.properties',
      text: '# kafka-idempotence-client: librdkafka\nenable.idempotence=true\n',
      settings: { buildFilesUnread: ['/p/pom.xml (permission denied)'] },
    },
  ],
  invalid: [
    {
      text: 'enable.idempotence=true\nacks=all\n',
      settings: { buildFilesUnread: ['/p/pom.xml (permission denied)', '/p/build.gradle (EIO)'] },
      findings: [
        {
          ...NOTICE,
          message:
            'Could not read the build files /p/pom.xml (permission denied), /p/build.gradle (EIO): the kafka-clients version they may declare is unknown, so this file was judged for kafka-clients 4.x (latest).',
        },
      ],
    },
  ],
});

ruleTester('properties-malformed-unicode-escape', {
  valid: ['name=\\u0041\nacks=all\nenable.idempotence=true\n'],
  invalid: [
    {
      text: 'acks=all\nenable.idempotence=true\nname=\\uXYZ1\n',
      findings: [
        {
          severity: 'error',
          line: 3,
          column: 6,
          text: '\\uXYZ1',
          message: 'java.util.Properties.load throws IllegalArgumentException: Malformed \\uxxxx encoding.',
          // which character was meant is the author's to say: no fix
          output: null,
          suppress: {
            line: 'acks=all\nenable.idempotence=true\n# kafka-idempotence-disable-next-line properties-malformed-unicode-escape\nname=\\uXYZ1\n',
          },
        },
      ],
    },
  ],
});

ruleTester('spring-startup-failure', {
  valid: [
    { fileName: 'application.properties', text: 'spring.kafka.producer.acks=all\nspring.kafka.producer.retries=10\n' },
    {
      name: 'white space removed and a sign: Boot binds the Integer',
      fileName: 'application.properties',
      text: 'spring.kafka.producer.acks=all\nspring.kafka.producer.retries= 1 0\n',
    },
    {
      fileName: 'application.yml',
      text: 'spring:\n  config:\n    activate:\n      on-profile: dev\n  kafka:\n    producer:\n      acks: all\n',
    },
  ],
  invalid: [
    {
      name: 'a dedicated retries Boot cannot bind to an Integer',
      fileName: 'application.properties',
      text: 'spring.kafka.producer.acks=all\nspring.kafka.producer.retries=1.5\n',
      findings: [
        {
          severity: 'error',
          consequence: 'throws',
          line: 2,
          column: 31,
          text: '1.5',
          message:
            'Spring Boot refuses to start the application: "Failed to bind properties under \'spring.kafka.producer.retries\' to java.lang.Integer" ("1.5" is not an Integer), before any producer is created.',
          output: null,
          suppress: {
            line: 'spring.kafka.producer.acks=all\n# kafka-idempotence-disable-next-line spring-startup-failure\nspring.kafka.producer.retries=1.5\n',
          },
        },
      ],
    },
    {
      name: 'YAML: beyond an Integer',
      fileName: 'application.yml',
      text: 'spring.kafka.producer:\n  acks: all\n  retries: "2147483648"\n',
      findings: [{ line: 3, column: 12, text: '"2147483648"', includes: '("2147483648" is not an Integer)' }],
    },
    {
      name: 'the legacy spring.profiles (Boot 2.4 and later)',
      fileName: 'application.yml',
      text: 'spring:\n  profiles: dev\n  kafka:\n    producer:\n      acks: all\n',
      findings: [
        {
          line: 2,
          column: 3,
          text: 'profiles',
          message:
            "Spring Boot refuses to start the application: \"Property 'spring.profiles' is invalid and should be replaced with 'spring.config.activate.on-profile'\" (InvalidConfigDataPropertyException; Spring Boot version unknown, judged as the newest: Boot 3.0 and later refuse spring.profiles in any config document, active or not; before 2.4 it was the profile syntax, and 2.4 – 2.7 only warn), before any producer is created. [profile 'dev']",
          suppress: {
            line: 'spring:\n  # kafka-idempotence-disable-next-line spring-startup-failure\n  profiles: dev\n  kafka:\n    producer:\n      acks: all\n',
          },
        },
      ],
    },
  ],
});
