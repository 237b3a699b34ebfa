/**
 * sh: the OpenOS shell. Runs commands from a terminal (with a prompt), from `-c "cmd"`, from a
 * script file, or from standard input. Supports quoting, `$?` `$$` `$!` `$NAME`, pipelines, the
 * redirections `<` `>` `>>` `N>` `N>&M`, background jobs `&`, `;` `&&` `||`, PATH lookup, job
 * control (^Z stops the foreground job; `jobs`, `fg`, `bg`) and the builtins cd, pwd, exit,
 * export and wait. Line editing is the terminal's job (canonical mode).
 */
import { open, close, dup, dup2, pipe, chdir, access, getpid, getuid, exit, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND, STDIN, STDOUT, STDERR } from "../lib/sys";
import { ENOENT, ENOEXEC, strerror } from "../lib/errno";
import { Stat64, stat, isDir, getcwd } from "../lib/fs";
import { fork, execve, setpgid, Environment, initialEnvironment, setSignalDisposition,
  SIG_IGN, SIG_DFL, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU } from "../lib/proc";
import { isatty, tcsetpgrp } from "../lib/tty";
import { LineReader, writeString, eprintln, println } from "../lib/io";
import { parseUint } from "../lib/fmt";
import { parseLine, isName, Word, Command, Pipeline, AndOr } from "../lib/shell/syntax";
import { Job, JobTable } from "../lib/shell/jobs";

const env = new Environment(initialEnvironment());
/** Variables set without export: visible to expansions, not passed to programs. */
const locals = new Environment([]);
let lastStatus = 0;
let interactive = false;
let positional: string[] = ["sh"];
/** Background and stopped jobs. */
const jobs = new JobTable();
/** The line being run (what `jobs` shows for the jobs it starts). */
let currentLine = "";

const JOB_SIGNALS: i32[] = [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU];

/** The pid of the last background job ($!), 0 before the first. */
let lastBackground = 0;

/** The value of a parameter: $?, $$, $!, $#, $0…$9, or a variable. */
function paramValue(name: string): string {
  if (name === "?") return `${lastStatus}`;
  if (name === "!") return `${lastBackground}`;
  if (name === "$") return `${getpid()}`;
  if (name === "#") return `${positional.length - 1}`;
  if (name.length === 1 && name >= "0" && name <= "9") {
    const i = name.charCodeAt(0) - 48;
    return i < positional.length ? positional[i] : "";
  }
  return locals.get(name) ?? env.get(name) ?? "";
}

/** A word after parameter expansion, as one string (redirection targets, assignments). */
function expand(w: Word): string {
  const out: string[] = [];
  for (const p of w.parts) out.push(p.isParam ? paramValue(p.text) : p.text);
  return out.join("");
}

function isBlank(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n";
}

/**
 * A word after parameter expansion and field splitting: the values of unquoted parameters are
 * split at blanks, and a word that expands to nothing unquoted disappears (no globbing).
 */
function expandFields(w: Word, fields: string[]): void {
  let cur = "";
  let has = false;
  for (const p of w.parts) {
    if (!p.isParam || p.quoted) {
      cur += p.isParam ? paramValue(p.text) : p.text;
      has = has || p.quoted || p.text.length > 0;
      continue;
    }
    const v = paramValue(p.text);
    let i = 0;
    while (i < v.length) {
      if (isBlank(v[i])) {
        if (has) { fields.push(cur); cur = ""; has = false; }
        i++;
        continue;
      }
      let j = i;
      while (j < v.length && !isBlank(v[j])) j++;
      cur += v.slice(i, j);
      has = true;
      i = j;
    }
  }
  if (has) fields.push(cur);
}

/** The fields of words[from…]. */
function expandWords(words: Word[], from: i32): string[] {
  const fields: string[] = [];
  for (let i = from; i < words.length; i++) expandFields(words[i], fields);
  return fields;
}

/** Sets a variable the way `NAME=value` does: exported variables stay exported. */
function assign(name: string, value: string): void {
  if (env.get(name) !== null) env.set(name, value);
  else locals.set(name, value);
}

