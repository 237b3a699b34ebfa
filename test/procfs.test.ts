/**
 * The process file system from ring 3: /bin/procfstest runs as the first process and checks
 * /proc (the listing, /proc/self, the per-process files of a live, zombie and reaped child,
 * the system-wide files and their values, read-only refusals, -EFAULT) on QEMU (two-level and
 * PAE paging) and v86, reporting KTAP.
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

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-procfs-"));
let kernel = "";
let initramfs = "";
before(async () => {
  [kernel, initramfs] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work })]);
});

const configs: { machine: MachineName; cpu?: string; label: string }[] = [];
for (const m of availableMachines() as MachineName[]) configs.push({ machine: m, label: m });
if (availableMachines().includes("qemu")) configs.push({ machine: "qemu", cpu: "max", label: "qemu -cpu max (PAE, NX)" });

for (const c of configs) {
  test(`/proc from ring 3 (KTAP) on ${c.label}`, async () => {
    const r = await bootMachine({ machine: c.machine, cpu: c.cpu, kernel, modules: [initramfs], cmdline: "init=/bin/procfstest", memoryMiB: 128, timeoutMs: 120_000 });
    const report = parseKtap(r.serial);
    const failed = report.root?.tests.filter((t) => t.status === "fail").map((t) => t.name) ?? [];
    assert.deepEqual(failed, [], r.serial);
    assert.deepEqual(report.errors, [], r.serial);
    assert.ok((report.root?.tests.length ?? 0) >= 80, `only ${report.root?.tests.length} checks ran:\n${r.serial}`);
    assert.match(r.serial, /procfstest: 0 failure\(s\)/);
    assert.equal(r.exitCode, 0, r.serial);
  });
}
