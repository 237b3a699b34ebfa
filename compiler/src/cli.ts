/**
 * The ostc command line:
 *   ostc build <entry.ts> --target kernel|user|host -o <out> [--release]
 *   ostc run <file.ts> [args…]          build for this machine and run; exit status passed through
 *   ostc check <files…>                 type-check and lower without producing output
 *   ostc emit-c <entry.ts> [--target t] [--release]   print the generated C
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync, execFileSync } from "node:child_process";
import { emitC, linkProgram, CFLAGS_COMMON, RUNTIME_DIR } from "./driver.js";
import type { Target } from "./lower/program.js";

const USAGE = `usage:
  ostc build <entry.ts> --target kernel|user|host -o <out> [--release]
  ostc run <file.ts> [args...]
  ostc check <files...>
  ostc emit-c <entry.ts> [--target kernel|user|host] [--release]`;

/** Kernel-specific gcc flags (no FPU/SSE registers in ring 0). */
export const KERNEL_CFLAGS = ["-mgeneral-regs-only", "-mno-red-zone", "-O2"];

function parseFlags(args: string[]): { positional: string[]; target: Target; out?: string; release: boolean } {
  const positional: string[] = [];
  let target: Target = "host", out: string | undefined, release = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--target") {
      const t = args[++i];
      if (t !== "kernel" && t !== "user" && t !== "host") die(`ostc: unknown target '${t}'\n${USAGE}`);
      target = t;
    } else if (a === "-o") out = args[++i];
    else if (a === "--release") release = true;
    else if (a === "--checked") release = false;
    else positional.push(a);
  }
  return { positional, target, out, release };
}

function die(msg: string, code = 2): never {
  process.stderr.write(msg + "\n");
  process.exit(code);
}

function compileOrDie(entry: string, target: Target, release: boolean): string {
  if (!fs.existsSync(entry)) die(`ostc: error: cannot read ${entry}`, 1);
  const r = emitC(entry, target, !release);
  if (!r.ok) die(r.errors, 1);
  return r.c;
}

function main(argv: string[]): void {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "build": {
      const f = parseFlags(rest);
      if (f.positional.length !== 1 || !f.out) die(USAGE);
      const c = compileOrDie(f.positional[0], f.target, f.release);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "ostc-"));
      if (f.target === "kernel") {
        const cFile = path.join(work, "kernel.c");
        fs.writeFileSync(cFile, c);
        execFileSync("gcc", [...CFLAGS_COMMON, ...KERNEL_CFLAGS, "-I", RUNTIME_DIR, "-c", cFile, "-o", f.out], { stdio: "inherit" });
      } else {
        linkProgram(c, f.out, { release: f.release, workDir: work });
        // The program carries its backtrace table, not its DWARF: that goes beside it, where gdb
        // finds it through the program's .gnu_debuglink.
        const debug = `${f.out}.debug`;
        fs.copyFileSync(path.join(work, `${path.basename(f.out)}.debug`), debug);
        execFileSync("objcopy", [`--add-gnu-debuglink=${debug}`, f.out], { stdio: "inherit" });
      }
      fs.rmSync(work, { recursive: true, force: true });
      return;
    }
    case "run": {
      if (!rest.length) die(USAGE);
      const [file, ...args] = rest;
      const c = compileOrDie(file, "host", false);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "ostc-run-"));
      const exe = path.join(work, path.basename(file).replace(/\.ts$/, ""));
      linkProgram(c, exe, { release: false, workDir: work });
      const r = spawnSync(exe, args, { stdio: "inherit" });
      fs.rmSync(work, { recursive: true, force: true });
      process.exit(r.status ?? (r.signal ? 128 + (os.constants.signals[r.signal] ?? 0) : 1));
    }
    case "check": {
      if (!rest.length) die(USAGE);
      let failed = false;
      for (const f of rest) {
        const r = emitC(f, "host", true);
        if (!r.ok) { process.stderr.write(r.errors + "\n"); failed = true; }
      }
      process.exit(failed ? 1 : 0);
    }
    case "emit-c": {
      const f = parseFlags(rest);
      if (f.positional.length !== 1) die(USAGE);
      process.stdout.write(compileOrDie(f.positional[0], f.target, f.release));
      return;
    }
    default:
      die(USAGE);
  }
}

main(process.argv.slice(2));
