/**
 * The settings precedence (server/src/service/settingsPrecedence.ts), once, as a table: what the
 * editor or the command line says, what the project's configuration file says, what the build files
 * declare → the settings a file is linted with, and which build facts were asked for. The language
 * server's lint workers and the CLI both go through these functions (lsp/worker.ts, cli/run.ts,
 * cli/lintFile.ts via config/buildVersion.ts); their end-to-end tests are test/cli/config.test.ts,
 * test/cli/buildVersion.test.ts and test/protocol/lsp.test.ts.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { load, service, settingsWith, type LintSettings } from '../support';

const P = load('service/settingsPrecedence');
type Sources = Parameters<typeof P.resolveSettings>[0];
type Facts = ReturnType<NonNullable<Sources['readBuild']>>;

const CFG = '/p/.kafka-idempotence.json';
const POM = '/p/pom.xml:3 (org.apache.kafka:kafka-clients 2.8.1)';
const BUILD: Facts = { kafkaClients: { version: '2.8.1', source: POM }, binder: { version: '4.1.0', source: '/p/pom.xml:9 (binder)' } };
/** A project file as config/projectConfig.ts gives it for a file under /p. */
const project = (overrides: Record<string, unknown> = {}, extra: { ignored?: boolean; error?: string } = {}) => ({
  overrides: overrides.kafkaClientsVersion !== undefined ? { kafkaClientsVersionSource: CFG, ...overrides } : overrides,
  ignored: extra.ignored ?? false,
  ...(extra.error ? { error: extra.error } : {}),
});
/** The CLI's flags as cli/run.ts builds them. */
const flags = (version?: string, more: Record<string, unknown> = {}) => ({
  rules: {},
  ...(version !== undefined ? { kafkaClientsVersion: version, kafkaClientsVersionSource: '--kafka-clients-version' } : {}),
  ...more,
});

interface Row {
  name: string;
  sources: Omit<Sources, 'readBuild'>;
  build?: Facts;
  want: Partial<LintSettings>;
  /** The build facts asked for (undefined: the build files were not read at all). */
  asked?: { kafkaClients: boolean; binder: boolean; springBoot: boolean };
  ignored?: boolean;
  configError?: string;
}

const editor = (over: Partial<LintSettings> = {}) => P.editorSources(settingsWith(over));
const cli = (version?: string, more: Record<string, unknown> = {}) => ({ base: service.DEFAULT_SETTINGS, explicit: flags(version, more) });
const ALL = { kafkaClients: true, binder: true, springBoot: true };
const BINDER_ONLY = { kafkaClients: false, binder: true, springBoot: true };

