/**
 * Java source files (formats/java, detect/javaSource.ts): every shape the reader follows, through the
 * RuleTester (exact spans, messages, and the output of every fix, each re-linted), and the shapes it must
 * not judge (an unknown base, a branch, a map that reaches no producer, a file without Kafka).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../support/ruleTester';
import { JAVA } from '../support/clientMessages';
import { service, settingsWith } from '../support/service';
import { useJavaParser } from '../support/java';

useJavaParser();

const F = 'Producer.java';
const LATEST = 'kafka-clients 4.x (latest)';
const DOWNGRADE_ACKS1 = (line: number) =>
  `${LATEST} silently disables idempotence because acks=1 (line ${line}) and enable.idempotence is not set: the producer starts non-idempotent and only logs INFO "Idempotence will be disabled because acks is set to 1, not set to 'all'." — a retried batch can be written twice, and only the partition leader acknowledges, so a leader failover can lose acknowledged records.`;

/** A class around a method body (4-space indentation, the body at 8). */
function javaFile(imports: string[], body: string, members = ''): string {
  return [
    'package com.example.orders;',
    '',
    ...imports.map((i) => `import ${i};`),
    '',
    'public class OrderProducer {',
    ...(members ? [members, ''] : []),
    '    public KafkaProducer<String, String> producer() {',
    body,
    '    }',
    '}',
    '',
  ].join('\n');
}

const KP = 'org.apache.kafka.clients.producer.KafkaProducer';
const PC = 'org.apache.kafka.clients.producer.ProducerConfig';

const propsPut = javaFile(
  ['java.util.Properties', KP, PC],
  [
    '        Properties props = new Properties();',
    '        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");',
    '        props.put(ProducerConfig.ACKS_CONFIG, "1");',
    '        return new KafkaProducer<>(props);',
  ].join('\n'),
);

