// The process that runs the build's external tools for compiler/src/toolrunner.ts (plain
// JavaScript: it starts in a fresh Node.js without tsx). Requests and answers are lines of JSON
// on stdin and stdout: {id, cmd, args, input?, priority} → {id, stdout, stderr, code, signal,
// error?}. Waiting requests start by priority (lower first), then in the order they came. It
// keeps running tools while the process that asked is busy (ostc's front end is synchronous),
// and exits when its stdin closes, after answering what it was asked.
//
// At most `process.argv[2]` tools (the CPUs) run at once, one fewer while the asking thread says
// it is busy ({busy: true} … {busy: false}): its front end is a build's critical path, and a
// tool sharing its CPU with it delays everything after it.
import { execFile } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createInterface } from "node:readline";

const cpus = Math.max(1, Number(process.argv[2]) || 1);
const queue = [];
let running = 0;
let busy = false;
let closed = false;

/** OSTC_BUILD_TRACE: one line per tool run (compiler/src/buildtrace.ts). */
const traceFile = process.env.OSTC_BUILD_TRACE;
const traceT0 = Number(process.env.OSTC_BUILD_TRACE_T0 ?? 0);
function trace(start, cmd, args) {
  const o = args.indexOf("-o");
  appendFileSync(traceFile, `${start - traceT0} ${Date.now() - traceT0} ${cmd} ${o >= 0 ? args[o + 1] : args[args.length - 1]}\n`);
}

function next() {
  const limit = busy && cpus > 1 ? cpus - 1 : cpus;
  while (running < limit && queue.length > 0) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].priority < queue[best].priority) best = i;
    const [job] = queue.splice(best, 1);
    start(job);
  }
  if (running === 0 && queue.length === 0 && closed) process.exit(0);
}

function start({ id, cmd, args, input }) {
  running++;
  const started = Date.now();
  const child = execFile(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
    const answer = { id, stdout, stderr, code: 0, signal: null };
    if (err) {
      answer.code = typeof err.code === "number" ? err.code : null;
      answer.signal = err.signal ?? null;
      if (typeof err.code !== "number") answer.error = err.message;
    }
    if (traceFile) trace(started, cmd, args);
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    running--;
    next();
  });
  child.stdin.end(input);
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const message = JSON.parse(line);
  if (message.busy !== undefined) busy = message.busy;
  else queue.push(message);
  next();
});
lines.on("close", () => {
  closed = true;
  next();
});
