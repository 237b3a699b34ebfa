/**
 * KTAP suite: the FPU/SSE state a task switch preserves, under the switching mode the kernel
 * booted with (`fpu=eager` or `fpu=lazy`; the host runs the suite under both). Kernel threads
 * put values in xmm0 and st(0) through assembly helpers (the kernel itself is compiled for
 * general registers only) and check them after switches; the API the process layer uses for
 * the running task's state (fpuSaveCurrent, fpuReloadCurrent) is checked both while the task
 * owns the registers and after another task took them.
 */
import { Suite, TestContext } from "./ktap";
import { spawnKernelThread, joinTask, schedSetPolicy, policyName, yieldCpu, currentTask } from "../proc/sched";
import { fpuEnabled, fpuLazy, fpuReloadCurrent, fpuSaveCurrent, fpuTraps } from "../arch/x86/fpu";
import { Cfs, O1, RoundRobin } from "../proc/policy";

/** @linkname test_fpu_load */
declare function testFpuLoad(v: u32): void;
/** @linkname test_fpu_read */
declare function testFpuRead(): u32;
/** @linkname test_fpu_read_st0 */
declare function testFpuReadSt0(): u32;

/** Offset of xmm0 in an fxsave area. */
const FXSAVE_XMM0: u32 = 160;

/** @align 16 */
const scratch = new Array<u8>(512).fill(0);

let xmmMismatches: u32 = 0;
let x87Mismatches: u32 = 0;

function worker(value: u32): i32 {
  testFpuLoad(value);
  for (let i = 0; i < 50; i++) {
    yieldCpu();
    if (testFpuRead() !== value) xmmMismatches++;
    if (testFpuReadSt0() !== value) x87Mismatches++;
  }
  return 0;
}

/** Puts `value` in xmm0 and exits: the thread may still own the registers when it ends. */
function loadAndExit(value: u32): i32 {
  testFpuLoad(value);
  return 0;
}

/** Reads xmm0 into `seen` (a fresh task must see the clean state: 0). */
let seen: u32 = 0;
function readXmm0(_arg: u32): i32 {
  seen = testFpuRead();
  return 0;
}

function restorePolicy(saved: string): void {
  schedSetPolicy(saved === "rr" ? new RoundRobin() : saved === "o1" ? new O1() : new Cfs());
}

function statePerTask(t: TestContext): void {
  if (!fpuEnabled()) { t.skip("the CPU has no FXSR"); return; }
  xmmMismatches = 0;
  x87Mismatches = 0;
  const trapsBefore = fpuTraps();
  const saved = policyName();
  t.expect(schedSetPolicy(new RoundRobin()), "switch to rr");
  const a = spawnKernelThread("fpuA", worker, 0x11111111, 0, false);
  const b = spawnKernelThread("fpuB", worker, 0x22222222, 0, false);
  t.expect(a !== null && b !== null, "two threads created");
  if (a !== null) joinTask(a);
  if (b !== null) joinTask(b);
  restorePolicy(saved);
  t.expectEq(i64(xmmMismatches), 0n, "each task keeps its own xmm0 across 100 switches");
  t.expectEq(i64(x87Mismatches), 0n, "each task keeps its own st(0) across 100 switches");
  const traps = fpuTraps() - trapsBefore;
  // Each thread reads its registers right after the other one ran: lazily every such read
  // traps; eagerly nothing ever does.
  if (fpuLazy()) t.expect(traps >= 90n, `lazy switching moved the unit with #NM (${traps} traps)`);
  else t.expectEq(i64(traps), 0n, "eager switching never traps");
}

function exitedOwnerReleased(t: TestContext): void {
  if (!fpuEnabled()) { t.skip("the CPU has no FXSR"); return; }
  const a = spawnKernelThread("fpuExit", loadAndExit, 0x33333333, 0, false);
  t.expect(a !== null, "thread created");
  if (a === null) return;
  const slot = a.slot;
  joinTask(a);
  // The next task takes the freed slot, and with it the exited thread's save area.
  const b = spawnKernelThread("fpuFresh", readXmm0, 0, 0, false);
  t.expect(b !== null, "second thread created");
  if (b === null) return;
  t.expectEq(i64(b.slot), i64(slot), "the new thread reuses the exited one's slot");
  seen = 0xffffffff;
  joinTask(b);
  t.expectEq(i64(seen), 0n, "a new task starts with a clean xmm0, not the exited owner's registers");
}

function saveAndReloadCurrent(t: TestContext): void {
  if (!fpuEnabled()) { t.skip("the CPU has no FXSR"); return; }
  const area = currentTask().fpuArea;
  // While this task's registers are live (lazily: it owns the unit after its load trapped).
  testFpuLoad(0x44444444);
  fpuSaveCurrent(addressOf(scratch));
  t.expectEq(i64(load32(addressOf(scratch) + FXSAVE_XMM0)), 0x44444444n, "fpuSaveCurrent copies the live registers");
  fpuSaveCurrent(area);
  store32(area + FXSAVE_XMM0, 0x55555555);
  fpuReloadCurrent();
  t.expectEq(i64(testFpuRead()), 0x55555555n, "fpuReloadCurrent loads a rewritten area into the live registers");
  // After another task used the unit (lazily: this task's state is only in its area now).
  const a = spawnKernelThread("fpuOther", loadAndExit, 0x66666666, 0, false);
  t.expect(a !== null, "thread created");
  if (a === null) return;
  joinTask(a);
  store32(addressOf(scratch) + FXSAVE_XMM0, 0);
  fpuSaveCurrent(addressOf(scratch));
  t.expectEq(i64(load32(addressOf(scratch) + FXSAVE_XMM0)), 0x55555555n, "fpuSaveCurrent copies the state of a task that lost the unit");
  const b = spawnKernelThread("fpuOther", loadAndExit, 0x77777777, 0, false);
  t.expect(b !== null, "thread created");
  if (b === null) return;
  joinTask(b);
  fpuSaveCurrent(area);
  store32(area + FXSAVE_XMM0, 0x88888888);
  fpuReloadCurrent();
  t.expectEq(i64(testFpuRead()), 0x88888888n, "a rewritten area reaches the registers of a task that lost the unit");
  t.expectEq(i64(testFpuReadSt0()), 0x44444444n, "st(0) survives the same round trips");
}

/** The FPU suite. */
export function fpuSuite(): Suite {
  return new Suite("fpu")
    .test("state_per_task", statePerTask)
    .test("exited_owner_released", exitedOwnerReleased)
    .test("save_and_reload_current", saveAndReloadCurrent);
}
