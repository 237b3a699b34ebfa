/**
 * Waiting for several descriptors at once, with Linux i386 numbers and semantics: poll, ppoll
 * (and ppoll_time64), select (_newselect) and pselect6 (and pselect6_time64). Readiness comes
 * from each file's pollReady; a waiting call sleeps until any wakeup in the system and looks
 * again, so a pipe write or terminal input ends the wait at once. A signal ends the wait with
 * -EINTR after its handler (restarted when the signal is ignored or stops the process).
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser } from "./uaccess";
import { fileOf } from "./fs_calls";
import { currentTask, sleepForAnyWakeup } from "../proc/sched";
import { ERESTARTNOHAND } from "../proc/process";
import { setSignalMask, signalMask } from "../proc/signal";
import { monotonicNs } from "../drivers/pit";
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from "../fs/vfs";

const POLLPRI: i32 = 2;
const POLLNVAL: i32 = 0x20;
const POLLRDNORM: i32 = 0x40;
const POLLRDBAND: i32 = 0x80;
const POLLWRNORM: i32 = 0x100;
const POLLWRBAND: i32 = 0x200;
/** Most descriptors one call may name (the file table's size, RLIMIT_NOFILE). */
const MAX_POLL_FDS: u32 = 256;

/**
 * Timeouts and signal masks on their way in and out. Nothing here lives across a sleep: the
 * pollfds and fd_sets a call waits on are in a buffer of the call's own (pollBuffer), since other
 * tasks make system calls while it sleeps.
 */
const scratch = scratchRegion(64);

/** A call's own buffer of `bytes` (zeroed); the caller disposes of it when the call ends. */
function pollBuffer(bytes: u32): u8[] {
  return new Array<u8>(i32(bytes)).fill(0);
}

/** The events of `fd` that hold now, as poll reports them (POLLNVAL for a bad descriptor). */
function readiness(fd: i32): i32 {
  const f = fileOf(u32(fd));
  if (f === null) return POLLNVAL;
  let r = f.ops.pollReady(f);
  if ((r & POLLIN) !== 0) r |= POLLRDNORM;
  if ((r & POLLOUT) !== 0) r |= POLLWRNORM;
  return r;
}

/** A timeout in ns from a user timespec (32- or 64-bit fields); -1 for none (wait forever), < -1 errors. */
function timeoutFromUser(addr: u32, wide: boolean): i64 {
  if (addr === 0) return -1n;
  const at = scratch;
  if (copyFromUser(at, addr, wide ? 16 : 8) !== 0) return -1000n - i64(Errno.EFAULT);
  const sec: i64 = wide ? i64(load64(at)) : i64(i32(load32(at)));
  const nsec: i64 = wide ? i64(i32(load32(at + 8))) : i64(i32(load32(at + 4)));
  if (sec < 0n || nsec < 0n || nsec >= 1000000000n) return -1000n - i64(Errno.EINVAL);
  return sec > 0x7fffffffn ? 0x7fffffffn * 1000000000n : sec * 1000000000n + nsec;
}

/** Waits for one of the `nfds` pollfds at `pfds` to be ready; returns how many are, or -errno. */
function pollLoop(pfds: u32, nfds: u32, timeoutNs: i64): i32 {
  const t = currentTask();
  const deadline: u64 = timeoutNs > 0n ? monotonicNs() + u64(timeoutNs) : 0n;
  for (;;) {
    let ready = 0;
    for (let i: u32 = 0; i < nfds; i++) {
      const p = pfds + i * 8;
      const fd = i32(load32(p));
      let revents: i32 = 0;
      if (fd >= 0) {
        const events = i32(load16(p + 4));
        revents = readiness(fd) & (events | POLLERR | POLLHUP | POLLNVAL);
      }
      store16(p + 6, u16(revents));
      if (revents !== 0) ready++;
    }
    if (ready > 0 || timeoutNs === 0n) return ready;
    if (t.hasDeliverableSignal()) return -ERESTARTNOHAND;
    if (!sleepForAnyWakeup(deadline, monotonicNs) && !t.hasDeliverableSignal()) return 0;
  }
}

function doPoll(fds: u32, nfds: u32, timeoutNs: i64): i32 {
  if (nfds > MAX_POLL_FDS) return -Errno.EINVAL;
  const buf = pollBuffer(nfds * 8);
  const r = pollWith(addressOf(buf), fds, nfds, timeoutNs);
  dispose(buf);
  return r;
}

