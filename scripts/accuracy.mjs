#!/usr/bin/env node
// Real-world accuracy: runs the built CLI over the corpus of public configuration files and compares its
// findings with the hand judgements in test/accuracy/{holdout,tuning}.json. Method and figures: docs/accuracy.md.
//
//   npm run accuracy                          # corpus from $ACCURACY_CORPUS, else /work/accuracy-corpus
//   npm run accuracy -- --corpus <dir>        # another corpus location
//   npm run accuracy -- --split tuning        # one half only (holdout | tuning | all)
//   npm run accuracy -- --json out.json       # also write the per-finding comparison as JSON
//
// The corpus is not in the repository (third-party files): scripts/accuracy-fetch.md says how to rebuild it
// from the (repo, path, commit) lists in the judgement files.
//
// Matching, at error and warning severity:
//   - a finding matches an expected problem of its file when the rule id is the expected one (or an alias from
//     the judgement file's ruleAliases) and its line is one of the expected lines (`lines`, else `line`);
//     several findings may match one expected problem (one problem reported on each of its producers);
//   - an expected `missing-rule:<description>` is matched by a finding on one of its lines whose rule id did not
//     exist when the judgements were frozen (`rulesAtFreeze`): a rule added later for that problem;
//   - an error/warning finding that matches nothing is a false positive; an expected problem matched by no
//     error/warning finding is a miss (also when the linter reports it only as info or hint).
// Infos (info and hint severity) are looked up in the judged infos of the case (file, line, rule): worth reading,
// or noise; infos nobody judged yet are listed as such.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'kafka-idempotence-lint.js');

