/**
 * Tasks: the kernel's unit of scheduling. A task has its own kernel stack (with guard pages),
 * saved stack pointer, address space root, parent and children, accounting, and scheduling
 * state. Kernel threads run a TypeScript function; user processes enter ring 3 from theirs.
 * Tasks belong to thread groups: a process is a group of threads sharing one pid (the tgid).
 */
import { vmallocStack, vfreeStack } from "../mm/vmm";
import { kernelRoot } from "../arch/x86/paging";
import { AddressSpace } from "../mm/aspace";
import { RbNode } from "../lib/rbtree";
import { fpuResetArea } from "../arch/x86/fpu";
import { monotonicNs } from "../drivers/pit";

/** Task states. */
export const enum TaskState { Runnable = 0, Running = 1, Blocked = 2, Zombie = 3, Stopped = 4 }

/** Most tasks that can exist at once (the process-table limit). */
export const MAX_TASKS: i32 = 256;
/** Kernel stack size per task. */
export const KERNEL_STACK_BYTES: u32 = 16384;

/** Saved kernel stack pointers, by task slot; context_switch writes through their addresses. */
const savedEsp = new Array<u32>(MAX_TASKS).fill(0);
/** FPU/SSE state of each task slot (fxsave areas, 512 bytes, 16-byte aligned). */
/** @align 16 */
const fpuStates = new Array<u8>(MAX_TASKS * 512).fill(0);
const slotUsed = new Array<boolean>(MAX_TASKS).fill(false);
/** Bytes of a command name with its NUL (Linux's TASK_COMM_LEN): longer names are cut to 15. */
export const COMM_LEN: i32 = 16;
/** The command names (comm) by task slot, NUL-padded: setting one allocates nothing. */
const comms = new Array<u8>(MAX_TASKS * COMM_LEN).fill(0);

/** A task's entry function: receives its argument, returns its exit status. */
export type TaskEntry = (arg: u32) => i32;

/** What restart_syscall runs for a call interrupted with -ERESTART_RESTARTBLOCK (nanosleep, futex wait). */
export type RestartFn = () => i32;

/** The signal a process sends its parent when it ends, unless clone asked for another (or none). */
export const SIGCHLD: i32 = 17;

/** clone(2) flags (include/uapi/linux/sched.h): the low byte is the exit signal. */
export const CLONE_EXIT_SIGNAL: u32 = 0xff;
export const CLONE_VM: u32 = 0x00000100;
export const CLONE_FS: u32 = 0x00000200;
export const CLONE_FILES: u32 = 0x00000400;
export const CLONE_SIGHAND: u32 = 0x00000800;
export const CLONE_PIDFD: u32 = 0x00001000;
export const CLONE_PTRACE: u32 = 0x00002000;
export const CLONE_VFORK: u32 = 0x00004000;
export const CLONE_PARENT: u32 = 0x00008000;
export const CLONE_THREAD: u32 = 0x00010000;
export const CLONE_NEWNS: u32 = 0x00020000;
export const CLONE_SYSVSEM: u32 = 0x00040000;
export const CLONE_SETTLS: u32 = 0x00080000;
export const CLONE_PARENT_SETTID: u32 = 0x00100000;
export const CLONE_CHILD_CLEARTID: u32 = 0x00200000;
export const CLONE_DETACHED: u32 = 0x00400000;
export const CLONE_UNTRACED: u32 = 0x00800000;
export const CLONE_CHILD_SETTID: u32 = 0x01000000;
/** The namespace flags (cgroup, uts, ipc, user, pid, net): OpenOS has no namespaces. */
export const CLONE_NEW_NAMESPACES: u32 = 0x7e000000;
export const CLONE_IO: u32 = 0x80000000;

/**
 * A thread group: what POSIX calls a process. Its threads share the pid (tgid, the leader's
 * tid), the process-wide pending signals, the process group and session, and the group's fate:
 * exit_group or a fatal signal ends every thread, and the parent hears of the process only when
 * the last thread is gone. The leader stays (a zombie, if it exits first) until the group is reaped.
 */
