/**
 * Shortcuts taken for speed (bench figure 1) held to the definitions they replace, on seeded
 * random inputs: each must give exactly what the slow path gives.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as Editor from '../../server/src/service/formats/editor';
import { prng } from '../support/prng';

// compiled to test/out/unit: load the compiled service from the repository root (as typo-distance.test.ts does)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { splitElements } = require(path.join(__dirname, '..', '..', '..', 'server', 'out', 'service', 'formats', 'editor')) as typeof Editor;

/** The character-by-character definition `splitElements` had before its native split and slicing scan. */
function referenceSplit(key: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '[') {
      const close = key.indexOf(']', i);
      if (close < 0) {
        cur += key.slice(i);
        break;
      }
      if (cur) out.push(cur);
      out.push(key.slice(i, close + 1));
      cur = '';
      i = close;
      if (key[i + 1] === '.') i++;
    } else if (c === '.') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur || key.endsWith('.')) out.push(cur);
  return out;
}

test('splitElements: the native split and the slicing scan equal the character-by-character definition', () => {
  const rnd = prng(0x5eed);
  const alphabet = ['a', 'b', '.', '.', '-', '_', 'é', ' ', ']', '['];
  for (let n = 0; n < 20000; n++) {
    const len = Math.floor(rnd() * 12);
    let key = '';
    for (let i = 0; i < len; i++) key += alphabet[Math.floor(rnd() * (n % 2 ? alphabet.length - 1 : alphabet.length))];
    assert.deepEqual(splitElements(key), referenceSplit(key), JSON.stringify(key));
  }
  for (const key of ['', '.', '..', 'a.', '.a', 'a..b', 'spring.kafka.producer.acks', 'a]b']) assert.deepEqual(splitElements(key), referenceSplit(key), key);
});
