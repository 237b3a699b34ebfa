/** Hosted unit tests of the pipe's byte queue (over the hosted simulated memory). */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { ByteQueue } from "./byteq.ts";

const BASE = 0x1000, SRC = 0x2000, DST = 0x3000;

test("bytes come out in order across wrap-arounds, in bulk", () => {
  const q = new ByteQueue(BASE, 16);
  const model: number[] = [];
  let next = 0;
  for (let step = 0; step < 2000; step++) {
    const n = (step * 7) % 11;
    if (step % 3 !== 2) {
      for (let i = 0; i < n; i++) store8(SRC + i, (next + i) & 0xff);
      const put = q.write(SRC, n);
      assert.equal(put, Math.min(n, 16 - model.length));
      for (let i = 0; i < put; i++) model.push((next + i) & 0xff);
      next += put;
    } else {
      const got = q.read(DST, n);
      assert.equal(got, Math.min(n, model.length));
      for (let i = 0; i < got; i++) assert.equal(load8(DST + i), model.shift());
    }
    assert.equal(q.length, model.length);
    assert.equal(q.room, 16 - model.length);
  }
});

test("a full queue takes nothing and an empty one gives nothing", () => {
  const q = new ByteQueue(BASE, 8);
  assert.equal(q.read(DST, 4), 0);
  assert.equal(q.write(SRC, 20), 8);
  assert.equal(q.write(SRC, 1), 0);
  assert.equal(q.read(DST, 100), 8);
  assert.equal(q.length, 0);
});
