/**
 * What lives until the current system call returns: the paths a call reads from user memory
 * (and the absolute paths built from them for *at calls), and references to the open files it
 * uses when its descriptor table is shared. They are held per task — a call may sleep while
 * other tasks make calls — and released by the dispatcher when the call returns, so no handler
 * has to free them on each of its exits. Whatever must outlive the call (a symbolic link's
 * target) is copied.
 */
import { MAX_TASKS } from "../proc/task";
import { currentTask } from "../proc/sched";
import { File, fileGet, filePut } from "../fs/vfs";

/** Strings one call may hold (rename/link of two *at paths need four). */
const PER_TASK: i32 = 8;
const held = new Array<string>(MAX_TASKS * PER_TASK).fill("");
const counts = new Array<i32>(MAX_TASKS).fill(0);
const files = new Array<File | null>(MAX_TASKS * PER_TASK).fill(null);
const fileCounts = new Array<i32>(MAX_TASKS).fill(0);
/**
 * Strings and files held by all tasks. The dispatcher tests it after every call, directly (a
 * load and a branch, in checked builds too: no call), and calls releaseHeld only when it is not
 * zero. Only this module changes it (an import is read-only).
 */
export let heldTotal: i32 = 0;

/** Keeps `s` until the calling task's system call returns, and returns it. */
export function holdForCall(s: string): string {
  const slot = currentTask().slot;
  const n = counts[slot];
  if (n < PER_TASK) { // beyond that the string is simply not freed
    held[slot * PER_TASK + n] = s;
    counts[slot] = n + 1;
    heldTotal++;
  }
  return s;
}

/**
 * Takes a reference to `f` until the calling task's system call returns. Beyond PER_TASK files
 * (poll of many descriptors) the file is used without one, as before.
 */
export function holdFileForCall(f: File): void {
  const slot = currentTask().slot;
  const n = fileCounts[slot];
  if (n >= PER_TASK) return;
  files[slot * PER_TASK + n] = fileGet(f);
  fileCounts[slot] = n + 1;
  heldTotal++;
}

/** Frees the strings and drops the files the task in `slot` held for its call (the call has returned). */
export function releaseHeld(slot: i32): void {
  const k = fileCounts[slot];
  for (let i = 0; i < k; i++) {
    const f = files[slot * PER_TASK + i];
    files[slot * PER_TASK + i] = null;
    if (f !== null) filePut(f);
  }
  fileCounts[slot] = 0;
  heldTotal -= k;
  const n = counts[slot];
  for (let i = 0; i < n; i++) {
    dispose(held[slot * PER_TASK + i]);
    held[slot * PER_TASK + i] = "";
  }
  counts[slot] = 0;
  heldTotal -= n;
}
