/**
 * Pipes: a 64 KiB ring buffer (Linux's default pipe size: sixteen pages, one contiguous block
 * here) between a read end and a write end, so a writer of 64 KiB does not wait for the reader
 * sixteen times. Reads and writes move bytes straight between the ring and the caller's buffer,
 * user memory included (copiesUser: the system call passes the user address, no bounce page),
 * and a read takes everything that is there, up to its count, as Linux's does. Readers sleep
 * while the
 * pipe is empty and get end-of-file (0) once every writer is gone; writers sleep while it is
 * full and get -EPIPE once every reader is gone (and SIGPIPE). Writes of at most
 * PIPE_BUF bytes are atomic: they wait until the whole write fits.
 */
import { Errno } from "../syscall/errno";
import { allocPages, freePages, Zone } from "../mm/pmm";
import { KERNEL_BASE } from "../arch/x86/layout";
import { PAGE_BYTES } from "../arch/x86/paging";
import { sleepOn, wakeUp, currentTask } from "../proc/sched";
import { ERESTARTSYS } from "../proc/process";
import { Sig, SiCode, sendSignal } from "../proc/signal";
import { ByteQueue, CopyFn, kernelCopy } from "./byteq";
import { USER_END } from "../mm/aspace";
import { File, FileOps, Inode, O_NONBLOCK, O_RDONLY, O_WRONLY, POLLERR, POLLHUP, POLLIN, POLLOUT, S_IFIFO, SuperBlock } from "./vfs";

/** Pages of a pipe's buffer, as a buddy order (2^4 pages = 64 KiB). */
const PIPE_ORDER: i32 = 4;
/** Bytes a pipe holds. */
export const PIPE_CAPACITY: u32 = PAGE_BYTES << PIPE_ORDER;
/** Writes up to this size are atomic (POSIX PIPE_BUF). */
export const PIPE_BUF: u32 = PAGE_BYTES;

/** @linkname user_copy */
declare function userCopy(dst: u32, src: u32, n: u32): i32;

/** A copy with a user buffer on one side (range-checked by the system call): 0 or -EFAULT. */
function copyUser(dst: u32, src: u32, n: u32): i32 {
  return n === 0 ? 0 : userCopy(dst, src, n);
}

/** How to move bytes to or from `addr`: user addresses lie below the kernel. */
function copierFor(addr: u32): CopyFn {
  return addr < USER_END ? copyUser : kernelCopy;
}

/** The shared state of one pipe. */
export class Pipe {
  readers: i32 = 1;
  writers: i32 = 1;
  constructor(readonly queue: ByteQueue) {}

  /** Wait channel of readers (the object's address) and of writers (one byte further). */
  get readChannel(): u32 {
    return addressOf(this);
  }
  get writeChannel(): u32 {
    return addressOf(this) + 1;
  }

  private maybeFree(): void {
    if (this.readers === 0 && this.writers === 0) freePages(this.queue.base - KERNEL_BASE, PIPE_ORDER);
  }

  /** Reads into `buf` (kernel or user): waits for data unless non-blocking; 0 at end of file. */
  read(buf: u32, n: u32, nonblock: boolean): i32 {
    if (n === 0) return 0;
    while (this.queue.length === 0) {
      if (this.writers === 0) return 0;
      if (nonblock) return -Errno.EAGAIN;
      if (currentTask().hasDeliverableSignal()) return -ERESTARTSYS;
      sleepOn(this.readChannel);
    }
    const got = this.queue.readWith(buf, n, copierFor(buf));
    wakeUp(this.writeChannel);
    return got;
  }

