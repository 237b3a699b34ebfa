/**
 * Real programs nobody here wrote: Debian's static busybox for i386 (fetched from Debian's
 * archive by tools/debian.ts, cached, never committed) runs test/busybox/applets.sh on OpenOS
 * and on this Linux host, and the two outputs must be the same byte for byte; and busybox sh
 * serves a user at the serial terminal.
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
import { availableMachines, startMachine, type MachineName } from "../tools/machine/index.js";
import { writeOverlaidInitramfs } from "../tools/build/overlay.js";

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

for (const machine of availableMachines() as MachineName[]) {
  test(`busybox sh works interactively on the serial terminal: line editing, job control, exit (${machine})`, async () => {
    const module = writeOverlaidInitramfs(initramfs, await busyboxOverlay(), path.join(work, `interactive-${machine}.cpio`));
    // Each step: wait for `when` (after the previous step's match), then type `send`. Busybox's
    // line editor asks the terminal where the cursor is after each prompt, and reads the answer
    // before any typing: wait for the question, which the handler below answers first.
    const ASH_PROMPT = /bb> \x1b\[6n/;
    const steps: { when: RegExp; send: string }[] = [
      { when: /\/ # /, send: `PATH=${BUSYBOX_APPLET_DIR} PS1='bb> ' busybox sh\r` },
      { when: ASH_PROMPT, send: "echo $((6 * 7))\r" },
      { when: ASH_PROMPT, send: "echo abcX\x7fd\r" }, // DEL erases the X before Enter
      { when: ASH_PROMPT, send: "cd /tmp && pwd && echo hi > f && cat f | tr a-z A-Z\r" },
      { when: ASH_PROMPT, send: "sleep 1 && echo after-sleep\r" },
      { when: ASH_PROMPT, send: "sleep 30 &\r" },
      { when: ASH_PROMPT, send: "jobs\r" },
      { when: ASH_PROMPT, send: "kill %1; wait %1; echo waited $?\r" },
      { when: ASH_PROMPT, send: "exit 3\r" },
      { when: /\/ # /, send: "echo back with $?\r" },
      { when: /back with \d+[\s\S]*\/ # /, send: "" },
    ];
    let out = "";
    let step = 0;
    let mark = 0;
    // Keys go in one at a time after a pause, as a person types: the line editor reads its
    // cursor-position answer first, and its escape-sequence parser is not fed a burst of keys.
    let typing: Promise<void> = Promise.resolve();
    const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const typeSlowly = (text: string) => {
      typing = typing.then(async () => {
        await pause(600);
        for (const ch of text) { m.sendSerial(ch); await pause(5); }
      });
    };
    const m = startMachine({
      machine, kernel, modules: [module], cmdline: "init=/bin/init", memoryMiB: 128, timeoutMs: 90_000,
      onSerial: (b) => {
        const text = Buffer.from(b).toString("latin1");
        // Answer busybox's cursor-position queries (ESC [ 6 n) as a terminal would.
        if (text.includes("\x1b[6n")) m.sendSerial("\x1b[1;5R".repeat(text.split("\x1b[6n").length - 1));
        out += text;
        while (step < steps.length) {
          const at = out.slice(mark).search(steps[step]!.when);
          if (at < 0) return;
          mark += at + 1;
          if (steps[step]!.send === "") { step = steps.length; m.stop(); return; }
          typeSlowly(steps[step]!.send);
          step++;
        }
      },
    });
    await m.result;
    await typing;
    assert.equal(step, steps.length, `the session stopped at step ${step}:\n${out}`);
    assert.match(out, /\n42\r?\n/, out);
    assert.match(out, /\nabcd\r?\n/, out);
    assert.match(out, /\/tmp\r?\nHI\r?\n/, out);
    assert.match(out, /after-sleep/, out);
    assert.match(out, /jobs\r?\n\[1\]\+\s+Running\s+sleep 30/, out);
    assert.match(out, /waited 143/, out);
    assert.match(out, /back with 3/, out);
  });
}
