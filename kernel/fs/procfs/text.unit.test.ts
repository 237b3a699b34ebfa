/** Hosted unit tests of the /proc text buffer (over the hosted simulated memory). */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../../compiler/prelude/hosted.ts";
import { ProcText } from "./text.ts";

const BASE = 0x4000;

function contents(t: ProcText): string {
  let s = "";
  for (let i = 0; i < t.length; i++) s += String.fromCharCode(load8(t.base + i));
  return s;
}

test("text, numbers and fixed-point values are appended in order", () => {
  const t = new ProcText();
  t.reset(BASE, 256);
  const pid = 42;
  t.text(`${pid} (sh) S `);
  t.decimal(0n, 0, false);
  t.byte(32);
  t.decimal(18446744073709551615n, 0, false);
  t.text("\nMemTotal:       ");
  t.decimal(126976n, 8, false);
  t.text(" kB\n");
  t.hundredths(1234567n);
  t.byte(32);
  t.hundredths(5n);
  t.text("\nSigBlk:\t");
  t.hex(0x10002n, 16);
  assert.equal(contents(t), "42 (sh) S 0 18446744073709551615\nMemTotal:         126976 kB\n12345.67 0.05\nSigBlk:\t0000000000010002");
  assert.equal(t.overflow, false);
});

test("zero padding and widths narrower than the number", () => {
  const t = new ProcText();
  t.reset(BASE, 64);
  t.decimal(22n, 4, true);
  t.byte(124);
  t.decimal(123456n, 3, false);
  t.byte(124);
  t.hex(0xabcdefn, 4);
  t.byte(124);
  t.octal(0o22, 4);
  t.byte(124);
  t.octal(0o7777, 3);
  assert.equal(contents(t), "0022|123456|cdef|0022|777");
});

test("hex with a minimum width, and text reversed in place", () => {
  const t = new ProcText();
  t.reset(BASE, 64);
  t.hexAtLeast(0x1000n, 8);
  t.byte(124);
  t.hexAtLeast(0x100000000n, 8);
  t.byte(124);
  t.hexAtLeast(0n, 2);
  t.byte(124);
  const from = t.length;
  t.text("cba/");
  t.reverseFrom(from);
  t.byte(124);
  const one = t.length;
  t.byte(120);
  t.reverseFrom(one);
  t.reverseFrom(t.length);
  assert.equal(contents(t), "00001000|100000000|00|/abc|x");
});

test("running out of room stops writing and reports the overflow", () => {
  const t = new ProcText();
  t.reset(BASE, 10);
  store8(BASE + 10, 0xee);
  t.text("123456");
  t.text("789ab");
  assert.equal(t.overflow, true, "a string that does not fit");
  assert.equal(contents(t), "123456", "and nothing of it is written");
  t.decimal(1234n, 0, false);
  t.decimal(99n, 0, false);
  assert.equal(contents(t), "1234561234", "numbers fill up to the capacity");
  t.byte(33);
  t.bytes(BASE, 1);
  assert.equal(t.length, 10);
  assert.equal(load8(BASE + 10), 0xee, "the byte past the capacity is untouched");
  t.reset(BASE, 10);
  assert.equal(t.overflow, false);
  assert.equal(t.length, 0);
});

test("bytes copies raw memory (NULs included)", () => {
  const t = new ProcText();
  t.reset(BASE, 32);
  const SRC = 0x6000;
  const raw = [0x2f, 0x62, 0x69, 0x6e, 0x2f, 0x73, 0x68, 0, 0x2d, 0x63, 0];
  raw.forEach((b, i) => store8(SRC + i, b));
  t.bytes(SRC, raw.length);
  assert.equal(contents(t), "/bin/sh\0-c\0");
});
