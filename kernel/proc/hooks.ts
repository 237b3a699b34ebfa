/**
 * Lifecycle hooks through which higher layers (files, signals, …) attach per-process state
 * without the process layer depending on them: called when a process is created (by spawn or
 * fork; `parent` is null for the first process) and when it exits.
 */
import { Task } from "./task";

/** Called for every new process; for fork, `parent` is the forking task. */
export type NewProcessHook = (child: Task, parent: Task | null, isFork: boolean) => void;
/** Called as a process exits, before its address space is freed. */
export type ExitHook = (t: Task) => void;

/** Called after a successful execve replaced the current process's image. */
export type ExecHook = (t: Task) => void;

const newHooks: NewProcessHook[] = [];
const exitHooks: ExitHook[] = [];
const execHooks: ExecHook[] = [];

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
