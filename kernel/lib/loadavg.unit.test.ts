/** Hosted unit tests of the load-average arithmetic, against values Linux's formulas give. */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { FIXED_1, EXP_1, EXP_5, EXP_15, LoadAverage, calcLoad, loadHundredths } from "./loadavg.ts";

test("calcLoad is Linux's calc_load", () => {
  // One runnable task from idle: 1 - 1884/2048 of the way up, rounded up while rising.
  assert.equal(calcLoad(0, EXP_1, FIXED_1), Math.floor((FIXED_1 * (FIXED_1 - EXP_1) + FIXED_1 - 1) / FIXED_1));
  assert.equal(calcLoad(0, EXP_1, FIXED_1), 164);
  // Falling toward zero rounds down.
  assert.equal(calcLoad(2048, EXP_5, 0), Math.floor((2048 * EXP_5) / FIXED_1));
  assert.equal(calcLoad(0, EXP_15, 0), 0, "idle stays idle");
});

test("a steady load of two tasks converges to 2.00 on every time constant", () => {
  const l = new LoadAverage();
  for (let i = 0; i < 12 * 15 * 6; i++) l.sample(2); // 90 minutes of 5-second samples
  assert.deepEqual(l.avg.map(loadHundredths), [200, 200, 200]);
});

test("after one minute of one busy task the averages are ordered 1 > 5 > 15 minutes", () => {
  const l = new LoadAverage();
  for (let i = 0; i < 12; i++) l.sample(1);
  const [one, five, fifteen] = l.avg.map(loadHundredths);
  // 1 - e^-1 = 0.63, 1 - e^-0.2 = 0.18, 1 - e^-(1/15) = 0.06
  assert.ok(one >= 62 && one <= 64, `1 min ${one}`);
  assert.ok(five >= 17 && five <= 19, `5 min ${five}`);
  assert.ok(fifteen >= 5 && fifteen <= 7, `15 min ${fifteen}`);
});

test("loadHundredths rounds to the nearest hundredth", () => {
  assert.equal(loadHundredths(0), 0);
  assert.equal(loadHundredths(FIXED_1), 100);
  assert.equal(loadHundredths(FIXED_1 / 2), 50);
  // Linux adds FIXED_1/200 (10) and truncates: 1013/2048 = 0.4946 prints 49, 1014/2048 = 0.4951 prints 50.
  assert.equal(loadHundredths(3 * FIXED_1 + 1013), 349);
  assert.equal(loadHundredths(3 * FIXED_1 + 1014), 350);
});
