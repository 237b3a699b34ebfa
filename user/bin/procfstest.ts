/**
 * The process file system from ring 3: the /proc listing follows the task list, /proc/self is a
 * symbolic link (readlink, lstat, O_NOFOLLOW), the per-process files (stat's 52 fields, status,
 * cmdline, comm) describe a running child, a zombie and a reaped one (-ENOENT, -ESRCH), the
 * system files have Linux's formats and values that move with the system (meminfo, uptime,
 * loadavg, stat), the file system refuses changes (-EROFS), and bad pointers get -EFAULT.
 * Prints a KTAP report and exits with the number of failures.
 */
import { readFile } from "../lib/io";
import { readDir, readlink, lstat, stat, Stat64, S_IFMT, S_IFLNK, S_IFDIR, S_IFREG } from "../lib/fs";
import { O_RDONLY, O_WRONLY, O_CREAT, O_DIRECTORY, O_NOFOLLOW, SEEK_SET } from "../lib/sys";
import { cString, bytesToString } from "../lib/cstring";

const SYS_EXIT = 1, SYS_FORK = 2, SYS_READ = 3, SYS_OPEN = 5, SYS_CLOSE = 6, SYS_UNLINK = 10, SYS_EXECVE = 11;
const SYS_CHDIR = 12, SYS_TIME = 13, SYS_LSEEK = 19, SYS_GETPID = 20, SYS_RENAME = 38, SYS_MKDIR = 39, SYS_RMDIR = 40;
const SYS_PIPE = 42, SYS_DUP2 = 63, SYS_GETPPID = 64, SYS_READLINK = 85, SYS_MUNMAP = 91, SYS_WAIT4 = 114;
const SYS_GETPGID = 132, SYS_GETSID = 147, SYS_NANOSLEEP = 162, SYS_RT_SIGPROCMASK = 175, SYS_GETCWD = 183;
const SYS_MMAP2 = 192, SYS_GETDENTS64 = 220;
const ENOENT = -2, ESRCH = -3, EFAULT = -14, EXDEV = -18, EINVAL = -22, EROFS = -30, ELOOP = -40;
const BAD: u32 = 0xc0000000; // kernel space
const UNMAPPED: u32 = 0x10;

let failures = 0;
const names: string[] = [];
const results: boolean[] = [];
/** Records one check; the KTAP report is printed at the end. */
function check(ok: boolean, what: string): void {
  names.push(what);
  results.push(ok);
  if (!ok) failures++;
}

function expectEq(got: i32, want: i32, what: string): void {
  check(got === want, got === want ? what : `${what} (got ${got}, want ${want})`);
}

/** @align 16 */
const mem = new Array<u8>(65536).fill(0);
const M = addressOf(mem);

function sys(nr: i32, a: u32, b: u32, c: u32): i32 {
  return syscall(nr, a, b, c, 0, 0, 0);
}

function openPath(path: string, flags: u32): i32 {
  return sys(SYS_OPEN, cString(path), flags, 0);
}

/** One read(2) of up to `n` bytes into `mem`, as a string (or "" on error, with the result in lastRead). */
let lastRead = 0;
function readOnce(fd: i32, n: u32): string {
  lastRead = sys(SYS_READ, u32(fd), M, n);
  return lastRead > 0 ? bytesToString(mem, 0, lastRead) : "";
}

function sleepMs(ms: i32): void {
  const ts = new Array<i32>(2).fill(0);
  ts[0] = Math.trunc(ms / 1000);
  ts[1] = (ms % 1000) * 1000000;
  sys(SYS_NANOSLEEP, addressOf(ts), 0, 0);
}

/** Decimal value of a string of digits below 2^32 (-1 when it is not one): counters and user addresses. */
function num(s: string): i64 {
  if (s.length === 0 || s.length > 10) return -1n;
  let n: i64 = 0n;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1n;
    n = n * 10n + BigInt(c - 48);
  }
  return n > 4294967295n ? -1n : n;
}

