/**
 * Job control for the shell: a job is the processes of one pipeline (or one background list),
 * sharing a process group. The table numbers jobs as `%1`, `%2`…, records which processes are
 * still alive and whether the job is stopped, and waits for a job with WUNTRACED so that ^Z
 * (SIGTSTP) hands the terminal back to the shell instead of hanging it.
 */
import { wait4, kill, WaitResult, WNOHANG, WUNTRACED, SIGCONT, SIGTSTP } from "../proc";
import { EINTR, ECHILD } from "../errno";

/** One job: its process group, its processes and the command line that started it. */
export class Job {
  /** Which processes have been reaped. */
  readonly done: boolean[] = [];
  /** The shell status of the last process (exit code, or 128 + signal). */
  status = 0;
  stopped = false;

  constructor(readonly id: i32, readonly pgid: i32, readonly pids: i32[], readonly text: string) {
    for (let i = 0; i < pids.length; i++) this.done.push(false);
  }

  /** Has every process of the job been reaped? */
  get finished(): boolean {
    for (const d of this.done) if (!d) return false;
    return true;
  }

  /** Records what wait4 reported for one of the job's processes. */
  record(r: WaitResult): void {
    const i = this.pids.indexOf(r.pid);
    if (i < 0) return;
    if (r.status.stopped) {
      this.stopped = true;
      if (i === this.pids.length - 1) this.status = r.status.shellStatus;
      return;
    }
    this.done[i] = true;
    if (i === this.pids.length - 1) this.status = r.status.shellStatus;
  }

  /**
   * Waits until every process has ended or — with `untraced`, as job control wants — the job
   * stops (then `stopped` is set; the rest of the group is stopped too). Returns the job's status.
   */
  wait(untraced: boolean): i32 {
    this.stopped = false;
    for (let i = 0; i < this.pids.length; i++) {
      while (!this.done[i]) {
        const r = wait4(this.pids[i], untraced ? WUNTRACED : 0);
        if (r.pid === -EINTR) continue;
        if (r.pid < 0) {
          // Reaped elsewhere (or never ours): count it as ended.
          if (r.pid === -ECHILD) this.done[i] = true;
          break;
        }
        this.record(r);
        if (this.stopped) return 128 + SIGTSTP;
      }
    }
    return this.status;
  }

  /** Sends SIGCONT to the whole group and marks the job running. */
  resume(): i32 {
    this.stopped = false;
    return kill(-this.pgid, SIGCONT);
  }

  /** The line `jobs` prints. */
  describe(current: boolean): string {
    return `[${this.id}]${current ? "+" : " "}  ${this.stopped ? "Stopped" : "Running"}                 ${this.text}`;
  }
}

/** The shell's jobs, by number. */
export class JobTable {
  readonly jobs: Job[] = [];

  /** Adds a job with the lowest free number. */
  add(pgid: i32, pids: i32[], text: string): Job {
    let id = 1;
    for (;;) {
      let used = false;
      for (const j of this.jobs) if (j.id === id) used = true;
      if (!used) break;
      id++;
    }
    const job = new Job(id, pgid, pids, text);
    this.jobs.push(job);
    return job;
  }

  /** Takes a job out of the table. */
  remove(job: Job): void {
    const i = this.jobs.indexOf(job);
    if (i < 0) return;
    for (let k = i; k + 1 < this.jobs.length; k++) this.jobs[k] = this.jobs[k + 1];
    this.jobs.pop();
  }

  /** The job a spec names: `%N`, `N`, or (empty) the most recent one; null when there is none. */
  find(spec: string): Job | null {
    if (spec === "" || spec === "%" || spec === "%%" || spec === "%+") {
      return this.jobs.length > 0 ? this.jobs[this.jobs.length - 1] : null;
    }
    const digits = spec.startsWith("%") ? spec.slice(1) : spec;
    let n = 0;
    for (let i = 0; i < digits.length; i++) {
      const c = digits.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      n = n * 10 + (c - 48);
    }
    for (const j of this.jobs) if (j.id === n) return j;
    return null;
  }

  /** The job a process belongs to. */
  ofPid(pid: i32): Job | null {
    for (const j of this.jobs) if (j.pids.indexOf(pid) >= 0) return j;
    return null;
  }

  /**
   * Collects status changes without blocking; calls `report` for each job that finished or
   * stopped since the last call, and drops finished jobs.
   */
  poll(report: (job: Job) => void): void {
    for (;;) {
      const r = wait4(-1, WNOHANG | WUNTRACED);
      if (r.pid <= 0) break;
      const job = this.ofPid(r.pid);
      if (job === null) continue;
      const wasStopped = job.stopped;
      job.record(r);
      if (job.finished) {
        report(job);
        this.remove(job);
      } else if (job.stopped && !wasStopped) {
        report(job);
      }
    }
  }
}
