/**
 * The TypeScript userland (user/bin: init, sh and the coreutils) compiled by ostc for this Linux
 * machine and driven through real scenarios: the programs speak the Linux i386 system-call ABI
 * that OpenOS implements, so they are proven here first. Each scenario runs `sh -c` (or a
 * program directly) in a scratch directory with PATH holding only the compiled programs.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { emitC, linkProgramAsync } from "../compiler/src/driver.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The programs under test (user/bin also holds test programs meant only for OpenOS). */
const PROGRAMS = ["cat", "cp", "echo", "false", "free", "head", "init", "kill", "ls", "mkdir", "mv", "ps", "rm", "sh", "sleep", "true", "uname", "uptime", "wc"];

let work = "";
let bin = "";

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-userland-"));
  bin = path.join(work, "bin");
  fs.mkdirSync(bin);
  const builds: Promise<void>[] = [];
  for (const name of PROGRAMS) {
    const r = emitC(path.join(REPO, "user", "bin", `${name}.ts`), "host", true);
    if (!r.ok) throw new Error(`ostc rejected user/bin/${name}.ts:\n${r.errors}`);
    builds.push(linkProgramAsync(r.c, path.join(bin, name), { release: false, workDir: path.join(work, "c") }));
  }
  await Promise.all(builds);
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Output of one run. */
interface Result { stdout: string; stderr: string; code: number | null; signal: string | null }

/** Runs a compiled program with arguments in `cwd`, feeding `input` on standard input. */
function runProgram(name: string, args: string[], opts: { cwd: string; input?: string; timeoutMs?: number }): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(path.join(bin, name), args, { cwd: opts.cwd, env: { PATH: bin, HOME: opts.cwd }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 10_000);
    child.on("close", (code, signal) => { clearTimeout(timer); resolve({ stdout, stderr, code, signal }); });
    child.stdin.on("error", () => {});
    child.stdin.end(opts.input ?? "");
  });
}

/** A fresh scratch directory. */
function scratch(): string {
  return fs.mkdtempSync(path.join(work, "s-"));
}

/** Runs `sh -c script` in a fresh scratch directory (or `cwd`). */
async function sh(script: string, cwd = scratch(), input = ""): Promise<Result> {
  return runProgram("sh", ["-c", script], { cwd, input });
}