/** Hundredths in "12.34" (-1 when malformed). */
function centis(s: string): i64 {
  const dot = s.indexOf(".");
  if (dot < 0 || dot !== s.length - 3) return -1n;
  const whole = num(s.slice(0, dot)), frac = num(s.slice(dot + 1));
  return whole < 0n || frac < 0n ? -1n : whole * 100n + frac;
}

/** The value after "key " on a line of /proc/stat (-1 when absent). */
function statValue(text: string, key: string): i64 {
  for (const line of text.split("\n")) if (line.startsWith(key + " ")) return num(line.slice(key.length + 1));
  return -1n;
}

/** The number at the start of a "Key:  value kB" value. */
function kb(value: string): i64 {
  return num(value.split(" ")[0]);
}

/** The NUL-terminated string at byte `at` of `buf`. */
function cStringIn(buf: u8[], at: i32): string {
  let end = at;
  while (end < buf.length && buf[end] !== 0) end++;
  return bytesToString(buf, at, end);
}

/** How many pid directories /proc lists now. */
function countPidDirs(): i32 {
  let n = 0;
  for (const e of readDir("/proc").entries) if (num(e.name) > 0n) n++;
  return n;
}

/** The fields of a stat line after "pid (comm) ", or [] when malformed. */
function statFields(text: string): string[] {
  const close = text.lastIndexOf(")");
  if (close < 0 || !text.endsWith("\n")) return [];
  return text.slice(close + 2, text.length - 1).split(" ");
}

/** The value of "Key:" in a status, meminfo or cpuinfo text (the key may be followed by tabs; "" when absent). */
function field(text: string, key: string): string {
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim() === key) return line.slice(colon + 1).trim();
  }
  return "";
}

/** A file's text read through the static buffer (readFile allocates 64 KiB each time, which would show in MemFree). */
function slurp(path: string): string {
  const fd = openPath(path, O_RDONLY);
  if (fd < 0) return "";
  let text = "";
  for (;;) {
    const n = sys(SYS_READ, u32(fd), M, 4096);
    if (n <= 0) break;
    text += bytesToString(mem, 0, n);
  }
  sys(SYS_CLOSE, u32(fd), 0, 0);
  return text;
}

/** Whether the pid directory `pid` is in the /proc listing. */
function listed(pid: i32): boolean {
  const l = readDir("/proc");
  for (const e of l.entries) if (e.name === `${pid}`) return true;
  return false;
}

const me = sys(SYS_GETPID, 0, 0, 0);
const parent = sys(SYS_GETPPID, 0, 0, 0);

// 1. The root: system files, self, and a directory per task.
const root = readDir("/proc");
check(root.err === 0, "getdents64 lists /proc");
let types = "";
for (const e of root.entries) {
  if (e.name === "self" || e.name === "meminfo" || e.name === `${me}`) types += `${e.name}:${e.type} `;
}
check(types.includes("self:10") && types.includes("meminfo:8") && types.includes(`${me}:4`), `self is a link, meminfo a file, ${me} a directory (${types.trim()})`);
for (const f of ["cpuinfo", "loadavg", "meminfo", "mounts", "stat", "uptime", "version"]) {
  const st = new Stat64();
  check(stat(`/proc/${f}`, st) === 0 && (st.mode & S_IFMT) === S_IFREG && (st.mode & 0o777) === 0o444, `/proc/${f} is a read-only file`);
}
expectEq(openPath("/proc/0", O_RDONLY), ENOENT, "/proc/0 (the idle task) does not exist");
expectEq(openPath("/proc/99999", O_RDONLY), ENOENT, "a pid that was never used: ENOENT");
expectEq(openPath(`/proc/0${me}`, O_RDONLY), ENOENT, "a pid with a leading zero: ENOENT");
expectEq(openPath("/proc/self/nothing", O_RDONLY), ENOENT, "a missing file in a pid directory: ENOENT");

