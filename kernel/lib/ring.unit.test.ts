/** Hosted unit tests of the byte ring shared by interrupt handlers and their consumers. */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { ByteRing } from "./ring.ts";

test("bytes come out in the order they went in, across many wrap-arounds", () => {
  const r = new ByteRing(16);
  const expected: number[] = [];
  let next = 0;
  for (let step = 0; step < 10000; step++) {
    if ((step * 7919) % 3 !== 0 && !r.isFull()) {
      assert.equal(r.push(next & 0xff), true);
      expected.push(next & 0xff);
      next++;
    } else if (!r.isEmpty()) {
      assert.equal(r.pop(), expected.shift());
    }
    assert.equal(r.length, expected.length);
  }
});

test("a full ring refuses and counts pushes; an empty one pops -1", () => {
  const r = new ByteRing(4);
  assert.equal(r.pop(), -1);
  for (let i = 0; i < 4; i++) assert.equal(r.push(i), true);
  assert.equal(r.isFull(), true);
  assert.equal(r.push(99), false);
  assert.equal(r.dropped, 1);
  assert.deepEqual([r.pop(), r.pop(), r.pop(), r.pop(), r.pop()], [0, 1, 2, 3, -1]);
});

test("clear discards what is waiting", () => {
  const r = new ByteRing(8);
  r.push(1);
  r.push(2);
  r.clear();
  assert.equal(r.isEmpty(), true);
  r.push(3);
  assert.equal(r.pop(), 3);
});

test("the counters keep working when they wrap past 2^32", () => {
  const r = new ByteRing(8);
  const counters = r as unknown as { head: number; tail: number };
  counters.head = counters.tail = 0xfffffffe;
  for (let i = 0; i < 5; i++) r.push(10 + i);
  assert.equal(r.length, 5);
  assert.deepEqual([r.pop(), r.pop(), r.pop(), r.pop(), r.pop()], [10, 11, 12, 13, 14]);
  assert.equal(r.isEmpty(), true);
});
