/** Hosted unit tests of the scancode set 1 translator (US layout). */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { BACKSPACE_CHAR, ScancodeTranslator } from "./scancode.ts";

/** Feeds bytes and returns what they typed. */
function type(k: ScancodeTranslator, codes: number[]): string {
  let out = "";
  for (const code of codes) {
    const c = k.feed(code);
    if (c >= 0) out += String.fromCharCode(c);
  }
  return out;
}

/** Make and break codes of a key. */
const tap = (code: number): number[] => [code, code | 0x80];

test("every printable key of the main block, plain and shifted", () => {
  const codes: number[] = [];
  for (let c = 0x02; c <= 0x0d; c++) codes.push(c);
  for (let c = 0x10; c <= 0x1b; c++) codes.push(c);
  for (let c = 0x1e; c <= 0x29; c++) codes.push(c);
  for (let c = 0x2b; c <= 0x35; c++) codes.push(c);
  codes.push(0x39);
  const k = new ScancodeTranslator();
  assert.equal(type(k, codes.flatMap(tap)), "1234567890-=qwertyuiop[]asdfghjkl;'`\\zxcvbnm,./ ");
  assert.equal(type(k, [0x2a, ...codes.flatMap(tap), 0xaa]), "!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:\"~|ZXCVBNM<>? ");
});

test("break codes type nothing and end a shift", () => {
  const k = new ScancodeTranslator();
  assert.equal(k.feed(0x1e), "a".charCodeAt(0));
  assert.equal(k.feed(0x9e), -1);
  assert.equal(type(k, [0x36, 0x1e, 0xb6, 0x1e]), "Aa");
  assert.equal(k.shift, false);
});

test("caps lock shifts letters only, shift inverts it, and key repeat does not toggle it", () => {
  const k = new ScancodeTranslator();
  assert.equal(type(k, [0x3a, 0x3a, 0x3a, 0xba]), "", "held caps lock repeats its make code");
  assert.equal(k.capsLock, true);
  assert.equal(type(k, [...tap(0x10), ...tap(0x02), ...tap(0x1a)]), "Q1[");
  assert.equal(type(k, [0x2a, ...tap(0x10), ...tap(0x02), 0xaa]), "q!");
  assert.equal(type(k, [...tap(0x3a), ...tap(0x10)]), "q");
});

test("ctrl gives control characters, from either ctrl key", () => {
  const k = new ScancodeTranslator();
  assert.deepEqual([...type(k, [0x1d, ...tap(0x2e), ...tap(0x1a), 0x9d])].map((c) => c.charCodeAt(0)), [3, 27]);
  assert.deepEqual([...type(k, [0xe0, 0x1d, ...tap(0x20), 0xe0, 0x9d])].map((c) => c.charCodeAt(0)), [4]);
  assert.equal(k.ctrl, false);
  assert.equal(type(k, tap(0x20)), "d");
});

test("control keys, the keypad and extended keys", () => {
  const k = new ScancodeTranslator();
  assert.equal(type(k, [...tap(0x01), ...tap(0x0e), ...tap(0x0f), ...tap(0x1c)]), `\x1b${String.fromCharCode(BACKSPACE_CHAR)}\t\n`);
  assert.equal(type(k, [0x47, 0x48, 0x49, 0x4a, 0x4e, 0x52, 0x53, 0x37]), "789-+0.*");
  assert.equal(type(k, [0xe0, 0x1c, 0xe0, 0x35]), "\n/", "keypad enter and slash");
  assert.equal(type(k, [0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x4b]), "", "arrows type nothing");
  assert.equal(type(k, [0xe0, 0x2a, ...tap(0x1e), 0xe0, 0xaa]), "a", "the fake shift of E0 2A is ignored");
  assert.equal(type(k, [...tap(0x3b), ...tap(0x38)]), "", "F1 and alt type nothing");
});

test("the Pause sequence is swallowed whole", () => {
  const k = new ScancodeTranslator();
  assert.equal(type(k, [0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, ...tap(0x1e)]), "a");
  assert.equal(k.ctrl, false);
});

test("reset forgets modifiers and prefixes", () => {
  const k = new ScancodeTranslator();
  type(k, [0x2a, 0x1d, 0x3a, 0xe0]);
  k.reset();
  assert.equal(type(k, tap(0x1e)), "a");
});