  /** Writes from `buf` (kernel or user), waiting for room; -EPIPE when no reader is left. */
  write(buf: u32, n: u32, nonblock: boolean): i32 {
    let done: u32 = 0;
    while (done < n) {
      if (this.readers === 0) {
        if (done > 0) return i32(done);
        const me = currentTask();
        sendSignal(me, Sig.PIPE, SiCode.User, me.pid, 0); // and -EPIPE if SIGPIPE is ignored or handled
        return -Errno.EPIPE;
      }
      const room = this.queue.room;
      const atomicWait = n <= PIPE_BUF && room < n - done;
      if (room === 0 || atomicWait) {
        if (nonblock) return done > 0 ? i32(done) : -Errno.EAGAIN;
        if (currentTask().hasDeliverableSignal()) return done > 0 ? i32(done) : -ERESTARTSYS;
        sleepOn(this.writeChannel);
        continue;
      }
      const put = this.queue.writeWith(buf + done, n - done, copierFor(buf));
      if (put < 0) return done > 0 ? i32(done) : put;
      done += u32(put);
      wakeUp(this.readChannel);
    }
    return i32(done);
  }

  /** Drops the read end. */
  closeReader(): void {
    this.readers--;
    wakeUp(this.writeChannel);
    this.maybeFree();
  }

  /** Drops the write end. */
  closeWriter(): void {
    this.writers--;
    wakeUp(this.readChannel);
    this.maybeFree();
  }
}

/** The read end's operations. */
class PipeReadEnd extends FileOps {
  constructor(readonly pipe: Pipe) { super(); }
  read(_f: File, buf: u32, n: u32, _pos: u32, nowait: boolean): i32 {
    return this.pipe.read(buf, n, nowait);
  }
  pollReady(_f: File): i32 {
    let r: i32 = 0;
    if (this.pipe.queue.length > 0) r |= POLLIN;
    if (this.pipe.writers === 0) r |= POLLHUP;
    return r;
  }
  canBlock(): boolean {
    return true;
  }
  copiesUser(): boolean {
    return true;
  }
  seekable(): boolean {
    return false;
  }
  positioned(): boolean {
    return false;
  }
  release(_f: File): void {
    this.pipe.closeReader();
  }
}

/** The write end's operations. */
class PipeWriteEnd extends FileOps {
  constructor(readonly pipe: Pipe) { super(); }
  write(_f: File, buf: u32, n: u32, _pos: u32, nowait: boolean): i32 {
    return this.pipe.write(buf, n, nowait);
  }
  pollReady(_f: File): i32 {
    if (this.pipe.readers === 0) return POLLERR;
    return this.pipe.queue.room > 0 ? POLLOUT : 0;
  }
  canBlock(): boolean {
    return true;
  }
  copiesUser(): boolean {
    return true;
  }
  seekable(): boolean {
    return false;
  }
  positioned(): boolean {
    return false;
  }
  release(_f: File): void {
    this.pipe.closeWriter();
  }
}

/** The anonymous file system pipe inodes belong to (fstat shows a FIFO). */
const pipefs = new SuperBlock("pipefs", 0x0c);

/**
 * A pipe's inode. Nothing names it, so it goes — with the pipe, its queue and both ends'
 * operations — when the last open file of either end has been put.
 */
class PipeInode extends Inode {
  constructor(sb: SuperBlock, ino: u32, readonly readOps: PipeReadEnd, readonly writeOps: PipeWriteEnd) {
    super(sb, ino, S_IFIFO | 0o600, readOps);
  }

  maybeEvict(): void {
    if (this.opens !== 0) return;
    const pipe = this.readOps.pipe;
    dispose(pipe.queue);
    dispose(pipe);
    dispose(this.readOps);
    dispose(this.writeOps);
    dispose(this);
  }
}

/** The two ends of a new pipe. */
export class PipeEnds {
  constructor(readonly reader: File, readonly writer: File) {}
}

/** Creates a pipe; null when no 64 KiB block is free. `flags` may hold O_NONBLOCK for both ends. */
export function createPipe(flags: u32): PipeEnds | null {
  const phys = allocPages(PIPE_ORDER, Zone.Normal);
  if (phys === 0) return null;
  const pipe = new Pipe(new ByteQueue(phys + KERNEL_BASE, PIPE_CAPACITY));
  const readOps = new PipeReadEnd(pipe);
  const writeOps = new PipeWriteEnd(pipe);
  const inode = new PipeInode(pipefs, pipefs.allocIno(), readOps, writeOps);
  const extra = flags & O_NONBLOCK;
  return new PipeEnds(new File(inode, null, O_RDONLY | extra, readOps), new File(inode, null, O_WRONLY | extra, writeOps));
}
