/**
 * Programs on real C libraries (test/libc/*.c, built against Debian's musl and glibc for i386
 * by tools/build/libc-programs.ts): each runs natively on this Linux host — the reference — and
 * on OpenOS from an initramfs overlay (/test/<name>-<libc>); each prints KTAP, and every case
 * must pass on both.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { writeOverlaidInitramfs } from "../tools/build/overlay.js";
import { LIBCS, buildLibcPrograms, libcProgramNames } from "../tools/build/libc-programs.js";
import { availableMachines, bootMachine, type MachineName } from "../tools/machine/index.js";
import { parseKtap } from "../tools/ktap.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-libc-"));
const programs = path.join(work, "programs");
let kernel = "";
let initramfs = "";
before(async () => {
  [kernel, initramfs] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work }), buildLibcPrograms(programs)]);
});

/**
 * System calls a program is expected to be refused with -ENOSYS on OpenOS, which the kernel logs
 * once each: proof that the library's fallback, not a lucky path around it, gave the answers.
 * glibc tries statx for stat() and registers rseq for every thread.
 */
const ENOSYS_FALLBACKS: Record<string, number[]> = { "fallbacks-glibc": [383, 386] };

/** The names of the failed cases, and whether the report is complete. */
function verdict(output: string): { failed: string[]; complete: boolean } {
  const report = parseKtap(output);
  const tests = report.root?.tests ?? [];
  return {
    failed: tests.filter((t) => t.status === "fail").map((t) => t.name),
    complete: report.errors.length === 0 && tests.length > 0 && tests.length === report.root?.plan,
  };
}

for (const name of libcProgramNames()) {
  for (const libc of LIBCS) {
    const file = `${name}-${libc}`;
    test(`${name} on ${libc}: passes on the Linux host (the reference)`, () => {
      const r = spawnSync(path.join(programs, file), [], { encoding: "latin1", timeout: 60_000 });
      const v = verdict(r.stdout);
      assert.deepEqual(v.failed, [], r.stdout + r.stderr);
      assert.ok(v.complete, r.stdout);
      assert.equal(r.status, 0, r.stdout);
    });
    for (const machine of availableMachines() as MachineName[]) {
      test(`${name} on ${libc}: passes on OpenOS (${machine})`, async () => {
        const module = writeOverlaidInitramfs(initramfs, [{ host: path.join(programs, file), guest: `/test/${file}` }], path.join(work, `${file}-${machine}.cpio`));
        const r = await bootMachine({ machine, kernel, modules: [module], cmdline: `init=/test/${file}`, memoryMiB: 64, timeoutMs: 90_000 });
        const v = verdict(r.serial);
        assert.deepEqual(v.failed, [], r.serial);
        assert.ok(v.complete, r.serial);
        assert.equal(r.exitCode, 0, r.serial);
        for (const nr of ENOSYS_FALLBACKS[file] ?? []) {
          assert.match(r.serial, new RegExp(`syscall ${nr} is not implemented`), `${file} reached system call ${nr} and carried on without it`);
        }
      });
    }
  }
}
