/**
 * The interface every machine (QEMU, v86) implements: boot a multiboot v1
 * kernel ELF, carry COM1 in both directions, and end when the kernel writes
 * an exit code to port 0xF4, when it can no longer run, or at a timeout.
 */

import { accessSync, constants } from "node:fs";

/** Names of the machines the tools can boot a kernel on. */
export type MachineName = "qemu" | "v86";

/** What to boot and how. Paths are host file paths. */
export interface BootOptions {
  /** Multiboot v1 ELF32 kernel image. */
  kernel: string;
  /**
   * Kernel command line. Every machine passes the multiboot command line as
   * `<kernel path> <cmdline>`, as QEMU and GRUB do, so the kernel skips the
   * first word.
   */
  cmdline?: string;
  /** Multiboot modules in order (v86 supports at most one). */
  modules?: readonly string[];
  /** Guest RAM in MiB; default 128. */
  memoryMiB?: number;
  /**
   * Connect the terminal: raw stdin goes to COM1, COM1 goes to stdout.
   * Quit keys: Ctrl-A x on QEMU, Ctrl-] on v86.
   */
  interactive?: boolean;
  /** Called with COM1 output as it arrives, in order. */
  onSerial?: (bytes: Uint8Array) => void;
  /**
   * Wall-clock limit in milliseconds, after which the machine is killed and
   * the result says timedOut. Default 30 000, or none when interactive.
   */
  timeoutMs?: number;
  /** QEMU only (v86 notes and ignores it): the -cpu model, e.g. "max" for NX and PAE. */
  cpu?: string;
  /** QEMU only (v86 notes and ignores them): extra arguments, appended verbatim. */
  extraArgs?: readonly string[];
}

/** Why a run ended. */
export type EndReason =
  /** The kernel wrote an exit code to port 0xF4. */
  | "exit"
  /** timeoutMs elapsed. */
  | "timeout"
  /** v86 only: the CPU executed HLT with interrupts disabled. */
  | "halted"
  /** The machine stopped without an exit code: reset under -no-reboot (a
   * triple fault), ACPI power-off, or the user quit an interactive run. */
  | "stopped"
  /** v86 only: the emulator aborted on a CPU state it does not implement
   * (a triple fault, for one); diagnostics hold its message. */
  | "crashed";

/** The outcome of one run. */
export interface BootResult {
  machine: MachineName;
  /**
   * The value the kernel wrote to port 0xF4, or null if it wrote none.
   * QEMU can only report 7 bits ((v << 1) | 1 is an exit status), so every
   * machine reports `v & 0x7F`.
   */
  exitCode: number | null;
  timedOut: boolean;
  reason: EndReason;
  /** Everything the kernel wrote to COM1, decoded as UTF-8. */
  serial: string;
  /** Milliseconds from the call to the first COM1 byte, or null if none came. */
  firstSerialByteMs: number | null;
  /** Milliseconds from the call to the end of the run. */
  elapsedMs: number;
  /** Whatever the machine itself printed (QEMU's stderr, v86 notes). */
  diagnostics: string;
}

/** A machine that is running; `result` settles when it has ended. */
export interface RunningMachine {
  /** Queue bytes for COM1's receiver, as if typed on the serial line. */
  sendSerial(bytes: Uint8Array | string): void;
  /** End the run now; the result's reason is "stopped". */
  stop(): void;
  /** The outcome; rejects only if the machine could not start at all. */
  readonly result: Promise<BootResult>;
}

/** The exit-code mask shared by all machines (see BootResult.exitCode). */
export const EXIT_CODE_MASK = 0x7f;

/** Default guest RAM in MiB. */
export const DEFAULT_MEMORY_MIB = 128;

/** Default limit of a non-interactive run in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The timeout a run gets: explicit, or the default unless interactive. */
export function effectiveTimeoutMs(options: BootOptions): number | null {
  if (options.timeoutMs !== undefined) return options.timeoutMs;
  return options.interactive ? null : DEFAULT_TIMEOUT_MS;
}

/** Throws a clear error unless every file exists and is readable. */
export function assertReadable(files: readonly string[]): void {
  for (const file of files) {
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new Error(`cannot read ${file}`);
    }
  }
}
