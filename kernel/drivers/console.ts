/**
 * The kernel console: output goes to COM1 and to the VGA text screen; input from the serial
 * line and the PS/2 keyboard lands in one queue that `consoleRead` drains.
 */
import { ByteRing } from "../lib/ring";
import { serialEnableInterrupts, serialInit, serialPutByte, serialSetReceiver, serialTryRead, serialWrite, serialWriteBytes } from "./serial";
import { DEFAULT_ATTRIBUTE, VgaColor, vgaAttribute, vgaInit, vgaScreen, vgaSyncCursor } from "./vga";
import { keyboardInit, keyboardSetReceiver } from "./keyboard";

/** Console state. */
export class ConsoleState {
  vga = false;
  keyboard = false;
  /** Called (in interrupt context) after input is queued, to wake readers; null: nobody waits. */
  /** Sees each input byte first; returns true when it consumed it (a ^C that became a signal). */
  inputListener: ((b: u8) => boolean) | null = null;
}
const state = new ConsoleState();
const input = new ByteRing(256);
const EFLAGS_IF: u32 = 0x200;

/** Brings up the polled console: COM1 and the VGA screen (cleared). */
export function consoleInit(): void {
  serialInit();
  vgaInit();
  state.vga = true;
}

/**
 * Switches input and output to interrupts (serial IRQ 4, keyboard IRQ 1); the IRQ
 * dispatcher must already route those lines to `serialInterrupt` and `keyboardInterrupt`.
 */
export function consoleEnableInterrupts(): void {
  serialSetReceiver(consoleReceive);
  keyboardSetReceiver(consoleReceive);
  serialEnableInterrupts();
  state.keyboard = keyboardInit();
}

/** Queues one input byte (called from the serial and keyboard interrupt handlers). */
export function consoleReceive(b: u8): void {
  const listener = state.inputListener;
  if (listener !== null && listener(b)) return;
  input.push(b);
}

/**
 * Sets the function that sees every input byte before it is queued (the terminal layer: it
 * turns ^C into a signal and wakes readers); when it returns true the byte is not queued.
 */
export function consoleSetInputListener(fn: (b: u8) => boolean): void {
  state.inputListener = fn;
}

/** The next input byte, or -1 when none is waiting (never blocks). */
export function consoleRead(): i32 {
  const b = input.pop();
  return b >= 0 ? b : serialTryRead();
}

/** Discards queued input. */
export function consoleDiscardInput(): void {
  input.clear();
}

/** The console's state (which devices are up). */
export function consoleState(): ConsoleState {
  return state;
}

/**
 * Starts a screen update with interrupts off, because interrupt handlers print too: the cursor
 * state and the CRT controller's index/data register pair must not interleave. Returns EFLAGS.
 */
function beginScreenUpdate(): u32 {
  const flags = readEflags();
  cli();
  return flags;
}

/** Moves the hardware cursor and restores the interrupt flag saved by `beginScreenUpdate`. */
function endScreenUpdate(flags: u32): void {
  vgaSyncCursor();
  if ((flags & EFLAGS_IF) !== 0) sti();
}

/** Writes one byte to every console device ("\n" becomes "\r\n" on the serial line). */
export function consolePutByte(b: u8): void {
  if (b === 10) serialPutByte(13);
  serialPutByte(b);
  if (!state.vga) return;
  const flags = beginScreenUpdate();
  vgaScreen().putByte(b);
  endScreenUpdate(flags);
}

/** Writes a string to every console device. */
export function consoleWrite(s: Fmt): void {
  serialWrite(s);
  if (!state.vga) return;
  const flags = beginScreenUpdate();
  vgaScreen().write(s);
  endScreenUpdate(flags);
}

/** Writes `n` bytes starting at linear address `addr` to every console device. */
export function consoleWriteBytes(addr: usize, n: u32): void {
  serialWriteBytes(addr, n);
  if (!state.vga) return;
  const flags = beginScreenUpdate();
  const screen = vgaScreen();
  for (let i: u32 = 0; i < n; i++) screen.putByte(load8(addr + i));
  endScreenUpdate(flags);
}

/** The screen colour of a log level (Linux numbering: 0 emergency … 7 debug). */
export function consoleLevelAttribute(level: i32): u8 {
  if (level <= 2) return vgaAttribute(VgaColor.White, VgaColor.Red);
  if (level === 3) return vgaAttribute(VgaColor.LightRed, VgaColor.Black);
  if (level === 4) return vgaAttribute(VgaColor.Yellow, VgaColor.Black);
  if (level === 5) return vgaAttribute(VgaColor.White, VgaColor.Black);
  if (level === 6) return DEFAULT_ATTRIBUTE;
  return vgaAttribute(VgaColor.DarkGrey, VgaColor.Black);
}

/** Colours what follows on the screen by log level; `consoleResetColor` ends it. */
export function consoleSetLevelColor(level: i32): void {
  vgaScreen().attribute = consoleLevelAttribute(level);
}

/** Back to the default screen colour. */
export function consoleResetColor(): void {
  vgaScreen().attribute = DEFAULT_ATTRIBUTE;
}
