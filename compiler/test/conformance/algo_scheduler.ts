// A round-robin scheduler with priorities and time slices over a run queue of task objects.
class Task {
  ran = 0;
  constructor(readonly pid: i32, readonly prio: i32, public work: i32) {}
}
class Scheduler {
  queues: Task[][] = [[], [], []];
  tick = 0;
  add(t: Task): void { this.queues[t.prio].push(t); }
  pick(): Task | null {
    for (const q of this.queues) if (q.length > 0) { const t = q[0]; for (let i = 1; i < q.length; i++) q[i - 1] = q[i]; q.pop(); return t; }
    return null;
  }
  run(): string {
    let log = "";
    for (let t = this.pick(); t !== null; t = this.pick()) {
      const slice = Math.min(t.work, 3 - t.prio);
      t.work -= slice; t.ran += slice; this.tick += slice;
      log += `${t.pid}`;
      if (t.work > 0) this.add(t);
    }
    return log;
  }
}
const s = new Scheduler();
const tasks: Task[] = [new Task(1, 2, 5), new Task(2, 0, 4), new Task(3, 1, 6), new Task(4, 0, 1)];
for (const t of tasks) s.add(t);
console.log(s.run(), s.tick, tasks[2].ran);
