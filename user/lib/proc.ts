/**
 * Processes: fork, execve with argv/envp arrays built in memory, wait4 and the status word,
 * signals, process groups and sessions, and the environment the kernel placed on the initial stack.
 */
import { Nr } from "./sys";
import { cString, cStringArray, stringFromC } from "./cstring";

/** Signal numbers (i386). */
export const SIGHUP: i32 = 1;
export const SIGINT: i32 = 2;
export const SIGQUIT: i32 = 3;
export const SIGKILL: i32 = 9;
export const SIGPIPE: i32 = 13;
export const SIGTERM: i32 = 15;
export const SIGCHLD: i32 = 17;
export const SIGCONT: i32 = 18;
export const SIGTSTP: i32 = 20;
export const SIGTTIN: i32 = 21;
export const SIGTTOU: i32 = 22;

/** Signal names indexed by number (without the SIG prefix). */
export const SIGNAL_NAMES: string[] = [
  "0", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
  "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
  "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];

/** The number of a signal name ("TERM", "SIGTERM") or decimal number; -1 if unknown. */
export function signalNumber(name: string): i32 {
  const bare = name.startsWith("SIG") ? name.slice(3) : name;
  const i = SIGNAL_NAMES.indexOf(bare.toUpperCase());
  if (i > 0) return i;
  let n = 0;
  if (bare.length === 0 || bare.length > 3) return -1;
  for (const ch of bare) {
    const c = ch.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n < SIGNAL_NAMES.length ? n : -1;
}

/** wait4 options. */
export const WNOHANG: u32 = 1;
export const WUNTRACED: u32 = 2;
export const WCONTINUED: u32 = 8;

/** Creates a child process: 0 in the child, its pid in the parent, or -errno. */
export function fork(): i32 {
  return syscall(Nr.fork, 0, 0, 0, 0, 0, 0);
}

/** Replaces the program; returns only on failure (-errno). */
export function execve(path: string, argv: string[], envp: string[]): i32 {
  return syscall(Nr.execve, cString(path), cStringArray(argv), cStringArray(envp), 0, 0, 0);
}

/** A decoded wait status (the low 16 bits Linux reports). */
export class WaitStatus {
  constructor(readonly raw: u32) {}
  /** The child called exit. */
  get exited(): boolean { return (this.raw & 0x7f) === 0; }
  /** Its exit code, when exited. */
  get exitCode(): i32 { return (this.raw >> 8) & 0xff; }
  /** A signal killed it. */
  get signaled(): boolean { const s = this.raw & 0x7f; return s !== 0 && s !== 0x7f; }
  /** The signal that killed it. */
  get termSignal(): i32 { return this.raw & 0x7f; }
  /** It is stopped (reported with WUNTRACED). */
  get stopped(): boolean { return (this.raw & 0xff) === 0x7f; }
  /** The signal that stopped it. */
  get stopSignal(): i32 { return (this.raw >> 8) & 0xff; }
  /** The shell's view: the exit code, or 128 + the signal. */
  get shellStatus(): i32 { return this.signaled ? 128 + this.termSignal : this.stopped ? 128 + this.stopSignal : this.exitCode; }
}

/** The outcome of a wait: the pid reaped (0 with WNOHANG and nothing ready, -errno on error) and its status. */
export class WaitResult {
  constructor(readonly pid: i32, readonly status: WaitStatus) {}
}

/** Waits for a child (`pid` -1: any; < -1: any in that group) through wait4. */
export function wait4(pid: i32, options: u32): WaitResult {
  const word = new Array<u32>(1).fill(0);
  const r = syscall(Nr.wait4, u32(pid), addressOf(word), options, 0, 0, 0);
  return new WaitResult(r, new WaitStatus(r > 0 ? word[0] : 0));
}

/** waitpid(2): wait4 without resource usage. */
export function waitpid(pid: i32, options: u32): WaitResult {
  return wait4(pid, options);
}

/** Sends a signal to a process (or a group, with a negative pid). */
export function kill(pid: i32, sig: i32): i32 {
  return syscall(Nr.kill, u32(pid), u32(sig), 0, 0, 0, 0);
}

/** Moves process `pid` (0: the caller) into group `pgid` (0: its own pid). */
export function setpgid(pid: i32, pgid: i32): i32 {
  return syscall(Nr.setpgid, u32(pid), u32(pgid), 0, 0, 0, 0);
}

/** The process group of `pid` (0: the caller). */
export function getpgid(pid: i32): i32 {
  return syscall(Nr.getpgid, u32(pid), 0, 0, 0, 0, 0);
}

/** Starts a new session led by the caller; returns its id. */
export function setsid(): i32 {
  return syscall(Nr.setsid, 0, 0, 0, 0, 0, 0);
}

/** Sets a signal's disposition to SIG_DFL (0) or SIG_IGN (1) through rt_sigaction. */
export function setSignalDisposition(sig: i32, handler: u32): i32 {
  // struct k_sigaction on i386: handler, flags, restorer, 64-bit mask.
  const act = new Array<u32>(5).fill(0);
  act[0] = handler;
  return syscall(Nr.rtSigaction, u32(sig), addressOf(act), 0, 8, 0, 0);
}

/** SIG_DFL and SIG_IGN for setSignalDisposition. */
export const SIG_DFL: u32 = 0;
export const SIG_IGN: u32 = 1;

/**
 * The environment strings the kernel placed on the initial stack. The runtime does not pass
 * envp on, so it is found from the initial stack pointer: `_start` clears %ebp and passes %esp
 * to ostc_start_c, whose frame is the outermost one (its saved %ebp is 0) and holds that
 * pointer as its first argument. Layout there: argc, argv[argc], NULL, envp[], NULL.
 */
export function initialEnvironment(): string[] {
  let fp = framePointer();
  while (load32(fp) !== 0) fp = load32(fp);
  const sp = load32(fp + 8);
  const argc = load32(sp);
  let p = sp + 4 + (argc + 1) * 4;
  const env: string[] = [];
  while (load32(p) !== 0) {
    env.push(stringFromC(load32(p)));
    p += 4;
  }
  return env;
}

/** A process environment: NAME=value strings with lookup and update. */
export class Environment {
  readonly vars: string[];
  constructor(vars: string[]) { this.vars = vars.slice(0); }

  private indexOf(name: string): i32 {
    const prefix = name + "=";
    for (let i = 0; i < this.vars.length; i++) if (this.vars[i].startsWith(prefix)) return i;
    return -1;
  }

  /** The value of `name`, or null if unset. */
  get(name: string): string | null {
    const i = this.indexOf(name);
    return i < 0 ? null : this.vars[i].slice(name.length + 1);
  }

  /** Sets `name` to `value`. */
  set(name: string, value: string): void {
    const i = this.indexOf(name);
    if (i < 0) this.vars.push(`${name}=${value}`);
    else this.vars[i] = `${name}=${value}`;
  }
}
