/**
 * What switching the FPU/SSE state adds to a context switch (part of the `bench` suite; boot it
 * with `fpu=eager` and with `fpu=lazy` to compare): two kernel threads hand the CPU to each other
 * with yieldCpu under round robin, first without touching the unit, then each reading xmm0 after
 * every switch (as a task that uses SSE does). Kernel threads share the kernel's page tables, so
 * a switch here is the scheduler and context_switch alone, without an address-space change.
 */
import { rawLine } from "../lib/printk";
import { rdtscNs } from "./bench_clock";
import { spawnKernelThread, joinTask, schedSetPolicy, policyName, yieldCpu } from "../proc/sched";
import { Cfs, O1, RoundRobin } from "../proc/policy";
import { fpuEnabled } from "../arch/x86/fpu";

/** @linkname test_fpu_read */
declare function testFpuRead(): u32;

let rounds: u32 = 0;
let sink: u32 = 0;

function plainYielder(_arg: u32): i32 {
  for (let i: u32 = 0; i < rounds; i++) yieldCpu();
  return 0;
}

function sseYielder(_arg: u32): i32 {
  for (let i: u32 = 0; i < rounds; i++) {
    yieldCpu();
    sink ^= testFpuRead();
  }
  return 0;
}

/** Two threads running `body` for `n` rounds each; prints ns per switch. */
function benchPair(name: string, body: (arg: u32) => i32, n: u32): void {
  rounds = n;
  const t0 = rdtscNs();
  const a = spawnKernelThread("benchA", body, 0, 0, false);
  const b = spawnKernelThread("benchB", body, 1, 0, false);
  if (a === null || b === null) panic("bench: cannot create threads");
  joinTask(a);
  joinTask(b);
  const ns = rdtscNs() - t0;
  const switches = u64(2 * n);
  const perOpX10 = ns * 10n / switches;
  rawLine(`bench ${name} ns_per_op=${perOpX10 / 10n}.${perOpX10 % 10n} ops=${switches}`);
}

/** Runs both pairs under round robin (so that every yield switches), then restores the policy. */
export function benchContextSwitches(): void {
  const saved = policyName();
  if (!schedSetPolicy(new RoundRobin())) panic("bench: other tasks are runnable");
  benchPair("kthread_switch", plainYielder, 50000);
  if (fpuEnabled()) benchPair("kthread_switch_sse", sseYielder, 50000);
  schedSetPolicy(saved === "rr" ? new RoundRobin() : saved === "o1" ? new O1() : new Cfs());
}
