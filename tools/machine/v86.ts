/**
 * v86 (the npm package, x86 emulated in WebAssembly) as a machine: boots a
 * multiboot kernel directly without a BIOS, carries COM1 through the
 * serial0 events, and takes a write to port 0xF4 as the kernel's exit code.
 *
 * v86 0.5.x quirks handled here:
 * - Its own port 0xF4 handler logs "Test exited with code" and throws the
 *   string "HALT" out of the emulation loop (an uncaught exception under
 *   Node), so the port is re-registered through the emulator's internal I/O
 *   table (emulator.v86.cpu.io), which the public API does not expose.
 * - stop() only takes effect at the next emulation tick, which can be 100 ms
 *   away when the guest idles in HLT; the tick is brought forward.
 * - A guest fault it does not implement (a triple fault, say) is a Rust
 *   panic that escapes the emulation tick as an uncaught exception; the tick
 *   is wrapped so that it ends the run as "crashed" instead.
 * - It loads one multiboot module only (its `initrd` option).
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { V86 } from "v86";
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
import { CTRL_RIGHT_BRACKET, attachTerminal } from "./terminal.js";

/** The port the kernel writes its exit code to (QEMU's isa-debug-exit). */
const EXIT_PORT = 0xf4;

/** How long to wait for v86 to acknowledge stop() before freeing it anyway. */
const STOP_GRACE_MS = 1_000;

/** The parts of v86's internals this module relies on (not in v86.d.ts). */
interface V86Internals {
  v86?: {
    cpu?: {
      io?: {
        register_write(
          port: number,
          device: object,
          write8: (value: number) => void,
          write16: (value: number) => void,
          write32: (value: number) => void,
        ): void;
      };
    };
    next_tick?(delayMs: number): void;
    do_tick?(): void;
  };
}

/** Path of the WebAssembly CPU shipped with the v86 package. */
export function v86WasmPath(): string {
  const main = createRequire(import.meta.url).resolve("v86");
  return path.join(path.dirname(main), "v86.wasm");
}

