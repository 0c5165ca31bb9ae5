/**
 * The editor's settings (server/src/lsp/settings.ts): a malformed value is never used silently — it
 * keeps the previous valid value (the default when there was none) and comes with a problem for the
 * server to show once. An invalid kafkaClientsVersion no longer becomes the newest version.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { load, service } from '../support';

const { readLintSettings, toLintSettings } = load('lsp/settings');

test('valid settings: read as they are, no problem', () => {
  const r = readLintSettings({
    enable: false,
    kafkaClientsVersion: ' 3.9 ',
    maxFileSize: 100,
    rules: { 'idempotence-acks-conflict': 'off', 'file-not-linted': 'error' },
  });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.settings, {
    ...service.DEFAULT_SETTINGS,
    enable: false,
    kafkaClientsVersion: '3.9',
    maxFileSize: 100,
    rules: { 'idempotence-acks-conflict': 'off', 'file-not-linted': 'error' },
  });
  assert.deepEqual(readLintSettings(undefined), { settings: { ...service.DEFAULT_SETTINGS, rules: {} }, problems: [] });
  // an empty version is the default (auto), as before
  assert.equal(readLintSettings({ kafkaClientsVersion: '' }).settings.kafkaClientsVersion, 'auto');
});

test('an invalid value keeps the previous valid one and says so', () => {
  const previous = readLintSettings({
    kafkaClientsVersion: '3.0.0',
    maxFileSize: 1000,
    rules: { 'idempotence-acks-conflict': 'warning' },
  }).settings;
  const r = readLintSettings(
    { kafkaClientsVersion: 'banana', maxFileSize: -1, enable: 'yes', rules: { 'idempotence-acks-conflict': 'loud' } },
    previous,
  );
  assert.equal(r.settings.kafkaClientsVersion, '3.0.0');
  assert.equal(r.settings.maxFileSize, 1000);
  assert.equal(r.settings.enable, true);
  assert.deepEqual(r.settings.rules, { 'idempotence-acks-conflict': 'warning' });
  assert.deepEqual(r.problems, [
    "kafkaIdempotence.enable must be true or false, not 'yes'; keeping true",
    "kafkaIdempotence.kafkaClientsVersion: 'banana' is not a version (examples: auto, latest, 4.1, 3.9, 3.0.0, 2.8.2); keeping '3.0.0'",
    'kafkaIdempotence.maxFileSize must be a number of characters, not -1; keeping 1000',
    "kafkaIdempotence.rules.idempotence-acks-conflict: 'loud' is not one of default, error, warning, info, hint, off; keeping warning",
  ]);
  // without a previous value: the default, never the newest version by accident
  const first = readLintSettings({ kafkaClientsVersion: 7 });
  assert.equal(first.settings.kafkaClientsVersion, 'auto');
  assert.equal(first.problems.length, 1);
  assert.equal(toLintSettings({ kafkaClientsVersion: 'four' }).kafkaClientsVersion, 'auto');
  // the whole section malformed
  assert.deepEqual(readLintSettings('3.9', previous).settings, previous);
  assert.match(readLintSettings(['x']).problems[0], /must be an object/);
});
