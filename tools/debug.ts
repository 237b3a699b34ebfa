/**
 * `npm run debug`: builds the kernel, starts it on QEMU halted at the first instruction with a gdb
 * stub, and attaches gdb, which shows TypeScript source lines (ostc's #line directives).
 *
 * Usage: npm run debug [-- [--port N] [--append "<kernel cmdline>"] [--work-dir DIR]]
 *
 * With a terminal, gdb is interactive: `target remote :1234`, `break kernel_main`, `continue`, and
 * the kernel's serial console shares the terminal. Without one (stdin not a TTY), it runs a scripted
 * batch session instead — break at kernel_main, continue, `info line *$pc`, `backtrace` — prints
 * gdb's output and exits with gdb's status; the kernel's serial output goes to a file in the work
 * directory. test/debug.test.ts runs that session.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildKernel } from "./build/kernel.js";
import { REPO_ROOT } from "./build/kernel-link.js";
import { QEMU_BINARY, qemuAvailable } from "./machine/qemu.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "1234" },
    append: { type: "string" },
    "work-dir": { type: "string", default: "build" },
  },
});
const port = Number(values.port);
const workDir = path.resolve(REPO_ROOT, values["work-dir"]);
const interactive = process.stdin.isTTY === true;

if (spawnSync("gdb", ["--version"], { stdio: "ignore" }).status !== 0) {
  console.error("npm run debug needs gdb: apt-get install gdb");
  process.exit(2);
}
if (!qemuAvailable()) {
  console.error(`npm run debug needs QEMU (${QEMU_BINARY}): apt-get install qemu-system-x86`);
  process.exit(2);
}

let elf: string;
try {
  elf = await buildKernel({ output: path.join(workDir, "kernel.elf"), workDir });
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}

const serialLog = path.join(workDir, "debug-serial.log");
const qemuArgs = [
  "-kernel", elf,
  "-m", "128",
  "-display", "none",
  "-no-reboot",
  "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
  "-monitor", "none",
  "-serial", interactive ? "stdio" : `file:${serialLog}`,
  "-gdb", `tcp:127.0.0.1:${port}`, // -s on a chosen port
  "-S", // halted until gdb continues
  ...(values.append ? ["-append", values.append] : []),
];
// Its own process group: Ctrl-C in gdb interrupts the kernel through gdb and must not kill QEMU.
const qemu: ChildProcess = spawn(QEMU_BINARY, qemuArgs, { stdio: ["ignore", "inherit", "inherit"], detached: true });
const stopQemu = (): void => {
  if (qemu.exitCode === null && qemu.signalCode === null) qemu.kill("SIGKILL");
};
process.on("exit", stopQemu);
qemu.on("error", (err) => {
  console.error(`cannot run ${QEMU_BINARY}: ${err.message}`);
  process.exit(2);
});

const gdbArgs = interactive
  ? ["-q", elf, "-ex", `target remote :${port}`, "-ex", "break kernel_main", "-ex", "continue"]
  : [
    "-q", "-batch", "-nx", elf,
    "-ex", "set pagination off",
    "-ex", "set confirm off",
    "-ex", `target remote :${port}`, // gdb retries while QEMU is still starting
    "-ex", "break kernel_main",
    "-ex", "continue",
    "-ex", "info line *$pc",
    "-ex", "backtrace",
    "-ex", "kill",
  ];
if (interactive) {
  process.on("SIGINT", () => {}); // gdb handles Ctrl-C
  console.error(`[debug: QEMU halted with its gdb stub on :${port}; the kernel's serial console is this terminal; quit gdb to stop]`);
}
const gdb = spawn("gdb", gdbArgs, { stdio: "inherit" });
gdb.on("close", (status) => {
  stopQemu();
  if (!interactive) console.error(`[debug: kernel serial output in ${path.relative(process.cwd(), serialLog)}]`);
  process.exit(status ?? 1);
});
