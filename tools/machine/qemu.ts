/**
 * QEMU (qemu-system-i386) as a machine: boots a multiboot kernel with
 * -kernel, carries COM1 over QEMU's stdio, and reads the kernel's exit code
 * from the isa-debug-exit device at port 0xF4.
 */

import { spawn, spawnSync } from "node:child_process";
import {
  type BootOptions,
  type BootResult,
  type EndReason,
  type RunningMachine,
  DEFAULT_MEMORY_MIB,
  EXIT_CODE_MASK,
  assertReadable,
  effectiveTimeoutMs,
} from "./machine.js";
import { SerialRecorder } from "./serial-recorder.js";
import { attachTerminal } from "./terminal.js";

/** The QEMU binary the tools run. */
export const QEMU_BINARY = "qemu-system-i386";

/** Whether QEMU is installed and runs. */
export function qemuAvailable(): boolean {
  const probe = spawnSync(QEMU_BINARY, ["--version"], { stdio: "ignore", timeout: 10_000 });
  return probe.status === 0;
}

/**
 * The QEMU command line for a run. Interactive runs put QEMU's monitor on
 * the serial mux (Ctrl-A x quits, Ctrl-A c toggles the monitor); captured
 * runs have no monitor.
 */
export function qemuArguments(options: BootOptions): string[] {
  const args = [
    "-kernel", options.kernel,
    "-m", String(options.memoryMiB ?? DEFAULT_MEMORY_MIB),
    "-display", "none",
    "-no-reboot",
    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
  ];
  if (options.interactive) {
    args.push("-serial", "mon:stdio");
  } else {
    args.push("-serial", "stdio", "-monitor", "none");
  }
  if (options.cmdline) args.push("-append", options.cmdline);
  const modules = options.modules ?? [];
  if (modules.length > 0) args.push("-initrd", modules.map(moduleArgument).join(","));
  if (options.cpu) args.push("-cpu", options.cpu);
  args.push(...(options.extraArgs ?? []));
  return args;
}

/** QEMU splits -initrd at commas (",," escapes one) and each item at spaces. */
function moduleArgument(path: string): string {
  if (/\s/.test(path)) throw new Error(`QEMU cannot load a module whose path has spaces: ${path}`);
  return path.replaceAll(",", ",,");
}

/**
 * QEMU's exit status, decoded. isa-debug-exit makes QEMU exit with
 * (v << 1) | 1; a guest that powers off or resets under -no-reboot, or a
 * user quitting, gives 0. QEMU's own errors exit with 1 too (the same as an
 * exit code of 0), but then it has printed something other than warnings on
 * stderr, which a debug exit never does.
 */
function decodeExitStatus(status: number, stderr: string): { exitCode: number | null } | { error: string } {
  if (status === 0) return { exitCode: null };
  const complaints = stderr.split("\n").filter((line) => line.trim() !== "" && !/\bwarning:/.test(line));
  if (status % 2 === 1 && !(status === 1 && complaints.length > 0)) {
    return { exitCode: (status >> 1) & EXIT_CODE_MASK };
  }
  return { error: `${QEMU_BINARY} failed with status ${status}: ${stderr.trim()}` };
}

/** Starts the kernel on QEMU. */
export function startQemu(options: BootOptions): RunningMachine {
  const startedAt = performance.now();
  assertReadable([options.kernel, ...(options.modules ?? [])]);
  const args = qemuArguments(options);
  const child = spawn(QEMU_BINARY, args, { stdio: ["pipe", "pipe", "pipe"] });
  const serial = new SerialRecorder(startedAt, { onSerial: options.onSerial, echo: options.interactive ?? false });
  const stderrChunks: Buffer[] = [];
  let ending: EndReason | null = null;

  child.stdin.on("error", () => {}); // QEMU may exit while input is queued
  child.stdout.on("data", (chunk: Buffer) => serial.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => {
    stderrChunks.push(chunk);
    if (options.interactive) process.stderr.write(chunk);
  });

  const kill = (reason: EndReason): void => {
    if (ending !== null) return;
    ending = reason;
    child.kill(reason === "timeout" ? "SIGKILL" : "SIGTERM");
  };
  const timeoutMs = effectiveTimeoutMs(options);
  const timer = timeoutMs === null ? null : setTimeout(() => kill("timeout"), timeoutMs);
  const detachTerminal = options.interactive
    ? attachTerminal({ onInput: (bytes) => child.stdin.write(bytes) })
    : null;
  if (options.interactive) process.stderr.write("[qemu: Ctrl-A x quits, Ctrl-A c toggles the monitor]\r\n");

  const result = new Promise<BootResult>((resolve, reject) => {
    child.on("error", (error) => {
      if (timer) clearTimeout(timer);
      detachTerminal?.();
      reject(new Error(`cannot run ${QEMU_BINARY}: ${error.message}`));
    });
    child.on("close", (status, signal) => {
      if (timer) clearTimeout(timer);
      detachTerminal?.();
      const diagnostics = Buffer.concat(stderrChunks).toString("utf8");
      const finish = (reason: EndReason, exitCode: number | null): void =>
        resolve({
          machine: "qemu",
          exitCode,
          timedOut: reason === "timeout",
          reason,
          serial: serial.text(),
          firstSerialByteMs: serial.firstByteMs,
          elapsedMs: performance.now() - startedAt,
          diagnostics,
        });
      if (ending !== null) return finish(ending, null);
      if (status === null) return reject(new Error(`${QEMU_BINARY} died of ${signal}: ${diagnostics.trim()}`));
      const decoded = decodeExitStatus(status, diagnostics);
      if ("error" in decoded) return reject(new Error(decoded.error));
      finish(decoded.exitCode === null ? "stopped" : "exit", decoded.exitCode);
    });
  });

  return {
    sendSerial: (bytes) => {
      child.stdin.write(bytes);
    },
    stop: () => kill("stopped"),
    result,
  };
}

/** Boots the kernel on QEMU and waits for the run to end. */
export function bootQemu(options: BootOptions): Promise<BootResult> {
  return startQemu(options).result;
}