/** poll with the pollfds copied to `pfds`, the call's buffer. */
function pollWith(pfds: u32, fds: u32, nfds: u32, timeoutNs: i64): i32 {
  if (copyFromUser(pfds, fds, nfds * 8) !== 0) return -Errno.EFAULT;
  const r = pollLoop(pfds, nfds, timeoutNs);
  if (r < 0) return r;
  return copyToUser(fds, pfds, nfds * 8) === 0 ? r : -Errno.EFAULT;
}

function sysPoll(fds: u32, nfds: u32, timeoutMs: u32, _d: u32, _e: u32, _f: u32): i32 {
  const ms = i32(timeoutMs);
  return doPoll(fds, nfds, ms < 0 ? -1n : i64(ms) * 1000000n);
}

/** Runs `wait` with the signal mask `maskAddr` (if given) in place; the old mask comes back after a handler. */
function withSigmask(maskAddr: u32, size: u32): i32 {
  if (maskAddr === 0) return 0;
  if (size !== 8) return -Errno.EINVAL;
  const at = scratch + 16;
  if (copyFromUser(at, maskAddr, 8) !== 0) return -Errno.EFAULT;
  const t = currentTask();
  t.savedSignalMask = signalMask(t);
  t.restoreSignalMask = true;
  setSignalMask(t, u64(load64(at)));
  return 0;
}

/** Puts the mask back when no signal handler is going to (the call ends without one). */
function restoreSigmask(r: i32): i32 {
  const t = currentTask();
  if (t.restoreSignalMask && r !== -ERESTARTNOHAND) {
    t.restoreSignalMask = false;
    setSignalMask(t, t.savedSignalMask);
  }
  return r;
}

function ppoll(fds: u32, nfds: u32, tsp: u32, sigmask: u32, size: u32, wide: boolean): i32 {
  const timeout = timeoutFromUser(tsp, wide);
  if (timeout < -1n) return i32(Number(-1000n - timeout));
  const m = withSigmask(sigmask, size);
  if (m !== 0) return m;
  return restoreSigmask(doPoll(fds, nfds, timeout));
}

function sysPpoll(fds: u32, nfds: u32, tsp: u32, sigmask: u32, size: u32, _f: u32): i32 {
  return ppoll(fds, nfds, tsp, sigmask, size, false);
}

function sysPpollTime64(fds: u32, nfds: u32, tsp: u32, sigmask: u32, size: u32, _f: u32): i32 {
  return ppoll(fds, nfds, tsp, sigmask, size, true);
}

const READ_EVENTS: i32 = POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR;
const WRITE_EVENTS: i32 = POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR;
const EXCEPT_EVENTS: i32 = POLLPRI;

/**
 * select over fd_set bitmaps: translates the sets into pollfds (in a buffer of the call's own), waits, and writes back
 * the sets of ready descriptors. Returns the number of bits set, or -errno (-EBADF for a set
 * naming a closed descriptor).
 */
function doSelect(nfds: u32, readfds: u32, writefds: u32, exceptfds: u32, timeoutNs: i64): i32 {
  if (i32(nfds) < 0) return -Errno.EINVAL;
  const n = nfds > MAX_POLL_FDS ? MAX_POLL_FDS : nfds;
  // The call's buffer: the three sets (32 bytes each), then a pollfd per descriptor.
  const buf = pollBuffer(96 + n * 8);
  const r = selectWith(addressOf(buf), n, readfds, writefds, exceptfds, timeoutNs);
  dispose(buf);
  return r;
}

/** The user address of set `k` (0 read, 1 write, 2 except). */
function setAddress(k: u32, readfds: u32, writefds: u32, exceptfds: u32): u32 {
  return k === 0 ? readfds : k === 1 ? writefds : exceptfds;
}

