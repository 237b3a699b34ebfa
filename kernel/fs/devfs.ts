/**
 * devfs at /dev (a tmpfs holding character-device inodes, as Linux's devtmpfs): the console
 * and tty (the kernel console with a small line discipline and termios), null, zero, and
 * random/urandom (xoshiro128** seeded from the TSC).
 */
import { Errno } from "../syscall/errno";
import { consoleRead, consoleSetInputListener, consoleWriteBytes, consolePutByte } from "../drivers/console";
import { allTasks, currentTask, sleepOn, wakeUp } from "../proc/sched";
import { ERESTARTSYS } from "../proc/process";
import { Sig, SiCode, sendSignal, signalBlocked, signalHandler, SIG_IGN } from "../proc/signal";
import { Dentry, File, FileOps, Inode, POLLIN, POLLOUT, S_IFCHR, linkInode } from "./vfs";

// Terminal ioctls (include/uapi/asm-generic/ioctls.h).
export const TCGETS: u32 = 0x5401;
export const TCSETS: u32 = 0x5402;
export const TCSETSW: u32 = 0x5403;
export const TCSETSF: u32 = 0x5404;
export const TIOCGPGRP: u32 = 0x540f;
export const TIOCSPGRP: u32 = 0x5410;
export const TIOCGWINSZ: u32 = 0x5413;
export const TIOCSWINSZ: u32 = 0x5414;
export const FIONREAD: u32 = 0x541b;
/** Size of the kernel's struct termios on i386 (4 flag words, c_line, 19 control characters). */
export const TERMIOS_BYTES: u32 = 36;
/** Size of struct winsize. */
export const WINSIZE_BYTES: u32 = 8;

// termios bits used by the line discipline.
const ICRNL: u32 = 0o400;
const ICANON: u32 = 0o2;
const ECHO: u32 = 0o10;
const VERASE = 2;
const VKILL = 3;
const VEOF = 4;
const VWERASE = 14;

/** Line-discipline state of the console terminal. */
class Terminal {
  iflag: u32 = 0o2400 | ICRNL;          // ICRNL | IXON
  oflag: u32 = 0o5;                      // OPOST | ONLCR
  cflag: u32 = 0o2277;                   // B38400 | CS8 | CREAD | HUPCL
  lflag: u32 = 0o105073;                 // ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN
  line: u8 = 0;
  cc = new Array<u8>(19).fill(0);
  rows: u16 = 24;
  cols: u16 = 80;
  pgrp: i32 = 1;
  /** The line being edited (canonical mode) or bytes waiting (raw mode). */
  pending = new Array<u8>(4096).fill(0);
  pendingLen: u32 = 0;
  /** Canonical mode: how many pending bytes form complete lines (readable now). */
  ready: u32 = 0;
  /** A ^D at the start of a line: the next read returns 0. */
  eof = false;

  constructor() {
    const defaults: u8[] = [3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0];
    for (let i = 0; i < defaults.length; i++) this.cc[i] = defaults[i];
  }

  get canonical(): boolean {
    return (this.lflag & ICANON) !== 0;
  }

  private echo(b: u8): void {
    if ((this.lflag & ECHO) !== 0) consolePutByte(b);
  }

  private eraseOne(): boolean {
    if (this.pendingLen <= this.ready) return false;
    this.pendingLen--;
    if ((this.lflag & ECHO) !== 0) { consolePutByte(8); consolePutByte(32); consolePutByte(8); }
    return true;
  }

  /** Feeds one input byte through the line discipline. */
  input(raw: u8): void {
    let b = raw;
    if (b === 13 && (this.iflag & ICRNL) !== 0) b = 10;
    if (!this.canonical) {
      if (this.pendingLen < 4096) this.pending[this.pendingLen++] = b;
      this.ready = this.pendingLen;
      this.echo(b);
      return;
    }
    if (b === this.cc[VERASE] || b === 8) { this.eraseOne(); return; }
    if (b === this.cc[VKILL]) { while (this.eraseOne()) {} return; }
    if (b === this.cc[VWERASE]) {
      while (this.pendingLen > this.ready && this.pending[this.pendingLen - 1] === 32) this.eraseOne();
      while (this.pendingLen > this.ready && this.pending[this.pendingLen - 1] !== 32) this.eraseOne();
      return;
    }
    if (b === this.cc[VEOF]) {
      if (this.pendingLen === this.ready) this.eof = true;
      this.ready = this.pendingLen;
      return;
    }
    if (this.pendingLen >= 4095 && b !== 10) return; // keep room for the newline
    this.pending[this.pendingLen++] = b;
    this.echo(b);
    if (b === 10) this.ready = this.pendingLen;
  }

  /** Takes up to `n` ready bytes into `buf`. */
  take(buf: u32, n: u32): u32 {
    const count = n < this.ready ? n : this.ready;
    for (let i: u32 = 0; i < count; i++) store8(buf + i, this.pending[i]);
    for (let i = count; i < this.pendingLen; i++) this.pending[i - count] = this.pending[i];
    this.pendingLen -= count;
    this.ready -= count;
    return count;
  }
}
const terminal = new Terminal();

