/**
 * `npm run os`: boots OpenOS with host directories copied into its root file system, and
 * either opens the shell on this terminal or runs one command line non-interactively, printing
 * what it writes and exiting with its exit status.
 *
 *   npm run os -- --add ./mydir:/opt --run "/opt/prog arg"
 *   npm run os -- --busybox --run "busybox sh /opt/script.sh"
 *
 * Options: --add host[:guest] (repeatable; guest defaults to /<basename>), --run "command line"
 * (run by /bin/sh; without it the shell starts on this terminal), --busybox (Debian's static
 * busybox for i386 as /bin/busybox, its applets as links in /opt/busybox/bin), --machine
 * qemu|v86, --memory MiB, --timeout seconds (default 120 with --run), --cmdline "words" (kernel
 * command-line words added before init=, e.g. "strace" or "kmemleak").
 * Output lines end with \n (the serial console's \r\n is turned back); kernel messages are
 * silenced (loglevel=0) for --run.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildOs } from "./build/os.js";
import { REPO_ROOT } from "./build/kernel-link.js";
import { OverlayItem, parseAdd, writeOverlaidInitramfs } from "./build/overlay.js";
import { busyboxOverlay } from "./busybox.js";
import { availableMachines, bootMachine, type MachineName } from "./machine/index.js";
import { runCommand } from "./run-command.js";

const { values } = parseArgs({
  options: {
    add: { type: "string", multiple: true, default: [] },
    run: { type: "string" },
    busybox: { type: "boolean", default: false },
    machine: { type: "string" },
    memory: { type: "string", default: "256" },
    timeout: { type: "string", default: "120" },
    cmdline: { type: "string", default: "" },
  },
});

function fail(message: string): never {
  process.stderr.write(`npm run os: ${message}\n`);
  process.exit(2);
}

const machine = (values.machine ?? (availableMachines().includes("qemu") ? "qemu" : "v86")) as MachineName;
if (!availableMachines().includes(machine)) fail(`machine ${machine} is not available here`);
const items: OverlayItem[] = [];
try {
  for (const spec of values.add!) items.push(parseAdd(spec));
  if (values.busybox) items.push(...await busyboxOverlay());
} catch (err) {
  fail((err as Error).message);
}

let kernel: string, initramfs: string;
try {
  ({ kernel, initramfs } = await buildOs());
} catch (err) {
  fail((err as Error).message);
}
const work = path.join(REPO_ROOT, "build", "os");

if (values.run === undefined) {
  const module = items.length === 0 ? initramfs : writeOverlaidInitramfs(initramfs, items, path.join(work, "initramfs.cpio"));
  process.stderr.write(`Booting OpenOS on ${machine}. Quit with ${machine === "qemu" ? "Ctrl-A x" : "Ctrl-]"}.\n`);
  const r = await bootMachine({ machine, kernel, modules: [module], cmdline: `${values.cmdline ? `${values.cmdline} ` : ""}init=/bin/init`, interactive: process.stdin.isTTY === true, memoryMiB: Number(values.memory) });
  process.exit(r.exitCode ?? 0);
}

const r = await runCommand({
  kernel, initramfs, workDir: work, machine, command: values.run, items,
  memoryMiB: Number(values.memory), timeoutMs: Number(values.timeout) * 1000, kernelArgs: values.cmdline,
});
process.stdout.write(r.output);
if (r.timedOut) fail(`timed out after ${values.timeout} s`);
process.exit(r.status);
