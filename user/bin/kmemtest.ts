/**
 * The kernel gives its memory back: each workload runs a warm-up and then many rounds of
 * system calls, and the kernel heap in use (from /proc/slabinfo: active objects × object size,
 * summed over the kmalloc caches) must end where it started. A workload whose kernel objects
 * are not freed grows by its leak × the rounds. Prints a KTAP report and exits with the number
 * of failures. (Pages taken whole for large blocks are not in slabinfo; none of these
 * workloads makes such blocks.)
 */
import { Nr, O_RDWR, open, close, readRaw, writeRaw, rename, access, dup, pipe, exit } from "../lib/sys";
import { fork, execve, wait4 } from "../lib/proc";
import { Stat64, stat } from "../lib/fs";
import { println } from "../lib/io";

const O_RDONLY: u32 = 0;
const O_WRONLY: u32 = 1;
const O_CREAT: u32 = 0o100;
const PROT_READ: u32 = 1;
const PROT_WRITE: u32 = 2;
const MAP_SHARED: u32 = 1;
const ROUNDS = 200;
const WARMUP = 20;
/** Bytes a workload may end above where it started (objects of caches that grow in steps). */
const SLACK: u32 = 64;

const buf = new Array<u8>(8192).fill(0);

/** Kernel heap bytes in slab objects, or -1 when /proc/slabinfo cannot be read. */
function slabBytes(): i32 {
  const fd = open("/proc/slabinfo", O_RDONLY, 0);
  if (fd < 0) return -1;
  let n: u32 = 0;
  for (;;) {
    const r = readRaw(fd, addressOf(buf) + n, u32(buf.length) - n);
    if (r <= 0) break;
    n += u32(r);
  }
  close(fd);
  // Lines: name active_objs num_objs objsize ...; the two header lines start with "slabinfo" and "#".
  let total: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    let end = i;
    while (end < n && buf[end] !== 10) end++;
    if (buf[i] === 107) { // "kmalloc-…"
      const fields = new Array<u32>(3).fill(0);
      let f = -1;
      let inNumber = false;
      let j = i;
      while (j < end && buf[j] !== 32) j++; // skip the name
      for (; j < end && f < 3; j++) {
        const c = buf[j];
        if (c >= 48 && c <= 57) {
          if (!inNumber) { f++; inNumber = true; if (f >= 3) break; }
          fields[f] = fields[f] * 10 + u32(c - 48);
        } else {
          inNumber = false;
        }
      }
      total += fields[0] * fields[2];
    }
    i = end + 1;
  }
  return i32(total);
}

let failures = 0;
let count = 0;
const lines: string[] = [];

/** Runs `work` WARMUP times, then ROUNDS times between two heap readings, and records the check. */
function measure(name: string, work: (round: i32) => boolean): void {
  for (let r = 0; r < WARMUP; r++) work(r);
  const before = slabBytes();
  let ok = before >= 0;
  for (let r = 0; r < ROUNDS && ok; r++) ok = work(r);
  const after = slabBytes();
  const grew = after - before;
  count++;
  const pass = ok && after >= 0 && grew <= i32(SLACK);
  if (!pass) failures++;
  lines.push(`# ${name}: ${ROUNDS} rounds, kernel heap ${before} -> ${after} bytes (${grew >= 0 ? "+" : ""}${grew})`);
  lines.push(`${pass ? "ok" : "not ok"} ${count} ${name} returns its kernel memory`);
}

function forkExitWait(_r: i32): boolean {
  const pid = fork();
  if (pid === 0) exit(3);
  if (pid < 0) return false;
  return wait4(pid, 0).status.exitCode === 3;
}
measure("fork + exit + wait4", forkExitWait);

function forkExecWait(_r: i32): boolean {
  const pid = fork();
  if (pid === 0) {
    execve("/bin/true", ["true"], []);
    exit(99);
  }
  if (pid < 0) return false;
  return wait4(pid, 0).status.exitCode === 0;
}
measure("fork + execve + wait4", forkExecWait);

