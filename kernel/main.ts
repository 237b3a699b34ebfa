/**
 * The OpenOS kernel entry: boot.S calls kernel_main(magic, info) after the modules'
 * top-level code has run. It brings up the CPU tables, interrupts, time and memory, then
 * either runs the in-kernel test suites (`test` on the command line) or the console monitor.
 */
import { SERIAL_IRQ, serialFlush, serialInterrupt } from "./drivers/serial";
import { consoleEnableInterrupts, consoleInit, consolePutByte, consoleRead, consoleWrite, consoleWriteBytes } from "./drivers/console";
import { KEYBOARD_IRQ, keyboardInterrupt } from "./drivers/keyboard";
import { error, info, rawLine, rawWrite, setConsoleLogLevel, setLogClock, writeCString } from "./lib/printk";
import { KERNEL_BASE } from "./arch/x86/layout";
import { BootInfo, MULTIBOOT_MAGIC, cmdlineHas, cmdlineInitArgs, cmdlineValue, parseMultiboot } from "./boot/multiboot";
import { gdtInit } from "./arch/x86/gdt";
import { idtInit, setIrqHandler } from "./arch/x86/idt";
import { TrapFrame } from "./arch/x86/trapframe";
import { printBacktrace, trapsInit } from "./arch/x86/traps";
import { detectCpu, halt, setBeforeHalt } from "./arch/x86/cpu";
import { picEndOfInterrupt, picInit, picIsSpurious } from "./drivers/pic";
import { calibrateTsc, monotonicNs, pitInit, pitTick, ticks, tscHz } from "./drivers/pit";
import { wallClockInit } from "./drivers/wallclock";
import { totalFreePages, zones } from "./mm/pmm";
import { memoryInit } from "./mm/init";
import { fpuInit } from "./arch/x86/fpu";
import { sysenterEntries } from "./arch/x86/sysenter";
import { syscallCount } from "./syscall/dispatch";
import { procInit, runFirstProcess } from "./proc/init";
import { fsInit } from "./fs/init";
import { syscallsInit } from "./syscall/init";
import { schedTick, wakeExpired } from "./proc/sched";
import { crashTest } from "./debug/crashtest";
import { kmallocCaches } from "./mm/slab";
import { heapBytesInUse, heapEarlyBytes } from "./mm/heap";
import { runSuites, Suite } from "./test/ktap";
import { runBenchmarks } from "./test/bench";
import { buddySuite } from "./test/buddy_test";
import { exceptionsSuite } from "./test/exceptions_test";
import { timerSuite } from "./test/timer_test";
import { serialSuite } from "./test/serial_test";
import { bootSuite } from "./test/boot_test";
import { consoleSuite } from "./test/console_test";
import { pagingSuite } from "./test/paging_test";
import { slabSuite } from "./test/slab_test";
import { schedSuite } from "./test/sched_test";
import { fpuSuite } from "./test/fpu_test";
import { symbolsSuite } from "./test/symbols_test";
import { vfsSuite } from "./test/vfs_test";

class IrqStats {
  spurious: u32 = 0;
  counts = new Array<u32>(16).fill(0);
}
const irqStats = new IrqStats();

function handleIrq(irq: u32, _frame: TrapFrame): void {
  if (picIsSpurious(irq)) { irqStats.spurious++; return; }
  irqStats.counts[irq]++;
  if (irq === 0) { pitTick(); wakeExpired(monotonicNs); schedTick((_frame.cs & 3) === 3); }
  else if (irq === KEYBOARD_IRQ) keyboardInterrupt();
  else if (irq === SERIAL_IRQ) serialInterrupt();
  picEndOfInterrupt(irq);
}

/** Parses `mem=` (e.g. 64M, 512K, 1048576) into bytes; 0 when absent or malformed. */
export function parseMemSize(text: string | null): u32 {
  if (text === null || text.length === 0) return 0;
  let v: u32 = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (v > 400000000) return 0;
    v = v * 10 + u32(c - 48);
  }
  if (i === 0) return 0;
  const unit = i < text.length ? text.charAt(i) : "";
  if (unit === "K" || unit === "k") return v <= 4194303 ? v * 1024 : 0;
  if (unit === "M" || unit === "m") return v <= 4095 ? v * 1048576 : 0;
  if (unit === "G" || unit === "g") return v <= 3 ? v * 1073741824 : 0;
  return unit === "" ? v : 0;
}

function allSuites(): Suite[] {
  return [bootSuite(), serialSuite(), consoleSuite(), exceptionsSuite(), timerSuite(), buddySuite(), pagingSuite(), slabSuite(), symbolsSuite(), schedSuite(), fpuSuite(), vfsSuite()];
}

/**
 * The kernel's C entry point.
 * @linkname kernel_main
 */