/** The executable for a command name: itself if it holds a slash, else the first match along PATH; "" if none. */
function findProgram(name: string): string {
  if (name.includes("/")) return name;
  const path = env.get("PATH") ?? locals.get("PATH") ?? "/bin:/usr/bin";
  for (const dir of path.split(":")) {
    const candidate = (dir.length === 0 ? "." : dir) + "/" + name;
    const st = new Stat64();
    if (stat(candidate, st) === 0 && !isDir(st.mode) && access(candidate, 1) === 0) return candidate;
  }
  return "";
}

/** Applies a command's redirections in this process; false after reporting an error. */
function applyRedirections(cmd: Command): boolean {
  for (const r of cmd.redirections) {
    const target = expand(r.target);
    let fd = -1;
    if (r.op === ">&") {
      const from = parseUint(target);
      if (from < 0) { eprintln(`sh: ${target}: bad file descriptor`); return false; }
      fd = dup(from);
    } else {
      const flags = r.op === "<" ? O_RDONLY : r.op === ">>" ? O_WRONLY | O_CREAT | O_APPEND : O_WRONLY | O_CREAT | O_TRUNC;
      fd = open(target, flags, 0o666);
    }
    if (fd < 0) { eprintln(`sh: ${target}: ${strerror(-fd)}`); return false; }
    if (fd !== r.fd) {
      dup2(fd, r.fd);
      close(fd);
    }
  }
  return true;
}

/** Saved copies of the standard descriptors, so a builtin's redirections can be undone. */
function saveStdio(): i32[] {
  return [dup(STDIN), dup(STDOUT), dup(STDERR)];
}

function restoreStdio(saved: i32[]): void {
  for (let fd = 0; fd < 3; fd++) {
    if (saved[fd] >= 0) { dup2(saved[fd], fd); close(saved[fd]); }
  }
}

/** Whether a name is a builtin that runs inside the shell. */
function isBuiltin(name: string): boolean {
  return name === "cd" || name === "pwd" || name === "exit" || name === "export" || name === "wait" ||
    name === "jobs" || name === "fg" || name === "bg";
}

/** Runs a builtin; returns its status. */
function runBuiltin(args: string[]): i32 {
  const name = args[0];
  if (name === "cd") {
    const dir = args.length > 1 ? args[1] : env.get("HOME") ?? "/";
    const r = chdir(dir);
    if (r < 0) { eprintln(`sh: cd: ${dir}: ${strerror(-r)}`); return 1; }
    const cwd = getcwd();
    if (cwd !== null) assign("PWD", cwd);
    return 0;
  }
  if (name === "pwd") {
    const cwd = getcwd();
    if (cwd === null) { eprintln("sh: pwd: cannot determine the working directory"); return 1; }
    println(cwd);
    return 0;
  }
  if (name === "exit") {
    const code = args.length > 1 ? parseUint(args[1]) : lastStatus;
    if (code < 0) { eprintln(`sh: exit: ${args[1]}: numeric argument required`); exit(2); }
    exit(code & 255);
  }
  if (name === "export") {
    let status = 0;
    for (let i = 1; i < args.length; i++) {
      const eq = args[i].indexOf("=");
      const v = eq < 0 ? args[i] : args[i].slice(0, eq);
      if (!isName(v)) { eprintln(`sh: export: '${args[i]}': not a valid identifier`); status = 1; continue; }
      env.set(v, eq < 0 ? locals.get(v) ?? env.get(v) ?? "" : args[i].slice(eq + 1));
    }
    if (args.length === 1) for (const e of env.vars) println(`export ${e}`);
    return status;
  }
  if (name === "jobs") {
    for (let i = 0; i < jobs.jobs.length; i++) println(jobs.jobs[i].describe(i === jobs.jobs.length - 1));
    return 0;
  }
  if (name === "fg" || name === "bg") {
    const job = jobs.find(args.length > 1 ? args[1] : "");
    if (job === null) { eprintln(`sh: ${name}: ${args.length > 1 ? args[1] : "current"}: no such job`); return 1; }
    if (name === "fg") return foreground(job);
    job.resume();
    println(`[${job.id}]+ ${job.text} &`);
    return 0;
  }
  // wait: every running background job.
  for (const job of jobs.jobs.slice(0)) {
    if (job.stopped) continue;
    job.wait(false);
    if (job.finished) jobs.remove(job);
  }
  return 0;
}

