/**
 * Signals from ring 3: handlers (plain and SA_SIGINFO) with their siginfo, masks and pending
 * sets, SA_RESTART and -EINTR, rt_sigsuspend, the alternate stack, faults caught by a handler,
 * stop/continue with wait4's WUNTRACED/WCONTINUED, SIGCHLD, SIGPIPE, a nanosleep that survives a
 * stop, and forged sigreturn frames (which must end in SIGSEGV of the forger, never in the
 * kernel). Prints a KTAP report and exits with the number of failures.
 */
import {
  SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTART, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, SS_DISABLE, SS_ONSTACK,
  altStackFlags, currentMask, onSignal, onSignalInfo, pause, previousDisposition, raise, setDisposition, sigaltstack,
  sigbit, sigpending, sigprocmask, sigsuspend,
} from "../lib/signal";

const SYS_EXIT = 1, SYS_FORK = 2, SYS_READ = 3, SYS_WRITE = 4, SYS_CLOSE = 6, SYS_GETPID = 20, SYS_KILL = 37;
const SYS_PIPE = 42, SYS_WAIT4 = 114, SYS_MPROTECT = 125, SYS_NANOSLEEP = 162, SYS_MMAP2 = 192;
const SYS_CLOCK_GETTIME = 265, SYS_RT_SIGQUEUEINFO = 178, SYS_RT_SIGTIMEDWAIT = 177, SYS_SIGRETURN = 119;
const SIGINT = 2, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGTERM = 15;
const SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20;
const EINTR = -4, EPIPE = -32, EINVAL = -22, EAGAIN = -11;
const WUNTRACED: u32 = 2, WCONTINUED: u32 = 8, WNOHANG: u32 = 1;

let failures = 0;
const names: string[] = [];
const results: boolean[] = [];
/** Records one check; the KTAP report is printed at the end. */
function check(ok: boolean, what: string): void {
  names.push(what);
  results.push(ok);
  if (!ok) failures++;
}

const scratch = new Array<u32>(256).fill(0);
const S = addressOf(scratch);

function fork(): i32 {
  return syscall(SYS_FORK, 0, 0, 0, 0, 0, 0);
}
function getpid(): i32 {
  return syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0);
}
function kill(pid: i32, sig: i32): i32 {
  return syscall(SYS_KILL, u32(pid), u32(sig), 0, 0, 0, 0);
}
function exit(code: i32): void {
  syscall(SYS_EXIT, u32(code), 0, 0, 0, 0, 0);
}
/** wait4; the status word lands in scratch[0]. */
function wait4(pid: i32, options: u32): i32 {
  scratch[0] = 0xdead;
  return syscall(SYS_WAIT4, u32(pid), S, options, 0, 0, 0);
}
function waitStatus(pid: i32): i32 {
  const r = wait4(pid, 0);
  return r < 0 ? r : i32(scratch[0]);
}
function sleepMs(ms: u32): i32 {
  scratch[200] = Math.trunc(ms / 1000);
  scratch[201] = (ms % 1000) * 1000000;
  return syscall(SYS_NANOSLEEP, S + 800, 0, 0, 0, 0, 0);
}
function monotonicMs(): u32 {
  syscall(SYS_CLOCK_GETTIME, 1, S + 900, 0, 0, 0, 0);
  return scratch[225] * 1000 + Math.trunc(scratch[226] / 1000000);
}

// Handler state (handlers only set these).
let usr1Count = 0;
let lastSig = 0;
let lastCode = 0;
let lastPid = 0;
let lastAddr: u32 = 0;
let lastValue: u32 = 0;
let maskInHandler: u64 = 0n;
let altFlagsInHandler: u32 = 0;
let chldStatus = -1;
let chldCode = 0;