// 2. /proc/self.
check(readlink("/proc/self") === `${me}`, `readlink /proc/self gives the caller's pid ${me}`);
const lst = new Stat64();
const sst = new Stat64();
check(lstat("/proc/self", lst) === 0 && (lst.mode & S_IFMT) === S_IFLNK, "lstat /proc/self: a symbolic link");
check(stat("/proc/self", sst) === 0 && (sst.mode & S_IFMT) === S_IFDIR, "stat /proc/self follows it to a directory");
const two = sys(SYS_READLINK, cString("/proc/self"), M, 1);
check(two === 1 && mem[0] === u8(`${me}`.charCodeAt(0)), "readlink into a one-byte buffer returns one byte");
expectEq(sys(SYS_READLINK, cString("/proc/self"), M, 0), EINVAL, "readlink with a zero size: EINVAL");
expectEq(sys(SYS_READLINK, cString("/proc/meminfo"), M, 64), EINVAL, "readlink of a regular file: EINVAL");
expectEq(sys(SYS_READLINK, cString("/proc/self"), BAD, 64), EFAULT, "readlink into kernel memory: EFAULT");
expectEq(openPath("/proc/self", O_RDONLY | O_NOFOLLOW), ELOOP, "open /proc/self with O_NOFOLLOW: ELOOP");
const selfDir = openPath("/proc/self", O_RDONLY | O_DIRECTORY);
check(selfDir >= 0, "open /proc/self as a directory");
sys(SYS_CLOSE, u32(selfDir), 0, 0);
check(sys(SYS_CHDIR, cString("/proc/self"), 0, 0) === 0 && sys(SYS_GETCWD, M, 256, 0) > 0 && bytesToString(mem, 0, 6 + `${me}`.length) === `/proc/${me}`, "chdir /proc/self: the working directory is /proc/<pid>");
check(readFile("comm").text === "procfstest\n", "relative paths work inside the pid directory");
sys(SYS_CHDIR, cString("/"), 0, 0);