function parseArgs(argv) {
  const opts = { corpus: process.env.ACCURACY_CORPUS || '/work/accuracy-corpus', split: 'all', json: undefined, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--corpus') opts.corpus = next();
    else if (a === '--split') opts.split = next();
    else if (a === '--json') opts.json = next();
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option ${a}`);
  }
  if (!['all', 'holdout', 'tuning'].includes(opts.split)) usage(`--split must be holdout, tuning or all`);
  return opts;
}

function usage(problem) {
  const text = 'usage: node scripts/accuracy.mjs [--corpus <dir>] [--split holdout|tuning|all] [--json <file>] [--quiet]';
  if (problem) {
    console.error(`accuracy: ${problem}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

const ERROR_WARNING = new Set(['error', 'warning']);

function loadJudgements(split) {
  const file = path.join(root, 'test', 'accuracy', `${split}.json`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { file, data };
}

/** Runs the CLI the way a user would: from the case folder, on the case's configuration files, versions on `auto`. */
function lintCase(caseDir, lintFiles) {
  // The build-file lookup walks up to the folder holding `.git`; the marker keeps it inside the case.
  const marker = path.join(caseDir, '.git');
  if (!fs.existsSync(marker)) fs.mkdirSync(marker);
  const res = spawnSync(process.execPath, [cli, '--format', 'json', '--no-config', ...lintFiles], {
    cwd: caseDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  if (res.status !== 0 && res.status !== 1) {
    return { error: `exit ${res.status}: ${(res.stderr || '').trim()}`, files: [] };
  }
  let files;
  try {
    files = JSON.parse(res.stdout);
  } catch (e) {
    return { error: `unreadable JSON output: ${e.message}`, files: [] };
  }
  return { files, stderr: res.stderr || '' };
}

function expectedLines(exp) {
  return Array.isArray(exp.lines) && exp.lines.length ? exp.lines : [exp.line];
}

function normaliseRule(rule, aliases) {
  return aliases[rule] ?? rule;
}

function compareCase(c, run, meta) {
  const aliases = meta.ruleAliases ?? {};
  const knownRules = new Set(meta.rulesAtFreeze ?? []);
  const expected = (c.expected ?? []).map((e) => ({ ...e, found: [], foundLow: [] }));
  const out = { id: c.id, framework: c.framework, tp: [], fp: [], fn: [], infos: [], notLinted: [], severityNotes: [], error: run.error };
  const byFile = new Map(run.files.map((f) => [f.file.split(path.sep).join('/'), f.findings ?? []]));
  for (const lf of c.lint) {
    if (!byFile.has(lf)) {
      const line = (run.stderr || '').split('\n').find((l) => l.includes(lf)) ?? 'not in the output';
      out.notLinted.push({ file: lf, why: line.trim() });
    }
  }
  for (const [file, findings] of byFile) {
    for (const f of findings) {
      const rule = normaliseRule(f.ruleId, aliases);
      const at = { file, line: f.line, rule: f.ruleId, severity: f.severity, message: f.message };
      const candidates = expected.filter((e) => e.file === file && expectedLines(e).includes(f.line));
      let match = candidates.find((e) => e.rule === rule);
      if (!match) match = candidates.find((e) => e.rule.startsWith('missing-rule:') && !knownRules.has(f.ruleId));
      if (ERROR_WARNING.has(f.severity)) {
        if (match) {
          match.found.push(at);
          out.tp.push({ ...at, expected: match.rule });
          if (match.severity && match.severity !== f.severity) {
            out.severityNotes.push({ ...at, why: `expected ${match.severity}` });
          }
        } else {
          const judged = (c.falsePositives ?? []).find(
            (p) => p.file === file && p.line === f.line && normaliseRule(p.rule, aliases) === rule,
          );
          const renamed = candidates.length
            ? ` (an expected ${candidates.map((e) => e.rule).join(', ')} is on this line: renamed rule?)`
            : '';
          out.fp.push({ ...at, why: judged ? judged.why : `not judged yet${renamed}` });
        }
      } else {
        if (match) match.foundLow.push(at);
        const j = (c.infos ?? []).find((i) => i.file === file && i.line === f.line && normaliseRule(i.rule, aliases) === rule);
        out.infos.push({ ...at, verdict: j ? j.verdict : 'unjudged', why: j ? j.why : '' });
      }
    }
  }
  for (const e of expected) {
    if (e.found.length === 0) {
      const low = e.foundLow.length ? ` (reported only as ${e.foundLow.map((x) => x.severity).join('/')})` : '';
      out.fn.push({ file: e.file, line: e.line, rule: e.rule, severity: e.severity, why: `${e.reason ?? ''}${low}` });
    }
  }
  out.expectedCount = expected.length;
  out.found = expected.filter((e) => e.found.length > 0).length;
  return out;
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function pct(n, d) {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`;
}

function summarise(results) {
  const tp = results.reduce((s, r) => s + r.tp.length, 0);
  const fp = results.reduce((s, r) => s + r.fp.length, 0);
  const expectedCount = results.reduce((s, r) => s + r.expectedCount, 0);
  const found = results.reduce((s, r) => s + r.found, 0);
  const infos = results.flatMap((r) => r.infos);
  const worth = infos.filter((i) => i.verdict === 'worth').length;
  const noise = infos.filter((i) => i.verdict === 'noise').length;
  const unjudged = infos.filter((i) => i.verdict === 'unjudged').length;
  return {
    cases: results.length,
    files: results.reduce((s, r) => s + r.lintCount, 0),
    findingsErrorWarning: tp + fp,
    truePositives: tp,
    falsePositives: fp,
    expected: expectedCount,
    found,
    misses: expectedCount - found,
    precision: pct(tp, tp + fp),
    recall: pct(found, expectedCount),
    infos: infos.length,
    infosWorth: worth,
    infosNoise: noise,
    infosUnjudged: unjudged,
    infoShareWorth: pct(worth, worth + noise),
    notLinted: results.reduce((s, r) => s + r.notLinted.length, 0),
    changedFiles: results.reduce((s, r) => s + r.changed.length, 0),
    errors: results.filter((r) => r.error).length,
  };
}

function report(split, results, s, quiet) {
  console.log(`\n== ${split}: ${s.cases} cases, ${s.files} linted files`);
  console.log(
    `   error+warning: ${s.findingsErrorWarning} findings, ${s.truePositives} true, ${s.falsePositives} false → precision ${s.precision}`,
  );
  console.log(`   expected problems: ${s.expected}, found ${s.found}, missed ${s.misses} → recall ${s.recall}`);
  console.log(
    `   infos: ${s.infos} (${s.infosWorth} worth reading, ${s.infosNoise} noise, ${s.infosUnjudged} unjudged) → worth reading ${s.infoShareWorth} of the judged`,
  );
  if (s.notLinted) console.log(`   files not linted: ${s.notLinted}`);
  if (s.errors) console.log(`   cases whose run failed: ${s.errors}`);
  if (s.changedFiles) console.log(`   corpus files that differ from the judged bytes (sha256): ${s.changedFiles}`);
  if (quiet) return;
  for (const r of results) {
    const lines = [];
    if (r.error) lines.push(`     RUN FAILED  ${r.error}`);
    for (const f of r.changed) lines.push(`     CHANGED  ${f}  — not the bytes that were judged (sha256 differs)`);
    for (const x of r.fp) lines.push(`     FALSE ${x.severity}  ${x.file}:${x.line}  ${x.rule}  — ${x.why}`);
    for (const x of r.fn) lines.push(`     MISSED  ${x.file}:${x.line}  ${x.rule}  — ${x.why}`);
    for (const x of r.notLinted) lines.push(`     NOT LINTED  ${x.file}  — ${x.why}`);
    for (const x of r.severityNotes) lines.push(`     severity  ${x.file}:${x.line}  ${x.rule} reported ${x.severity}, ${x.why}`);
    for (const x of r.infos.filter((i) => i.verdict !== 'worth'))
      lines.push(`     info ${x.verdict}  ${x.file}:${x.line}  ${x.rule}${x.why ? `  — ${x.why}` : ''}`);
    if (lines.length) console.log(`   [${r.id}] (${r.framework})\n${lines.join('\n')}`);
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(cli) || !fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
    console.error('accuracy: the CLI is not built; run `npm install` (or `npm run build`) first.');
    process.exit(2);
  }
  if (!fs.existsSync(opts.corpus) || !fs.statSync(opts.corpus).isDirectory()) {
    console.error(
      `accuracy: no corpus at ${opts.corpus}.\n` +
        'The corpus (third-party files) is not in the repository. Rebuild it as scripts/accuracy-fetch.md describes,\n' +
        'then point to it with ACCURACY_CORPUS=<dir> or --corpus <dir>.',
    );
    process.exit(2);
  }
  const splits = opts.split === 'all' ? ['holdout', 'tuning'] : [opts.split];
  const all = {};
  for (const split of splits) {
    const { data } = loadJudgements(split);
    const results = [];
    for (const c of data.cases) {
      const caseDir = path.join(opts.corpus, c.id);
      const missing = c.files.filter((f) => !fs.existsSync(path.join(caseDir, f.as)));
      // A file whose bytes differ from the judged one (a re-fetch that re-encoded it, a newer version) is reported.
      const changed = c.files.filter((f) => f.sha256 && !missing.includes(f) && sha256(path.join(caseDir, f.as)) !== f.sha256);
      let run;
      if (missing.length) {
        run = { error: `corpus files missing: ${missing.map((f) => f.as).join(', ')}`, files: [] };
      } else {
        run = lintCase(caseDir, c.lint);
      }
      const r = compareCase(c, run, data);
      r.lintCount = c.lint.length;
      r.changed = changed.map((f) => f.as);
      results.push(r);
    }
    const s = summarise(results);
    report(split, results, s, opts.quiet);
    all[split] = { summary: s, cases: results };
  }
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(all, null, 2) + '\n');
}

main();
