// The process that runs the build's external tools for compiler/src/toolrunner.ts (plain
// JavaScript: it starts in a fresh Node.js without tsx). Requests and answers are lines of JSON
// on stdin and stdout: {id, cmd, args, input?} → {id, stdout, stderr, code, signal, error?}.
// It exits when its stdin closes, after answering what it was asked.
import { execFile } from "node:child_process";
import { createInterface } from "node:readline";

let pending = 0;
let closed = false;
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { id, cmd, args, input } = JSON.parse(line);
  pending++;
  const child = execFile(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
    const answer = { id, stdout, stderr, code: 0, signal: null };
    if (err) {
      answer.code = typeof err.code === "number" ? err.code : null;
      answer.signal = err.signal ?? null;
      if (typeof err.code !== "number") answer.error = err.message;
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    if (--pending === 0 && closed) process.exit(0);
  });
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
});
lines.on("close", () => {
  closed = true;
  if (pending === 0) process.exit(0);
});