// 3. This process's own files.
const myStat = readFile("/proc/self/stat");
const sf = statFields(myStat.text);
expectEq(sf.length + 2, 52, "stat has the 52 fields of proc(5)");
check(myStat.text.startsWith(`${me} (procfstest) R `), `stat starts with pid, (comm) and state R: ${myStat.text.slice(0, 24)}`);
if (sf.length === 50) {
  check(num(sf[1]) === BigInt(parent) && num(sf[2]) === BigInt(sys(SYS_GETPGID, 0, 0, 0)) && num(sf[3]) === BigInt(sys(SYS_GETSID, 0, 0, 0)), `ppid ${sf[1]}, pgrp ${sf[2]} and session ${sf[3]} match getppid, getpgid and getsid`);
  check(sf[5] === "-1" && sf[15] === "20" && sf[16] === "0" && sf[17] === "1", "no terminal (tpgid -1), priority 20, nice 0, one thread");
  check(num(sf[19]) >= 0n && num(sf[20]) > 0n && num(sf[21]) > 0n, `starttime ${sf[19]}, vsize ${sf[20]}, rss ${sf[21]} pages`);
  const argStart = num(sf[45]), argEnd = num(sf[46]), envEnd = num(sf[48]);
  check(argStart > 0n && argEnd > argStart && envEnd >= argEnd && sf[47] === sf[46], `arg_start < arg_end = env_start <= env_end (${sf[45]} ${sf[46]} ${sf[47]} ${sf[48]})`);
  const startStack = num(sf[25]);
  check(num(sf[23]) > 0n && num(sf[24]) > num(sf[23]) && startStack < argStart && startStack > argStart - 4096n, `startcode < endcode (${sf[23]} ${sf[24]}), startstack ${sf[25]} just below the arguments`);
}
const status = readFile("/proc/self/status").text;
check(field(status, "Name") === "procfstest" && field(status, "Pid") === `${me}` && field(status, "PPid") === `${parent}`, "status: Name, Pid, PPid");
check(field(status, "State") === "R (running)" && field(status, "Umask") === "0022" && field(status, "Threads") === "1", "status: State R (running), Umask 0022, one thread");
check(field(status, "Uid") === "0\t0\t0\t0" && field(status, "VmSize").endsWith(" kB") && field(status, "VmRSS").endsWith(" kB"), "status: Uid, VmSize and VmRSS in kB");
// Blocking SIGUSR1 (10) shows in SigBlk.
const sigset = new Array<u32>(2).fill(0);
sigset[0] = 1 << 9;
syscall(SYS_RT_SIGPROCMASK, 0, addressOf(sigset), 0, 8, 0, 0);
check(field(readFile("/proc/self/status").text, "SigBlk") === "0000000000000200", "a blocked SIGUSR1 shows in SigBlk");
syscall(SYS_RT_SIGPROCMASK, 1, addressOf(sigset), 0, 8, 0, 0);
// The resident set grows as pages are touched, and MemFree falls.
const rssBefore = kb(field(slurp("/proc/self/status"), "VmRSS"));
const freeBefore = kb(field(slurp("/proc/meminfo"), "MemFree"));
const area = u32(syscall(SYS_MMAP2, 0, 4 << 20, 3, 0x22, 0xffffffff, 0));
for (let a = area; a < area + (4 << 20); a += 4096) store32(a, a);
const rssAfter = kb(field(slurp("/proc/self/status"), "VmRSS"));
const freeAfter = kb(field(slurp("/proc/meminfo"), "MemFree"));
check(rssAfter - rssBefore >= 4096n, `VmRSS grows by 4 MiB of touched pages (${rssBefore} kB -> ${rssAfter} kB)`);
check(freeBefore - freeAfter >= 4096n, `MemFree falls by at least 4 MiB (${freeBefore} kB -> ${freeAfter} kB)`);
sys(SYS_MUNMAP, area, 4 << 20, 0);
const freeReturned = kb(field(slurp("/proc/meminfo"), "MemFree"));
// The page tables stay, and the strings read may take a fresh heap page: allow 64 KiB.
check(freeReturned - freeAfter >= 4096n - 64n, `munmap gives the pages back (MemFree ${freeReturned} kB)`);