function execErrors(_r: i32): boolean {
  return execve("/bin/no-such-program", ["x"], ["A=1"]) < 0 && execve("/tmp", ["x"], []) < 0;
}
measure("execve of a missing program and of a directory (errors)", execErrors);

const st = new Stat64();
function renameOps(_r: i32): boolean {
  if (rename("/tmp/kmem-a", "/tmp/kmem-b") !== 0) return false;
  if (stat("/tmp/kmem-b", st) !== 0) return false;
  if (rename("/tmp/kmem-b", "/tmp/kmem-a") !== 0) return false;
  return rename("/tmp/kmem-none", "/tmp/kmem-c") < 0;
}
const made = open("/tmp/kmem-a", O_CREAT | O_WRONLY, 0o644);
if (made >= 0) close(made);
measure("rename + stat, and a failing rename", renameOps);

function statOps(_r: i32): boolean {
  return stat("/bin/sh", st) === 0 && access("bin", 0) >= -2 && stat("/no/such/file", st) < 0 && stat("missing", st) < 0;
}
measure("stat, access and a missing path (relative and absolute)", statOps);

const fds = new Array<i32>(2).fill(0);
function pipeOps(_r: i32): boolean {
  if (pipe(fds) !== 0) return false;
  const wrote = writeRaw(fds[1], addressOf(buf), 100);
  const got = readRaw(fds[0], addressOf(buf), 100);
  return wrote === 100 && got === 100 && close(fds[0]) === 0 && close(fds[1]) === 0;
}
measure("pipe + write + read + close", pipeOps);

function openOps(_r: i32): boolean {
  const fd = open("/bin/sh", O_RDONLY, 0);
  if (fd < 0) return false;
  const d = dup(fd);
  const ok = d >= 0 && readRaw(d, addressOf(buf), 16) === 16;
  return close(fd) === 0 && close(d) === 0 && ok;
}
measure("open + dup + read + close", openOps);

function procOps(_r: i32): boolean {
  const pid = fork();
  if (pid === 0) exit(0);
  if (pid < 0) return false;
  const fd = open(`/proc/${pid}/stat`, O_RDONLY, 0);
  const ok = fd >= 0 && readRaw(fd, addressOf(buf), 64) > 0;
  if (fd >= 0) close(fd);
  return wait4(pid, 0).pid === pid && ok;
}
measure("fork, /proc/<pid>/stat of the child, wait4", procOps);

/** A shared mapping of a file (its region names the file), read back through maps, pread and /proc/self/exe. */
const mapped = open("/tmp/kmem-map", O_CREAT | O_RDWR, 0o644);
const selfExe: u8[] = [47, 112, 114, 111, 99, 47, 115, 101, 108, 102, 47, 101, 120, 101, 0]; // "/proc/self/exe"
if (mapped >= 0) writeRaw(mapped, addressOf(buf), 8192);
function mapsOps(_r: i32): boolean {
  const at = syscall(Nr.mmap2, 0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, u32(mapped), 0);
  if (at < 0) return false;
  const fd = open("/proc/self/maps", O_RDONLY, 0);
  let total = 0;
  for (let r = readRaw(fd, addressOf(buf), 100); r > 0; r = readRaw(fd, addressOf(buf), 100)) total += r;
  const piece = syscall(Nr.pread64, u32(fd), addressOf(buf), 64, 10, 0, 0);
  close(fd);
  const exe = syscall(Nr.readlink, addressOf(selfExe), addressOf(buf), 100, 0, 0, 0);
  const ok = total > 0 && piece === 64 && exe === 13 && buf[5] === 107 && buf[12] === 116; // "/bin/kmemtest"
  return syscall(Nr.munmap, u32(at), 8192, 0, 0, 0, 0) === 0 && ok;
}
measure("mmap of a file, /proc/self/maps in small reads and pread, /proc/self/exe", mapsOps);

println("KTAP version 1");
println(`1..${count}`);
for (const l of lines) println(l);
println(`kmemtest: ${failures} failure(s)`);
exit(failures);
