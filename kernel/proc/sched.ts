/**
 * The scheduler: one run queue behind a policy interface, the idle task, preemption from the
 * timer, sleeping and waking on wait channels. Preemption happens on the way back to user mode
 * (or in kernel threads marked preemptible); kernel code is otherwise not interrupted by a
 * task switch, which keeps it free of locks on this uniprocessor kernel.
 */
import { Task, TaskState, adoptBootContext, createTask, TaskEntry, destroyTask } from "./task";
import { setReturnHook } from "../arch/x86/idt";
import { TrapFrame } from "../arch/x86/trapframe";
import { loadTlsDescriptors, setKernelStack } from "../arch/x86/gdt";
import { fpuRelease, fpuSwitchTo } from "../arch/x86/fpu";
import { RoundRobin, SchedPolicy } from "./policy";
import { accountTick } from "./cpuload";

/** @linkname context_switch */
declare function contextSwitch(saveEsp: u32, nextEsp: u32, nextCr3: u32, prevFpu: u32, nextFpu: u32): void;

class Scheduler {
  current: Task | null = null;
  idle: Task | null = null;
  policy: SchedPolicy = new RoundRobin();
  needResched = false;
  switches: u64 = 0n;
  all: Task[] = [];
}
const sched = new Scheduler();
let idleWaiting = false;

/** The running task. */
export function currentTask(): Task {
  const c = sched.current;
  if (c === null) panic("scheduler not initialised");
  return c;
}

/** Every task that has not been reaped. */
export function allTasks(): Task[] {
  return sched.all;
}

/** Context switches so far. */
export function contextSwitches(): u64 {
  return sched.switches;
}

/** The active policy's name. */
export function policyName(): string {
  return sched.policy.name();
}

/** Replaces the scheduling policy; only while nothing but the caller is runnable. */
export function schedSetPolicy(p: SchedPolicy): boolean {
  const flags = readEflags();
  cli();
  const ok = !sched.policy.hasRunnable();
  if (ok) sched.policy = p;
  if ((flags & 0x200) !== 0) sti();
  return ok;
}

/** Starts scheduling: the boot context becomes the idle task. */
export function schedInit(policy: SchedPolicy): void {
  sched.policy = policy;
  const idle = adoptBootContext();
  sched.idle = idle;
  sched.current = idle;
  fpuSwitchTo(idle.fpuArea);
  sched.all.push(idle);
  setReturnHook(onTrapReturn);
}

/**
 * Creates a kernel thread with a nice value and makes it runnable; `preemptible` lets the
 * timer switch away from it in kernel mode (for threads that touch no shared kernel state).
 * Null when no task can be created.
 */
export function spawnKernelThread(name: string, entry: TaskEntry, arg: u32, nice: i32, preemptible: boolean): Task | null {
  const t = createTask(name, entry, arg, 0, null);
  if (t === null) return null;
  t.nice = nice;
  t.preemptible = preemptible;
  t.parent = sched.current;
  sched.all.push(t);
  makeRunnable(t);
  return t;
}

/** Puts a task on the run queue (with interrupts off: the timer's preemption also edits the queue). */
export function makeRunnable(t: Task): void {
  const flags = readEflags();
  cli();
  t.state = TaskState.Runnable;
  if (t !== sched.idle) sched.policy.enqueue(t);
  if ((flags & 0x200) !== 0) sti();
}

/** Switches to the next runnable task (the idle task when there is none). Call with interrupts off. */
export function schedule(): void {
  const prev = sched.current!;
  sched.needResched = false;
  if (prev.state === TaskState.Running) {
    prev.state = TaskState.Runnable;
    if (prev !== sched.idle) sched.policy.enqueue(prev);
  }
  let next = sched.policy.pickNext();
  // The idle task itself waiting (joinTask from the boot context): halt until something is
  // runnable or it is woken, instead of spinning.
  while (next === null && prev === sched.idle && prev.state === TaskState.Blocked) {
    idleWaiting = true;
    sti();
    hlt();
    cli();
    idleWaiting = false;
    next = sched.policy.pickNext();
  }
  if (next === null) next = sched.idle!;
  next.state = TaskState.Running;
  if (next === prev) return;
  sched.current = next;
  sched.switches += 1n;
  if (next.kstackTop !== 0) setKernelStack(next.kstackTop);
  loadTlsDescriptors(next.tls0, next.tls1, next.tls2);
  const eagerFpu = fpuSwitchTo(next.fpuArea);
  contextSwitch(prev.savedEspAddress, load32(next.savedEspAddress), next.root, eagerFpu ? prev.fpuArea : 0, eagerFpu ? next.fpuArea : 0);
  if (deadThreads.length !== 0) releaseDeadThreads();
}