export function kernelMain(magic: u32, infoPhys: u32): void {
  consoleInit();
  setBeforeHalt(serialFlush);
  rawLine("");
  info("OpenOS: kernel starting");
  if (magic !== MULTIBOOT_MAGIC) {
    error(`not started by a multiboot loader (magic ${magic}); stopping`);
    halt(2);
  }
  const boot = parseMultiboot(infoPhys, KERNEL_BASE);
  if (boot.infoUnreachable) error(`multiboot: the information block at ${infoPhys} lies outside the boot map; ignoring it`);
  const level = cmdlineValue(boot.cmdline, "loglevel");
  if (level !== null && level.length === 1 && level.charCodeAt(0) >= 48 && level.charCodeAt(0) <= 55) setConsoleLogLevel(level.charCodeAt(0) - 48);
  info(`cmdline: "${boot.cmdline}"`);
  gdtInit();
  idtInit();
  trapsInit();
  picInit();
  setIrqHandler(handleIrq);
  pitInit();
  consoleEnableInterrupts();
  sti();
  const cpu = detectCpu();
  fpuInit(cpu.fxsr, cmdlineValue(boot.cmdline, "fpu"));
  if (cpu.tsc) calibrateTsc(20);
  wallClockInit();
  setLogClock(monotonicNs);
  info(`cpu: tsc ${cpu.tsc} (${tscHz() / 1000000n} MHz), pae ${cpu.pae}, nx ${cpu.nx}, sysenter ${cpu.sysenter}`);
  memoryInit(boot, cpu, parseMemSize(cmdlineValue(boot.cmdline, "mem")));
  if (totalFreePages() < 256) {
    error(`only ${totalFreePages()} free pages: OpenOS needs at least 1 MiB of usable RAM above the kernel`);
    halt(4);
  }
  procInit(boot, cpu.sysenter && !cmdlineHas(boot.cmdline, "nosysenter"));
  fsInit(boot);
  syscallsInit(boot);
  info(`OpenOS ready (${totalFreePages() >>> 8} MiB free)`);
  const crash = cmdlineValue(boot.cmdline, "crashtest");
  if (crash !== null) crashTest(crash);
  if (cmdlineHas(boot.cmdline, "bench")) {
    runBenchmarks();
    halt(0);
  }
  const initPath = cmdlineValue(boot.cmdline, "init");
  if (initPath !== null) {
    const status = runFirstProcess(initPath, cmdlineInitArgs(boot.cmdline));
    info(`${initPath} exited with status ${status} after ${syscallCount()} system calls, ${sysenterEntries()} of them through sysenter`);
    halt(u8(status));
  }
  if (cmdlineHas(boot.cmdline, "test")) {
    const failed = runSuites(allSuites());
    halt(failed === 0 ? 0 : 1);
  }
  monitor(boot);
}

/** A minimal console monitor until the shell exists: reads lines from COM1 or the keyboard and runs commands. */
function monitor(boot: BootInfo): void {
  rawLine("Type 'help' for commands.");
  let line = "";
  consoleWrite("openos> ");
  for (;;) {
    const c = consoleRead();
    if (c < 0) { hlt(); continue; }
    if (c === 13 || c === 10) {
      consoleWrite("\n");
      runCommand(line.trim(), boot);
      line = "";
      consoleWrite("openos> ");
    } else if (c === 127 || c === 8) {
      if (line.length > 0) { line = line.slice(0, line.length - 1); consoleWrite("\b \b"); }
    } else if (c >= 32 && c < 127) {
      line += String.fromCharCode(c);
      consolePutByte(u8(c));
    }
  }
}

function runCommand(cmd: string, boot: BootInfo): void {
  if (cmd === "") return;
  if (cmd === "help") {
    rawLine("commands: help, mem, uptime, cmdline, irqs, test, halt");
  } else if (cmd === "mem") {
    for (const z of zones()) rawLine(`zone ${z.name}: ${z.freePages} of ${z.managedPages} pages free, ${z.allocations} allocations, ${z.frees} frees`);
    rawLine(`heap: ${heapBytesInUse()} bytes in use, ${heapEarlyBytes()} bytes of early arena`);
    for (const c of kmallocCaches()) rawLine(`  ${c.name}: ${c.allocated} objects in ${c.slabs} slabs`);
  } else if (cmd === "uptime") {
    const ms = monotonicNs() / 1000000n;
    rawLine(`up ${ms / 1000n}.${(ms % 1000n).toString().padStart(3, "0")} s, ${ticks()} ticks`);
  } else if (cmd === "cmdline") {
    rawLine(boot.cmdline);
  } else if (cmd === "irqs") {
    for (let i = 0; i < 16; i++) if (irqStats.counts[i] > 0) rawLine(`irq ${i}: ${irqStats.counts[i]}`);
    rawLine(`spurious: ${irqStats.spurious}`);
  } else if (cmd === "test") {
    runSuites(allSuites());
  } else if (cmd === "halt") {
    rawLine("halting");
    halt(0);
  } else {
    rawLine(`unknown command: ${cmd}`);
  }
}

/**
 * Runtime traps (overflow, bounds, null) and panic(): report with location and stop.
 * @linkname kernel_trap
 */
export function kernelTrap(what: u32, loc: u32): never {
  cli();
  rawLine("");
  rawWrite("KERNEL PANIC: ");
  writeCString(what);
  rawWrite(" at ");
  writeCString(loc);
  rawLine("");
  printBacktrace(framePointer());
  halt(3);
}

/**
 * Console output for the runtime (console.log is not available in the kernel; this serves C helpers).
 * @linkname kernel_console_write
 */
export function kernelConsoleWrite(addr: u32, n: i32): void {
  if (n > 0) consoleWriteBytes(addr, u32(n));
}