// 4. A child: running (blocked in read), its command line, then a zombie, then reaped.
const fds = new Array<i32>(2).fill(0);
sys(SYS_PIPE, addressOf(fds), 0, 0);
const longArg = "x".repeat(9000);
const child = sys(SYS_FORK, 0, 0, 0);
if (child === 0) {
  sys(SYS_DUP2, u32(fds[0]), 0, 0);
  sys(SYS_DUP2, u32(openPath("/dev/null", O_WRONLY)), 2, 0); // cat complains about the long name
  sys(SYS_CLOSE, u32(fds[1]), 0, 0);
  const argv = new Array<u32>(5).fill(0);
  argv[0] = cString("cat");
  argv[1] = cString("-");
  argv[2] = cString("two words");
  argv[3] = cString(longArg);
  syscall(SYS_EXECVE, cString("/bin/cat"), addressOf(argv), addressOf(argv) + 16, 0, 0, 0);
  sys(SYS_EXIT, 99, 0, 0);
}
sys(SYS_CLOSE, u32(fds[0]), 0, 0);
// Wait (bounded) until the child has exec'd cat and sleeps reading the pipe.
let childStat = "";
for (let i = 0; i < 500; i++) {
  childStat = readFile(`/proc/${child}/stat`).text;
  if (childStat.startsWith(`${child} (cat) S `)) break;
  sleepMs(2);
}
check(childStat.startsWith(`${child} (cat) S ${me} `), `a child blocked in read: "${childStat.slice(0, 20)}..." (state S, parent ${me})`);
check(listed(child), "the child's directory is listed");
const childCmdline = readFile(`/proc/${child}/cmdline`).text;
check(childCmdline === `cat\0-\0two words\0${longArg}\0`, `cmdline holds argv NUL-separated, 9 KiB of it (${childCmdline.length} bytes)`);
check(readFile(`/proc/${child}/comm`).text === "cat\n", "comm is the executable's name");
check(field(readFile(`/proc/${child}/status`).text, "State") === "S (sleeping)", "status says S (sleeping)");
// Small reads continue in the text generated by the first one.
const cfd = openPath(`/proc/${child}/cmdline`, O_RDONLY);
let pieces = "";
for (let i = 0; i < 100000; i++) {
  const piece = readOnce(cfd, 1000);
  if (lastRead <= 0) break;
  pieces += piece;
}
check(pieces === childCmdline, "reading cmdline 1000 bytes at a time gives the same bytes");
// Open files and a directory of the child before it goes.
const statFd = openPath(`/proc/${child}/stat`, O_RDONLY);
const dirFd = openPath(`/proc/${child}`, O_RDONLY | O_DIRECTORY);
check(statFd >= 0 && dirFd >= 0, "the child's stat and directory open");
sys(SYS_CLOSE, u32(fds[1]), 0, 0); // EOF: cat exits
let zombie = "";
for (let i = 0; i < 500; i++) {
  zombie = readFile(`/proc/${child}/stat`).text;
  if (statFields(zombie)[0] === "Z") break;
  sleepMs(2);
}
const zf = statFields(zombie);
check(zf.length === 50 && zf[0] === "Z", `an exited, unreaped child is a zombie (state ${zf.length > 0 ? zf[0] : "?"})`);
check(readFile(`/proc/${child}/cmdline`).text === "" && field(readFile(`/proc/${child}/status`).text, "VmSize") === "", "a zombie has no command line and no memory");
check(zf.length === 50 && num(zf[49]) === 256n, `a zombie's exit_code is its wait status (${zf.length === 50 ? zf[49] : "?"}: cat could not open the long name)`);
const ws = new Array<i32>(1).fill(0);
expectEq(sys(SYS_WAIT4, u32(child), addressOf(ws), 0), child, "wait4 reaps the child");
expectEq(openPath(`/proc/${child}/stat`, O_RDONLY), ENOENT, "after reaping, its files are gone: ENOENT");
check(!listed(child), "and it is no longer listed");
expectEq(sys(SYS_LSEEK, u32(statFd), 0, SEEK_SET), 0, "lseek to 0 on its open stat file");
readOnce(statFd, 4096);
expectEq(lastRead, ESRCH, "reading it again: ESRCH");
expectEq(sys(SYS_GETDENTS64, u32(dirFd), M, 4096), ENOENT, "listing its open directory: ENOENT");
sys(SYS_CLOSE, u32(statFd), 0, 0);
sys(SYS_CLOSE, u32(dirFd), 0, 0);

// 5. System-wide files: formats and values.
const meminfo = readFile("/proc/meminfo").text;
let memLinesOk = true;
for (const line of meminfo.slice(0, meminfo.length - 1).split("\n")) {
  // "Name:" padded to 16 columns, the value right-aligned in 8, " kB".
  const colon = line.indexOf(":");
  if (colon < 0 || line.length < 27 || !line.endsWith(" kB") || num(line.slice(16, line.length - 3).trim()) < 0n || line.slice(colon + 1, 16).trim() !== "") memLinesOk = false;
}
check(memLinesOk && meminfo.endsWith(" kB\n"), "every meminfo line is \"Name:   %8lu kB\"");
const memTotal = kb(field(meminfo, "MemTotal"));
const memFree = kb(field(meminfo, "MemFree"));
check(memTotal > 60000n && memTotal <= 131072n && memFree > 0n && memFree < memTotal, `MemTotal ${memTotal} kB of a 128 MiB machine, MemFree ${memFree} kB`);
check(field(meminfo, "MemAvailable") !== "" && field(meminfo, "Cached") !== "" && field(meminfo, "SwapTotal") === "0 kB", "MemAvailable, Cached, SwapTotal 0");
// tmpfs pages show as Cached/Shmem.
const cachedBefore = kb(field(meminfo, "Shmem"));
const tf = openPath("/tmp/procfs-cache", O_WRONLY | O_CREAT);
for (let i = 0; i < 64; i++) syscall(4, u32(tf), M, 4096, 0, 0, 0);
sys(SYS_CLOSE, u32(tf), 0, 0);
const cachedAfter = kb(field(readFile("/proc/meminfo").text, "Shmem"));
sys(SYS_UNLINK, cString("/tmp/procfs-cache"), 0, 0);
const cachedFreed = kb(field(readFile("/proc/meminfo").text, "Shmem"));
check(cachedAfter - cachedBefore === 256n && cachedFreed === cachedBefore, `a 256 KiB tmpfs file shows in Shmem (${cachedBefore} -> ${cachedAfter} -> ${cachedFreed} kB)`);

