/**
 * Runs one command line on OpenOS, non-interactively: the initramfs gets the overlay items and
 * a script holding the command, the kernel boots with its messages silenced (loglevel=0) and
 * /bin/sh runs the script as the first process. The result is what the command wrote (serial
 * line ends turned back into \n) and its exit status (reported behind a random marker, since
 * the emulators can pass only 7 bits of an exit code).
 */
import path from "node:path";
import crypto from "node:crypto";
import { OverlayItem, writeOverlaidInitramfs } from "./build/overlay.js";
import { bootMachine, type MachineName } from "./machine/index.js";

/** What runCommand needs. */
export interface RunCommandOptions {
  kernel: string;
  /** The base initramfs (build/initramfs.cpio). */
  initramfs: string;
  /** Where the combined initramfs is written. */
  workDir: string;
  machine: MachineName;
  command: string;
  items?: OverlayItem[];
  memoryMiB?: number;
  timeoutMs?: number;
  /** Kernel command-line words put before the init= words (e.g. "strace", "sched=rr"). */
  kernelArgs?: string;
}

/** The command's output and exit status; `timedOut` when the machine had to be stopped. */
export interface CommandResult {
  output: string;
  status: number;
  timedOut: boolean;
  /** Everything the machine printed, for diagnostics. */
  serial: string;
}

/** Boots OpenOS, runs the command, and returns what it printed and its status. */
export async function runCommand(o: RunCommandOptions): Promise<CommandResult> {
  const marker = `openos-exit-${crypto.randomBytes(6).toString("hex")}`;
  const items: OverlayItem[] = [...(o.items ?? []),
    { guest: "/run/command", mode: 0o644, data: Buffer.from(`${o.command}\necho "${marker}:$?"\n`, "latin1") }];
  const module = writeOverlaidInitramfs(o.initramfs, items, path.join(o.workDir, "initramfs-run.cpio"));
  const r = await bootMachine({
    machine: o.machine, kernel: o.kernel, modules: [module], cmdline: `loglevel=0 ${o.kernelArgs ? `${o.kernelArgs} ` : ""}init=/bin/sh -- /run/command`,
    memoryMiB: o.memoryMiB ?? 256, timeoutMs: o.timeoutMs ?? 120_000,
  });
  let text = r.serial.replace(/\r\n/g, "\n");
  const bannerLine = "OpenOS: kernel starting\n"; // printed before the log level applies
  const banner = text.indexOf(bannerLine);
  if (banner >= 0) text = text.slice(banner + bannerLine.length);
  const m = new RegExp(`${marker}:(\\d+)\\n`).exec(text);
  let status = r.exitCode ?? 1;
  if (m !== null) {
    status = Number(m[1]);
    text = text.slice(0, m.index) + text.slice(m.index + m[0].length);
  }
  return { output: text, status, timedOut: r.timedOut, serial: r.serial };
}
