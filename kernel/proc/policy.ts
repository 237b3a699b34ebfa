/**
 * Scheduling policies behind one interface: the run queue, the choice of the next task, and
 * what a timer tick means for the running task.
 */
import { Task } from "./task";
import { RbTree } from "../lib/rbtree";

/** A scheduling policy. */
export interface SchedPolicy {
  /** Short name, as on the command line (`sched=`). */
  name(): string;
  /** Adds a runnable task. */
  enqueue(t: Task): void;
  /** Removes and returns the next task to run, or null. */
  pickNext(): Task | null;
  /** Are there runnable tasks waiting? */
  hasRunnable(): boolean;
  /** Accounts one tick to the running task; true when it should be preempted. */
  tick(t: Task): boolean;
}

/** Ticks in a round-robin time slice. */
export const RR_TIMESLICE_TICKS: i32 = 10;

/** Round robin: a FIFO run queue and a fixed time slice. */
export class RoundRobin implements SchedPolicy {
  private head: Task | null = null;
  private tail: Task | null = null;

  name(): string {
    return "rr";
  }

  enqueue(t: Task): void {
    t.next = null;
    if (t.timeslice <= 0) t.timeslice = RR_TIMESLICE_TICKS;
    const tl = this.tail;
    if (tl === null) this.head = t;
    else tl.next = t;
    this.tail = t;
  }

  pickNext(): Task | null {
    const h = this.head;
    if (h === null) return null;
    this.head = h.next;
    if (this.head === null) this.tail = null;
    h.next = null;
    return h;
  }

  hasRunnable(): boolean {
    return this.head !== null;
  }

  tick(t: Task): boolean {
    t.timeslice--;
    return t.timeslice <= 0;
  }
}

/** Linux's nice-to-weight table (kernel/sched/core.c sched_prio_to_weight), nice -20 … 19. */
export const NICE_TO_WEIGHT: u32[] = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
  9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
  1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
  110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
];
/** Weight of nice 0. */
export const NICE_0_WEIGHT: u32 = 1024;
const NS_PER_TICK: u64 = 1000000n;
/** A task is preempted once it runs this much (virtual) time past the leftmost waiter. */
const CFS_GRANULARITY_NS: u64 = 3000000n;

/** The weight of a nice value (clamped to -20…19). */
export function niceWeight(nice: i32): u32 {
  const n = nice < -20 ? -20 : nice > 19 ? 19 : nice;
  return NICE_TO_WEIGHT[n + 20];
}

/**
 * The Completely Fair Scheduler: runnable tasks in a red-black tree ordered by virtual runtime
 * (real runtime scaled by NICE_0_WEIGHT / weight); the leftmost runs next; min_vruntime
 * places waking and new tasks so they neither starve others nor get starved.
 */
export class Cfs implements SchedPolicy {
  private readonly tree = new RbTree<Task>();
  private minVruntime: u64 = 0n;

  name(): string {
    return "cfs";
  }

  enqueue(t: Task): void {
    // A task that slept long does not bank credit: start no further back than min_vruntime.
    if (t.vruntime < this.minVruntime) t.vruntime = this.minVruntime;
    this.tree.insert(t.rbNode, t.vruntime);
  }

  pickNext(): Task | null {
    const n = this.tree.leftmost;
    if (n === null) return null;
    this.tree.remove(n);
    if (n.value.vruntime > this.minVruntime) this.minVruntime = n.value.vruntime;
    return n.value;
  }

  hasRunnable(): boolean {
    return this.tree.leftmost !== null;
  }

  tick(t: Task): boolean {
    t.vruntime += (NS_PER_TICK * BigInt(NICE_0_WEIGHT)) / BigInt(niceWeight(t.nice));
    const first = this.tree.leftmost;
    // min_vruntime follows the smaller of the running task's and the leftmost waiter's, never
    // backwards (Linux's update_min_vruntime): a task forked or woken now starts level with the
    // one running, not ahead of it by all it ran since it was picked (a parent was preempted by
    // its child at the first tick after fork, before it could reach wait4).
    const low = first === null || t.vruntime < first.value.vruntime ? t.vruntime : first.value.vruntime;
    if (low > this.minVruntime) this.minVruntime = low;
    if (first === null) return false;
    return t.vruntime > first.value.vruntime + CFS_GRANULARITY_NS;
  }
}

/** Number of priority levels the O(1) policy uses (one per nice value). */
const O1_LEVELS: i32 = 40;

/**
 * The O(1) scheduler of Linux 2.6: a priority bitmap over per-priority FIFO queues, in two
 * arrays; a task that uses up its time slice moves to the expired array, and the arrays swap
 * when the active one empties. Slices grow with priority (nice -20: 800 ms … nice 19: 5 ms).
 */
export class O1 implements SchedPolicy {
  private active: PrioArray = new PrioArray();
  private expired: PrioArray = new PrioArray();

  name(): string {
    return "o1";
  }

  /** Time slice in ticks for a nice value (the 2.6 formula: (140 - prio) × 20 ms or × 5 ms). */
  static timeslice(nice: i32): i32 {
    const prio = 120 + (nice < -20 ? -20 : nice > 19 ? 19 : nice);
    return prio < 120 ? (140 - prio) * 20 : (140 - prio) * 5;
  }

  enqueue(t: Task): void {
    if (t.timeslice <= 0) {
      t.timeslice = O1.timeslice(t.nice);
      if (t.expiredSlice) { t.expiredSlice = false; this.expired.push(t); return; }
    }
    this.active.push(t);
  }

  pickNext(): Task | null {
    if (this.active.empty()) {
      const a = this.active;
      this.active = this.expired;
      this.expired = a;
    }
    return this.active.popHighest();
  }

  hasRunnable(): boolean {
    return !this.active.empty() || !this.expired.empty();
  }

  tick(t: Task): boolean {
    t.timeslice--;
    if (t.timeslice > 0) return false;
    t.expiredSlice = true;
    return true;
  }
}

/** Per-priority FIFO queues with a bitmap of the non-empty ones. */
class PrioArray {
  private readonly heads: (Task | null)[] = new Array<Task | null>(O1_LEVELS).fill(null);
  private readonly tails: (Task | null)[] = new Array<Task | null>(O1_LEVELS).fill(null);
  private bitmap: u64 = 0n;

  empty(): boolean {
    return this.bitmap === 0n;
  }

  push(t: Task): void {
    const level = (t.nice < -20 ? -20 : t.nice > 19 ? 19 : t.nice) + 20;
    t.next = null;
    const tail = this.tails[level];
    if (tail === null) this.heads[level] = t;
    else tail.next = t;
    this.tails[level] = t;
    this.bitmap |= 1n << BigInt(level);
  }

  /** Removes the first task of the best (lowest) non-empty level. */
  popHighest(): Task | null {
    if (this.bitmap === 0n) return null;
    let level = 0;
    while (((this.bitmap >> BigInt(level)) & 1n) === 0n) level++;
    const t = this.heads[level]!;
    this.heads[level] = t.next;
    if (t.next === null) {
      this.tails[level] = null;
      this.bitmap &= ~(1n << BigInt(level));
    }
    t.next = null;
    return t;
  }
}
