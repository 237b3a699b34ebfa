/**
 * Shared machinery of the compiler test suites: compile a program with ostc for the host,
 * run it natively, run the same file under Node (with the hosted prelude), and compare.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { emitC, emitCParts, linkProgramAsync, linkProgramSetAsync, lowerProgramSet } from "../src/driver.js";

export const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
/**
 * How many programs a suite builds and runs at once: each test mostly waits for gcc, the
 * native program and Node, so running a few more than the cores keeps the machine busy.
 */
export const SUITE_CONCURRENCY = os.availableParallelism() + 1;
export const REPO = path.resolve(TEST_DIR, "..", "..");
const HOSTED = path.join(REPO, "compiler", "prelude", "hosted.ts");

/** Output of one program run. */
export interface RunResult { stdout: string; stderr: string; code: number | null }

/** Runs a command with a time limit, collecting its output. */
export function run(cmd: string, args: string[], opts: { timeoutMs?: number; cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const env = opts.env ? { ...process.env, ...opts.env } : process.env;
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 20000);
    child.on("close", (code) => { clearTimeout(timer); resolve({ stdout, stderr, code }); });
  });
}

/** Runs a TypeScript file under Node with the hosted prelude. */
export function runNode(file: string, args: string[] = [], env?: Record<string, string>): Promise<RunResult> {
  return run(process.execPath, ["--stack-size=8000", "--import", "tsx", "--import", HOSTED, file, ...args], { env });
}

/**
 * Compiles with ostc for the host and runs the executable; compile errors come back as stderr
 * with code -1. `parts` splits the program into that many C units (compiler/src/lower/split.ts),
 * function by function, so that calls, globals, vtables and literals cross units.
 */
export async function runNative(file: string, opts: { release?: boolean; args?: string[]; env?: Record<string, string>; parts?: number; set?: readonly string[] } = {}): Promise<RunResult & { compileError?: string }> {
  if (opts.set) {
    const exes = await programSet(opts.set, !!opts.release);
    if (typeof exes === "string") return { stdout: "", stderr: exes, code: -1, compileError: exes };
    return run(exes.get(file)!, opts.args ?? [], { env: opts.env });
  }
  const r = opts.parts ? emitCParts(file, "host", !opts.release, opts.parts, true) : emitC(file, "host", !opts.release);
  if (!r.ok) return { stdout: "", stderr: r.errors, code: -1, compileError: r.errors };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ostc-test-"));
  const exe = path.join(work, path.basename(file, ".ts"));
  try {
    await linkProgramAsync(r.c, exe, { release: !!opts.release, workDir: work });
    return await run(exe, opts.args ?? [], { env: opts.env });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const sets = new Map<string, Promise<Map<string, string> | string>>();
/** C units of the program sets that tests build (functions cross units, as in user/bin's). */
export const SET_PARTS = 3;

/**
 * Builds `files` as one program set (driver.lowerProgramSet: their shared modules lowered and
 * compiled once, each program linked from the shared units), once per process; resolves with the
 * executable of each file, or with the compile errors. The executables are removed at exit.
 */
export function programSet(files: readonly string[], release: boolean): Promise<Map<string, string> | string> {
  const id = `${release}\0${files.join("\0")}`;
  let built = sets.get(id);
  if (!built) {
    built = (async () => {
      const r = lowerProgramSet(files, "host", !release, SET_PARTS);
      if (!r.ok) return r.errors;
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "ostc-set-"));
      process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
      const exes = files.map((f, i) => path.join(work, `${i}-${path.basename(f, ".ts")}`));
      await linkProgramSetAsync(r.set, exes, { release, workDir: work });
      return new Map(files.map((f, i) => [f, exes[i]!]));
    })();
    sets.set(id, built);
  }
  return built;
}

/** The .ts files of a test directory, sorted. */
export function programsIn(dir: string): string[] {
  return fs.readdirSync(path.join(TEST_DIR, dir)).filter((f) => f.endsWith(".ts") && !f.startsWith("_")).sort().map((f) => path.join(TEST_DIR, dir, f));
}

/** The variables of an `// env: NAME=value NAME2=` header. */
export function envHeader(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of (headers(file).env ?? "").split(/\s+/).filter(Boolean)) {
    const i = kv.indexOf("=");
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

/** `// key: value` header lines of a test program. */
export function headers(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = /^\/\/\s*([a-z-]+):\s*(.*)$/.exec(line);
    if (!m) { if (line.trim() && !line.startsWith("//")) break; continue; }
    out[m[1]] = m[2].trim();
  }
  return out;
}
