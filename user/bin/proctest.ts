/**
 * Process system calls from ring 3, with their failure paths: fork (copy-on-write), execve,
 * wait4 status encoding, kill, process groups, nanosleep and clocks, mprotect, getrandom, a
 * fork bomb and a memory hog. Prints a KTAP report and exits with the number of failures.
 */
const SYS_EXIT = 1, SYS_FORK = 2, SYS_EXECVE = 11, SYS_GETPID = 20, SYS_KILL = 37, SYS_WAIT4 = 114;
const SYS_NANOSLEEP = 162, SYS_CLOCK_GETTIME = 265, SYS_UNAME = 122, SYS_SETPGID = 57, SYS_GETPGID = 132;

let failures = 0;
const names: string[] = [];
const results: boolean[] = [];
/** Records one check; the KTAP report is printed at the end (children print in between). */
function check(ok: boolean, what: string): void {
  names.push(what);
  results.push(ok);
  if (!ok) failures++;
}

const scratch = new Array<u32>(256).fill(0);
const S = addressOf(scratch);

function cstr(s: string, at: u32): u32 {
  for (let i = 0; i < s.length; i++) store8(at + u32(i), u8(s.charCodeAt(i)));
  store8(at + u32(s.length), 0);
  return at;
}

function fork(): i32 {
  return syscall(SYS_FORK, 0, 0, 0, 0, 0, 0);
}

function wait(pid: i32): i32 {
  const r = syscall(SYS_WAIT4, u32(pid), S, 0, 0, 0, 0);
  return r < 0 ? r : i32(load32(S));
}

function exit(code: i32): void {
  syscall(SYS_EXIT, u32(code), 0, 0, 0, 0, 0);
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

// 1. fork: the child's writes do not reach the parent (copy-on-write).
const shared = new Array<u32>(4096).fill(5);
const pid1 = fork();
if (pid1 === 0) {
  for (let i = 0; i < shared.length; i++) shared[i] = 99;
  exit(shared[17] === 99 ? 7 : 1);
}
check(pid1 > 0, `fork returns the child's pid (${pid1})`);
check(wait(pid1) === 7 << 8, "wait4 reports exit status 7");
check(shared[17] === 5 && shared[4000] === 5, "the parent's memory is untouched by the child");

// 2. execve in a child.
const pid2 = fork();
if (pid2 === 0) {
  const path = cstr("/bin/hello", S + 100);
  scratch[0] = path;
  scratch[1] = 0;
  scratch[2] = 0;
  syscall(SYS_EXECVE, path, S, S + 8, 0, 0, 0);
  exit(99);
}
check(wait(pid2) === 42 << 8, "a child that execs /bin/hello exits with its status 42");

// 3. execve failures.
check(syscall(SYS_EXECVE, cstr("/bin/nonexistent", S + 100), 0, 0, 0, 0, 0) === -2, "execve of a missing file: -ENOENT");
check(syscall(SYS_EXECVE, 0xc0001000, 0, 0, 0, 0, 0) === -14, "execve with a kernel pointer: -EFAULT");

// 4. kill a sleeping child; signal status.
const pid3 = fork();
if (pid3 === 0) {
  for (;;) sleepMs(1000);
}
sleepMs(20);
check(syscall(SYS_KILL, u32(pid3), 15, 0, 0, 0, 0) === 0, "kill(child, SIGTERM)");
check(wait(pid3) === 15, "the child's wait status is signal 15");

// 5. a child that faults is killed with SIGSEGV; the kernel carries on.
const pid4 = fork();
if (pid4 === 0) {
  store32(0x10, 1);
  exit(0);
}
check(wait(pid4) === 11, "a faulting child dies of SIGSEGV (status 11)");

// 6. errors.
check(wait(-1) === -10, "wait4 with no children: -ECHILD");
check(syscall(SYS_KILL, 99999, 9, 0, 0, 0, 0) === -3, "kill of a missing pid: -ESRCH");
const me = syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0);
if (me === 1) check(syscall(SYS_KILL, 1, 9, 0, 0, 0, 0) === -1, "killing init is refused: -EPERM");
check(syscall(SYS_WAIT4, 0xffffffff, 0xc0000000, 0, 0, 0, 0) === -14, "wait4 with a kernel status pointer: -EFAULT");

// 7. process groups.
check(syscall(SYS_SETPGID, 0, 0, 0, 0, 0, 0) === 0 && syscall(SYS_GETPGID, 0, 0, 0, 0, 0, 0) === me, "setpgid(0, 0) makes a new group");

