/**
 * The file layer from ring 3: /bin/fstest runs as the first process and exercises the file
 * system calls (tmpfs, devfs, pipes across fork, the terminal ioctls) with their failure paths
 * (bad pointers -14, bad descriptors -9, ENOENT, EEXIST, ENOTDIR, ENOTEMPTY, EMFILE …), on QEMU
 * (two-level and PAE paging) and v86.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { availableMachines, bootMachine, type MachineName } from "../tools/machine/index.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-fs-"));
let kernel = "";
let initramfs = "";
before(async () => {
  kernel = await buildKernel({ workDir: work });
  initramfs = await buildInitramfs({ workDir: work });
});

/** Lines fstest must print (a sample across every group of calls). */
const EXPECTED = [
  "ok write 17 bytes",
  "ok read into kernel memory: EFAULT",
  "ok read a bad descriptor: EBADF",
  "ok O_EXCL on an existing file: EEXIST",
  "ok open a missing file: ENOENT",
  "ok a file as a directory: ENOTDIR",
  "ok readv returns what writev wrote",
  "ok st_mode is a regular file 0644",
  "ok stat64 into kernel memory: EFAULT",
  "ok rmdir a non-empty directory: ENOTEMPTY",
  "ok getdents64 lists . .. e file with types (.:4 ..:4 e:4 file:8)",
  "ok `..` and `.` work relative to the cwd",
  "ok duplicates share the position",
  "ok open with a full table: EMFILE",
  "ok the parent reads every byte a child wrote through a blocking pipe",
  "ok then EOF once the writer exits",
  "ok write with no reader: EPIPE",
  "ok TCGETS on stdin",
  "ok 24 rows, 80 columns (24x80)",
  "ok TCGETS on a file: ENOTTY",
  "ok all zeros",
  "written to /dev/tty",
  "fstest: 0 failure(s)",
];

const configs: { machine: MachineName; cpu?: string; label: string }[] = [];
for (const m of availableMachines() as MachineName[]) configs.push({ machine: m, label: m });
if (availableMachines().includes("qemu")) configs.push({ machine: "qemu", cpu: "max", label: "qemu -cpu max (PAE, NX)" });

for (const c of configs) {
  test(`file system calls and their failure paths from ring 3 on ${c.label}`, async () => {
    const r = await bootMachine({ machine: c.machine, cpu: c.cpu, kernel, modules: [initramfs], cmdline: "init=/bin/fstest", memoryMiB: 128, timeoutMs: 90_000 });
    const lines = r.serial.split(/\r?\n/);
    assert.deepEqual(lines.filter((l) => l.startsWith("FAIL")), [], r.serial);
    for (const want of EXPECTED) assert.ok(lines.includes(want), `missing line "${want}":\n${r.serial}`);
    assert.ok(lines.filter((l) => l.startsWith("ok ")).length >= 150, `too few checks:\n${r.serial}`);
    assert.equal(r.exitCode, 0, `exit ${r.exitCode} (${r.reason})\n${r.serial}`);
  });
}