/** A file's bytes as the standalone ArrayBuffer v86 wants. */
function readArrayBuffer(file: string): ArrayBuffer {
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The multiboot command line QEMU would pass: kernel path, then cmdline. */
function multibootCmdline(options: BootOptions): string {
  return options.cmdline ? `${options.kernel} ${options.cmdline}` : options.kernel;
}

/**
 * Routes console.log/warn/error into `notes` until the returned function is
 * called: v86 reports its own panics ("Unimplemented: #GP handler") there.
 * Used only around one synchronous emulation tick.
 */
function captureConsole(notes: string[]): () => void {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const record = (...args: unknown[]): void => {
    notes.push(args.map(String).join(" "));
  };
  console.log = console.warn = console.error = record;
  return () => Object.assign(console, saved);
}

/** Starts the kernel on v86. */
export function startV86(options: BootOptions): RunningMachine {
  const startedAt = performance.now();
  const modules = options.modules ?? [];
  assertReadable([options.kernel, ...modules]);
  if (modules.length > 1) throw new Error(`v86 loads one multiboot module, not ${modules.length}`);

  const emulator = new V86({
    wasm_path: v86WasmPath(),
    multiboot: { buffer: readArrayBuffer(options.kernel) },
    initrd: modules.length === 1 ? { buffer: readArrayBuffer(modules[0]!) } : undefined,
    cmdline: multibootCmdline(options),
    memory_size: (options.memoryMiB ?? DEFAULT_MEMORY_MIB) * 1024 * 1024,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
  });
  const internals = emulator as unknown as V86Internals;
  const serial = new SerialRecorder(startedAt, { onSerial: options.onSerial, echo: options.interactive ?? false });
  const notes: string[] = [];
  if (options.cpu !== undefined) notes.push(`v86 ignores cpu=${options.cpu} (QEMU only)`);
  if ((options.extraArgs ?? []).length > 0) notes.push(`v86 ignores extraArgs ${options.extraArgs!.join(" ")} (QEMU only)`);

  let ready = false;
  let ending: { reason: EndReason; exitCode: number | null } | null = null;
  let settle: ((result: BootResult) => void) | null = null;
  let fail: ((error: Error) => void) | null = null;
  const result = new Promise<BootResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });

  // Serial bytes come one event each, in the middle of an emulation slice;
  // hand them on in chunks once the slice is over.
  let pending: number[] = [];
  const flushSerial = (): void => {
    if (pending.length === 0) return;
    const bytes = Uint8Array.from(pending);
    pending = [];
    serial.push(bytes);
  };
  emulator.add_listener("serial0-output-byte", (byte) => {
    if (ending !== null) return; // QEMU stops at the exit write; v86 runs on to the end of its slice
    if (pending.length === 0) queueMicrotask(flushSerial);
    pending.push(byte);
  });

  const timeoutMs = effectiveTimeoutMs(options);
  const timer = timeoutMs === null ? null : setTimeout(() => end("timeout", null), timeoutMs);
  const detachTerminal = options.interactive
    ? attachTerminal({
        onInput: (bytes) => emulator.serial_send_bytes(0, bytes),
        quitByte: CTRL_RIGHT_BRACKET,
        onQuit: () => end("stopped", null),
      })
    : null;
  if (options.interactive) process.stderr.write("[v86: Ctrl-] quits]\r\n");

  /** Ends the run once: stops and frees the emulator, then settles. */
  function end(reason: EndReason, exitCode: number | null, error?: Error): void {
    if (ending !== null) return;
    ending = { reason, exitCode };
    if (timer) clearTimeout(timer);
    detachTerminal?.();
    void teardown().then(() => {
      flushSerial();
      if (error) return fail?.(error);
      settle?.({
        machine: "v86",
        exitCode,
        timedOut: reason === "timeout",
        reason,
        serial: serial.text(),
        firstSerialByteMs: serial.firstByteMs,
        elapsedMs: performance.now() - startedAt,
        diagnostics: notes.join("\n"),
      });
    });
  }

  async function teardown(): Promise<void> {
    if (!ready) return; // never started: nothing runs yet, and destroy() would wait forever
    const stopped = new Promise<void>((resolve) => emulator.add_listener("emulator-stopped", () => resolve()));
    void emulator.stop();
    // Bring the next tick forward: it is the one that notices stop().
    setImmediate(() => internals.v86?.next_tick?.(0));
    let grace: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([
      stopped.then(() => true),
      new Promise<boolean>((resolve) => (grace = setTimeout(() => resolve(false), STOP_GRACE_MS))),
    ]);
    clearTimeout(grace);
    if (!graceful) notes.push(`v86 did not stop within ${STOP_GRACE_MS} ms`);
    await emulator.destroy();
  }

  emulator.add_listener("emulator-ready", () => {
    ready = true;
    if (ending !== null) return void teardown(); // stop() came while the wasm was loading
    const machine = internals.v86;
    const cpu = machine?.cpu;
    const tick = machine?.do_tick;
    if (!machine || !cpu?.io || !tick) {
      end("stopped", null, new Error("unsupported v86 version: no v86.cpu.io or v86.do_tick to hook"));
      return;
    }
    const onExitWrite = (value: number): void => end("exit", value & EXIT_CODE_MASK);
    cpu.io.register_write(EXIT_PORT, cpu, onExitWrite, onExitWrite, onExitWrite);
    machine.do_tick = function guardedTick(this: unknown): void {
      const restoreConsole = captureConsole(notes);
      try {
        tick.call(this);
      } catch (error) {
        notes.push(`v86 aborted: ${error instanceof Error ? error.message : String(error)}`);
        end("crashed", null);
      } finally {
        restoreConsole();
      }
    };
  });
  // Fired by HLT with IF=0: nothing but an NMI could wake the CPU again.
  // (After an exit write the run has already ended, so this is a no-op.)
  (emulator.add_listener as (event: string, listener: () => void) => void)("cpu-event-halt", () =>
    end("halted", null),
  );

  return {
    sendSerial: (bytes) => {
      emulator.serial_send_bytes(0, typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
    },
    stop: () => end("stopped", null),
    result,
  };
}

/** Boots the kernel on v86 and waits for the run to end. */
export function bootV86(options: BootOptions): Promise<BootResult> {
  return startV86(options).result;
}