/** Threads that exited and that no one waits for: released once the CPU has left their stacks. */
const deadThreads: Task[] = [];

function releaseDeadThreads(): void {
  let i = 0;
  while (i < deadThreads.length) {
    const t = deadThreads[i];
    if (t === sched.current) { i++; continue; }
    deadThreads[i] = deadThreads[deadThreads.length - 1];
    deadThreads.pop();
    reap(t);
  }
}

/** Gives up the CPU voluntarily. */
export function yieldCpu(): void {
  const flags = readEflags();
  cli();
  schedule();
  if ((flags & 0x200) !== 0) sti();
}

/** Timer tick: account the running task (user or system time) and ask for a switch when its slice is used up. */
export function schedTick(inUserMode: boolean): void {
  const c = sched.current;
  if (c === null) return;
  c.ticks += 1n;
  if (inUserMode) c.userTicks += 1n;
  else c.systemTicks += 1n;
  accountTick(c, c === sched.idle, inUserMode);
  if (c === sched.idle) {
    if (sched.policy.hasRunnable()) sched.needResched = true;
    return;
  }
  if (sched.policy.tick(c)) sched.needResched = true;
}

/** Acts on signals before a task returns to user mode (installed by the signal-delivery code). */
export type UserReturnHook = (frame: TrapFrame) => void;
let userReturnHook: UserReturnHook | null = null;

/** Installs the hook that runs before every return to user mode. */
export function setUserReturnHook(h: UserReturnHook): void {
  userReturnHook = h;
}

/**
 * Runs as interrupts, exceptions and system calls return: the preemption point, and signal
 * delivery (the system-call entry calls it directly, isr_dispatch through its return hook).
 */
export function onTrapReturn(frame: TrapFrame): void {
  if (idleWaiting) return;
  const fromUser = (frame.cs & 3) === 3;
  if (fromUser) {
    const c0 = sched.current;
    const h = userReturnHook;
    // Pending signals, or a system call that returned one of the internal restart codes.
    if (c0 !== null && h !== null && (c0.hasSignalWork() || (frame.vector === 0x80 && frame.eax >= 0xfffffdfc && frame.eax <= 0xfffffe00))) h(frame);
  }
  if (!sched.needResched) return;
  const c = sched.current;
  // The boot context (the idle task) is never preempted: it is not on the run queue, so a
  // preempted boot context could starve behind the tasks it has just started. It gives up
  // the CPU by blocking or yielding, and idles in schedule() itself.
  if (!fromUser && !(c !== null && c.preemptible && c !== sched.idle)) return;
  if (frame.vector < 32 && !fromUser) return; // never preempt kernel exception handlers
  schedule();
}

/** Sleeps on `channel` until wakeUp(channel). Call with interrupts off or accept a lost wakeup race. */
export function sleepOn(channel: u32): void {
  const flags = readEflags();
  cli();
  const c = currentTask();
  c.waitChannel = channel;
  c.state = TaskState.Blocked;
  schedule();
  c.waitChannel = 0;
  if ((flags & 0x200) !== 0) sti();
}

/** Channel sleepers with a deadline wait on (woken by the timer). */
const TIMER_CHANNEL: u32 = 0xfffffff0;

/**
 * Sleeps on `channel` until wakeUp(channel), or until the monotonic clock reaches `deadlineNs`
 * (0: no deadline); false when the deadline has passed. Call with interrupts off, after the
 * condition the caller waits for was checked.
 */
export function sleepOnUntil(channel: u32, deadlineNs: u64, now: () => u64): boolean {
  if (deadlineNs === 0n) {
    sleepOn(channel);
    return true;
  }
  if (now() >= deadlineNs) return false;
  const c = currentTask();
  c.wakeAtNs = deadlineNs;
  timerSleepers++;
  sleepOn(channel);
  timerSleepers--;
  c.wakeAtNs = 0n;
  return now() < deadlineNs;
}

/** Sleeps until the monotonic clock reaches `deadlineNs` or a signal arrives; false when interrupted. */
export function sleepUntil(deadlineNs: u64, now: () => u64): boolean {
  const c = currentTask();
  c.wakeAtNs = deadlineNs;
  timerSleepers++;
  let completed = true;
  while (now() < deadlineNs) {
    if (c.hasDeliverableSignal()) { completed = false; break; }
    sleepOn(TIMER_CHANNEL);
  }
  timerSleepers--;
  c.wakeAtNs = 0n;
  return completed;
}

/** Tasks inside sleepUntil: the timer tick looks for expired deadlines only when there are some. */
let timerSleepers = 0;