function onUsr1(sig: i32): void {
  usr1Count++;
  lastSig = sig;
  maskInHandler = currentMask();
}
function onUsr1Info(sig: i32, info: u32, _uc: u32): void {
  usr1Count++;
  lastSig = sig;
  lastCode = i32(load32(info + 8));
  lastPid = i32(load32(info + 12));
  lastValue = load32(info + 20);
}
function onAlt(_sig: i32): void {
  altFlagsInHandler = altStackFlags();
}
function onChld(_sig: i32, info: u32, _uc: u32): void {
  chldCode = i32(load32(info + 8));
  chldStatus = i32(load32(info + 20));
}
let protectedPage: u32 = 0;
function onSegv(sig: i32, info: u32, _uc: u32): void {
  lastSig = sig;
  lastCode = i32(load32(info + 8));
  lastAddr = load32(info + 12);
  // Make the page writable: the faulting store is retried when the handler returns.
  syscall(SYS_MPROTECT, protectedPage, 4096, 3, 0, 0, 0);
}
/** Forges the interrupted context: a kernel code segment. */
function forgeCs(_sig: i32, _info: u32, uc: u32): void {
  store32(uc + 20 + 60, 0x08);
}
/** Forges the interrupted context: resume at a kernel address. */
function forgeEip(_sig: i32, _info: u32, uc: u32): void {
  store32(uc + 20 + 56, 0xc0100000);
}
/** Forges the FPU pointer: a kernel address. */
function forgeFpstate(_sig: i32, _info: u32, uc: u32): void {
  store32(uc + 20 + 76, 0xc0000000);
}
/** Garbage in MXCSR's reserved bits: the kernel must load a sanitised value, not fault. */
function forgeMxcsr(_sig: i32, _info: u32, uc: u32): void {
  const fp = load32(uc + 20 + 76);
  if (fp !== 0) store32(fp + 112 + 24, 0xffffffff);
  usr1Count++;
}

// 1. A plain handler runs, with its own signal blocked inside, and the mask is restored after.
usr1Count = 0;
check(onSignal(SIGUSR1, onUsr1, 0, sigbit(SIGUSR2)) === 0, "rt_sigaction installs a handler");
check(raise(SIGUSR1) === 0 && usr1Count === 1 && lastSig === SIGUSR1, "tgkill to self runs the handler before the call returns");
check((maskInHandler & sigbit(SIGUSR1)) !== 0n && (maskInHandler & sigbit(SIGUSR2)) !== 0n, "inside the handler its signal and sa_mask are blocked");
check(currentMask() === 0n, "after the handler the mask is restored by sigreturn");
check(setDisposition(SIGUSR1, 0, 0) === 0 && previousDisposition() === addressOf(onUsr1), "rt_sigaction reports the old handler");

// 2. SA_SIGINFO: si_code and si_pid for kill(2), SI_QUEUE and its value for rt_sigqueueinfo.
usr1Count = 0;
onSignalInfo(SIGUSR1, onUsr1Info, 0, 0n);
kill(getpid(), SIGUSR1);
check(usr1Count === 1 && lastCode === 0 && lastPid === getpid(), `kill gives si_code SI_USER and si_pid (${lastCode}, ${lastPid}, ${usr1Count})`);
for (let i = 0; i < 32; i++) scratch[i] = 0;
scratch[2] = u32(-1 >>> 0); // SI_QUEUE
scratch[5] = 4242; // si_value
check(syscall(SYS_RT_SIGQUEUEINFO, u32(getpid()), SIGUSR1, S, 0, 0, 0) === 0 && lastCode === -1 && lastValue === 4242,
  "rt_sigqueueinfo delivers si_code SI_QUEUE and the value");

// 3. Blocked signals stay pending and run when unblocked; SIGKILL cannot be blocked or caught.
usr1Count = 0;
sigprocmask(SIG_BLOCK, sigbit(SIGUSR1));
kill(getpid(), SIGUSR1);
check(usr1Count === 0 && (sigpending() & sigbit(SIGUSR1)) !== 0n, "a blocked signal stays pending");
sigprocmask(SIG_UNBLOCK, sigbit(SIGUSR1));
check(usr1Count === 1 && sigpending() === 0n, "unblocking delivers it");
sigprocmask(SIG_SETMASK, sigbit(SIGKILL) | sigbit(SIGSTOP));
check(currentMask() === 0n, "SIGKILL and SIGSTOP are never blocked");
check(onSignal(SIGKILL, onUsr1, 0, 0n) === EINVAL, "SIGKILL's handler cannot be changed");

