/**
 * init: the first process. Gives itself the console as standard input and output when it has
 * none (the kernel has mounted /dev and /proc), starts the shell in a new session with the console
 * as its controlling terminal, reaps orphans, and starts the shell again whenever it exits.
 * `init [shell [args…]]` chooses another shell (default /bin/sh).
 */
import { open, dup2, close, ioctl, exit, O_RDWR, O_NOCTTY, STDIN, Nr } from "../lib/sys";
import { ENOENT, ECHILD, EINTR, strerror } from "../lib/errno";
import { Stat64, fstat } from "../lib/fs";
import { fork, execve, wait4, setsid, Environment, initialEnvironment } from "../lib/proc";
import { TIOCSCTTY } from "../lib/tty";
import { Timespec, clockGettime, nanosleep, CLOCK_MONOTONIC } from "../lib/time";
import { eprintln } from "../lib/io";

/** PR_SET_CHILD_SUBREAPER: orphans are reparented to this process (implied for process 1). */
const PR_SET_CHILD_SUBREAPER: u32 = 36;

const args = process.argv.slice(2);
const shellArgs: string[] = args.length > 0 ? args.slice(0) : ["/bin/sh"];
const shell = shellArgs[0];

// Without inherited descriptors (as when the kernel starts init), use the console for 0, 1 and 2.
if (fstat(STDIN, new Stat64()) < 0) {
  const fd = open("/dev/console", O_RDWR | O_NOCTTY, 0);
  if (fd >= 0) {
    if (fd !== 0) { dup2(fd, 0); close(fd); }
    dup2(0, 1);
    dup2(0, 2);
  }
}
syscall(Nr.prctl, PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0, 0);

const env = new Environment(initialEnvironment());
if (env.get("PATH") === null) env.set("PATH", "/bin:/usr/bin");
if (env.get("HOME") === null) env.set("HOME", "/");

/** Seconds on the monotonic clock. */
function now(): i32 {
  const t = clockGettime(CLOCK_MONOTONIC);
  return t === null ? 0 : t.sec;
}

/** Starts the shell; returns its pid (negative on fork failure). */
function spawnShell(): i32 {
  const pid = fork();
  if (pid !== 0) return pid;
  setsid();
  ioctl(STDIN, TIOCSCTTY, 0);
  const r = execve(shell, shellArgs, env.vars);
  eprintln(`init: cannot run ${shell}: ${strerror(-r)}`);
  exit(r === -ENOENT ? 127 : 126);
}

for (;;) {
  const started = now();
  const shellPid = spawnShell();
  if (shellPid < 0) eprintln(`init: fork: ${strerror(-shellPid)}`);
  // Reap every child; the loop ends when the shell itself is gone.
  while (shellPid > 0) {
    const r = wait4(-1, 0);
    if (r.pid === -EINTR) continue;
    if (r.pid === -ECHILD || r.pid === shellPid) break;
  }
  // A shell that dies at once would otherwise be restarted in a tight loop.
  if (now() - started < 1) nanosleep(new Timespec(1, 0));
}