/** Wakes sleepers whose deadline has passed (from the timer tick; reads the clock only when someone sleeps). */
export function wakeExpired(now: () => u64): void {
  if (timerSleepers === 0) return;
  const nowNs = now();
  for (const t of sched.all) {
    if (t.state === TaskState.Blocked && t.wakeAtNs !== 0n && t.wakeAtNs <= nowNs) {
      t.waitChannel = 0;
      makeRunnable(t);
    }
  }
}

/** Wakes task `t` if it sleeps on `channel` (a wait queue that knows its sleepers). */
export function wakeTask(t: Task, channel: u32): void {
  if (t.state === TaskState.Blocked && t.waitChannel === channel) {
    t.waitChannel = 0;
    makeRunnable(t);
  }
}

/** Wakes every task sleeping on `channel`; returns how many. Tasks in poll/select wake on every wakeup. */
export function wakeUp(channel: u32): i32 {
  let n = 0;
  for (const t of sched.all) {
    if (t.state === TaskState.Blocked && (t.waitChannel === channel || (pollWaiters > 0 && t.waitChannel === POLL_CHANNEL))) {
      t.waitChannel = 0;
      makeRunnable(t);
      n++;
    }
  }
  return n;
}

/** The channel of tasks in poll/select: any wakeup may have made one of their files ready. */
const POLL_CHANNEL: u32 = 0xfffffff4;
let pollWaiters = 0;

/**
 * Sleeps until some wakeup happens anywhere (or `deadlineNs`, when not 0, passes, or a signal
 * arrives), so that a poll or select can look at its files again. False once the deadline passed.
 */
export function sleepForAnyWakeup(deadlineNs: u64, now: () => u64): boolean {
  const flags = readEflags();
  cli();
  const c = currentTask();
  if (deadlineNs !== 0n && now() >= deadlineNs) {
    if ((flags & 0x200) !== 0) sti();
    return false;
  }
  if (deadlineNs !== 0n) {
    c.wakeAtNs = deadlineNs;
    timerSleepers++;
  }
  pollWaiters++;
  c.waitChannel = POLL_CHANNEL;
  c.state = TaskState.Blocked;
  schedule();
  c.waitChannel = 0;
  pollWaiters--;
  if (deadlineNs !== 0n) {
    timerSleepers--;
    c.wakeAtNs = 0n;
  }
  if ((flags & 0x200) !== 0) sti();
  return deadlineNs === 0n || now() < deadlineNs;
}

/**
 * Ends the current task with `code`. A group leader becomes a zombie until its parent reaps it
 * (after the last thread of its group is gone: then the parent is woken); any other thread is
 * released as soon as the CPU has left its stack.
 */
export function exitCurrent(code: i32): never {
  cli();
  const c = currentTask();
  if (c === sched.idle) panic("the idle task cannot exit");
  c.exitCode = code;
  c.state = TaskState.Zombie;
  fpuRelease(c.fpuArea); // its slot's area may go to a new task before the registers are reloaded
  const g = c.group;
  const threads = g.threads;
  for (let i = 0; i < threads.length; i++) {
    if (threads[i] === c) {
      threads[i] = threads[threads.length - 1];
      threads.pop();
      break;
    }
  }
  if (!c.isLeader) deadThreads.push(c);
  const p = g.leader.parent;
  if (threads.length === 0 && p !== null) wakeUp(addressOf(p));
  schedule();
  panic("a zombie task was scheduled");
}

/**
 * Removes a zombie from the task list and frees it (destroyTask); returns its exit code.
 */
export function reap(t: Task): i32 {
  const code = t.exitCode;
  for (let i = 0; i < sched.all.length; i++) {
    if (sched.all[i] === t) {
      sched.all[i] = sched.all[sched.all.length - 1];
      sched.all.pop();
      break;
    }
  }
  destroyTask(t);
  return code;
}

/**
 * Waits until `t` — a group leader — and every thread of its group have exited, and reaps it;
 * returns its exit code. `t` is freed: read what else you need first (waitTaskExit).
 */
export function joinTask(t: Task): i32 {
  waitTaskExit(t);
  return reap(t);
}

/** Waits until `t` — a group leader — and every thread of its group have exited, without reaping it (joinTask does). */
export function waitTaskExit(t: Task): void {
  while (t.state !== TaskState.Zombie || t.group.threads.length !== 0) sleepOn(addressOf(currentTask()));
}

/**
 * Called by task_trampoline when a task's entry function returns.
 * @linkname task_exit_current
 */
export function taskExitCurrent(code: i32): void {
  exitCurrent(code);
}