/** Scenarios: a script, the standard output it must print and its exit status. */
const SCENARIOS: { name: string; script: string; stdout: string; code?: number }[] = [
  { name: "a pipeline counts words", script: "echo a b c | wc -w", stdout: "3\n" },
  { name: "a three-stage pipeline", script: "echo one two three | cat | wc -c", stdout: "14\n" },
  { name: "> and >> redirect to files, < reads them", script: "echo hello > f; echo world >> f; cat f; wc -l < f", stdout: "hello\nworld\n2\n" },
  { name: "2> redirects standard error", script: "cat missing 2> err; echo $?; cat err", stdout: "1\ncat: missing: No such file or directory\n" },
  { name: "2>&1 joins standard error to the pipe", script: "cat missing 2>&1 | wc -l", stdout: "1\n" },
  { name: "&& and || follow exit statuses", script: "true && echo yes; false && echo no; false || echo fallback; true || echo never", stdout: "yes\nfallback\n" },
  { name: "$? after || and && is the status of the pipeline before", script: "false || echo $?; true && echo $?", stdout: "1\n0\n" },
  { name: "$? after false and true", script: "false; echo $?; true; echo $?", stdout: "1\n0\n" },
  { name: "quoting: single, double, backslash", script: `echo 'a  $HOME' "b  c" d\\ e "q\\"x" ''`, stdout: "a  $HOME b  c d e q\"x \n" },
  { name: "variables, ${} and export to children", script: "X=5; echo $X ${X}z; export Y=7; sh -c 'echo $Y $X'", stdout: "5 5z\n7\n" },
  { name: "unquoted expansions split into fields, quoted ones do not", script: "A='x  y'; echo $A; echo \"$A\"; echo $EMPTY | wc -c; sh -c 'echo $#' s $A \"$A\" $EMPTY", stdout: "x y\nx  y\n1\n3\n" },
  { name: "an unknown command gives 127", script: "nosuchprogram; echo $?", stdout: "127\n" },
  { name: "exit sets the shell's status", script: "echo before; exit 3; echo after", stdout: "before\n", code: 3 },
  { name: "the status of a pipeline is its last command's", script: "true | false", stdout: "", code: 1 },
  { name: "cd and pwd", script: "mkdir sub; cd sub; pwd | wc -l; cd /nonexistent; echo $?", stdout: "1\n1\n" },
  { name: "echo -n", script: "echo -n abc; echo -n; echo", stdout: "abc\n" },
  { name: "background jobs and wait", script: "sleep 0.2 && echo late & echo early; wait; echo done", stdout: "early\nlate\ndone\n" },
  { name: "ls -a lists dot files sorted", script: "mkdir d; echo > d/b; echo > d/.hidden; echo > d/a; ls d; ls -a d", stdout: "a\nb\n.\n..\n.hidden\na\nb\n" },
  { name: "mkdir -p, cp, mv and rm round trip", script: "mkdir -p x/y/z && echo data > x/y/z/f && cp x/y/z/f g && mv g h && cat h && cp -r x x2 && cat x2/y/z/f && rm -r x x2 h && ls", stdout: "data\ndata\n" },
  { name: "mv into a directory, rm of a directory without -r fails", script: "mkdir dir; echo 1 > a; mv a dir; ls dir; rm dir; echo $?", stdout: "a\n1\n" },
  { name: "head -n and -N", script: "echo 1 > f; echo 2 >> f; echo 3 >> f; head -n 2 f; head -1 f", stdout: "1\n2\n1\n" },
  { name: "wc -l -c and totals", script: "echo abc > f; echo de >> f; wc -l -c f; wc -l f f", stdout: "2 7 f\n 2 f\n 2 f\n 4 total\n" },
  { name: "kill terminates a background job", script: "sleep 5 & kill $!; wait; echo killed", stdout: "killed\n" },
  { name: "uname prints the kernel name", script: "uname", stdout: "Linux\n" },
];

for (const s of SCENARIOS) {
  test(`sh: ${s.name}`, async () => {
    const r = await sh(s.script);
    assert.equal(r.stdout, s.stdout, `stdout of ${JSON.stringify(s.script)}; stderr:\n${r.stderr}`);
    assert.equal(r.code, s.code ?? 0, `exit status of ${JSON.stringify(s.script)}; stderr:\n${r.stderr}`);
  });
}

test("sh runs a script file with arguments, and commands from standard input", async () => {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, "script.sh"), "# a comment\necho $0 $1 $#\necho two | wc -c\nexit 4\necho never\n");
  const r = await runProgram("sh", ["script.sh", "arg"], { cwd: dir });
  assert.equal(r.stdout, "script.sh arg 1\n4\n", r.stderr);
  assert.equal(r.code, 4);
  const piped = await runProgram("sh", [], { cwd: dir, input: "echo from stdin\nfalse\n" });
  assert.equal(piped.stdout, "from stdin\n", piped.stderr);
  assert.equal(piped.code, 1);
});

test("sh reports syntax errors with status 2", async () => {
  for (const script of ["echo 'unterminated", "| cat", "echo a &&", "cat <"]) {
    const r = await sh(script);
    assert.equal(r.code, 2, script);
    assert.match(r.stderr, /^sh: .*(syntax error|unterminated)/, script);
  }
});