/** select for descriptors below `n`, with the call's buffer at `sets` (sets, then pollfds). */
function selectWith(sets: u32, n: u32, readfds: u32, writefds: u32, exceptfds: u32, timeoutNs: i64): i32 {
  const bytes = ((n + 31) >>> 5) * 4;
  const pfds = sets + 96;
  for (let k: u32 = 0; k < 3; k++) {
    const addr = setAddress(k, readfds, writefds, exceptfds);
    if (addr !== 0 && bytes > 0 && copyFromUser(sets + k * 32, addr, bytes) !== 0) return -Errno.EFAULT;
  }
  let count: u32 = 0;
  for (let fd: u32 = 0; fd < n; fd++) {
    let events: i32 = 0;
    const byte = fd >>> 3, mask = 1 << (fd & 7);
    if ((load8(sets + byte) & mask) !== 0) events |= READ_EVENTS;
    if ((load8(sets + 32 + byte) & mask) !== 0) events |= WRITE_EVENTS;
    if ((load8(sets + 64 + byte) & mask) !== 0) events |= EXCEPT_EVENTS;
    if (events === 0) continue;
    if (fileOf(fd) === null) return -Errno.EBADF;
    store32(pfds + count * 8, fd);
    store16(pfds + count * 8 + 4, u16(events));
    count++;
  }
  const r = pollLoop(pfds, count, timeoutNs);
  if (r < 0) return r;
  memset(sets, 0, 96);
  let bits = 0;
  for (let i: u32 = 0; i < count; i++) {
    const fd = load32(pfds + i * 8);
    const want = i32(load16(pfds + i * 8 + 4));
    const got = i32(load16(pfds + i * 8 + 6));
    const byte = fd >>> 3, mask = u8(1 << (fd & 7));
    if ((want & READ_EVENTS) !== 0 && (got & READ_EVENTS) !== 0) { store8(sets + byte, load8(sets + byte) | mask); bits++; }
    if ((want & WRITE_EVENTS) !== 0 && (got & WRITE_EVENTS) !== 0) { store8(sets + 32 + byte, load8(sets + 32 + byte) | mask); bits++; }
    if ((want & EXCEPT_EVENTS) !== 0 && (got & EXCEPT_EVENTS) !== 0) { store8(sets + 64 + byte, load8(sets + 64 + byte) | mask); bits++; }
  }
  for (let k: u32 = 0; k < 3; k++) {
    const addr = setAddress(k, readfds, writefds, exceptfds);
    if (addr !== 0 && bytes > 0 && copyToUser(addr, sets + k * 32, bytes) !== 0) return -Errno.EFAULT;
  }
  return bits;
}

/** _newselect: the timeout is a struct timeval, updated with the time left (as Linux does). */
function sysNewselect(nfds: u32, readfds: u32, writefds: u32, exceptfds: u32, tvp: u32, _f: u32): i32 {
  let timeout: i64 = -1n;
  const at = scratch + 32;
  if (tvp !== 0) {
    if (copyFromUser(at, tvp, 8) !== 0) return -Errno.EFAULT;
    const sec = i32(load32(at)), usec = i32(load32(at + 4));
    if (sec < 0 || usec < 0 || usec >= 1000000) return -Errno.EINVAL;
    timeout = i64(sec) * 1000000000n + i64(usec) * 1000n;
  }
  const start = monotonicNs();
  const r = doSelect(nfds, readfds, writefds, exceptfds, timeout);
  if (tvp !== 0 && r >= 0) {
    const spent = i64(monotonicNs() - start);
    const left: i64 = timeout > spent ? timeout - spent : 0n;
    store32(at, u32(Number(left / 1000000000n)));
    store32(at + 4, u32(Number((left % 1000000000n) / 1000n)));
    copyToUser(tvp, at, 8);
  }
  return r;
}

/** pselect6: a timespec timeout and a { sigset pointer, size } pair for the temporary mask. */
function pselect6(nfds: u32, readfds: u32, writefds: u32, exceptfds: u32, tsp: u32, sig: u32, wide: boolean): i32 {
  const timeout = timeoutFromUser(tsp, wide);
  if (timeout < -1n) return i32(Number(-1000n - timeout));
  if (sig !== 0) {
    const at = scratch + 48;
    if (copyFromUser(at, sig, 8) !== 0) return -Errno.EFAULT;
    const m = withSigmask(load32(at), load32(at + 4));
    if (m !== 0) return m;
  }
  return restoreSigmask(doSelect(nfds, readfds, writefds, exceptfds, timeout));
}

function sysPselect6(nfds: u32, readfds: u32, writefds: u32, exceptfds: u32, tsp: u32, sig: u32): i32 {
  return pselect6(nfds, readfds, writefds, exceptfds, tsp, sig, false);
}

function sysPselect6Time64(nfds: u32, readfds: u32, writefds: u32, exceptfds: u32, tsp: u32, sig: u32): i32 {
  return pselect6(nfds, readfds, writefds, exceptfds, tsp, sig, true);
}

/** Registers the calls. */
export function pollCallsInit(): void {
  registerSyscall(168, sysPoll);
  registerSyscall(309, sysPpoll);
  registerSyscall(414, sysPpollTime64);
  registerSyscall(142, sysNewselect);
  registerSyscall(308, sysPselect6);
  registerSyscall(413, sysPselect6Time64);
}
