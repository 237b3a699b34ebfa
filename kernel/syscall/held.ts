/**
 * Strings that live until the current system call returns: the paths a call reads from user
 * memory (and the absolute paths built from them for *at calls). They are held per task — a
 * call may sleep while other tasks make calls — and released by the dispatcher when the call
 * returns, so no handler has to free them on each of its exits. Whatever must outlive the call
 * (a symbolic link's target) is copied.
 */
import { MAX_TASKS } from "../proc/task";
import { currentTask } from "../proc/sched";

/** Strings one call may hold (rename/link of two *at paths need four). */
const PER_TASK: i32 = 8;
const held = new Array<string>(MAX_TASKS * PER_TASK).fill("");
const counts = new Array<i32>(MAX_TASKS).fill(0);
/** Strings held by all tasks (the dispatcher's fast test). */
let total = 0;

/** Keeps `s` until the calling task's system call returns, and returns it. */
export function holdForCall(s: string): string {
  const slot = currentTask().slot;
  const n = counts[slot];
  if (n < PER_TASK) { // beyond that the string is simply not freed
    held[slot * PER_TASK + n] = s;
    counts[slot] = n + 1;
    total++;
  }
  return s;
}

/** Are any strings held? (Checked after every call; a branch when none are.) */
export function anyHeld(): boolean {
  return total !== 0;
}

/** Frees the strings the task in `slot` held for its call (the call has returned). */
export function releaseHeld(slot: i32): void {
  const n = counts[slot];
  for (let i = 0; i < n; i++) {
    dispose(held[slot * PER_TASK + i]);
    held[slot * PER_TASK + i] = "";
  }
  counts[slot] = 0;
  total -= n;
}
