/**
 * System-wide CPU time and load. The scheduler tick charges every tick to user, nice, system
 * or idle time (Linux's kernel_cpustat: /proc/stat and /proc/uptime read it), and every
 * LOAD_FREQ ticks the number of runnable tasks is folded into the 1, 5 and 15 minute load
 * averages (/proc/loadavg). All tasks sleep interruptibly here, so, unlike Linux, no sleeping
 * task counts toward the load.
 */
import { Task, TaskState } from "./task";
import { allTasks } from "./sched";
import { LoadAverage } from "../lib/loadavg";
import { TICK_HZ } from "../drivers/pit";

/** Ticks between load samples (Linux's LOAD_FREQ: 5 s and one tick). */
const LOAD_FREQ: u32 = 5 * TICK_HZ + 1;

/** Ticks charged to each kind of CPU time since boot (the tick rate is TICK_HZ). */
export class CpuTimes {
  /** User mode at nice ≤ 0. */
  user: u64 = 0n;
  /** User mode at nice > 0. */
  nice: u64 = 0n;
  /** Kernel mode, outside the idle task. */
  system: u64 = 0n;
  /** The idle task (halted, or the boot context's own work). */
  idle: u64 = 0n;
}

class CpuLoad {
  readonly times = new CpuTimes();
  readonly load = new LoadAverage();
  untilSample: u32 = LOAD_FREQ;
}
const cpu = new CpuLoad();

/** Charges one timer tick that found `t` running (`idle`: it is the idle task) in user or kernel mode. */
export function accountTick(t: Task, idle: boolean, userMode: boolean): void {
  const times = cpu.times;
  if (idle) times.idle += 1n;
  else if (!userMode) times.system += 1n;
  else if (t.nice > 0) times.nice += 1n;
  else times.user += 1n;
  if (--cpu.untilSample > 0) return;
  cpu.untilSample = LOAD_FREQ;
  cpu.load.sample(runnableTasks());
}

/** CPU time since boot, by kind. */
export function cpuTimes(): CpuTimes {
  return cpu.times;
}

/** The fixed-point load averages (lib/loadavg): [1 min, 5 min, 15 min]. */
export function loadAverages(): u32[] {
  return cpu.load.avg;
}

/** Tasks that are running or waiting for the CPU now (the idle task not included). */
export function runnableTasks(): u32 {
  let n: u32 = 0;
  for (const t of allTasks()) if (t.pid !== 0 && (t.state === TaskState.Runnable || t.state === TaskState.Running)) n++;
  return n;
}