// 8. time.
const t0 = monotonicMs();
check(sleepMs(30) === 0, "nanosleep 30 ms");
const slept = monotonicMs() - t0;
check(slept >= 25 && slept < 1000, `the monotonic clock advanced ${slept} ms`);
check(syscall(SYS_UNAME, S, 0, 0, 0, 0, 0) === 0 && load8(S) === 79, "uname reports OpenOS");

// 9. many children at once.
let made = 0;
for (let i = 0; i < 20; i++) {
  const p = fork();
  if (p === 0) exit(i);
  if (p > 0) made++;
}
let reaped = 0;
while (wait(-1) >= 0) reaped++;
check(made === 20 && reaped === 20, `20 children forked and reaped (${made}/${reaped})`);

// 10. mprotect: a page made read-only refuses writes (the child dies of SIGSEGV), and getrandom fills.
const SYS_MMAP2 = 192, SYS_MPROTECT = 125, SYS_GETRANDOM = 355;
const page = u32(syscall(SYS_MMAP2, 0, 8192, 3, 0x22, 0xffffffff, 0));
check(page > 0x1000 && page < 0xc0000000, "mmap2 of two anonymous pages");
store32(page, 1234);
check(syscall(SYS_MPROTECT, page, 4096, 1, 0, 0, 0) === 0, "mprotect(PROT_READ)");
check(load32(page) === 1234, "the read-only page keeps its data");
const pid5 = fork();
if (pid5 === 0) {
  store32(page + 4096, 1); // still writable
  store32(page, 2); // read-only now
  exit(0);
}
check(wait(pid5) === 11, "writing the read-only page kills with SIGSEGV");
check(syscall(SYS_MPROTECT, page + 1, 4096, 1, 0, 0, 0) === -22, "mprotect of an unaligned address: -EINVAL");
check(syscall(SYS_MPROTECT, 0x7000000, 4096, 1, 0, 0, 0) === -12, "mprotect of unmapped memory: -ENOMEM");
scratch[0] = 0; scratch[1] = 0; scratch[2] = 0; scratch[3] = 0;
check(syscall(SYS_GETRANDOM, S, 16, 0, 0, 0, 0) === 16 && (scratch[0] | scratch[1] | scratch[2] | scratch[3]) !== 0, "getrandom fills 16 bytes");
check(syscall(SYS_GETRANDOM, 0xc0000000, 16, 0, 0, 0, 0) === -14, "getrandom into the kernel: -EFAULT");

// 11. A fork bomb stops at the process limit with -EAGAIN, and everything is reaped.
const bomber = fork();
if (bomber === 0) {
  let kids = 0;
  let err = 0;
  for (;;) {
    const p = fork();
    if (p === 0) { for (;;) sleepMs(1000); }
    if (p < 0) { err = p; break; }
    kids++;
  }
  syscall(SYS_KILL, 0, 9, 0, 0, 0, 0); // the whole group, this process included
  exit(err === -11 && kids > 50 ? 0 : 1);
}
check(wait(bomber) === 9, "the fork bomb hit -EAGAIN and its group was killed");
while (wait(-1) >= 0) {}
const after = fork();
if (after === 0) exit(5);
check(after > 0 && wait(after) === 5 << 8, "fork works again after the bomb");

// 12. A process that exhausts memory is killed; the kernel carries on.
const hog = fork();
if (hog === 0) {
  const big = u32(syscall(SYS_MMAP2, 0, 0x40000000, 3, 0x22, 0xffffffff, 0));
  for (let a = big; ; a += 4096) store32(a, a);
}
const hogStatus = wait(hog);
check(hogStatus === 11 || hogStatus === 9, `a memory hog is killed (status ${hogStatus})`);
const again = fork();
if (again === 0) exit(6);
check(again > 0 && wait(again) === 6 << 8, "processes still run after the hog");

// 13. times(2): CPU time is accounted to user and system mode, and reaped children are added.
const SYS_TIMES = 43;
const spinner = fork();
if (spinner === 0) {
  let x = 0;
  for (let i = 0; i < 30000000; i++) x = (x + i) | 0;
  exit(x === 12345 ? 1 : 0);
}
wait(spinner);
check(syscall(SYS_TIMES, S, 0, 0, 0, 0, 0) > 0, "times returns the clock");
check(scratch[2] > 0, `a CPU-bound child's user time reaches the parent's cutime (${scratch[2]} ticks of 1/100 s)`);
check(syscall(SYS_TIMES, 0xc0000000, 0, 0, 0, 0, 0) === -14, "times into the kernel: -EFAULT");

console.log("KTAP version 1");
console.log(`1..${names.length}`);
for (let i = 0; i < names.length; i++) console.log(`${results[i] ? "ok" : "not ok"} ${i + 1} ${names[i]}`);
console.log(`proctest: ${failures} failure(s)`);
process.exit(failures);