const up1 = readFile("/proc/uptime").text;
const upParts = up1.slice(0, up1.length - 1).split(" ");
check(upParts.length === 2 && centis(upParts[0]) > 0n && centis(upParts[1]) >= 0n, `uptime is two numbers with two decimals: ${up1.trim()}`);
const upFd = openPath("/proc/uptime", O_RDONLY);
const u1 = readOnce(upFd, 64);
sleepMs(120);
sys(SYS_LSEEK, u32(upFd), 0, SEEK_SET);
const u2 = readOnce(upFd, 64);
sys(SYS_CLOSE, u32(upFd), 0, 0);
const centis1 = centis(u1.split(" ")[0]), centis2 = centis(u2.split(" ")[0]);
check(centis2 - centis1 >= 10n && centis2 - centis1 < 1000n, `lseek(0) and read again gives fresh text: uptime ${u1.split(" ")[0]} -> ${u2.split(" ")[0]} after 120 ms`);
// Idle time comes from timer ticks, uptime from the TSC: allow for an emulator's clock drift.
const idleCentis = centis(u2.split(" ")[1].trim());
check(idleCentis >= 5n && idleCentis <= centis2 * 3n / 2n + 50n, `the sleep shows as idle time (${u2.split(" ")[1].trim()} s of ${u2.split(" ")[0]} s)`);

const tasksNow = countPidDirs();
const loadavg = readFile("/proc/loadavg").text;
const lp = loadavg.slice(0, loadavg.length - 1).split(" ");
const counts: string[] = lp.length === 5 ? lp[3].split("/") : [];
check(lp.length === 5 && lp[0].length >= 4 && lp[0][lp[0].length - 3] === "." && counts.length === 2, `loadavg: three averages, running/total, last pid: ${loadavg.trim()}`);
check(counts.length === 2 && num(counts[0]) >= 1n && num(counts[1]) === BigInt(tasksNow) && num(lp[4]) >= BigInt(child), `${counts.length === 2 ? counts[0] : "?"} running (this process), ${counts.length === 2 ? counts[1] : "?"} tasks as listed, last pid ${lp[4]} >= ${child}`);

const version = readFile("/proc/version").text;
const uts = new Array<u8>(390).fill(0);
syscall(122, addressOf(uts), 0, 0, 0, 0, 0);
check(version.startsWith(`${cStringIn(uts, 0)} version ${cStringIn(uts, 130)} (`) && version.endsWith(`) ${cStringIn(uts, 195)}\n`), `version matches uname: ${version.trim()}`);
// Byte-at-a-time reads give the same text as one read.
const vfd = openPath("/proc/version", O_RDONLY);
let bytewise = "";
for (let i = 0; i < 1000; i++) {
  const b = readOnce(vfd, 1);
  if (lastRead <= 0) break;
  bytewise += b;
}
sys(SYS_CLOSE, u32(vfd), 0, 0);
check(bytewise === version, "reading /proc/version a byte at a time gives the same text");