export class ThreadGroup {
  /** The threads that have not exited yet (the leader while it runs, too). */
  threads: Task[] = [];
  /** Signals sent to the process as a whole (kill), taken by whichever thread does not block them. */
  sharedPending: u64 = 0n;
  /** A user process (kernel threads take no signals and have no user memory). */
  user = false;
  /** exit_group, a fatal signal or an execve is ending the other threads: no new ones may start. */
  exiting = false;
  /** The wait status of the whole process once `exiting` (exit_group's code, or the fatal signal). */
  exitStatus = 0;
  /** The thread in execve that waits for the others to end (null when none). */
  execer: Task | null = null;
  /** A stop signal stopped the process (reported to the parent; SIGCONT reports the continue). */
  stopped = false;
  pgid = 0;
  sid = 0;
  /** User and system ticks of threads that have already exited (times(2) of the process). */
  deadUserTicks: u64 = 0n;
  deadSystemTicks: u64 = 0n;
  /** Task objects of the group not yet destroyed (threads that exited but were not released count): the group goes with the last. */
  members = 0;

  constructor(public leader: Task, readonly tgid: i32) {
    this.pgid = tgid;
    this.sid = tgid;
  }
}

/** One schedulable task. */
export class Task {
  state: i32 = TaskState.Runnable;
  /** The parent process (a group leader); threads record their process's parent. */
  parent: Task | null = null;
  /** The thread group (process) this task belongs to. */
  group: ThreadGroup;
  /** The clone flags this task was created with (0 for the first process, SIGCHLD for fork). */
  cloneFlags: u32 = 0;
  /** The signal the parent gets when this process ends (SIGCHLD; 0: none; unused by threads). */
  exitSignal: i32 = SIGCHLD;
  /** A group stop is in progress: the task stops on its way back to user mode. */
  stopPending = false;
  /** vfork: the child whose exec or exit this task waits for, and the parent such a child releases. */
  vforkChild: Task | null = null;
  vforkParent: Task | null = null;
  exitCode: i32 = 0;
  /** Status for wait4: (code << 8) after exit, the signal number when killed. */
  waitStatus: i32 = 0;
  /** Pending signals (bit sig-1), acted on at the next return to user mode. */
  pendingSignals: u64 = 0n;
  /** Blocked signals (bit sig-1; never SIGKILL or SIGSTOP). */
  blockedSignals: u64 = 0n;
  /** A stop or continue not yet reported to wait4 (its wait status; 0: none). */
  jobEvent: i32 = 0;
  /** The mask to restore once a handler has run (rt_sigsuspend's caller mask), when `restoreSignalMask`. */
  savedSignalMask: u64 = 0n;
  restoreSignalMask = false;
  /** The alternate signal stack (sigaltstack). */
  altStackSp: u32 = 0;
  altStackSize: u32 = 0;
  altStackDisabled = true;
  /** Thread-local-storage descriptors of the GDT TLS slots (set_thread_area), installed at each switch. */
  tls0: u64 = 0n;
  tls1: u64 = 0n;
  tls2: u64 = 0n;
  /** The signal sent to this process when its parent exits (prctl PR_SET_PDEATHSIG; 0: none). */
  parentDeathSignal = 0;
  /** set_tid_address: where the tid is cleared (and a futex woken) when the thread exits. */
  clearChildTid: u32 = 0;
  /** set_robust_list: the head of the thread's robust futex list and its size. */
  robustList: u32 = 0;
  robustListLen: u32 = 0;
  /** The system call being served (its number), or -1: lets an interrupted call be restarted. */
  syscallNr: i32 = -1;
  /** What restart_syscall continues (null: nothing to restart, it fails with -EINTR). */
  restartFn: RestartFn | null = null;
  /** Where an interrupted sleep resumes through restart_syscall: its deadline and `rem` pointer. */
  restartDeadlineNs: u64 = 0n;
  restartRemaining: u32 = 0;
  /** Address space of a user process (null for kernel threads, which use the kernel's tables). */
  aspace: AddressSpace | null = null;
  root: u32 = 0;
  kstackLow: u32 = 0;
  kstackTop: u32 = 0;
  /** Scheduling: ticks run in total, nice value, CFS virtual runtime, run-queue link. */
  ticks: u64 = 0n;
  /** Ticks that found the task in user mode and in the kernel (times(2), getrusage). */
  userTicks: u64 = 0n;
  systemTicks: u64 = 0n;
  /** Ticks of reaped children, for times(2). */
  childUserTicks: u64 = 0n;
  childSystemTicks: u64 = 0n;
  nice: i32 = 0;
  vruntime: u64 = 0n;
  timeslice: i32 = 0;
  /** The O(1) policy: the slice ran out, so the task goes to the expired array. */
  expiredSlice = false;
  next: Task | null = null;
  /** CFS: this task's node in the run-queue tree. */
  readonly rbNode: RbNode<Task>;
  /** May the timer preempt it in kernel mode? (user mode is always preemptible) */
  preemptible = false;
  /** The wait channel a blocked task sleeps on (0: none). */
  waitChannel: u32 = 0;
  wakeAtNs: u64 = 0n;
  /** When the task was created (monotonic ns since boot; /proc's starttime). */
  readonly startNs: u64 = monotonicNs();

