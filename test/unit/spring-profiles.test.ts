/**
 * Spring profiles: a profile's block is the profile merged over the file's default
 * documents; one verdict per block, findings name their block; fixes for a profile go
 * into the profile's document. Profile files `application-<profile>.{yml,properties}`,
 * `spring.config.activate.on-profile`, legacy `spring.profiles`, and `#---` documents
 * in .properties files.
 */
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, lintText, only, where } from '../support/dialectCase';

describe('multi-document YAML', () => {
  const text = [
    'spring:',
    '  kafka:',
    '    bootstrap-servers: localhost:9092',
    '    producer:',
    '      acks: 1',
    '---',
    'spring:',
    '  config:',
    '    activate:',
    '      on-profile: prod',
    '  kafka:',
    '    producer:',
    '      transaction-id-prefix: tx-',
    '---',
    'spring:',
    '  config.activate.on-profile: dev',
    '  kafka.bootstrap-servers: dev:9092',
    '',
  ].join('\n');

  test('the default and the profile that touches the producer get one block each; the others none', () => {
    const r = lintText('application.yml', text);
    assert.deepEqual(
      r.blocks.map((b) => `${b.name}/${b.dialect}`),
      ['Spring Boot producer/spring-boot', "profile 'prod'/spring-boot"],
    );
    assert.deepEqual(where(text, r), ['5:13 error idempotence-acks-conflict', '5:13 warning idempotence-implicit-downgrade']);
    const prod = only(r, 'idempotence-acks-conflict');
    assert.equal(prod.block, "profile 'prod'");
    assert.match(prod.message, /\[profile 'prod'\]$/);
    assert.match(only(r, 'idempotence-implicit-downgrade').message, /\[Spring Boot producer\]$/);
  });

  test("the profile's fix overrides the key in the profile document; the default's fix edits the default", () => {
    const r = lintText('application.yml', text);
    assert.equal(
      applyFix(text, only(r, 'idempotence-acks-conflict')),
      text.replace('      transaction-id-prefix: tx-\n', '      transaction-id-prefix: tx-\n      acks: all\n'),
    );
    assert.equal(applyFix(text, only(r, 'idempotence-implicit-downgrade')), text.replace('acks: 1', 'acks: all'));
    // after the profile's fix, the profile is clean and the default still warns
    const fixed = applyFix(text, only(r, 'idempotence-acks-conflict'));
    assert.deepEqual(where(fixed, lintText('application.yml', fixed)), ['5:13 warning idempotence-implicit-downgrade']);
  });

  test('a profile overriding a key at a higher level wins, and the shadowed key in the default is reported for the profile', () => {
    const t = [
      'spring.kafka.producer.properties.acks: all',
      '---',
      'spring.config.activate.on-profile: fast',
      'spring.kafka.producer.acks: 1',
      '',
    ].join('\n');
    const r = lintText('application.yml', t);
    // the dedicated key in the profile loses against properties.acks of the default document
    assert.deepEqual(where(t, r), ['4:1 warning spring-duplicate-producer-key']);
    assert.equal(only(r, 'spring-duplicate-producer-key').block, "profile 'fast'");
  });

  test('legacy spring.profiles and a profile list name the block', () => {
    const t =
      'spring.kafka.producer.acks: all\n---\nspring:\n  profiles: legacy\n  kafka.producer.retries: 0\n---\nspring.config.activate.on-profile: [a, b]\nspring.kafka.producer.acks: 0\n';
    const r = lintText('application.yml', t);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['Spring Boot producer', "profile 'legacy'", "profile 'a, b'"],
    );
    // an unknown Boot release is judged as the newest: Boot 3.0+ rejects the legacy spring.profiles in any document, so the
    // application does not start (the Spring Boot oracle), and the message says which release was assumed
    assert.deepEqual(where(t, r), [
      '4:3 error spring-startup-failure',
      '5:27 warning idempotence-implicit-downgrade',
      '8:29 warning idempotence-implicit-downgrade',
    ]);
    const failure = only(r, 'spring-startup-failure');
    assert.match(
      failure.message,
      /"Property 'spring\.profiles' is invalid and should be replaced with 'spring\.config\.activate\.on-profile'"/,
    );
    assert.match(failure.message, /Spring Boot version unknown, judged as the newest: Boot 3\.0 and later refuse/);
    for (const b of r.blocks) assert.equal(b.frameworkRefusal?.key, 'spring.profiles', b.name);
  });

  describe('the legacy spring.profiles by Spring Boot release', () => {
    const t = 'spring.kafka.producer.acks: all\n---\nspring:\n  profiles: legacy\n  kafka.producer.retries: 0\n';
    test("before 2.4 it is the profile syntax: no finding about it, and the document is the profile's", () => {
      for (const springBootVersion of ['2.3.0', '1.5.22', '2.1.18']) {
        const r = lintText('application.yml', t, { springBootVersion, kafkaClientsVersion: '3.9' });
        assert.deepEqual(
          r.blocks.map((b) => b.name),
          ['Spring Boot producer', "profile 'legacy'"],
          springBootVersion,
        );
        assert.deepEqual(where(t, r), ['5:27 warning idempotence-implicit-downgrade'], springBootVersion);
        for (const b of r.blocks) assert.equal(b.frameworkRefusal, undefined, b.name);
      }
    });
    test('2.4 – 2.7 read it (with a WARN): no finding; next to spring.config.activate.on-profile in the same document it is refused', () => {
      const r = lintText('application.yml', t, { springBootVersion: '2.7.18', kafkaClientsVersion: '3.9' });
      assert.deepEqual(where(t, r), ['5:27 warning idempotence-implicit-downgrade']);
      const both =
        'spring.kafka.producer.acks: all\n---\nspring:\n  profiles: legacy\n  config.activate.on-profile: legacy\n  kafka.producer.retries: 0\n';
      const r2 = lintText('application.yml', both, {
        springBootVersion: '2.4.0',
        springBootVersionSource: 'pom.xml:5',
        kafkaClientsVersion: '3.9',
      });
      assert.deepEqual(where(both, r2), ['4:3 error spring-startup-failure', '6:27 warning idempotence-implicit-downgrade']);
      assert.match(
        only(r2, 'spring-startup-failure').message,
        /Spring Boot 2\.4\.0, from pom\.xml:5: Boot 2\.4 – 2\.7 still read spring\.profiles/,
      );
      // spring.config.use-legacy-processing=true: the pre-2.4 processing, where spring.profiles is the syntax
      const legacy = `spring.config.use-legacy-processing: true\n${both}`;
      assert.deepEqual(where(legacy, lintText('application.yml', legacy, { springBootVersion: '2.5.0', kafkaClientsVersion: '3.9' })), [
        '7:27 warning idempotence-implicit-downgrade',
      ]);
    });
    test('3.0 and later refuse it, naming the release and where it came from', () => {
      const r = lintText('application.yml', t, {
        springBootVersion: '3.0.0',
        springBootVersionSource: 'Spring Boot 3.0.0 in pom.xml:7 (parent spring-boot-starter-parent)',
      });
      assert.deepEqual(where(t, r), ['4:3 error spring-startup-failure', '5:27 warning idempotence-implicit-downgrade']);
      assert.match(only(r, 'spring-startup-failure').message, /Spring Boot 3\.0\.0, from Spring Boot 3\.0\.0 in pom\.xml:7/);
    });
  });

  test('a file with only profile documents has no default block', () => {
    const t = 'spring.config.activate.on-profile: prod\nspring.kafka.producer.acks: 1\n';
    const r = lintText('application.yml', t);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ["profile 'prod'"],
    );
    // one block, but a profile's: the message names it
    assert.match(r.findings[0].message, /\[profile 'prod'\]$/);
  });
});

