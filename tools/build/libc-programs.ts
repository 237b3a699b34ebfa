/**
 * Test programs built against real C libraries: each test/libc/*.c is compiled by the host gcc
 * (`-m32`, no multilib packages needed) into two static i386 executables, `<name>-musl` on
 * Debian's musl (musl-dev:i386) and `<name>-glibc` on Debian's glibc (libc6-dev:i386 with
 * linux-libc-dev:i386), both linked with Debian's i386 libgcc (libgcc-N-dev:i386, N the
 * release's gcc). The packages come from tools/debian.ts: downloaded once, checked against the
 * archive's SHA-256, cached in .cache/, never committed.
 */
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { REPO_ROOT } from "./kernel-link.js";
import { debianIndexEntry, debianPackage } from "../debian.js";

/** Where the sources live: one program per .c file. */
export const LIBC_TEST_PROGRAMS_DIR = path.join(REPO_ROOT, "test", "libc");

/** The C libraries every program is built against. */
export const LIBCS = ["musl", "glibc"] as const;
export type Libc = (typeof LIBCS)[number];

/** A built program: `name` is the source's, `file` the executable's name (`<name>-<libc>`). */
export interface LibcProgram { name: string; libc: Libc; file: string; path: string }

/** The program names (the .c files of LIBC_TEST_PROGRAMS_DIR), sorted. */
export function libcProgramNames(): string[] {
  return fs.readdirSync(LIBC_TEST_PROGRAMS_DIR).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();
}

/** Debian's i386 libgcc directory (crtbeginT.o, libgcc.a, libgcc_eh.a, the compiler's headers). */
async function libgccDir(): Promise<string> {
  const gcc = await debianIndexEntry("gcc", "i386");
  const m = /\bgcc-(\d+)\b/.exec(gcc.get("Depends") ?? "");
  if (m === null) throw new Error("cannot tell the release's gcc version from the gcc package's dependencies");
  const root = await debianPackage(`libgcc-${m[1]}-dev`, "i386");
  return path.join(root, "usr", "lib", "gcc", "i686-linux-gnu", m[1]!);
}

/** gcc's arguments to build `src` into `out` as a static executable on `libc`. */
async function linkArguments(libc: Libc, src: string, out: string): Promise<string[]> {
  const gcc = await libgccDir();
  const common = ["-m32", "-march=i686", "-O2", "-static", "-nostdlib", "-nostdinc", "-fno-pic", "-no-pie", "-Wall", "-Wextra", "-Werror"];
  if (libc === "musl") {
    const usr = path.join(await debianPackage("musl-dev", "i386"), "usr");
    const lib = path.join(usr, "lib", "i386-linux-musl");
    return [...common, "-isystem", path.join(usr, "include", "i386-linux-musl"),
      path.join(lib, "crt1.o"), path.join(lib, "crti.o"), src,
      path.join(lib, "libc.a"), path.join(gcc, "libgcc.a"), path.join(lib, "crtn.o"), "-o", out];
  }
  const usr = path.join(await debianPackage("libc6-dev", "i386"), "usr");
  const kernelHeaders = path.join(await debianPackage("linux-libc-dev", "i386"), "usr", "include");
  const lib = path.join(usr, "lib", "i386-linux-gnu");
  return [...common, "-isystem", path.join(gcc, "include"), "-isystem", path.join(usr, "include", "i386-linux-gnu"),
    "-isystem", path.join(usr, "include"), "-isystem", path.join(kernelHeaders, "i386-linux-gnu"), "-isystem", kernelHeaders,
    path.join(lib, "crt1.o"), path.join(lib, "crti.o"), path.join(gcc, "crtbeginT.o"), src,
    "-Wl,--start-group", path.join(lib, "libc.a"), path.join(gcc, "libgcc.a"), path.join(gcc, "libgcc_eh.a"), "-Wl,--end-group",
    path.join(gcc, "crtend.o"), path.join(lib, "crtn.o"), "-o", out];
}

/** Builds every program against every C library into `outDir`. */
export async function buildLibcPrograms(outDir: string): Promise<LibcProgram[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const gcc = promisify(execFile);
  const jobs: Promise<LibcProgram>[] = [];
  for (const name of libcProgramNames()) {
    for (const libc of LIBCS) {
      jobs.push((async () => {
        const file = `${name}-${libc}`;
        const out = path.join(outDir, file);
        const src = path.join(LIBC_TEST_PROGRAMS_DIR, `${name}.c`);
        try {
          await gcc("gcc", await linkArguments(libc, src, out));
        } catch (err) {
          const e = err as { stderr?: string; message: string };
          throw new Error(`gcc failed on test/libc/${name}.c with ${libc}:\n${e.stderr ?? e.message}`);
        }
        return { name, libc, file, path: out };
      })());
    }
  }
  return Promise.all(jobs);
}