  /**
   * `pid` is the thread id (tid); it changes only when a thread's execve makes it the leader of
   * its group, which keeps the process's pid.
   */
  constructor(public pid: i32, name: string, readonly slot: i32, group: ThreadGroup | null) {
    this.rbNode = new RbNode<Task>(this);
    this.setName(name);
    this.group = group === null ? new ThreadGroup(this, pid) : group;
    this.group.threads.push(this);
    this.group.members++;
  }

  /** Sets the command name (comm): the first 15 bytes of `s`. */
  setName(s: string): void {
    const base = this.slot * COMM_LEN;
    for (let i = 0; i < COMM_LEN; i++) comms[base + i] = i < COMM_LEN - 1 && i < s.length ? u8(s.charCodeAt(i) & 0xff) : 0;
  }

  /** Sets the command name to the last component of `path`, as execve does (a path ending in "/" is kept whole). */
  setNameFromPath(path: string): void {
    let start = path.lastIndexOf("/") + 1;
    if (start >= path.length) start = 0;
    const base = this.slot * COMM_LEN;
    for (let i = 0; i < COMM_LEN; i++) comms[base + i] = i < COMM_LEN - 1 && start + i < path.length ? u8(path.charCodeAt(start + i) & 0xff) : 0;
  }

  /** Gives this task the command name of `other` (fork). */
  copyNameFrom(other: Task): void {
    const from = other.slot * COMM_LEN, to = this.slot * COMM_LEN;
    for (let i = 0; i < COMM_LEN; i++) comms[to + i] = comms[from + i];
  }

  /** Bytes in the command name. */
  nameLength(): i32 {
    const base = this.slot * COMM_LEN;
    let n = 0;
    while (n < COMM_LEN - 1 && comms[base + n] !== 0) n++;
    return n;
  }

  /** Byte `i` of the command name. */
  nameByte(i: i32): u8 {
    return comms[this.slot * COMM_LEN + i];
  }

  /** The command name as a new string (the caller disposes it). */
  get name(): string {
    const base = this.slot * COMM_LEN;
    return stringFromBytes(comms, base, base + this.nameLength());
  }

  /** The process id: the thread group's id. */
  get tgid(): i32 {
    return this.group.tgid;
  }

  /** The process group (shared by the threads of the process). */
  get pgid(): i32 {
    return this.group.pgid;
  }
  set pgid(g: i32) {
    this.group.pgid = g;
  }