test("coreutils exit with Linux statuses and messages", async () => {
  const dir = scratch();
  const cases: [string, string[], number, RegExp][] = [
    ["true", [], 0, /^$/],
    ["false", [], 1, /^$/],
    ["cat", ["missing"], 1, /^cat: missing: No such file or directory\n$/],
    ["ls", ["missing"], 2, /^ls: cannot access 'missing': No such file or directory\n$/],
    ["mkdir", [], 1, /missing operand/],
    ["rm", ["missing"], 1, /^rm: cannot remove 'missing': No such file or directory\n$/],
    ["rm", ["-f", "missing"], 0, /^$/],
    ["mv", ["missing", "x"], 1, /^mv: cannot move 'missing' to 'x': No such file or directory\n$/],
    ["cp", ["missing", "x"], 1, /^cp: cannot stat 'missing': No such file or directory\n$/],
    ["kill", ["-9", "999999999"], 1, /No such process/],
    ["sleep", ["x"], 1, /invalid time interval/],
    ["head", ["-n", "z"], 1, /invalid number of lines/],
  ];
  for (const [prog, args, code, stderr] of cases) {
    const r = await runProgram(prog, args, { cwd: dir });
    assert.equal(r.code, code, `${prog} ${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, stderr, `${prog} ${args.join(" ")}`);
  }
});

test("cat copies bytes unchanged (binary and non-ASCII data)", async () => {
  const dir = scratch();
  const data = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7) & 255));
  fs.writeFileSync(path.join(dir, "in.bin"), data);
  const r = await sh("cat in.bin > out.bin; cp out.bin copy.bin; wc -c < copy.bin", dir);
  assert.equal(r.stdout, "70000\n", r.stderr);
  assert.deepEqual(fs.readFileSync(path.join(dir, "copy.bin")), data);
});

test("ls -l shows mode, links, size and name", async () => {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, "file"), "12345");
  fs.chmodSync(path.join(dir, "file"), 0o640);
  fs.mkdirSync(path.join(dir, "sub"));
  const r = await runProgram("ls", ["-l"], { cwd: dir });
  assert.match(r.stdout, /^total \d+\n-rw-r----- +1 +\d+ +\d+ +5 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d file\ndrwx.* sub\n$/, r.stderr);
});

test("system information: uname -a, free, uptime, ps", async () => {
  const dir = scratch();
  const u = await runProgram("uname", ["-a"], { cwd: dir });
  assert.equal(u.stdout.split(" ")[0], "Linux");
  assert.equal(u.stdout.split(" ")[2], os.release());
  const free = await runProgram("free", [], { cwd: dir });
  assert.match(free.stdout, /^ +total +used +free +shared +buff\/cache\nMem: +\d+ +\d+ +\d+ +\d+ +\d+\nSwap: +\d+ +\d+ +\d+\n$/);
  const up = await runProgram("uptime", [], { cwd: dir });
  assert.match(up.stdout, /^ \d\d:\d\d:\d\d up .*load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n$/);
  const ps = await sh("ps", dir);
  assert.match(ps.stdout, /^ +PID +PPID STAT +TIME CMD\n/);
  assert.match(ps.stdout, /\n *\d+ +\d+ R\S* +\d\d:\d\d:\d\d ps\n/, "ps lists itself, running");
});

test("init starts the shell, reaps its orphans and restarts it when it exits", async () => {
  const dir = scratch();
  const out = await new Promise<string>((resolve) => {
    const child = spawn(path.join(bin, "init"), [path.join(bin, "sh"), "-c", "sleep 0.1 & echo shell $$"], { cwd: dir, env: { PATH: bin }, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => {
      text += d;
      if (text.split("\n").length > 2) child.kill("SIGKILL");
    });
    child.on("close", () => resolve(text));
    setTimeout(() => child.kill("SIGKILL"), 8000);
  });
  const lines = out.trimEnd().split("\n");
  assert.ok(lines.length >= 2, `the shell was restarted: ${out}`);
  assert.match(out, /^shell \d+\n/);
  assert.notEqual(lines[0], lines[1], "a new shell process each time");
});