// 4. SA_RESETHAND runs once; SA_NODEFER leaves the signal unblocked inside.
usr1Count = 0;
onSignal(SIGUSR1, onUsr1, (SA_RESETHAND | SA_NODEFER) >>> 0, 0n);
raise(SIGUSR1);
check(usr1Count === 1 && (maskInHandler & sigbit(SIGUSR1)) === 0n, `SA_NODEFER leaves the signal unblocked in its handler (${usr1Count}, ${maskInHandler})`);
setDisposition(SIGUSR1, 1, 0);
check(previousDisposition() === 0, "SA_RESETHAND reset the handler to SIG_DFL after one run");

// 5. Interrupted system calls: -EINTR without SA_RESTART, restarted with it.
const fds = new Array<i32>(2).fill(0);
function pipeInterrupted(flags: u32): i32 {
  syscall(SYS_PIPE, addressOf(fds), 0, 0, 0, 0, 0);
  usr1Count = 0;
  onSignal(SIGUSR1, onUsr1, flags, 0n);
  const parent = getpid();
  const child = fork();
  if (child === 0) {
    sleepMs(30);
    kill(parent, SIGUSR1);
    sleepMs(30);
    store8(S, 65);
    syscall(SYS_WRITE, u32(fds[1]), S, 1, 0, 0, 0);
    exit(0);
  }
  const r = syscall(SYS_READ, u32(fds[0]), S + 4, 1, 0, 0, 0);
  waitStatus(child);
  syscall(SYS_CLOSE, u32(fds[0]), 0, 0, 0, 0, 0);
  syscall(SYS_CLOSE, u32(fds[1]), 0, 0, 0, 0, 0);
  return r;
}
check(pipeInterrupted(0) === EINTR && usr1Count === 1, "a handler without SA_RESTART makes a blocked read fail with -EINTR");
check(pipeInterrupted(SA_RESTART) === 1 && usr1Count === 1 && load8(S + 4) === 65, "SA_RESTART restarts the read, which then gets the data");

// 6. rt_sigsuspend: waits with a temporary mask, returns -EINTR after the handler, restores the mask.
onSignal(SIGUSR1, onUsr1, 0, 0n);
sigprocmask(SIG_SETMASK, sigbit(SIGUSR1));
usr1Count = 0;
const parent6 = getpid();
const c6 = fork();
if (c6 === 0) {
  sleepMs(20);
  kill(parent6, SIGUSR1);
  exit(0);
}
check(sigsuspend(0n) === EINTR && usr1Count === 1, "rt_sigsuspend returns -EINTR once the handler ran");
check(currentMask() === sigbit(SIGUSR1), "rt_sigsuspend restores the caller's mask");
waitStatus(c6);
sigprocmask(SIG_SETMASK, 0n);

// 7. rt_sigtimedwait takes a blocked signal without its handler, or times out with -EAGAIN.
sigprocmask(SIG_BLOCK, sigbit(SIGUSR2));
usr1Count = 0;
onSignal(SIGUSR2, onUsr1, 0, 0n);
raise(SIGUSR2);
scratch[40] = u32(Number(sigbit(SIGUSR2) & 0xffffffffn));
scratch[41] = 0;
check(syscall(SYS_RT_SIGTIMEDWAIT, S + 160, S + 256, 0, 8, 0, 0) === SIGUSR2 && usr1Count === 0 && scratch[64] === u32(SIGUSR2),
  "rt_sigtimedwait returns a pending signal of the set without running the handler");
scratch[42] = 0;
scratch[43] = 20000000;
check(syscall(SYS_RT_SIGTIMEDWAIT, S + 160, 0, S + 168, 8, 0, 0) === EAGAIN, "rt_sigtimedwait times out with -EAGAIN");
sigprocmask(SIG_SETMASK, 0n);

