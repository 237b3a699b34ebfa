/** The terminal: termios (TCGETS/TCSETS), window size and the foreground process group. */
import { ioctl } from "./sys";

export const TCGETS: u32 = 0x5401;
export const TCSETS: u32 = 0x5402;
export const TIOCSCTTY: u32 = 0x540e;
export const TIOCGPGRP: u32 = 0x540f;
export const TIOCSPGRP: u32 = 0x5410;
export const TIOCGWINSZ: u32 = 0x5413;

/** c_lflag bits. */
export const ISIG: u32 = 0o1;
export const ICANON: u32 = 0o2;
export const ECHO: u32 = 0o10;

/** The kernel's struct termios (i386): four flag words, c_line and 19 control characters; 36 bytes. */
/** @packed @size 36 */
export class Termios {
  /** @offset 0 */ iflag: u32 = 0;
  /** @offset 4 */ oflag: u32 = 0;
  /** @offset 8 */ cflag: u32 = 0;
  /** @offset 12 */ lflag: u32 = 0;
  /** @offset 16 */ line: u8 = 0;
  /** @offset 17 */ cc0: u8 = 0;
  /** @offset 18 */ cc1: u8 = 0;
  /** @offset 19 */ cc2: u8 = 0;
  /** @offset 20 */ cc3to6: u32 = 0;
  /** @offset 24 */ cc7to10: u32 = 0;
  /** @offset 28 */ cc11to14: u32 = 0;
  /** @offset 32 */ cc15to18: u32 = 0;
}

/** Reads the terminal settings of `fd` into `t`; fails with -ENOTTY when fd is not a terminal. */
export function tcgetattr(fd: i32, t: Termios): i32 {
  return ioctl(fd, TCGETS, addressOf(t));
}

/** Applies terminal settings at once. */
export function tcsetattr(fd: i32, t: Termios): i32 {
  return ioctl(fd, TCSETS, addressOf(t));
}

/** Whether `fd` is a terminal. */
export function isatty(fd: i32): boolean {
  return tcgetattr(fd, new Termios()) === 0;
}

/** struct winsize. */
export class WinSize {
  constructor(readonly rows: u16, readonly cols: u16) {}
}

/** The terminal's size, or null when unknown. */
export function windowSize(fd: i32): WinSize | null {
  const ws = new Array<u16>(4).fill(0);
  if (ioctl(fd, TIOCGWINSZ, addressOf(ws)) < 0 || ws[1] === 0) return null;
  return new WinSize(ws[0], ws[1]);
}

/** The terminal's foreground process group, or -errno. */
export function tcgetpgrp(fd: i32): i32 {
  const v = new Array<i32>(1).fill(0);
  const r = ioctl(fd, TIOCGPGRP, addressOf(v));
  return r < 0 ? r : v[0];
}

/** Makes `pgrp` the terminal's foreground process group. */
export function tcsetpgrp(fd: i32, pgrp: i32): i32 {
  const v = new Array<i32>(1).fill(pgrp);
  return ioctl(fd, TIOCSPGRP, addressOf(v));
}