const cpuinfo = readFile("/proc/cpuinfo").text;
check(cpuinfo.startsWith("processor\t: 0\nvendor_id\t: ") && field(cpuinfo, "vendor_id").length === 12, `cpuinfo: processor 0, vendor ${field(cpuinfo, "vendor_id")}`);
check((" " + field(cpuinfo, "flags") + " ").includes(" fpu ") && field(cpuinfo, "cpu family") !== "" && cpuinfo.endsWith("power management:\n\n"), "cpuinfo: family, flags with fpu, ends like Linux's");

const mounts = readFile("/proc/mounts").text;
check(mounts.includes("tmpfs / tmpfs rw 0 0\n") && mounts.includes("proc /proc proc ro 0 0\n") && mounts.includes(" /dev "), `mounts: / rw, /proc ro, /dev`);

const pstat = readFile("/proc/stat").text;
const cpu: string[] = pstat.startsWith("cpu  ") ? pstat.slice(5, pstat.indexOf("\n")).split(" ") : [];
let cpuSum: i64 = 0n;
for (const v of cpu) cpuSum += num(v);
check(cpu.length === 10 && cpuSum > 0n && cpuSum <= centis2 * 3n / 2n + 50n && pstat.includes("\ncpu0 "), `stat: cpu line of 10 counters summing to ${cpuSum} ticks, within the uptime`);
const btime = statValue(pstat, "btime");
const upSecs = centis2 / 100n;
const sinceBoot = BigInt(sys(SYS_TIME, 0, 0, 0)) - btime;
check(btime > 0n && sinceBoot >= upSecs - 2n && sinceBoot <= upSecs + 2n, `btime ${btime} is the time now less the uptime`);
const processes = statValue(pstat, "processes");
check(processes >= BigInt(child) && pstat.includes("\nprocs_running ") && pstat.includes("\nctxt "), `processes ${processes} created, procs_running, ctxt`);

// 6. Read-only.
expectEq(openPath("/proc/meminfo", O_WRONLY), EROFS, "open /proc/meminfo for writing: EROFS");
expectEq(openPath("/proc/newfile", O_WRONLY | O_CREAT), EROFS, "create a file in /proc: EROFS");
expectEq(sys(SYS_MKDIR, cString("/proc/dir"), 0o755, 0), EROFS, "mkdir in /proc: EROFS");
expectEq(sys(SYS_UNLINK, cString("/proc/meminfo"), 0, 0), EROFS, "unlink in /proc: EROFS");
expectEq(sys(SYS_RMDIR, cString(`/proc/${me}`), 0, 0), EROFS, "rmdir of a pid directory: EROFS");
expectEq(sys(SYS_RENAME, cString("/proc/meminfo"), cString("/proc/m"), 0), EROFS, "rename in /proc: EROFS");
expectEq(sys(SYS_RENAME, cString("/proc/meminfo"), cString("/tmp/m"), 0), EXDEV, "rename out of /proc: EXDEV");

// 7. Bad pointers.
const sfd = openPath("/proc/self/stat", O_RDONLY);
expectEq(sys(SYS_READ, u32(sfd), BAD, 100), EFAULT, "read /proc/self/stat into kernel memory: EFAULT");
expectEq(sys(SYS_READ, u32(sfd), UNMAPPED, 100), EFAULT, "read /proc/self/stat into an unmapped page: EFAULT");
sys(SYS_CLOSE, u32(sfd), 0, 0);
const pfd = openPath("/proc", O_RDONLY | O_DIRECTORY);
expectEq(sys(SYS_GETDENTS64, u32(pfd), BAD, 4096), EFAULT, "getdents64 of /proc into kernel memory: EFAULT");
sys(SYS_CLOSE, u32(pfd), 0, 0);

console.log("KTAP version 1");
console.log(`1..${names.length}`);
for (let i = 0; i < names.length; i++) console.log(`${results[i] ? "ok" : "not ok"} ${i + 1} ${names[i]}`);
console.log(`procfstest: ${failures} failure(s)`);
process.exit(failures);