// 8. The alternate stack.
const alt = syscall(SYS_MMAP2, 0, 16384, 3, 0x22, u32(-1 >>> 0), 0);
check(sigaltstack(u32(alt), 16384, 0) === 0, "sigaltstack installs an alternate stack");
check(sigaltstack(u32(alt), 1024, 0) === -12, "an alternate stack below MINSIGSTKSZ is refused (-ENOMEM)");
onSignal(SIGUSR2, onAlt, SA_ONSTACK, 0n);
raise(SIGUSR2);
check(altFlagsInHandler === SS_ONSTACK, "an SA_ONSTACK handler runs on the alternate stack");
altFlagsInHandler = 99;
onSignal(SIGUSR2, onAlt, 0, 0n);
raise(SIGUSR2);
check(altFlagsInHandler === 0, `a handler without SA_ONSTACK runs on the normal stack (${altFlagsInHandler})`);
check(sigaltstack(0, 0, SS_DISABLE) === 0 && altStackFlags() === SS_DISABLE, "SS_DISABLE removes the alternate stack");

// 9. A fault caught by a SIGSEGV handler, which repairs the page; the store is then retried.
protectedPage = u32(syscall(SYS_MMAP2, 0, 4096, 1, 0x22, u32(-1 >>> 0), 0));
onSignalInfo(SIGSEGV, onSegv, 0, 0n);
lastSig = 0;
store32(protectedPage + 8, 77);
getpid(); // what a handler changed is seen after the next system call (user/lib/signal.ts)
check(lastSig === SIGSEGV && lastCode === 2 && lastAddr === protectedPage + 8,
  `a write to a read-only page raises SIGSEGV with SEGV_ACCERR and si_addr (${lastSig}, ${lastCode}, ${lastAddr}, ${protectedPage})`);
check(load32(protectedPage + 8) === 77, "the handler's repair lets the faulting store complete");
setDisposition(SIGSEGV, 0, 0);

// 10. Stop and continue: WUNTRACED, WCONTINUED, SIGCHLD with CLD_STOPPED/CLD_CONTINUED/CLD_KILLED.
onSignalInfo(SIGCHLD, onChld, SA_RESTART, 0n);
const c10 = fork();
if (c10 === 0) {
  for (;;) sleepMs(5);
}
sleepMs(10);
kill(c10, SIGSTOP);
check(wait4(c10, WUNTRACED) === c10 && scratch[0] === ((SIGSTOP << 8) | 0x7f), `wait4 with WUNTRACED reports the stop (${scratch[0]})`);
check(chldCode === 5 && chldStatus === SIGSTOP, "SIGCHLD comes with CLD_STOPPED and the stop signal");
check(wait4(c10, WUNTRACED | WNOHANG) === 0, "a stop is reported once");
kill(c10, SIGCONT);
check(wait4(c10, WCONTINUED) === c10 && scratch[0] === 0xffff, "wait4 with WCONTINUED reports the continue");
check(chldCode === 6, "SIGCHLD comes with CLD_CONTINUED");
kill(c10, SIGTSTP);
check(wait4(c10, WUNTRACED) === c10 && scratch[0] === ((SIGTSTP << 8) | 0x7f), "SIGTSTP stops by default");
kill(c10, SIGTERM);
sleepMs(10);
check(wait4(c10, WNOHANG) === 0, "a stopped process keeps SIGTERM pending instead of dying");
kill(c10, SIGKILL);
check(waitStatus(c10) === SIGKILL, "SIGKILL ends a stopped process");
check(chldCode === 2 && chldStatus === SIGKILL, "SIGCHLD comes with CLD_KILLED");

// 11. A nanosleep survives a stop and continue: it resumes through restart_syscall with the time left.
const c11 = fork();
if (c11 === 0) {
  const t0 = monotonicMs();
  const r = sleepMs(200);
  const took = monotonicMs() - t0;
  exit(r === 0 && took >= 195 ? 0 : 1);
}
sleepMs(50);
kill(c11, SIGSTOP);
wait4(c11, WUNTRACED);
kill(c11, SIGCONT);
check(waitStatus(c11) === 0, "a stopped and continued nanosleep completes its full time and returns 0");