ruleTester('idempotence-implicit-downgrade', {
  valid: [
    { fileName: F, text: propsPut.replace('"1"', '"all"') },
    { name: 'a map that reaches no producer', fileName: F, text: propsPut.replace('return new KafkaProducer<>(props);', 'return null;') },
    {
      name: 'no Kafka in the file: not parsed',
      fileName: 'Other.java',
      text: 'class Other {\n    void f() {\n        java.util.Map<String, Object> m = new java.util.HashMap<>();\n        m.put("acks", "1");\n    }\n}\n',
    },
    {
      name: "a KafkaProducer that is not kafka-clients' (no import)",
      fileName: F,
      text: 'package x;\n\nclass A {\n    Object f(java.util.Properties p) {\n        p.put("acks", "1");\n        return new KafkaProducer<>(p);\n    }\n}\n',
    },
    {
      name: 'seeded from Spring Boot: enable.idempotence may be set there',
      fileName: F,
      text: javaFile(
        ['java.util.Map', KP, PC, 'org.springframework.boot.autoconfigure.kafka.KafkaProperties'],
        [
          '        Map<String, Object> props = kafkaProperties.buildProducerProperties(null);',
          '        props.put(ProducerConfig.ACKS_CONFIG, "1");',
          '        return new KafkaProducer<>(props);',
        ].join('\n'),
        '    private final KafkaProperties kafkaProperties = null;',
      ),
    },
    {
      name: 'a parameter as the base (putAll)',
      fileName: F,
      text: javaFile(
        ['java.util.Properties', KP, PC],
        [
          '        Properties props = new Properties();',
          '        props.putAll(base);',
          '        props.put(ProducerConfig.ACKS_CONFIG, "1");',
          '        return new KafkaProducer<>(props);',
        ].join('\n'),
      ).replace('producer() {', 'producer(Properties base) {'),
    },
    {
      name: 'enable.idempotence put in a branch: either outcome is possible',
      fileName: F,
      text: propsPut.replace(
        '        return new',
        '        if (System.getenv("STRICT") != null) {\n            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);\n        }\n        return new',
      ),
    },
    {
      name: 'the map escapes to a method the linter cannot see',
      fileName: F,
      text: propsPut.replace('        return new', '        customize(props);\n        return new'),
    },
    {
      name: 'acks from System.getenv: unknown',
      fileName: F,
      text: propsPut.replace('"1"', 'System.getenv("ACKS")'),
    },
    {
      name: 'an older client without the default: idempotence-not-on-by-default instead',
      fileName: F,
      text: propsPut,
      settings: { kafkaClientsVersion: '2.8' },
    },
  ],
  invalid: [
    {
      name: 'Properties.put with ProducerConfig constants',
      fileName: F,
      text: propsPut,
      findings: [
        {
          severity: 'warning',
          message: DOWNGRADE_ACKS1(11),
          line: 11,
          column: 47,
          text: '"1"',
          fixes: [
            { title: 'Set acks=all', output: propsPut.replace('"1"', '"all"') },
            {
              title: 'Set enable.idempotence=false (keep acks=1; make the downgrade explicit)',
              output: propsPut.replace('"1");\n', '"1");\n        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");\n'),
            },
          ],
          suppress: {
            line: propsPut.replace(
              '        props.put(ProducerConfig.ACKS',
              '        // kafka-idempotence-disable-next-line idempotence-implicit-downgrade\n        props.put(ProducerConfig.ACKS',
            ),
            file: `// kafka-idempotence-disable idempotence-implicit-downgrade\n${propsPut}`,
          },
        },
      ],
    },
    {
      name: 'setProperty with string keys; a new key is a string too',
      fileName: F,
      text: javaFile(
        ['java.util.Properties', KP],
        ['        Properties p = new Properties();', '        p.setProperty("acks", "1");', '        return new KafkaProducer<>(p);'].join(
          '\n',
        ),
      ),
      findings: [
        {
          line: 9,
          text: '"1"',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['java.util.Properties', KP],
                [
                  '        Properties p = new Properties();',
                  '        p.setProperty("acks", "all");',
                  '        return new KafkaProducer<>(p);',
                ].join('\n'),
              ),
            },
            {
              title: /enable\.idempotence=false/,
              output: javaFile(
                ['java.util.Properties', KP],
                [
                  '        Properties p = new Properties();',
                  '        p.setProperty("acks", "1");',
                  '        p.setProperty("enable.idempotence", "false");',
                  '        return new KafkaProducer<>(p);',
                ].join('\n'),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'statically imported constants, typed values: the new line is typed and bare too',
      fileName: F,
      text: javaFile(
        ['static org.apache.kafka.clients.producer.ProducerConfig.*', 'java.util.HashMap', 'java.util.Map', KP],
        [
          '        Map<String, Object> m = new HashMap<>();',
          '        m.put(ACKS_CONFIG, "1");',
          '        m.put(LINGER_MS_CONFIG, 20);',
          '        return new KafkaProducer<>(m);',
        ].join('\n'),
      ),
      findings: [
        {
          line: 11,
          text: '"1"',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['static org.apache.kafka.clients.producer.ProducerConfig.*', 'java.util.HashMap', 'java.util.Map', KP],
                [
                  '        Map<String, Object> m = new HashMap<>();',
                  '        m.put(ACKS_CONFIG, "all");',
                  '        m.put(LINGER_MS_CONFIG, 20);',
                  '        return new KafkaProducer<>(m);',
                ].join('\n'),
              ),
            },
            {
              title: /enable\.idempotence=false/,
              output: javaFile(
                ['static org.apache.kafka.clients.producer.ProducerConfig.*', 'java.util.HashMap', 'java.util.Map', KP],
                [
                  '        Map<String, Object> m = new HashMap<>();',
                  '        m.put(ACKS_CONFIG, "1");',
                  '        m.put(LINGER_MS_CONFIG, 20);',
                  '        m.put(ENABLE_IDEMPOTENCE_CONFIG, false);',
                  '        return new KafkaProducer<>(m);',
                ].join('\n'),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'Map.of: a new pair goes inside the call',
      fileName: F,
      text: javaFile(['java.util.Map', KP, PC], '        return new KafkaProducer<>(Map.of(ProducerConfig.ACKS_CONFIG, "1"));'),
      findings: [
        {
          text: '"1"',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(['java.util.Map', KP, PC], '        return new KafkaProducer<>(Map.of(ProducerConfig.ACKS_CONFIG, "all"));'),
            },
            {
              title: /enable\.idempotence=false/,
              output: javaFile(
                ['java.util.Map', KP, PC],
                '        return new KafkaProducer<>(Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"));',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'Map.of with ten pairs: no room for an eleventh',
      fileName: F,
      text: javaFile(
        ['java.util.Map', KP],
        `        return new KafkaProducer<>(Map.of("acks", "1", ${Array.from({ length: 9 }, (_, i) => `"k${i}", "v"`).join(', ')}));`,
      ),
      findings: [
        {
          text: '"1"',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['java.util.Map', KP],
                `        return new KafkaProducer<>(Map.of("acks", "all", ${Array.from({ length: 9 }, (_, i) => `"k${i}", "v"`).join(', ')}));`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'Map.ofEntries with a statically imported entry',
      fileName: F,
      text: javaFile(
        ['static java.util.Map.entry', 'java.util.Map', KP, PC],
        '        return new KafkaProducer<>(Map.ofEntries(entry(ProducerConfig.ACKS_CONFIG, "1")));',
      ),
      findings: [
        {
          text: '"1"',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['static java.util.Map.entry', 'java.util.Map', KP, PC],
                '        return new KafkaProducer<>(Map.ofEntries(entry(ProducerConfig.ACKS_CONFIG, "all")));',
              ),
            },
            {
              title: /enable\.idempotence=false/,
              output: javaFile(
                ['static java.util.Map.entry', 'java.util.Map', KP, PC],
                '        return new KafkaProducer<>(Map.ofEntries(entry(ProducerConfig.ACKS_CONFIG, "1"), entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false")));',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a Guava builder chain: a new .put on its own line',
      fileName: F,
      text: javaFile(
        ['com.google.common.collect.ImmutableMap', KP, PC],
        [
          '        return new KafkaProducer<>(ImmutableMap.<String, Object>builder()',
          '            .put(ProducerConfig.ACKS_CONFIG, "1")',
          '            .build());',
        ].join('\n'),
      ),
      findings: [
        {
          line: 10,
          text: '"1"',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['com.google.common.collect.ImmutableMap', KP, PC],
                [
                  '        return new KafkaProducer<>(ImmutableMap.<String, Object>builder()',
                  '            .put(ProducerConfig.ACKS_CONFIG, "all")',
                  '            .build());',
                ].join('\n'),
              ),
            },
            {
              title: /enable\.idempotence=false/,
              output: javaFile(
                ['com.google.common.collect.ImmutableMap', KP, PC],
                [
                  '        return new KafkaProducer<>(ImmutableMap.<String, Object>builder()',
                  '            .put(ProducerConfig.ACKS_CONFIG, "1")',
                  '            .put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false")',
                  '            .build());',
                ].join('\n'),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a double-brace initialiser',
      fileName: F,
      text: javaFile(
        ['java.util.HashMap', KP, PC],
        [
          '        return new KafkaProducer<>(new HashMap<String, Object>() {{',
          '            put(ProducerConfig.ACKS_CONFIG, 1 + "");',
          '        }});',
        ].join('\n'),
      ),
      findings: [
        {
          text: '1 + ""',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['java.util.HashMap', KP, PC],
                [
                  '        return new KafkaProducer<>(new HashMap<String, Object>() {{',
                  '            put(ProducerConfig.ACKS_CONFIG, "all");',
                  '        }});',
                ].join('\n'),
              ),
            },
            {
              title: /enable\.idempotence=false/,
              output: javaFile(
                ['java.util.HashMap', KP, PC],
                [
                  '        return new KafkaProducer<>(new HashMap<String, Object>() {{',
                  '            put(ProducerConfig.ACKS_CONFIG, 1 + "");',
                  '            put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");',
                  '        }});',
                ].join('\n'),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a static final constant of the file and a local: the use is edited, not the constant',
      fileName: F,
      text: javaFile(
        ['java.util.Properties', KP, PC],
        [
          '        String acks = ACKS;',
          '        Properties props = new Properties();',
          '        props.put(ProducerConfig.ACKS_CONFIG, acks);',
          '        return new KafkaProducer<>(props);',
        ].join('\n'),
        '    private static final String ACKS = String.valueOf(1);',
      ),
      findings: [
        {
          line: 13,
          text: 'acks',
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['java.util.Properties', KP, PC],
                [
                  '        String acks = ACKS;',
                  '        Properties props = new Properties();',
                  '        props.put(ProducerConfig.ACKS_CONFIG, "all");',
                  '        return new KafkaProducer<>(props);',
                ].join('\n'),
                '    private static final String ACKS = String.valueOf(1);',
              ),
            },
            {
              title: /enable\.idempotence=false/,
              output: javaFile(
                ['java.util.Properties', KP, PC],
                [
                  '        String acks = ACKS;',
                  '        Properties props = new Properties();',
                  '        props.put(ProducerConfig.ACKS_CONFIG, acks);',
                  '        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");',
                  '        return new KafkaProducer<>(props);',
                ].join('\n'),
                '    private static final String ACKS = String.valueOf(1);',
              ),
            },
          ],
        },
      ],
    },
  ],
});

// a configuration method of the class, used by the producer (a @Bean that returns the map)
const beanConfig = [
  'package com.example;',
  '',
  'import java.util.HashMap;',
  'import java.util.Map;',
  'import org.apache.kafka.clients.producer.ProducerConfig;',
  'import org.springframework.kafka.core.DefaultKafkaProducerFactory;',
  'import org.springframework.kafka.core.ProducerFactory;',
  '',
  'public class KafkaConfig {',
  '    public Map<String, Object> producerConfigs() {',
  '        Map<String, Object> props = new HashMap<>();',
  '        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);',
  '        props.put(ProducerConfig.ACKS_CONFIG, "all");',
  '        return props;',
  '    }',
  '',
  '    public ProducerFactory<String, String> producerFactory() {',
  '        DefaultKafkaProducerFactory<String, String> pf = new DefaultKafkaProducerFactory<>(producerConfigs());',
  '        pf.setTransactionIdPrefix("orders-");',
  '        return pf;',
  '    }',
  '}',
  '',
].join('\n');

ruleTester('transactional-id-requires-idempotence', {
  valid: [
    {
      name: 'Spring puts enable.idempotence=true when the map has none',
      fileName: F,
      text: beanConfig.replace('        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);\n', ''),
    },
    {
      name: 'no transaction prefix: an explicit false is a choice',
      fileName: F,
      text: beanConfig.replace('        pf.setTransactionIdPrefix("orders-");\n', ''),
    },
  ],
  invalid: [
    {
      name: 'Spring Kafka: setTransactionIdPrefix keeps an explicit enable.idempotence=false (putIfAbsent)',
      fileName: F,
      text: beanConfig,
      findings: [
        {
          severity: 'error',
          line: 19,
          text: 'setTransactionIdPrefix',
          message: `${LATEST} refuses to start the producer: "${JAVA.transaction}" (enable.idempotence=false contradicts transactional.id; transactions need idempotence).`,
          fixes: [
            {
              title: 'Set enable.idempotence=true',
              output: beanConfig.replace('ENABLE_IDEMPOTENCE_CONFIG, false', 'ENABLE_IDEMPOTENCE_CONFIG, true'),
            },
          ],
        },
      ],
    },
    {
      name: 'Spring Kafka: a transactional.id in the map is the prefix',
      fileName: F,
      text: beanConfig
        .replace('        pf.setTransactionIdPrefix("orders-");\n', '')
        .replace('"all");', '"all");\n        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "orders-");'),
      findings: [
        {
          line: 14,
          text: 'ProducerConfig.TRANSACTIONAL_ID_CONFIG',
          fixes: [
            {
              title: 'Set enable.idempotence=true',
              output: beanConfig
                .replace('        pf.setTransactionIdPrefix("orders-");\n', '')
                .replace('"all");', '"all");\n        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "orders-");')
                .replace('IDEMPOTENCE_CONFIG, false', 'IDEMPOTENCE_CONFIG, true'),
            },
            {
              title: 'Remove transactional.id (no transactions)',
              output: beanConfig.replace('        pf.setTransactionIdPrefix("orders-");\n', ''),
            },
          ],
        },
      ],
    },
  ],
});

// typed values: ConfigDef.parseType
const typed = (value: string, key = 'ACKS_CONFIG') =>
  javaFile(
    ['java.util.HashMap', 'java.util.Map', KP, PC],
    [
      '        Map<String, Object> m = new HashMap<>();',
      `        m.put(ProducerConfig.${key}, ${value});`,
      '        return new KafkaProducer<>(m);',
    ].join('\n'),
  );

ruleTester('acks-invalid-value', {
  valid: [
    { fileName: F, text: typed('"all"') },
    { fileName: F, text: typed('"-1"') },
  ],
  invalid: [
    {
      name: 'an Integer for a string setting',
      fileName: F,
      text: typed('1'),
      findings: [
        {
          severity: 'error',
          message: `${LATEST} refuses to start the producer: "Invalid value 1 for configuration acks: Expected value to be a string, but it was a java.lang.Integer".`,
          text: '1',
          fixes: [{ title: 'Set acks=all', output: typed('"all"') }],
        },
      ],
    },
    {
      name: 'a Long',
      fileName: F,
      text: typed('-1L'),
      findings: [
        {
          includes: 'Invalid value -1 for configuration acks: Expected value to be a string, but it was a java.lang.Long',
          fixes: [{ title: 'Set acks=all', output: typed('"all"') }],
        },
      ],
    },
  ],
});

ruleTester('producer-config-invalid-value', {
  valid: [
    {
      name: 'strings are parsed',
      fileName: F,
      text: typed('"3"', 'RETRIES_CONFIG'),
      settings: { rules: { 'retries-finite-with-idempotence': 'off' } },
    },
    { name: 'an Integer for a LONG', fileName: F, text: typed('20', 'LINGER_MS_CONFIG') },
    { name: 'Integer.MAX_VALUE', fileName: F, text: typed('Integer.MAX_VALUE', 'RETRIES_CONFIG') },
  ],
  invalid: [
    {
      name: 'a Long for an INT',
      fileName: F,
      text: typed('3L', 'RETRIES_CONFIG'),
      findings: [
        {
          message: `${LATEST} refuses to start the producer: "Invalid value 3 for configuration retries: Expected value to be a 32-bit integer, but it was a java.lang.Long".`,
          text: '3L',
          fixes: [
            { title: 'Set retries=3 (a value the client takes)', output: typed('3', 'RETRIES_CONFIG') },
            {
              title: 'Remove retries (default 2147483647)',
              output: javaFile(
                ['java.util.HashMap', 'java.util.Map', KP, PC],
                ['        Map<String, Object> m = new HashMap<>();', '        return new KafkaProducer<>(m);'].join('\n'),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a Short for a LONG',
      fileName: F,
      text: typed('(short) 5', 'LINGER_MS_CONFIG'),
      findings: [
        {
          includes:
            'Invalid value 5 for configuration linger.ms: Expected value to be a 64-bit integer (long), but it was a java.lang.Short',
          fixes: [
            { title: /Set linger\.ms=5/, output: typed('5', 'LINGER_MS_CONFIG') },
            {
              title: /Remove linger\.ms/,
              output: javaFile(
                ['java.util.HashMap', 'java.util.Map', KP, PC],
                ['        Map<String, Object> m = new HashMap<>();', '        return new KafkaProducer<>(m);'].join('\n'),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'an Integer transactional.id',
      fileName: F,
      text: typed('7', 'TRANSACTIONAL_ID_CONFIG'),
      findings: [
        {
          includes: 'Invalid value 7 for configuration transactional.id: Expected value to be a string, but it was a java.lang.Integer',
          fixes: [{ title: /Set transactional\.id=7/, output: typed('"7"', 'TRANSACTIONAL_ID_CONFIG') }],
        },
      ],
    },
  ],
});

ruleTester('enable-idempotence-invalid-boolean', {
  valid: [
    { fileName: F, text: typed('Boolean.TRUE', 'ENABLE_IDEMPOTENCE_CONFIG') },
    { fileName: F, text: typed('"TRUE"', 'ENABLE_IDEMPOTENCE_CONFIG') },
  ],
  invalid: [
    {
      name: 'an Integer for a boolean',
      fileName: F,
      text: typed('1', 'ENABLE_IDEMPOTENCE_CONFIG'),
      findings: [
        {
          includes: 'Invalid value 1 for configuration enable.idempotence: Expected value to be either true or false',
          // (the value was an object, so the fix writes a Boolean)
          fixes: [
            { title: 'Set enable.idempotence=true', output: typed('true', 'ENABLE_IDEMPOTENCE_CONFIG') },
            { title: 'Set enable.idempotence=false', output: typed('false', 'ENABLE_IDEMPOTENCE_CONFIG') },
          ],
        },
      ],
    },
  ],
});

ruleTester('idempotence-acks-conflict', {
  valid: [
    {
      fileName: F,
      text: typed('"all"').replace('        return', '        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);\n        return'),
    },
    {
      name: 'acks=1 with idempotence in a branch',
      fileName: F,
      text: typed('"1"').replace(
        '        return',
        '        if (strict) m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);\n        return',
      ),
    },
  ],
  invalid: [
    {
      name: 'Boolean.TRUE stays a Boolean constant in the alternative',
      fileName: F,
      text: javaFile(
        ['java.util.HashMap', 'java.util.Map', KP, PC],
        [
          '        Map<String, Object> m = new HashMap<>();',
          '        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.TRUE);',
          '        m.put(ProducerConfig.ACKS_CONFIG, "0");',
          '        return new KafkaProducer<>(m);',
        ].join('\n'),
      ),
      findings: [
        {
          text: '"0"',
          includes: JAVA.acksThrow,
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['java.util.HashMap', 'java.util.Map', KP, PC],
                [
                  '        Map<String, Object> m = new HashMap<>();',
                  '        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.TRUE);',
                  '        m.put(ProducerConfig.ACKS_CONFIG, "all");',
                  '        return new KafkaProducer<>(m);',
                ].join('\n'),
              ),
            },
            {
              title: /Set enable\.idempotence=false/,
              output: javaFile(
                ['java.util.HashMap', 'java.util.Map', KP, PC],
                [
                  '        Map<String, Object> m = new HashMap<>();',
                  '        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.FALSE);',
                  '        m.put(ProducerConfig.ACKS_CONFIG, "0");',
                  '        return new KafkaProducer<>(m);',
                ].join('\n'),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'explicit idempotence in the visible part over an unknown base: certain',
      fileName: F,
      text: javaFile(
        ['java.util.HashMap', 'java.util.Map', KP, PC],
        [
          '        Map<String, Object> m = new HashMap<>(base);',
          '        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);',
          '        m.put(ProducerConfig.ACKS_CONFIG, "1");',
          '        return new KafkaProducer<>(m);',
        ].join('\n'),
      ).replace('producer() {', 'producer(Map<String, Object> base) {'),
      findings: [
        {
          text: '"1"',
          includes: JAVA.acksThrow,
          fixes: [
            {
              title: 'Set acks=all',
              output: javaFile(
                ['java.util.HashMap', 'java.util.Map', KP, PC],
                [
                  '        Map<String, Object> m = new HashMap<>(base);',
                  '        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);',
                  '        m.put(ProducerConfig.ACKS_CONFIG, "all");',
                  '        return new KafkaProducer<>(m);',
                ].join('\n'),
              ).replace('producer() {', 'producer(Map<String, Object> base) {'),
            },
            // no "Set enable.idempotence=false": the base may hold a transactional.id, which would then refuse to start
          ],
        },
      ],
    },
  ],
});

describe('Java source: reading', () => {
  const lint = (text: string, over = {}) => service.lint({ fileName: F, text }, settingsWith(over));

  test('a later put wins; removing a key makes it absent', () => {
    const r = lint(
      propsPut.replace(
        '        return new',
        '        props.put(ProducerConfig.ACKS_CONFIG, "all");\n        props.remove(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);\n        return new',
      ),
    );
    assert.equal(r.findings.length, 0);
    assert.equal(r.blocks[0].values.get('acks')?.value, 'all');
    assert.equal(r.blocks[0].values.has('bootstrap.servers'), false);
  });

  test('values: Boolean.TRUE, Integer.MAX_VALUE, String.valueOf, Integer.toString, arithmetic, casts', () => {
    const text = javaFile(
      ['java.util.HashMap', 'java.util.Map', KP, PC],
      [
        '        Map<String, Object> m = new HashMap<>();',
        '        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.TRUE);',
        '        m.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);',
        '        m.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, String.valueOf(5));',
        '        m.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(2 * 60 * 1000));',
        '        m.put(ProducerConfig.LINGER_MS_CONFIG, (long) 10);',
        '        m.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 0x7fff_ffff);',
        '        return new KafkaProducer<>(m);',
      ].join('\n'),
    );
    const b = lint(text).blocks[0];
    const got = Object.fromEntries([...b.values.values()].map((v) => [v.key, `${v.value}:${v.javaClass}`]));
    assert.deepEqual(got, {
      'enable.idempotence': 'true:java.lang.Boolean',
      retries: '2147483647:java.lang.Integer',
      'max.in.flight.requests.per.connection': '5:java.lang.String',
      'delivery.timeout.ms': '120000:java.lang.String',
      'linger.ms': '10:java.lang.Long',
      'transaction.timeout.ms': '2147483647:java.lang.Integer',
    });
  });

  test('an unknown base is said in the hover and the summary', () => {
    const text = javaFile(
      ['java.util.Map', KP, PC],
      [
        '        Map<String, Object> props = kafkaProperties.buildProducerProperties(null);',
        '        props.put(ProducerConfig.ACKS_CONFIG, "1");',
        '        return new KafkaProducer<>(props);',
      ].join('\n'),
    );
    const r = lint(text);
    assert.equal(r.findings.length, 0);
    const h = service.hover({ fileName: F, text }, settingsWith(), text.indexOf('ACKS_CONFIG'));
    assert.match(
      h?.markdown ?? '',
      /unknown: enable\.idempotence may be set by Spring Boot's kafkaProperties\.buildProducerProperties\(\) \(line 9\): the application's spring\.kafka\.\* configuration is not read here/,
    );
  });

  test('the hover on enable.idempotence shows the effective state', () => {
    const text = propsPut.replace('"1");', '"all");\n        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");');
    const h = service.hover({ fileName: F, text }, settingsWith(), text.indexOf('ENABLE_IDEMPOTENCE_CONFIG'));
    assert.match(h?.markdown ?? '', /\*\*Idempotence in producer\(\): explicitly on \(enable\.idempotence=true is set explicitly\)\.\*\*/);
    assert.match(h?.markdown ?? '', /Recognised as a KafkaProducer created on line 13\./);
  });

  test('Spring Kafka: a blank transactional.id is no prefix and stays in the map', () => {
    const text = beanConfig
      .replace('        pf.setTransactionIdPrefix("orders-");\n', '')
      .replace(
        'props.put(ProducerConfig.ACKS_CONFIG, "all");',
        'props.put(ProducerConfig.ACKS_CONFIG, "all");\n        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, " ");',
      );
    const b = lint(text).blocks[0];
    assert.equal(b.values.get('transactional.id')?.value, ' ');
    assert.equal(b.values.get('transactional.id')?.injectedBy, undefined);
    assert.deepEqual(
      lint(text).findings.map((f) => f.ruleId),
      ['transactional-id-empty', 'transactional-id-requires-idempotence'],
    );
  });

  test('the hover on new KafkaProducer shows the effective state', () => {
    const h = service.hover({ fileName: F, text: propsPut }, settingsWith(), propsPut.indexOf('KafkaProducer<>'));
    assert.match(h?.markdown ?? '', /\*\*Idempotence in producer\(\): silently disabled by acks=1 on line 11\.\*\*/);
    assert.equal(propsPut.slice(h!.span.start, h!.span.end), 'KafkaProducer<>');
  });

  test('Map.of with a repeated key throws before any producer: no block', () => {
    const r = lint(javaFile(['java.util.Map', KP], '        return new KafkaProducer<>(Map.of("acks", "1", "acks", "0"));'));
    assert.equal(r.blocks.length, 0);
  });

  test('two producers from the same map: one block, its findings once', () => {
    const text = propsPut.replace(
      '        return new KafkaProducer<>(props);',
      '        KafkaProducer<String, String> a = new KafkaProducer<>(props);\n        KafkaProducer<String, String> b = new KafkaProducer<>(props);\n        return a;',
    );
    const r = lint(text);
    assert.equal(r.blocks.length, 1);
    assert.equal(r.blocks[0].name, 'a, b');
    assert.equal(r.findings.filter((f) => f.ruleId === 'idempotence-implicit-downgrade').length, 1);
  });

  test('half-typed code: a missing semicolon leaves the findings before it; a broken put makes the map unknown after it', () => {
    const missingSemicolon = propsPut.replace('"broker:9092");', '"broker:9092")');
    const r = lint(missingSemicolon);
    // what the parser could not read may have changed the map: nothing rests on it
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      [],
    );
    const unclosed = propsPut.replace('        return new KafkaProducer<>(props);\n    }', '        return new KafkaProducer<>(props);\n');
    const u = lint(unclosed);
    assert.deepEqual(
      u.findings.map((f) => f.ruleId),
      ['idempotence-implicit-downgrade'],
    );
    assert.deepEqual(u.findings[0].fixes, [], 'no fix while the parser recovers from a syntax error');
    const halfPut = propsPut.replace('        return new', '        props.put(\n        return new');
    assert.deepEqual(
      lint(halfPut).findings.map((f) => f.ruleId),
      [],
    );
  });

  test('code javac refuses is not judged: setProperty with an Integer', () => {
    const text = javaFile(
      ['java.util.Properties', KP, PC],
      [
        '        Properties p = new Properties();',
        '        p.setProperty(ProducerConfig.ACKS_CONFIG, 1);',
        '        return new KafkaProducer<>(p);',
      ].join('\n'),
    );
    const r = lint(text);
    assert.deepEqual(r.findings, []);
    assert.match(r.blocks[0].values.get('acks')?.origin ?? '', /setProperty takes a String: javac refuses 1/);
  });

  test('fix-all: every error and warning fixed in one pass over the Java code, infos left', () => {
    const text = javaFile(
      ['java.util.HashMap', 'java.util.Map', KP, PC],
      [
        '        Map<String, Object> m = new HashMap<>();',
        '        m.put(ProducerConfig.ACKS_CONFIG, 1);',
        '        m.put(ProducerConfig.RETRIES_CONFIG, 0);',
        '        m.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);',
        '        return new KafkaProducer<>(m);',
      ].join('\n'),
    );
    const r = service.safeFixAll({ fileName: F, text }, settingsWith());
    assert.equal(
      r.text,
      text.replace('ACKS_CONFIG, 1)', 'ACKS_CONFIG, "all")').replace('        m.put(ProducerConfig.RETRIES_CONFIG, 0);\n', ''),
    );
    assert.deepEqual(
      r.remaining.map((f) => f.ruleId),
      ['max-in-flight-1-with-idempotence'],
    );
  });

  test('typed claims: a key that a branch may set has no default in a message (retries maybe 0: no retry claim)', () => {
    const text = propsPut.replace(
      '        return new',
      '        if (flag()) props.put(ProducerConfig.RETRIES_CONFIG, 0);\n        return new',
    );
    assert.deepEqual(lint(text).blocks[0].unknownKeys, { keys: { retries: 'a branch on line 12' } });
    // latest: acks=1 disables idempotence whatever retries is; the message says only what holds
    assert.deepEqual(
      lint(text).findings.map((f) => f.message),
      [
        `${LATEST} silently disables idempotence because acks=1 (line 11) and enable.idempotence is not set: the producer starts non-idempotent and only logs INFO "Idempotence will be disabled because acks is set to 1, not set to 'all'." — only the partition leader acknowledges, so a leader failover can lose acknowledged records.`,
      ],
    );
    // 2.8: not idempotent by default; whether retries can duplicate depends on the branch, so no advice
    assert.deepEqual(lint(text, { kafkaClientsVersion: '2.8' }).findings, []);
    assert.deepEqual(
      lint(propsPut, { kafkaClientsVersion: '2.8' }).findings.map((f) => f.ruleId),
      ['idempotence-not-on-by-default'],
    );
  });

  test('a .java file is parsed only when it names Kafka', () => {
    assert.equal(service.formatOf({ fileName: 'A.java' }), 'java');
    assert.equal(service.formatOf({ fileName: 'x', languageId: 'java' }), 'java');
    const r = lint('class A { void f() { m.put("acks", "1"); } }');
    assert.equal(r.blocks.length, 0);
  });
});