const TABLE: Row[] = [
  // the kafka-clients version: explicit > project file > build files > auto (the newest 4.x)
  {
    name: 'editor auto, no project file: the build file',
    sources: { ...editor(), project: project() },
    build: BUILD,
    asked: ALL,
    want: { kafkaClientsVersion: '2.8.1', kafkaClientsVersionSource: POM, springCloudStreamBinderVersion: '4.1.0' },
  },
  {
    name: 'editor auto: the project file beats the build file (not asked)',
    sources: { ...editor(), project: project({ kafkaClientsVersion: '3.0.0' }) },
    build: BUILD,
    asked: BINDER_ONLY,
    want: { kafkaClientsVersion: '3.0.0', kafkaClientsVersionSource: CFG },
  },
  {
    name: 'an editor version beats the project file, and has no source of its own',
    sources: { ...editor({ kafkaClientsVersion: '3.5' }), project: project({ kafkaClientsVersion: '3.0.0' }) },
    build: BUILD,
    asked: BINDER_ONLY,
    want: { kafkaClientsVersion: '3.5', kafkaClientsVersionSource: undefined },
  },
  {
    name: 'editor latest is a choice too',
    sources: { ...editor({ kafkaClientsVersion: 'latest' }), project: project({ kafkaClientsVersion: '3.0.0' }) },
    build: BUILD,
    asked: BINDER_ONLY,
    want: { kafkaClientsVersion: 'latest', kafkaClientsVersionSource: undefined },
  },
  {
    name: 'a CLI flag beats the project file',
    sources: { ...cli('3.9'), project: project({ kafkaClientsVersion: '3.0.0' }) },
    build: BUILD,
    asked: BINDER_ONLY,
    want: { kafkaClientsVersion: '3.9', kafkaClientsVersionSource: '--kafka-clients-version' },
  },
  {
    name: 'a CLI flag of auto beats the project file too: the build file decides',
    sources: { ...cli('auto'), project: project({ kafkaClientsVersion: '3.0.0' }) },
    build: BUILD,
    asked: ALL,
    want: { kafkaClientsVersion: '2.8.1', kafkaClientsVersionSource: POM },
  },
  {
    name: 'no flag, no configuration (--no-config): the build file',
    sources: cli(),
    build: BUILD,
    asked: ALL,
    want: { kafkaClientsVersion: '2.8.1', kafkaClientsVersionSource: POM },
  },
  {
    name: 'nothing declares it: auto stays (judged as the newest 4.x)',
    sources: { ...editor(), project: project() },
    build: { kafkaClients: {}, binder: {} },
    asked: ALL,
    want: { kafkaClientsVersion: 'auto', kafkaClientsVersionSource: undefined, springCloudStreamBinderVersion: undefined },
  },
  {
    name: 'a declaration without a usable version: its note, for the hover',
    sources: cli(),
    build: {
      kafkaClients: { note: '/p/pom.xml:3: managed elsewhere', unreadable: ['/p/x/pom.xml (permission denied)'] },
      binder: { note: 'train' },
    },
    asked: ALL,
    want: {
      kafkaClientsVersion: 'auto',
      kafkaClientsVersionNote: '/p/pom.xml:3: managed elsewhere',
      buildFilesUnread: ['/p/x/pom.xml (permission denied)'],
      springCloudStreamBinderVersionNote: 'train',
    },
  },
  {
    name: 'a platform gave the version: it says which',
    sources: cli(),
    build: {
      kafkaClients: { version: '3.1.2', source: 'Spring Boot 2.7.18 in /p/pom.xml:5', via: 'Spring Boot 2.7.18 in pom.xml' },
      binder: {},
    },
    asked: ALL,
    want: { kafkaClientsVersion: '3.1.2', kafkaClientsVersionVia: 'Spring Boot 2.7.18 in pom.xml' },
  },
  // rules, rule by rule: explicit > project file > editor
  {
    name: 'rules: the project file over the editor, rule by rule',
    sources: { ...editor({ rules: { a: 'off', b: 'warning' } }), project: project({ rules: { b: 'info', c: 'error' } }) },
    build: BUILD,
    asked: ALL,
    want: { rules: { a: 'off', b: 'info', c: 'error' } },
  },
  {
    name: 'rules: --rule over the project file',
    sources: { ...cli(undefined, { rules: { b: 'hint' } }), project: project({ rules: { b: 'info', c: 'error' } }) },
    build: BUILD,
    asked: ALL,
    want: { rules: { b: 'hint', c: 'error' } },
  },
  // client and maxFileSize: explicit > project file > editor
  {
    name: 'maxFileSize and client: the project file over the editor',
    sources: { ...editor({ maxFileSize: 10 }), project: project({ maxFileSize: 20, client: 'librdkafka' }) },
    build: BUILD,
    asked: ALL,
    want: { maxFileSize: 20, client: 'librdkafka' },
  },
  {
    name: 'maxFileSize and client: the flags over the project file',
    sources: { ...cli(undefined, { maxFileSize: 5, client: 'java' }), project: project({ maxFileSize: 20, client: 'librdkafka' }) },
    build: BUILD,
    asked: ALL,
    want: { maxFileSize: 5, client: 'java' },
  },
  // the project file ignores the file, or is broken
  {
    name: 'ignored by the project file: not linted, no build file read',
    sources: {
      ...editor({ rules: { a: 'off' } }),
      project: project({ kafkaClientsVersion: '3.0.0', rules: { b: 'info' } }, { ignored: true }),
    },
    build: BUILD,
    ignored: true,
    want: { enable: false, kafkaClientsVersion: 'auto', rules: { a: 'off' } },
  },
  {
    name: 'a broken project file counts as none (and is reported)',
    sources: { ...editor({ kafkaClientsVersion: '3.5', rules: { a: 'off' } }), project: project({}, { error: `${CFG}: not valid JSON` }) },
    build: BUILD,
    asked: BINDER_ONLY,
    configError: `${CFG}: not valid JSON`,
    want: { kafkaClientsVersion: '3.5', rules: { a: 'off' }, springCloudStreamBinderVersion: '4.1.0' },
  },
  {
    name: 'a broken project file with editor auto: the build file',
    sources: { ...editor(), project: project({}, { error: `${CFG}: not valid JSON` }) },
    build: BUILD,
    asked: ALL,
    configError: `${CFG}: not valid JSON`,
    want: { kafkaClientsVersion: '2.8.1', kafkaClientsVersionSource: POM },
  },
  // enable is the editor's
  {
    name: "enable: the editor's",
    sources: { ...editor({ enable: false }), project: project({ kafkaClientsVersion: '3.9' }) },
    build: BUILD,
    asked: BINDER_ONLY,
    want: { enable: false, kafkaClientsVersion: '3.9' },
  },
];