// 12. SIGPIPE: the default kills the writer; ignored, the write fails with -EPIPE.
setDisposition(SIGCHLD, 0, 0);
const c12 = fork();
if (c12 === 0) {
  syscall(SYS_PIPE, addressOf(fds), 0, 0, 0, 0, 0);
  syscall(SYS_CLOSE, u32(fds[0]), 0, 0, 0, 0, 0);
  syscall(SYS_WRITE, u32(fds[1]), S, 1, 0, 0, 0);
  exit(0);
}
check(waitStatus(c12) === SIGPIPE, "writing to a pipe without readers kills with SIGPIPE");
setDisposition(SIGPIPE, 1, 0);
syscall(SYS_PIPE, addressOf(fds), 0, 0, 0, 0, 0);
syscall(SYS_CLOSE, u32(fds[0]), 0, 0, 0, 0, 0);
check(syscall(SYS_WRITE, u32(fds[1]), S, 1, 0, 0, 0) === EPIPE, "with SIGPIPE ignored the write fails with -EPIPE");
syscall(SYS_CLOSE, u32(fds[1]), 0, 0, 0, 0, 0);
setDisposition(SIGPIPE, 0, 0);

// 13. Forged frames: each forger dies of SIGSEGV; the kernel carries on.
function forgeAndDie(forger: (sig: i32, info: u32, uc: u32) => void): i32 {
  const c = fork();
  if (c === 0) {
    onSignalInfo(SIGUSR1, forger, 0, 0n);
    raise(SIGUSR1);
    exit(0);
  }
  return waitStatus(c);
}
check(forgeAndDie(forgeCs) === SIGSEGV, "rt_sigreturn with a kernel code segment ends in SIGSEGV");
check(forgeAndDie(forgeEip) === SIGSEGV, "rt_sigreturn to a kernel address ends in SIGSEGV");
check(forgeAndDie(forgeFpstate) === SIGSEGV, "rt_sigreturn with a kernel FPU-state pointer ends in SIGSEGV");
const c13 = fork();
if (c13 === 0) {
  // sigreturn with no frame at all: whatever lies on the stack is not a valid context.
  for (let i = 0; i < 64; i++) scratch[i] = 0xffffffff;
  syscall(SYS_SIGRETURN, 0, 0, 0, 0, 0, 0);
  exit(0);
}
check(waitStatus(c13) === SIGSEGV, "a bare sigreturn ends in SIGSEGV");
usr1Count = 0;
onSignalInfo(SIGUSR1, forgeMxcsr, 0, 0n);
raise(SIGUSR1);
check(usr1Count === 1, `garbage MXCSR bits in a returned frame are sanitised, not fatal (${usr1Count})`);
setDisposition(SIGUSR1, 0, 0);

// 14. A signal's default action: SIGINT ends a child, with status = the signal.
const c14 = fork();
if (c14 === 0) {
  pause();
  exit(0);
}
sleepMs(10);
kill(c14, SIGINT);
check(waitStatus(c14) === SIGINT, "SIGINT's default action terminates a process in pause()");
check(kill(1, SIGTERM) === -1, "init refuses signals it has no handler for (-EPERM)");

let report = `KTAP version 1\n1..${names.length}\n`;
for (let i = 0; i < names.length; i++) report += `${results[i] ? "ok" : "not ok"} ${i + 1} ${names[i]}\n`;
report += `# sigtest: ${failures} failure(s)\n`;
let off = 0;
while (off < report.length) {
  const n = report.length - off < 512 ? report.length - off : 512;
  for (let i = 0; i < n; i++) store8(S + u32(i), u8(report.charCodeAt(off + i)));
  syscall(SYS_WRITE, 1, S, u32(n), 0, 0, 0);
  off += n;
}
exit(failures);