/** Reports a job that stopped, as interactive shells do. */
function reportStopped(job: Job): void {
  eprintln(`[${job.id}]+  Stopped                 ${job.text}`);
}

/** fg: gives the job the terminal, continues it and waits for it to end or stop again. */
function foreground(job: Job): i32 {
  println(job.text);
  if (interactive) tcsetpgrp(STDIN, job.pgid);
  job.resume();
  const status = job.wait(interactive);
  if (interactive) tcsetpgrp(STDIN, getpid());
  if (job.stopped) reportStopped(job);
  else jobs.remove(job);
  return status;
}

/**
 * In a forked child: applies redirections and replaces the process with the command (or runs a
 * builtin); never returns. Exit statuses as POSIX shells: 127 not found, 126 not executable.
 */
function execCommand(cmd: Command): never {
  if (interactive) for (const sig of JOB_SIGNALS) setSignalDisposition(sig, SIG_DFL);
  if (!applyRedirections(cmd)) exit(1);
  const childEnv = new Environment(env.vars);
  let i = 0;
  for (; i < cmd.words.length && cmd.words[i].assignmentName() !== ""; i++) {
    const text = expand(cmd.words[i]);
    const eq = text.indexOf("=");
    childEnv.set(text.slice(0, eq), text.slice(eq + 1));
  }
  const args = expandWords(cmd.words, i);
  if (args.length === 0) exit(0);
  if (isBuiltin(args[0])) exit(runBuiltin(args));
  const program = findProgram(args[0]);
  if (program === "") { eprintln(`sh: ${args[0]}: not found`); exit(127); }
  const r = execve(program, args, childEnv.vars);
  if (r === -ENOEXEC) {
    // No ELF header: run it as a shell script, as POSIX shells do.
    const shell = findProgram("sh");
    const scriptArgs: string[] = ["sh", program];
    for (let k = 1; k < args.length; k++) scriptArgs.push(args[k]);
    if (shell !== "") execve(shell, scriptArgs, childEnv.vars);
  }
  eprintln(`sh: ${args[0]}: ${strerror(-r)}`);
  exit(r === -ENOENT ? 127 : 126);
}

/** Runs a pipeline in the foreground; returns the status of its last command. */
function runPipeline(p: Pipeline): i32 {
  const n = p.commands.length;
  if (n === 1) {
    const cmd = p.commands[0];
    let first = 0;
    while (first < cmd.words.length && cmd.words[first].assignmentName() !== "") first++;
    if (first === cmd.words.length) {
      // Only assignments (and perhaps redirections): set variables in the shell itself.
      for (const w of cmd.words) {
        const text = expand(w);
        const eq = text.indexOf("=");
        assign(text.slice(0, eq), text.slice(eq + 1));
      }
      if (cmd.redirections.length === 0) return 0;
    } else if (isBuiltin(expand(cmd.words[first]))) {
      const saved = saveStdio();
      let status = 1;
      if (applyRedirections(cmd)) status = runBuiltin(expandWords(cmd.words, first));
      restoreStdio(saved);
      return status;
    }
  }
  const pids: i32[] = [];
  let input = -1;
  let pgid = 0;
  for (let i = 0; i < n; i++) {
    const fds = new Array<i32>(2).fill(-1);
    if (i + 1 < n) {
      const r = pipe(fds);
      if (r < 0) { eprintln(`sh: pipe: ${strerror(-r)}`); break; }
    }
    const pid = fork();
    if (pid < 0) { eprintln(`sh: fork: ${strerror(-pid)}`); if (fds[0] >= 0) { close(fds[0]); close(fds[1]); } break; }
    if (pid === 0) {
      if (interactive) setpgid(0, pgid);
      if (input >= 0) { dup2(input, STDIN); close(input); }
      if (fds[1] >= 0) { dup2(fds[1], STDOUT); close(fds[1]); close(fds[0]); }
      execCommand(p.commands[i]);
    }
    if (interactive) {
      if (pgid === 0) pgid = pid;
      setpgid(pid, pgid);
    }
    pids.push(pid);
    if (input >= 0) close(input);
    if (fds[1] >= 0) close(fds[1]);
    input = fds[0];
  }
  if (input >= 0) close(input);
  if (pids.length === 0) return 1;
  if (interactive) tcsetpgrp(STDIN, pgid);
  const job = new Job(0, pgid, pids, currentLine);
  let status = job.wait(interactive);
  if (pids.length !== n) status = 1;
  if (interactive) {
    tcsetpgrp(STDIN, getpid());
    // A job killed by ^C leaves the cursor after "^C"; start the prompt on a fresh line.
    if (status === 128 + SIGINT) writeString(STDERR, "\n");
    if (job.stopped) {
      // ^Z: the job waits in the table for fg or bg.
      const kept = jobs.add(pgid, pids, currentLine);
      for (let i = 0; i < pids.length; i++) kept.done[i] = job.done[i];
      kept.stopped = true;
      reportStopped(kept);
    }
  }
  return status;
}