/** Wait channel of terminal readers. */
function ttyChannel(): u32 {
  return addressOf(terminal);
}

/** Runs in the console's interrupt handlers: wakes readers. */
const ISIG: u32 = 0o1;
const VINTR = 0;
const VQUIT = 1;
const VSUSP = 10;

/** Sends `sig` to every process of the terminal's foreground group. */
function signalForeground(sig: i32): void {
  for (const t of allTasks()) if (t.pgid === terminal.pgrp && t.aspace !== null) sendSignal(t, sig, SiCode.Kernel, 0, 0);
}

/**
 * Every console input byte passes here first (interrupt context). With ISIG, the interrupt and
 * quit characters become SIGINT/SIGQUIT for the terminal's foreground process group (the line
 * being edited is discarded, as on Linux); everything else is queued and wakes readers.
 */
function onConsoleInput(b: u8): boolean {
  if ((terminal.lflag & ISIG) !== 0 && b !== 0) {
    const sig = b === terminal.cc[VINTR] ? Sig.INT : b === terminal.cc[VQUIT] ? Sig.QUIT : b === terminal.cc[VSUSP] ? Sig.TSTP : 0;
    if (sig !== 0) {
      consolePutByte(94); // ^
      consolePutByte(u8(b + 64));
      consolePutByte(10);
      terminal.pendingLen = terminal.ready;
      signalForeground(sig);
      wakeUp(ttyChannel());
      return true;
    }
  }
  wakeUp(ttyChannel());
  return false;
}

/**
 * Job control for a read by a process outside the foreground group: its group gets SIGTTIN and
 * the read is retried once the job is continued in the foreground; a process that ignores or
 * blocks SIGTTIN gets -EIO instead (as do orphaned groups on Linux). 0 when the read may go on.
 */
function backgroundRead(): i32 {
  const me = currentTask();
  if (terminal.pgrp === 0 || me.pgid === terminal.pgrp || me.sid !== sessionOfForeground()) return 0;
  if (signalHandler(me, Sig.TTIN) === SIG_IGN || signalBlocked(me, Sig.TTIN)) return -Errno.EIO;
  for (const t of allTasks()) if (t.pgid === me.pgid && t.aspace !== null) sendSignal(t, Sig.TTIN, SiCode.Kernel, 0, 0);
  return -ERESTARTSYS;
}

/** The session of the terminal's foreground group (0 when the group is gone). */
function sessionOfForeground(): i32 {
  for (const t of allTasks()) if (t.pgid === terminal.pgrp && t.aspace !== null) return t.sid;
  return 0;
}

/** The console terminal's operations (/dev/console, /dev/tty, and the first process's 0/1/2). */
class TtyOps extends FileOps {
  read(_f: File, buf: u32, n: u32, _pos: u32, nowait: boolean): i32 {
    if (n === 0) return 0;
    const bg = backgroundRead();
    if (bg !== 0) return bg;
    const flags = readEflags();
    cli(); // input arrives from interrupt handlers: check and sleep without a lost wakeup
    for (;;) {
      for (let c = consoleRead(); c >= 0; c = consoleRead()) terminal.input(u8(c));
      if (terminal.ready > 0 || terminal.eof) break;
      if (nowait || currentTask().hasDeliverableSignal()) {
        if ((flags & 0x200) !== 0) sti();
        // O_NONBLOCK: nothing to read yet; a signal ends the wait (the line stays for the next reader).
        return nowait ? -Errno.EAGAIN : -ERESTARTSYS;
      }
      sleepOn(ttyChannel());
    }
    let got: u32 = 0;
    if (terminal.ready > 0) got = terminal.take(buf, n);
    else terminal.eof = false;
    if ((flags & 0x200) !== 0) sti();
    return i32(got);
  }

  write(_f: File, buf: u32, n: u32, _pos: u32, _nowait: boolean): i32 {
    consoleWriteBytes(buf, n);
    return i32(n);
  }

  ioctl(_f: File, cmd: u32, buf: u32): i32 {
    const t = terminal;
    if (cmd === TCGETS) {
      store32(buf, t.iflag); store32(buf + 4, t.oflag); store32(buf + 8, t.cflag); store32(buf + 12, t.lflag);
      store8(buf + 16, t.line);
      for (let i: u32 = 0; i < 19; i++) store8(buf + 17 + i, t.cc[i]);
      return 0;
    }
    if (cmd === TCSETS || cmd === TCSETSW || cmd === TCSETSF) {
      t.iflag = load32(buf); t.oflag = load32(buf + 4); t.cflag = load32(buf + 8); t.lflag = load32(buf + 12);
      t.line = load8(buf + 16);
      for (let i: u32 = 0; i < 19; i++) t.cc[i] = load8(buf + 17 + i);
      if (cmd === TCSETSF) { t.pendingLen = 0; t.ready = 0; }
      if (!t.canonical) t.ready = t.pendingLen;
      return 0;
    }
    if (cmd === TIOCGWINSZ) {
      store16(buf, t.rows); store16(buf + 2, t.cols); store16(buf + 4, 0); store16(buf + 6, 0);
      return 0;
    }
    if (cmd === TIOCSWINSZ) { t.rows = load16(buf); t.cols = load16(buf + 2); return 0; }
    if (cmd === TIOCGPGRP) { store32(buf, u32(t.pgrp)); return 0; }
    if (cmd === TIOCSPGRP) { t.pgrp = i32(load32(buf)); return 0; }
    if (cmd === FIONREAD) { store32(buf, t.ready); return 0; }
    return -Errno.EINVAL;
  }

