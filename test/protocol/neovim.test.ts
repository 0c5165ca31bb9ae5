/**
 * A client nobody on the team wrote: Neovim's built-in LSP client (Debian's nvim 0.7,
 * provisioned by scripts/test.mjs). test/protocol/nvim/lsp-check.lua opens a copy of a
 * fixture in a temp dir (its own HOME and XDG dirs), waits for the diagnostic, refreshes the
 * code lenses (nvim resolves and draws them), runs the first lens's command (the server answers
 * the effective configuration through `workspace/executeCommand`), hovers, asks for code
 * actions, applies the preferred quick fix, waits for the diagnostic to clear and refreshes
 * the lenses of the fixed text. It records what it saw as JSON; the assertions are here.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { ROOT, SERVER_JS, service, type LintSettings } from '../support';
import { useJavaParser } from '../support/java';

const LUA = path.join(ROOT, 'test', 'protocol', 'nvim', 'lsp-check.lua');
const FIXTURES = path.join(ROOT, 'test', 'protocol', 'fixtures');
// (the service's own view of a Java fixture needs the parser, as the server loads it)
useJavaParser();

interface NvimDiagnostic {
  code: string;
  source: string;
  message: string;
  severity: number;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  href: string | null;
  data: { ruleId: string; version: number; fixes: Array<{ title: string; isPreferred: boolean }> } | null;
}
interface NvimResult {
  nvim: string;
  steps: string[];
  error?: string;
  filetype?: string;
  diagnostics?: NvimDiagnostic[];
  hover?: string;
  actions?: Array<{ title: string; kind: string | null; isPreferred: boolean; command: string | null; has_edit: boolean }>;
  applied?: string;
  text_after?: string;
  diagnostics_after?: NvimDiagnostic[];
  cleared?: boolean;
  lenses?: NvimLenses;
  lens_command?: { error: string | null; method: string; result: unknown };
  lenses_after?: NvimLenses;
}
/** The lenses in nvim's cache (resolved) and what nvim draws: virtual text per line. */
interface NvimLenses {
  lenses: Array<{ line: number; character: number; end_line: number; title: string; command: string; arguments: unknown[] | null }>;
  shown: Array<{ line: number; text: string }>;
}

interface Case {
  /** Fixture file, copied into the temp dir as `name`. */
  fixture: string;
  name: string;
  rule: string;
  settings?: Record<string, unknown>;
  /** Text to hover on (default: the diagnostic's position) and what the hover must say. */
  hover?: string;
  hoverSays: RegExp[];
  /** The first lens's title before and after the fix, as users read it. */
  lens: [string, string];
}

