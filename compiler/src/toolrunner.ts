/**
 * Runs the build's external tools (gcc, ld, …) from a small helper process
 * (toolrunner-process.mjs) instead of from this one. Node.js starts a child with fork(), whose
 * cost grows with the parent's memory: a process holding tsc programs of the kernel and the
 * userland (hundreds of MiB) spent 15-20 ms of CPU per gcc or ld it started, 4 s of a full OS
 * build. The helper stays small, so its forks are cheap, and it runs as many tools at once as
 * there are CPUs, starting waiting ones by priority: tools asked for before a long synchronous
 * step of this thread (ostc's front end) keep running during it. Each thread that runs tools
 * starts its own helper on first use; it exits when closeToolRunner() closes it or the process
 * ends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import os from "node:os";

/** What a tool printed. */
export interface ToolOutput { stdout: string; stderr: string }

/** A failed tool run, shaped like child_process.execFile's errors (stdout, stderr, code). */
export class ToolError extends Error {
  constructor(message: string, readonly stdout: string, readonly stderr: string, readonly code: number | null) {
    super(message);
  }
}

interface Answer { id: number; stdout: string; stderr: string; code: number | null; signal: string | null; error?: string }
interface Waiting { cmd: string; args: readonly string[]; resolve: (o: ToolOutput) => void; reject: (e: Error) => void }

const HELPER = fileURLToPath(new URL("./toolrunner-process.mjs", import.meta.url));

/** One helper process and the runs it has not answered yet. */
class Helper {
  readonly child: ChildProcess;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  constructor() {
    this.child = spawn(process.execPath, [HELPER, String(os.availableParallelism())], { stdio: ["pipe", "pipe", "inherit"] });
    createInterface({ input: this.child.stdout! }).on("line", (line) => this.answer(JSON.parse(line) as Answer));
    this.child.on("exit", (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`the tool runner exited (${signal ?? code}) while ${w.cmd} ran`));
      this.waiting.clear();
      if (helper === this) helper = undefined;
    });
    this.setAlive(false);
  }

  run(cmd: string, args: readonly string[], options: ToolOptions): Promise<ToolOutput> {
    const id = this.nextId++;
    return new Promise<ToolOutput>((resolve, reject) => {
      this.waiting.set(id, { cmd, args, resolve, reject });
      this.setAlive(true);
      this.child.stdin!.write(`${JSON.stringify({ id, cmd, args, input: options.input, priority: options.priority ?? 0 })}\n`);
    });
  }

  /** Tells the helper whether this thread is busy (it then leaves a CPU to the thread). */
  setBusy(busy: boolean): void {
    this.child.stdin!.write(`${JSON.stringify({ busy })}\n`);
  }

  /** Closes the helper's input: it exits once it has answered; resolves when it has. */
  close(): Promise<void> {
    this.setAlive(true);
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once("exit", () => resolve());
    });
    this.child.stdin!.end();
    return exited;
  }

  private answer(a: Answer): void {
    const w = this.waiting.get(a.id)!;
    this.waiting.delete(a.id);
    if (this.waiting.size === 0) this.setAlive(false);
    if (a.code === 0 && a.error === undefined) { w.resolve({ stdout: a.stdout, stderr: a.stderr }); return; }
    const what = a.error ?? (a.signal ? `killed by ${a.signal}` : `exit status ${a.code}`);
    w.reject(new ToolError(`Command failed: ${w.cmd} ${w.args.join(" ")} (${what})\n${a.stderr}`, a.stdout, a.stderr, a.code));
  }

  /** While answers are awaited the helper keeps this thread alive; idle, it does not. */
  private setAlive(alive: boolean): void {
    for (const h of [this.child, this.child.stdin, this.child.stdout] as ({ ref(): void; unref(): void } | null)[]) {
      if (alive) h?.ref(); else h?.unref();
    }
  }
}

let helper: Helper | undefined;

/** How a tool runs. */
export interface ToolOptions {
  /** Fed to its standard input. */
  readonly input?: string;
  /** Among waiting tools, lower numbers start first (default 0). */
  readonly priority?: number;
}

/** Priority of the steps on a full build's critical path (the kernel's compiles and links). */
export const URGENT = -1;
/** Priority of short independent steps that any free CPU can take at the end (the C programs). */
export const BACKGROUND = 1;

/**
 * Runs `cmd` with `args` (no shell); resolves with what it printed, rejects with a ToolError when
 * it fails. It starts when a CPU is free.
 */
export function runTool(cmd: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolOutput> {
  helper ??= new Helper();
  return helper.run(cmd, args, options);
}

/**
 * Runs `work`, a long synchronous step of this thread (a front end), with one CPU fewer for tools
 * meanwhile: the tools asked for before it keep running, but none competes with it for the CPU
 * it runs on. Work on a build's critical path should run this way.
 */
export function whileBusy<T>(work: () => T): T {
  helper ??= new Helper();
  const h = helper;
  h.setBusy(true);
  try {
    return work();
  } finally {
    if (h.child.exitCode === null && h.child.signalCode === null) h.setBusy(false);
  }
}

/**
 * Stops this thread's helper once it has answered everything and waits until it has exited
 * (so that its CPU time, and its tools', is counted with this process's); the next runTool
 * starts a new one.
 */
export function closeToolRunner(): Promise<void> {
  const h = helper;
  helper = undefined;
  return h ? h.close() : Promise.resolve();
}
