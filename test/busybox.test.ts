/**
 * Real programs nobody here wrote: Debian's static busybox for i386 (fetched from Debian's
 * archive by tools/debian.ts, cached, never committed) runs test/busybox/applets.sh on OpenOS
 * and on this Linux host, and the two outputs must be the same byte for byte.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { REPO_ROOT } from "../tools/build/kernel-link.js";
import { busyboxApplets, busyboxOverlay, BUSYBOX_APPLET_DIR } from "../tools/busybox.js";
import { busyboxStatic } from "../tools/debian.js";
import { runCommand } from "../tools/run-command.js";
import { availableMachines, type MachineName } from "../tools/machine/index.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-busybox-"));
const script = path.join(REPO_ROOT, "test", "busybox", "applets.sh");
let kernel = "";
let initramfs = "";
let busybox = "";
let expected = "";

before(async () => {
  [kernel, initramfs, busybox] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work }), busyboxStatic()]);
  // The same binary on the host, with its applets on PATH the same way.
  const bin = path.join(work, "host-bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const a of busyboxApplets(busybox)) fs.symlinkSync(busybox, path.join(bin, a));
  const dir = fs.mkdtempSync(path.join(work, "host-run-"));
  expected = execFileSync(busybox, ["sh", script, dir], { env: { PATH: bin, HOME: "/" }, encoding: "latin1" });
});

for (const machine of availableMachines() as MachineName[]) {
  test(`busybox sh runs the applet script on OpenOS exactly as on Linux (${machine})`, async () => {
    const r = await runCommand({
      kernel, initramfs, workDir: path.join(work, machine), machine,
      items: [...await busyboxOverlay(), { host: path.dirname(script), guest: "/opt/test" }],
      command: `mkdir /tmp/w && PATH=${BUSYBOX_APPLET_DIR} busybox sh /opt/test/applets.sh /tmp/w`,
      timeoutMs: 240_000,
    });
    assert.equal(r.timedOut, false, r.serial);
    assert.ok(expected.includes("== the end"), `the host run did not finish:\n${expected}`);
    assert.equal(r.output, expected, `OpenOS output differs from Linux's\n--- serial ---\n${r.serial}`);
    assert.equal(r.status, 0);
  });
}