for (const row of TABLE) {
  test(`precedence: ${row.name}`, () => {
    let asked: { kafkaClients: boolean; binder: boolean; springBoot: boolean } | undefined;
    const readBuild = (needs: { kafkaClients: boolean; binder: boolean; springBoot: boolean }): Facts => {
      asked = needs;
      return {
        ...(needs.kafkaClients ? { kafkaClients: row.build?.kafkaClients } : {}),
        ...(needs.binder ? { binder: row.build?.binder } : {}),
      };
    };
    const r = P.resolveSettings({ ...row.sources, readBuild });
    for (const [k, v] of Object.entries(row.want)) assert.deepEqual(r.settings[k as keyof LintSettings], v, k);
    assert.deepEqual(asked, row.asked, 'the build facts asked for');
    assert.equal(r.ignored, row.ignored ?? false);
    assert.equal(r.configError, row.configError);
    // without the build files (the CLI's main thread, a document that is no file) every other layer is the same
    const layered = P.layerSettings(row.sources);
    assert.deepEqual(layered.settings, P.resolveSettings(row.sources).settings);
    // and the build layer on top of them gives the whole (the CLI's lint worker adds it: config/buildVersion.ts)
    if (!row.ignored) assert.deepEqual(P.withBuildFacts(layered.settings, readBuild(P.buildNeeds(layered.settings))), r.settings);
  });
}

test('precedence: the base settings are never changed', () => {
  const base = settingsWith({ rules: { a: 'off' } });
  const before = structuredClone(base);
  P.resolveSettings({
    ...P.editorSources(base),
    project: project({ kafkaClientsVersion: '3.0.0', rules: { b: 'info' } }),
    readBuild: () => BUILD,
  });
  P.resolveSettings({
    base,
    explicit: flags('3.9', { rules: { c: 'hint' } }),
    project: project({ rules: { b: 'info' } }, { ignored: true }),
  });
  assert.deepEqual(base, before);
});

test('precedence: an editor version of auto, with spaces, is still auto; any other is explicit', () => {
  assert.equal(P.editorSources(settingsWith({ kafkaClientsVersion: ' auto ' })).explicit, undefined);
  assert.deepEqual(P.editorSources(settingsWith({ kafkaClientsVersion: '3.9', kafkaClientsVersionSource: 'x' })).explicit, {
    kafkaClientsVersion: '3.9',
    kafkaClientsVersionSource: 'x',
  });
  assert.deepEqual(P.buildNeeds(settingsWith({ kafkaClientsVersion: ' auto' })), { kafkaClients: true, binder: true, springBoot: true });
  assert.deepEqual(
    P.buildNeeds(settingsWith({ kafkaClientsVersion: '3.9', springCloudStreamBinderVersion: '4.1.0', springBootVersion: '3.5.7' })),
    { kafkaClients: false, binder: false, springBoot: false },
  );
});