  pollReady(_f: File): i32 {
    const flags = readEflags();
    cli(); // take in what the console received, as read does
    for (let c = consoleRead(); c >= 0; c = consoleRead()) terminal.input(u8(c));
    const ready = terminal.ready > 0 || terminal.eof;
    if ((flags & 0x200) !== 0) sti();
    return ready ? POLLIN | POLLOUT : POLLOUT;
  }
  canBlock(): boolean {
    return true;
  }
  seekable(): boolean {
    return false;
  }
  positioned(): boolean {
    return false;
  }
}

/** /dev/null: reads end at once, writes vanish. */
class NullOps extends FileOps {
  read(_f: File, _buf: u32, _n: u32, _pos: u32, _nowait: boolean): i32 {
    return 0;
  }
  write(_f: File, _buf: u32, n: u32, _pos: u32, _nowait: boolean): i32 {
    return i32(n);
  }
  positioned(): boolean {
    return false;
  }
}

/** /dev/zero: endless zeros; a mapping of it is anonymous memory. */
class ZeroOps extends FileOps {
  read(_f: File, buf: u32, n: u32, _pos: u32, _nowait: boolean): i32 {
    memset(buf, 0, n);
    return i32(n);
  }
  write(_f: File, _buf: u32, n: u32, _pos: u32, _nowait: boolean): i32 {
    return i32(n);
  }
  positioned(): boolean {
    return false;
  }
  mapsAnonymous(): boolean {
    return true;
  }
}

/** xoshiro128** (Blackman and Vigna), seeded through splitmix32 from the TSC. */
class Xoshiro128 {
  s = new Array<u32>(4).fill(0);

  seed(x: u32): void {
    let z = x;
    for (let i = 0; i < 4; i++) {
      z = (z + 0x9e3779b9) >>> 0;
      let m = z;
      m = Math.imul(m ^ (m >>> 16), 0x85ebca6b) >>> 0;
      m = Math.imul(m ^ (m >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (m ^ (m >>> 16)) >>> 0;
    }
  }

  next(): u32 {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    return r;
  }
}

function rotl(x: u32, k: i32): u32 {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const rng = new Xoshiro128();

/** Fills `n` bytes at `buf` with pseudo-random bytes. */
export function randomBytes(buf: u32, n: u32): void {
  let i: u32 = 0;
  while (i < n) {
    let w = rng.next();
    for (let k = 0; k < 4 && i < n; k++) { store8(buf + i, u8(w)); w = w >>> 8; i++; }
  }
}

/** /dev/random and /dev/urandom. */
class RandomOps extends FileOps {
  read(_f: File, buf: u32, n: u32, _pos: u32, _nowait: boolean): i32 {
    randomBytes(buf, n);
    return i32(n);
  }
  write(_f: File, _buf: u32, n: u32, _pos: u32, _nowait: boolean): i32 {
    return i32(n);
  }
  positioned(): boolean {
    return false;
  }
}

class Devices {
  tty: FileOps = new TtyOps();
  console: Inode | null = null;
}
const devices = new Devices();

function makeDevice(dir: Dentry, name: string, major: u32, minor: u32, mode: u32, ops: FileOps): Inode {
  const sb = dir.inode.sb;
  const inode = new Inode(sb, sb.allocIno(), S_IFCHR | mode, ops);
  inode.rdev = (major << 8) | minor;
  linkInode(dir, name, inode);
  return inode;
}

/** Fills the devfs root `dir` with the device nodes (Linux's numbers) and seeds the PRNG. */
export function devfsPopulate(dir: Dentry): void {
  rng.seed(u32(Number(rdtsc() & 0xffffffffn)));
  devices.console = makeDevice(dir, "console", 5, 1, 0o600, devices.tty);
  makeDevice(dir, "tty", 5, 0, 0o666, devices.tty);
  makeDevice(dir, "null", 1, 3, 0o666, new NullOps());
  makeDevice(dir, "zero", 1, 5, 0o666, new ZeroOps());
  makeDevice(dir, "random", 1, 8, 0o666, new RandomOps());
  makeDevice(dir, "urandom", 1, 9, 0o666, new RandomOps());
  consoleSetInputListener(onConsoleInput);
}

/** The /dev/console inode (for the first process's standard streams). */
export function consoleInode(): Inode {
  const c = devices.console;
  if (c === null) panic("devfs is not populated");
  return c;
}