describe('profile files and .properties documents', () => {
  test('application-prod.properties is the prod profile', () => {
    const text = 'spring.kafka.producer.retries=0\nspring.kafka.producer.properties.enable.idempotence=true\n';
    const r = lintText('config/application-prod.properties', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ["profile 'prod'"],
    );
    assert.deepEqual(where(text, r), ['1:31 error idempotence-retries-zero']);
    assert.equal(applyFix(text, r.findings[0]), 'spring.kafka.producer.properties.enable.idempotence=true\n');
  });

  test('application-eu.yml with an activated document names both', () => {
    const text = 'spring.kafka.producer.acks: all\n---\nspring.config.activate.on-profile: canary\nspring.kafka.producer.acks: 1\n';
    const r = lintText('application-eu.yml', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ["profile 'eu'", "profile 'eu', profile 'canary'"],
    );
  });

  test("#--- splits a .properties file into documents; the profile's fix goes into its section", () => {
    const text = [
      'spring.kafka.producer.acks=all',
      'spring.kafka.producer.transaction-id-prefix=tx-',
      '#---',
      'spring.config.activate.on-profile=fast',
      'spring.kafka.producer.properties.linger.ms=20',
      'spring.kafka.producer.properties.max.in.flight.requests.per.connection=10',
      '#---',
      'spring.config.activate.on-profile=other',
      'logging.level.root=INFO',
      '',
    ].join('\n');
    const r = lintText('application.properties', text);
    assert.deepEqual(
      r.blocks.map((b) => b.name),
      ['Spring Boot producer', "profile 'fast'"],
    );
    assert.deepEqual(where(text, r), ['6:72 error idempotence-max-in-flight-gt-5']);
    assert.equal(applyFix(text, r.findings[0]), text.replace('connection=10', 'connection=5'));
  });

  test('an insertion for a profile section lands in that section, after its Spring keys', () => {
    const text =
      'spring.kafka.producer.acks=all\n#---\nspring.config.activate.on-profile=fast\nspring.kafka.producer.retries=0\nlogging.level.root=INFO\n';
    const r = lintText('application.properties', text);
    const f = only(r, 'idempotence-implicit-downgrade');
    assert.equal(f.block, "profile 'fast'");
    assert.equal(
      applyFix(text, f, 'Set enable.idempotence=false'),
      'spring.kafka.producer.acks=all\n#---\nspring.config.activate.on-profile=fast\nspring.kafka.producer.retries=0\nspring.kafka.producer.properties.enable.idempotence=false\nlogging.level.root=INFO\n',
    );
  });
});