  /** The session (shared by the threads of the process). */
  get sid(): i32 {
    return this.group.sid;
  }
  set sid(s: i32) {
    this.group.sid = s;
  }

  /** Is this task its process's leader (the thread whose tid is the pid)? */
  get isLeader(): boolean {
    return this.group.leader === this;
  }

  /** Is a signal pending that is not blocked, or a group stop (something that interrupts a wait)? */
  hasDeliverableSignal(): boolean {
    const pending = this.pendingSignals | this.group.sharedPending;
    return (pending !== 0n && (pending & ~this.blockedSignals) !== 0n) || this.stopPending;
  }

  /** Does the way back to user mode have signal work (pending signals, or a group stop)? */
  hasSignalWork(): boolean {
    return this.pendingSignals !== 0n || this.group.sharedPending !== 0n || this.stopPending;
  }

  /** Address of this task's saved-ESP cell. */
  get savedEspAddress(): u32 {
    return addressOf(savedEsp) + u32(this.slot) * 4;
  }

  /** Address of this task's FPU/SSE save area. */
  get fpuArea(): u32 {
    return addressOf(fpuStates) + u32(this.slot) * 512;
  }
}

let nextPid = 1;
let liveTasks = 0;

/** The pid given to the most recently created task (pids are never reused: also the number of tasks created). */
export function lastPid(): i32 {
  return nextPid - 1;
}

/** Number of tasks that exist (any state but reaped). */
export function taskCount(): i32 {
  return liveTasks;
}

function allocSlot(): i32 {
  for (let i = 0; i < MAX_TASKS; i++) if (!slotUsed[i]) { slotUsed[i] = true; return i; }
  return -1;
}

/** The task that represents the boot context (it becomes the idle task). */
export function adoptBootContext(): Task {
  const slot = allocSlot();
  const t = new Task(0, "idle", slot, null);
  fpuResetArea(t.fpuArea);
  t.state = TaskState.Running;
  t.root = kernelRoot();
  liveTasks++;
  return t;
}

/**
 * Creates a task whose first run calls `entry(arg)` on a fresh kernel stack, below `reserve`
 * bytes kept free at the top (fork puts the child's user register frame there): a thread of
 * `group`, or (null) the leader of a new group. Null when the process table is full or memory
 * is exhausted.
 */
export function createTask(name: string, entry: TaskEntry, arg: u32, reserve: u32, group: ThreadGroup | null): Task | null {
  const slot = allocSlot();
  if (slot < 0) return null;
  const low = vmallocStack(KERNEL_STACK_BYTES);
  if (low === 0) { slotUsed[slot] = false; return null; }
  const t = new Task(nextPid++, name, slot, group);
  fpuResetArea(t.fpuArea);
  t.kstackLow = low;
  t.kstackTop = low + KERNEL_STACK_BYTES;
  t.root = kernelRoot();
  // The stack context_switch will return on: callee-saved registers, then task_trampoline,
  // which pops the entry function and calls it with the argument above it.
  let sp = t.kstackTop - reserve;
  sp -= 4; store32(sp, arg);
  sp -= 4; store32(sp, addressOf(entry));
  sp -= 4; store32(sp, symbolAddress("task_trampoline"));
  for (let i = 0; i < 4; i++) { sp -= 4; store32(sp, 0); }
  savedEsp[slot] = sp;
  liveTasks++;
  return t;
}

/**
 * Releases a reaped task: its kernel stack, its slot and the task object itself, and its thread
 * group with the group's last task. Nothing may refer to `t` afterwards.
 */
export function destroyTask(t: Task): void {
  if (t.kstackLow !== 0) vfreeStack(t.kstackLow);
  slotUsed[t.slot] = false;
  liveTasks--;
  const g = t.group;
  g.members--;
  if (g.members === 0) {
    dispose(g.threads);
    dispose(g);
  }
  dispose(t.rbNode);
  dispose(t);
}