/** Runs nvim headless on a copy of the fixture; resolves with the Lua script's JSON. */
async function runNvim(c: Case): Promise<{ result: NvimResult; original: string; file: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kil-nvim-'));
  try {
    for (const d of ['home', 'config', 'data', 'state', 'cache', 'tmp']) mkdirSync(path.join(dir, d));
    const file = path.join(dir, c.name);
    copyFileSync(path.join(FIXTURES, c.fixture), file);
    const original = readFileSync(file, 'utf8');
    const out = path.join(dir, 'result.json');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: path.join(dir, 'home'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_STATE_HOME: path.join(dir, 'state'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      TMPDIR: path.join(dir, 'tmp'),
      KIL_SERVER: SERVER_JS,
      KIL_NODE: process.execPath,
      KIL_FILE: file,
      KIL_RULE: c.rule,
      KIL_OUT: out,
      KIL_SETTINGS: c.settings ? JSON.stringify(c.settings) : '',
      KIL_HOVER: c.hover ?? '',
    };
    const proc = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA}`], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`nvim did not finish within 90 s; output: ${output}`));
      }, 90_000);
      proc.on('exit', (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
    assert.ok(existsSync(out), `nvim wrote no result (exit ${code}); output: ${output}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
    assert.equal(code, 0, `nvim exit code; output: ${output}`);
    return { result, original, file };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the service itself says about the file, positions in UTF-16 (= bytes for these ASCII fixtures). */
function expected(c: Case, text: string) {
  const settings = { ...service.DEFAULT_SETTINGS, ...(c.settings as Partial<LintSettings> | undefined) };
  const result = service.lint({ fileName: c.name, text }, settings);
  const finding = result.findings.find((f) => f.ruleId === c.rule);
  assert.ok(finding, `the service reports ${c.rule} on ${c.fixture}`);
  const lines = new service.LineIndex(text);
  const preferred = finding.fixes.find((f) => f.isPreferred)!;
  return {
    finding,
    start: lines.position(finding.span.start),
    end: lines.position(finding.span.end),
    fixed: service.applyEdits(text, preferred.edits),
  };
}

/** What the service says each producer block of the text is (labels, lines) and the first block's effective-configuration document. */
function expectedProducers(c: Case, text: string, file: string) {
  const settings = { ...service.DEFAULT_SETTINGS, ...(c.settings as Partial<LintSettings> | undefined) };
  const result = service.lint({ fileName: file, text }, settings);
  const producers = service.effectiveProducers(result, text, settings);
  assert.ok(producers.length > 0, `the service finds a producer in ${c.fixture}`);
  const lines = new service.LineIndex(text);
  const findings = result.findings
    .filter((f) => f.block === producers[0].name)
    .map((f) => ({ line: lines.lineOf(f.span.start) + 1, severity: f.severity, ruleId: f.ruleId, message: f.message }));
  return { producers, document: service.effectiveDocument(producers[0], file, findings) };
}

const SHOW_EFFECTIVE = 'kafkaIdempotence.showEffectiveConfiguration';

/** nvim's lenses are the service's, one per block on the block's first line, resolved, and drawn with their titles. */
function assertLenses(got: NvimLenses | undefined, want: ReturnType<typeof expectedProducers>['producers'], uri: string, what: string) {
  assert.ok(got, `${what}: no lenses recorded`);
  const lenses = [...got.lenses].sort((a, b) => a.line - b.line);
  assert.deepEqual(
    lenses.map((l) => ({ line: l.line, title: l.title, command: l.command, arguments: l.arguments })),
    want.map((p) => ({ line: p.line, title: p.label, command: SHOW_EFFECTIVE, arguments: [uri, p.index] })),
    what,
  );
  for (const l of lenses) assert.equal(l.end_line, l.line, `${what}: a lens spans one line`);
  // what nvim draws: each title as virtual text at the end of its line
  assert.deepEqual(
    [...got.shown].sort((a, b) => a.line - b.line),
    want.map((p) => ({ line: p.line, text: p.label })),
    `${what}: drawn`,
  );
}

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

const CASES: Case[] = [
  {
    fixture: 'producer-explicit.properties',
    name: 'producer.properties',
    rule: 'idempotence-acks-conflict',
    hoverSays: [/^`acks` — /, /Idempotence in producer\.properties \(kafka-clients 4\.x \(latest\)\): the producer refuses to start/],
    lens: ['Producer will not start: acks must be all · kafka-clients 4.x (latest)', 'Idempotent producer · kafka-clients 4.x (latest)'],
  },
  {
    fixture: 'producer-implicit.properties',
    name: 'producer.properties',
    rule: 'idempotence-not-on-by-default',
    settings: { kafkaClientsVersion: '3.0.0' },
    hover: 'acks',
    hoverSays: [/^`acks` — /, /Idempotence in producer\.properties \(kafka-clients 3\.0\.0\): off/],
    lens: [
      'Idempotence off (not on by default in kafka-clients 3.0.0) · kafka-clients 3.0.0 (setting)',
      'Idempotent producer · kafka-clients 3.0.0 (setting)',
    ],
  },
  {
    // idempotence turned off by choice (not-idempotent), then the fix turns it on
    fixture: 'producer-no-idempotence.properties',
    name: 'producer.properties',
    rule: 'ordering-risk-without-idempotence',
    hover: 'enable.idempotence',
    hoverSays: [
      /^`enable\.idempotence` — /,
      /\*\*Idempotence in producer\.properties: off: enable\.idempotence=false is set explicitly\.\*\*/,
    ],
    lens: [
      'Idempotence off: enable.idempotence=false (line 5) · kafka-clients 4.x (latest)',
      'Idempotent producer · kafka-clients 4.x (latest)',
    ],
  },
  {
    fixture: 'kafkajs-producer.ts',
    name: 'payments.ts',
    rule: 'kafkajs-idempotent-acks',
    hover: 'producer({',
    hoverSays: [/KafkaJS producer `producer`: idempotent/, /`send\(\)` on line 7: acks 1 — rejected/],
    lens: ['KafkaJS rejects send() on line 7: acks must be -1', 'KafkaJS: idempotent producer'],
  },
  {
    // transaction-id-prefix makes Spring Kafka set enable.idempotence=true: acks: 1 is fatal
    fixture: 'spring-application.yml',
    name: 'application.yml',
    rule: 'idempotence-acks-conflict',
    hoverSays: [
      /^`acks` — /,
      /Idempotence in Spring Boot producer \(kafka-clients 4\.x \(latest\)\): the producer refuses to start; otherwise explicitly on \(enable\.idempotence=true is set explicitly by Spring Kafka \(transaction-id-prefix\)\)/,
    ],
    lens: ['Producer will not start: acks must be all · kafka-clients 4.x (latest)', 'Idempotent producer · kafka-clients 4.x (latest)'],
  },
  {
    // enable.idempotence from a placeholder without a default: once the invalid acks is fixed, the state is unknown
    fixture: 'spring-placeholder-application.yml',
    name: 'application.yml',
    rule: 'acks-invalid-value',
    hover: 'acks: 2',
    hoverSays: [
      /^`acks` — /,
      /Idempotence in Spring Boot producer \(kafka-clients 4\.x \(latest\)\): the producer refuses to start; otherwise unknown: enable\.idempotence is not known statically\./,
    ],
    lens: [
      'Producer will not start: invalid acks value "2" · kafka-clients 4.x (latest)',
      'Idempotence unknown: enable.idempotence is not known statically · kafka-clients 4.x (latest)',
    ],
  },
  {
    // Java source: a Properties map handed to a KafkaProducer
    fixture: 'OrderProducer.java',
    name: 'OrderProducer.java',
    rule: 'idempotence-implicit-downgrade',
    hover: 'ACKS_CONFIG',
    hoverSays: [/^`acks` — /, /Idempotence in create\(\) \(kafka-clients 4\.x \(latest\)\): silently disabled by acks=1 \(line 12\)/],
    lens: [
      'Idempotence OFF: silently disabled by acks=1 (line 12) · kafka-clients 4.x (latest)',
      'Idempotent producer · kafka-clients 4.x (latest)',
    ],
  },
  {
    fixture: 'kcat-producer.properties',
    name: 'kcat-producer.properties',
    rule: 'rdk-acks-conflict',
    hover: 'enable.idempotence',
    hoverSays: [/^`enable\.idempotence` — /, /\*\*kcat-producer\.properties: librdkafka refuses this configuration/],
    lens: ['librdkafka: producer will not start: acks must be all', 'librdkafka: idempotent producer (enable.idempotence=true, line 3)'],
  },
];

for (const c of CASES) {
  test(`neovim (${c.name}, ${c.rule}${c.settings ? `, ${JSON.stringify(c.settings)}` : ''}): diagnostic, code lenses and their command, hover, code actions, quick fix clears it, lenses follow`, async () => {
    const { result: r, original, file } = await runNvim(c);
    assert.equal(r.error, undefined, `Lua error after steps ${JSON.stringify(r.steps)}`);
    assert.deepEqual(r.steps, [
      'started',
      'diagnostic',
      'code lenses',
      'lens command',
      'hover',
      'code actions',
      'applied',
      're-linted',
      'lenses after the fix',
    ]);
    const want = expected(c, original);
    const uri = pathToFileURL(file).toString();

    // the diagnostic, as nvim stored it
    const mine = r.diagnostics!.filter((d) => d.code === c.rule);
    assert.equal(mine.length, 1, JSON.stringify(r.diagnostics));
    const d = mine[0];
    assert.equal(d.source, 'kafka-idempotence');
    assert.equal(d.severity, SEVERITY[want.finding.severity]);
    assert.equal(d.message, want.finding.message);
    assert.deepEqual([d.lnum, d.col, d.end_lnum, d.end_col], [want.start.line, want.start.character, want.end.line, want.end.character]);
    assert.equal(d.href, service.docsUrl(c.rule));
    assert.equal(d.data?.ruleId, c.rule);
    assert.equal(d.data?.fixes[0].isPreferred, true);

    // the code lenses: the service's effective state of every block, as nvim resolved and drew them
    const before = expectedProducers(c, original, file);
    assertLenses(r.lenses, before.producers, uri, 'lenses');
    assert.equal(r.lenses!.lenses[0].title, c.lens[0]);
    // the first lens's command, run by vim.lsp.codelens.run(): workspace/executeCommand answers the block's effective configuration
    const first = before.producers[0];
    assert.equal(r.lens_command?.method, 'workspace/executeCommand');
    assert.equal(r.lens_command?.error, null);
    assert.deepEqual(r.lens_command?.result, {
      uri,
      block: 0,
      name: first.name,
      state: first.state,
      label: first.label,
      text: before.document,
    });
    const shown = (r.lens_command?.result as { text?: string } | null)?.text ?? '';
    assert.ok(shown.startsWith(`# Effective producer configuration: ${first.name}\n`), shown);
    assert.ok(
      shown.includes(`**${first.label}**`) && shown.includes(`\`${c.rule}\``),
      'the document states the label and lists the finding',
    );

    // hover: markdown about that key and the version's verdict
    assert.ok(r.hover && r.hover.length > 0, 'hover answered');
    for (const re of c.hoverSays) assert.match(r.hover, re);

    // code actions: preferred fix first, then the rest of the menu
    const titles = r.actions!.map((a) => a.title);
    assert.equal(titles[0], want.finding.fixes[0].title);
    assert.equal(r.actions![0].isPreferred, true);
    assert.equal(r.actions!.filter((a) => a.isPreferred).length, 1);
    assert.ok(titles.includes(`Disable ${c.rule} for this line`), JSON.stringify(titles));
    assert.ok(titles.includes(`Disable ${c.rule} for the entire file`), JSON.stringify(titles));
    const docs = r.actions!.find((a) => a.title === `Show documentation for ${c.rule}`);
    assert.equal(docs?.command, 'kafkaIdempotence.openDocs');

    // the preferred fix, applied by nvim, gives the service's text; the re-lint clears the diagnostic
    assert.equal(r.applied, want.finding.fixes[0].title);
    assert.equal(r.text_after, want.fixed);
    assert.equal(r.cleared, true, JSON.stringify(r.diagnostics_after));
    assert.deepEqual(
      r.diagnostics_after!.filter((x) => x.code === c.rule),
      [],
    );

    // the lenses follow the edit: the fixed text's states (never the old titles)
    const after = expectedProducers(c, want.fixed, file);
    assertLenses(r.lenses_after, after.producers, uri, 'lenses after the fix');
    assert.equal(r.lenses_after!.lenses[0].title, c.lens[1]);
  });
}
