/**
 * Kernel logging: `printk` writes a line with a log level to the console (COM1 and the VGA
 * screen, coloured by level). Messages are template literals formatted on the caller's stack
 * (the `Fmt` parameter), so logging never allocates and works before the heap exists.
 */
import { consolePutByte, consoleResetColor, consoleSetLevelColor, consoleWrite, consoleWriteBytes } from "../drivers/console";

/** Log levels, most severe first (Linux numbering). */
export const enum LogLevel { Emerg = 0, Alert = 1, Crit = 2, Err = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 }

let consoleLevel: i32 = LogLevel.Info;
let clockSource: (() => u64) | null = null;

/** Messages above this level are not printed (set from `loglevel=` on the command line). */
export function setConsoleLogLevel(level: i32): void {
  consoleLevel = level;
}

/** Installs the nanosecond clock used for timestamps, once timekeeping is up. */
export function setLogClock(clock: () => u64): void {
  clockSource = clock;
}

/** Writes v in decimal, left-padded with `pad` to `width` characters (at most 24), in one console write. */
export function writeDecimal(v: u64, width: i32, pad: u8): void {
  const buf: u8[] = scratchDigits;
  let start = buf.length;
  let x = v;
  do {
    start--;
    buf[start] = u8(Number(x % 10n)) + 48;
    x = x / 10n;
  } while (x > 0n);
  while (buf.length - start < width && start > 0) {
    start--;
    buf[start] = pad;
  }
  consoleWriteBytes(addressOf(buf) + start, u32(buf.length - start));
}
const scratchDigits = new Array<u8>(24).fill(0);

/** Writes v as 8 lowercase hex digits. */
export function writeHex32(v: u32): void {
  for (let shift = 28; shift >= 0; shift -= 4) {
    const d = (v >>> shift) & 15;
    consolePutByte(u8(d < 10 ? 48 + d : 87 + d));
  }
}

/** Prints one line at the given level, prefixed with a `[seconds.micros]` timestamp once a clock exists. */
export function printk(level: i32, msg: Fmt): void {
  if (level > consoleLevel) return;
  consoleSetLevelColor(level);
  const clock = clockSource;
  if (clock !== null) {
    const us = clock() / 1000n;
    consolePutByte(91); // [
    writeDecimal(us / 1000000n, 5, 32);
    consolePutByte(46); // .
    writeDecimal(us % 1000000n, 6, 48);
    consoleWrite("] ");
  }
  consoleWrite(msg);
  consoleResetColor();
  consoleWrite("\n");
}

/** Informational message. */
export function info(msg: Fmt): void {
  printk(LogLevel.Info, msg);
}

/** Warning. */
export function warn(msg: Fmt): void {
  printk(LogLevel.Warning, msg);
}

/** Error. */
export function error(msg: Fmt): void {
  printk(LogLevel.Err, msg);
}

/** Writes text with no timestamp, level or newline (panic reports built piece by piece). */
export function rawWrite(msg: Fmt): void {
  consoleWrite(msg);
}

/** Prints a line with no timestamp or level filtering (KTAP output, panic reports). */
export function rawLine(msg: Fmt): void {
  consoleWrite(msg);
  consoleWrite("\n");
}

/** Length of the NUL-terminated C string at `addr` (at most 4096). */
export function cStringLength(addr: usize): u32 {
  let n: u32 = 0;
  while (n < 4096 && load8(addr + n) !== 0) n++;
  return n;
}

/** Writes the NUL-terminated C string at `addr` (messages from C and assembly). */
export function writeCString(addr: usize): void {
  consoleWriteBytes(addr, cStringLength(addr));
}
