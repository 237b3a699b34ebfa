/**
 * KTAP suite: the scheduler. Kernel threads run and are joined; each policy shares the CPU
 * among CPU-bound threads as it should: equally under round robin, by weight under CFS
 * (nice 0 vs nice 5: 1024 : 335), by time slice under O(1) (100 ms vs 75 ms).
 */
import { Suite, TestContext } from "./ktap";
import { spawnKernelThread, joinTask, waitTaskExit, schedSetPolicy, policyName, yieldCpu, contextSwitches } from "../proc/sched";
import { rawLine } from "../lib/printk";
import { Task } from "../proc/task";
import { Cfs, O1, RoundRobin, SchedPolicy, niceWeight } from "../proc/policy";

/** The spinning threads run until they have used this many timer ticks between them. */
let tickTarget: u64 = 0n;
let spinners: Task[] = [];
let counter: u32 = 0;
let lastArg: u32 = 0;
let alternations: u32 = 0;

function spinnersTicks(): u64 {
  let n: u64 = 0n;
  for (const t of spinners) n += t.ticks;
  return n;
}

function spin(_arg: u32): i32 {
  // Counted in ticks, not wall time: the share is exact however loaded the host is.
  while (spinnersTicks() < tickTarget) cpuPause();
  return 0;
}

function bump(arg: u32): i32 {
  for (let i: u32 = 0; i < 5; i++) {
    counter += arg;
    if (lastArg !== 0 && lastArg !== arg) alternations++;
    lastArg = arg;
    yieldCpu();
  }
  return i32(arg);
}

function threadsRunAndJoin(t: TestContext): void {
  counter = 0;
  lastArg = 0;
  alternations = 0;
  // Round robin makes yield hand the CPU to the other thread (CFS may keep the yielder if it is still leftmost).
  const saved = policyName();
  t.expect(schedSetPolicy(new RoundRobin()), "switch to rr");
  const a = spawnKernelThread("bump1", bump, 1, 0, false);
  const b = spawnKernelThread("bump100", bump, 100, 0, false);
  t.expect(a !== null && b !== null, "two threads created");
  if (a === null || b === null) return;
  t.expectEq(i64(joinTask(a)), 1n, "the first thread's exit code");
  t.expectEq(i64(joinTask(b)), 100n, "the second thread's exit code");
  t.expectEq(i64(counter), 505n, "both ran all their iterations");
  t.expect(alternations >= 8, `yielding interleaves the two threads (${alternations} alternations)`);
  schedSetPolicy(saved === "rr" ? new RoundRobin() : saved === "o1" ? new O1() : new Cfs());
}

/** Runs two spinning threads at nice 0 and nice `nice2` for `total` ticks under `policy`; returns their ticks. */
function share(policy: SchedPolicy, nice2: i32, total: u32, ticks: u64[]): boolean {
  const saved = policyName();
  if (!schedSetPolicy(policy)) return false;
  tickTarget = BigInt(total);
  spinners = [];
  const a = spawnKernelThread("spin0", spin, 0, 0, true);
  const b = spawnKernelThread(`spin${nice2}`, spin, 0, nice2, true);
  if (a === null || b === null) return false;
  spinners.push(a);
  spinners.push(b);
  const sw = contextSwitches();
  const pn = policyName();
  waitTaskExit(a);
  waitTaskExit(b);
  rawLine(`    # ${pn}: ticks ${a.ticks} (nice 0) vs ${b.ticks} (nice ${nice2}), ${contextSwitches() - sw} context switches`);
  ticks[0] = a.ticks;
  ticks[1] = b.ticks;
  joinTask(a);
  joinTask(b);
  schedSetPolicy(saved === "rr" ? new RoundRobin() : saved === "o1" ? new O1() : new Cfs());
  return true;
}

/** |measured/expected - 1| in parts per thousand. */
function errorPermille(a: u64, b: u64, expectedNum: u64, expectedDen: u64): u64 {
  if (b === 0n) return 1000n;
  const measured = (a * expectedDen * 1000n) / (b * expectedNum);
  return measured > 1000n ? measured - 1000n : 1000n - measured;
}

function roundRobinFair(t: TestContext): void {
  const ticks = new Array<u64>(2).fill(0n);
  t.expect(share(new RoundRobin(), 5, 600, ticks), "threads ran under rr");
  const err = errorPermille(ticks[0], ticks[1], 1n, 1n);
  t.expect(err <= 50n, `rr splits equally regardless of nice: ${ticks[0]} vs ${ticks[1]} ticks (off by ${err}/1000)`);
}

function cfsByWeight(t: TestContext): void {
  const ticks = new Array<u64>(2).fill(0n);
  t.expect(share(new Cfs(), 5, 1200, ticks), "threads ran under cfs");
  const w0 = BigInt(niceWeight(0)), w5 = BigInt(niceWeight(5));
  const err = errorPermille(ticks[0], ticks[1], w0, w5);
  t.expect(err <= 50n, `cfs splits by weight ${w0}:${w5}: ${ticks[0]} vs ${ticks[1]} ticks (off by ${err}/1000)`);
}

function o1BySlice(t: TestContext): void {
  const ticks = new Array<u64>(2).fill(0n);
  t.expect(share(new O1(), 5, 1750, ticks), "threads ran under o1");
  const s0 = BigInt(O1.timeslice(0)), s5 = BigInt(O1.timeslice(5));
  const err = errorPermille(ticks[0], ticks[1], s0, s5);
  t.expect(err <= 100n, `o1 splits by time slice ${s0}:${s5}: ${ticks[0]} vs ${ticks[1]} ticks (off by ${err}/1000)`);
}

/** The scheduler suite. */
export function schedSuite(): Suite {
  return new Suite("sched")
    .test("threads_run_and_join", threadsRunAndJoin)
    .test("round_robin_fair", roundRobinFair)
    .test("cfs_weights", cfsByWeight)
    .test("o1_timeslices", o1BySlice);
}