/** Runs pipelines joined by && and ||. */
function runAndOr(a: AndOr): i32 {
  let status = runPipeline(a.pipelines[0]);
  for (let i = 1; i < a.pipelines.length; i++) {
    // $? in the next pipeline is the status of the one before it.
    lastStatus = status;
    if ((a.ops[i - 1] === "&&") === (status === 0)) status = runPipeline(a.pipelines[i]);
  }
  return status;
}

/** Starts an and-or list in the background (a forked copy of the shell runs it). */
function runBackground(a: AndOr): void {
  const pid = fork();
  if (pid < 0) { eprintln(`sh: fork: ${strerror(-pid)}`); lastStatus = 1; return; }
  if (pid === 0) {
    if (interactive) {
      setpgid(0, 0);
      // Its own process group: job-control signals act on it as on any job.
      for (const sig of JOB_SIGNALS) setSignalDisposition(sig, SIG_DFL);
    } else {
      // Background jobs of a non-interactive shell read /dev/null, as POSIX requires.
      const nul = open("/dev/null", O_RDONLY, 0);
      if (nul >= 0) { dup2(nul, STDIN); close(nul); }
    }
    interactive = false;
    exit(runAndOr(a));
  }
  if (interactive) setpgid(pid, pid);
  const job = jobs.add(pid, [pid], currentLine);
  if (interactive) eprintln(`[${job.id}] ${pid}`);
  lastBackground = pid;
  lastStatus = 0;
}

/** Reports a background job that ended or stopped. */
function reportJob(job: Job): void {
  if (!interactive) return;
  if (job.finished) eprintln(`[${job.id}]+  Done (${job.status})              ${job.text}`);
  else reportStopped(job);
}

/** Collects finished and stopped jobs without blocking, reporting them when interactive. */
function reapJobs(): void {
  jobs.poll(reportJob);
}

/** Parses and runs one line. */
function runLine(line: string): void {
  currentLine = line.trim();
  const parsed = parseLine(line);
  if (parsed.error !== "") {
    eprintln(`sh: ${parsed.error}`);
    lastStatus = 2;
    return;
  }
  for (const a of parsed.lists) {
    if (a.background) runBackground(a);
    else lastStatus = runAndOr(a);
  }
}

/** Reads and runs lines until the end of input. */
function runReader(reader: LineReader): void {
  for (;;) {
    if (interactive) {
      reapJobs();
      writeString(STDERR, `${getcwd() ?? "?"} ${getuid() === 0 ? "#" : "$"} `);
    }
    const line = reader.readLine();
    if (line === null) break;
    runLine(line);
  }
  if (interactive) writeString(STDERR, "\n");
}

const argv = process.argv.slice(2);
if (argv.length >= 2 && argv[0] === "-c") {
  positional = argv.length > 2 ? argv.slice(2) : ["sh"];
  runLine(argv[1]);
} else if (argv.length >= 1 && argv[0] !== "-i") {
  const fd = open(argv[0], O_RDONLY, 0);
  if (fd < 0) { eprintln(`sh: ${argv[0]}: ${strerror(-fd)}`); exit(fd === -ENOENT ? 127 : 126); }
  positional = argv;
  runReader(new LineReader(fd, false));
} else {
  interactive = isatty(STDIN);
  if (interactive) {
    for (const sig of JOB_SIGNALS) setSignalDisposition(sig, SIG_IGN);
    setpgid(0, 0);
    tcsetpgrp(STDIN, getpid());
  }
  runReader(new LineReader(STDIN, !interactive));
}
exit(lastStatus);
