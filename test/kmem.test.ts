/**
 * The kernel frees what processes and system calls allocate: /bin/kmemtest runs fork, exec,
 * path and error workloads as the first process and checks that the kernel heap in use
 * (/proc/slabinfo) ends where it started, on QEMU and v86; KTAP.
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

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-kmem-"));
let kernel = "";
let initramfs = "";
before(async () => {
  [kernel, initramfs] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work })]);
});

for (const machine of availableMachines() as MachineName[]) {
  test(`processes and system calls give their kernel memory back (KTAP) on ${machine}`, async () => {
    const r = await bootMachine({ machine, kernel, modules: [initramfs], cmdline: "init=/bin/kmemtest", memoryMiB: 128, timeoutMs: 180_000 });
    const report = parseKtap(r.serial);
    const failed = report.root?.tests.filter((t) => t.status === "fail").map((t) => t.name) ?? [];
    assert.deepEqual(failed, [], r.serial);
    assert.deepEqual(report.errors, [], r.serial);
    assert.ok((report.root?.tests.length ?? 0) >= 5, r.serial);
    assert.match(r.serial, /kmemtest: 0 failure\(s\)/);
    assert.equal(r.exitCode, 0, r.serial);
  });
}
