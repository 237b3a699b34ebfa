// The process that runs the build's external tools for compiler/src/toolrunner.ts (plain
// JavaScript: it starts in a fresh Node.js without tsx). Requests and answers are lines of JSON
// on stdin and stdout: {id, cmd, args, input?, priority} → {id, stdout, stderr, code, signal,
// error?}. At most `process.argv[2]` tools run at once; waiting requests start by priority
// (lower first), then in the order they came. It keeps running tools while the process that
// asked is busy (ostc's front end is synchronous), and exits when its stdin closes, after
// answering what it was asked.
import { execFile } from "node:child_process";
import { createInterface } from "node:readline";

const limit = Math.max(1, Number(process.argv[2]) || 1);
const queue = [];
let running = 0;
let closed = false;

function next() {
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
  const child = execFile(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
    const answer = { id, stdout, stderr, code: 0, signal: null };
    if (err) {
      answer.code = typeof err.code === "number" ? err.code : null;
      answer.signal = err.signal ?? null;
      if (typeof err.code !== "number") answer.error = err.message;
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    running--;
    next();
  });
  child.stdin.end(input);
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  queue.push(JSON.parse(line));
  next();
});
lines.on("close", () => {
  closed = true;
  next();
});
