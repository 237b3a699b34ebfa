/**
 * User mode on the booted kernel: ostc-compiled programs from the initramfs run in ring 3 as
 * the first process (`init=`), on QEMU (two-level and PAE paging) and v86, and the process
 * system calls behave as on Linux, failure paths included.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { availableMachines, bootMachine, type MachineName } from "../tools/machine/index.js";
import { parseKtap } from "../tools/ktap.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-usermode-"));
let kernel = "";
let initramfs = "";
before(async () => {
  kernel = await buildKernel({ workDir: work });
  initramfs = await buildInitramfs({ workDir: work });
});

const configs: { machine: MachineName; cpu?: string; label: string }[] = [];
for (const m of availableMachines() as MachineName[]) configs.push({ machine: m, label: m });
if (availableMachines().includes("qemu")) configs.push({ machine: "qemu", cpu: "max", label: "qemu -cpu max (PAE, NX)" });

for (const c of configs) {
  test(`a ring-3 program prints, gets -EFAULT for bad pointers and exits with its status on ${c.label}`, async () => {
    const r = await bootMachine({ machine: c.machine, cpu: c.cpu, kernel, modules: [initramfs], cmdline: "init=/bin/hello", memoryMiB: 128, timeoutMs: 60_000 });
    assert.match(r.serial, /hello from user space/);
    assert.match(r.serial, /pid 1, parent 0, argv\[1\] \/bin\/hello, 1 argument\(s\)/);
    assert.match(r.serial, /write from a kernel address: -14/);
    assert.match(r.serial, /write from an unmapped address: -14/);
    assert.match(r.serial, /sum 199990000/);
    assert.equal(r.exitCode, 42, r.serial);
  });

  test(`fork, exec, wait, kill, mprotect, a fork bomb and a memory hog from ring 3 (KTAP) on ${c.label}`, async () => {
    const r = await bootMachine({ machine: c.machine, cpu: c.cpu, kernel, modules: [initramfs], cmdline: "init=/bin/proctest", memoryMiB: 128, timeoutMs: 90_000 });
    const report = parseKtap(r.serial);
    const failed = report.root?.tests.filter((t) => t.status === "fail").map((t) => t.name) ?? [];
    assert.deepEqual(failed, [], r.serial);
    assert.deepEqual(report.errors, [], r.serial);
    assert.ok((report.root?.tests.length ?? 0) >= 30, `only ${report.root?.tests.length} checks ran:\n${r.serial}`);
    assert.match(r.serial, /proctest: 0 failure\(s\)/);
    const m = /after (\d+) system calls, (\d+) of them through sysenter/.exec(r.serial);
    assert.ok(m !== null && Number(m[2]) > 100, `the runtime's system calls use sysenter through AT_SYSINFO\n${r.serial}`);
    assert.equal(r.exitCode, 0, r.serial);
  });

  test(`signals: handlers, masks, restarts, stop/continue, faults and forged frames from ring 3 (KTAP) on ${c.label}`, async () => {
    const r = await bootMachine({ machine: c.machine, cpu: c.cpu, kernel, modules: [initramfs], cmdline: "init=/bin/sigtest", memoryMiB: 128, timeoutMs: 90_000 });
    const report = parseKtap(r.serial);
    const failed = report.root?.tests.filter((t) => t.status === "fail").map((t) => t.name) ?? [];
    assert.deepEqual(failed, [], r.serial);
    assert.deepEqual(report.errors, [], r.serial);
    assert.ok((report.root?.tests.length ?? 0) >= 40, `only ${report.root?.tests.length} checks ran:\n${r.serial}`);
    assert.match(r.serial, /sigtest: 0 failure\(s\)/);
    assert.equal(r.exitCode, 0, r.serial);
  });
}

test("a missing init program is reported and the kernel stops cleanly", { skip: !availableMachines().includes("qemu") && "needs QEMU" }, async () => {
  const r = await bootMachine({ machine: "qemu", kernel, modules: [initramfs], cmdline: "init=/bin/nothing", memoryMiB: 64, timeoutMs: 60_000 });
  assert.match(r.serial, /cannot start \/bin\/nothing: error -2/);
  assert.equal(r.exitCode, 127);
});

test("a directory as the init program is refused with -EACCES (as Linux does)", { skip: !availableMachines().includes("qemu") && "needs QEMU" }, async () => {
  const r = await bootMachine({ machine: "qemu", kernel, modules: [initramfs], cmdline: "init=/bin", memoryMiB: 64, timeoutMs: 60_000 });
  assert.match(r.serial, /cannot start \/bin: error -13/);
  assert.equal(r.exitCode, 127);
});
