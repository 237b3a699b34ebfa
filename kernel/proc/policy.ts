/**
 * Scheduling policies behind one interface: the run queue, the choice of the next task, and
 * what a timer tick means for the running task.
 */
import { Task } from "./task";

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
    t.timeslice = RR_TIMESLICE_TICKS;
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
