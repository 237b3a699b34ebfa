/**
 * Lifecycle hooks through which higher layers (files, signals, futexes, …) attach per-task state
 * without the process layer depending on them: called when a task is created (by spawn, fork or
 * clone — the child's `cloneFlags` say what it shares; `parent` is null for the first process),
 * when it exits, when it execs, and when it lets go of its user memory.
 */
import { Task } from "./task";

/** Called for every new task; for fork and clone, `parent` is the calling task. */
export type NewProcessHook = (child: Task, parent: Task | null, isFork: boolean) => void;
/** Called as a task (a thread, or a process's last thread) exits, after it let go of its user memory. */
export type ExitHook = (t: Task) => void;
/**
 * Called while a task still runs in its user memory, just before it lets go of it (thread exit,
 * execve): Linux's mm_release — the robust futex list, clear_child_tid.
 */
export type MmReleaseHook = (t: Task) => void;

/** Called after a successful execve replaced the current process's image. */
export type ExecHook = (t: Task) => void;

const newHooks: NewProcessHook[] = [];
const exitHooks: ExitHook[] = [];
const execHooks: ExecHook[] = [];
const mmReleaseHooks: MmReleaseHook[] = [];

/** Registers a hook run before a task lets go of its user memory. */
export function addMmReleaseHook(h: MmReleaseHook): void {
  mmReleaseHooks.push(h);
}

/** Runs the user-memory release hooks. */
export function runMmReleaseHooks(t: Task): void {
  for (const h of mmReleaseHooks) h(t);
}

/** Registers an exec hook (close-on-exec descriptors, signal dispositions, …). */
export function addExecHook(onExec: ExecHook): void {
  execHooks.push(onExec);
}

/** Runs the exec hooks. */
export function runExecHooks(t: Task): void {
  for (const h of execHooks) h(t);
}

/** Registers hooks (each layer once, at boot). */
export function addProcessHooks(onNew: NewProcessHook, onExit: ExitHook): void {
  newHooks.push(onNew);
  exitHooks.push(onExit);
}

/** Runs the new-process hooks. */
export function runNewProcessHooks(child: Task, parent: Task | null, isFork: boolean): void {
  for (const h of newHooks) h(child, parent, isFork);
}

/** Runs the exit hooks. */
export function runExitHooks(t: Task): void {
  for (const h of exitHooks) h(t);
}
