/**
 * OpenOS as a user meets it: boots to init and the shell, types commands on the serial console
 * (as `npm start` does) and checks what the shell prints — pipelines, redirections, files,
 * exit statuses, and init respawning the shell.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { availableMachines, startMachine, type MachineName } from "../tools/machine/index.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-shell-"));
let kernel = "";
let initramfs = "";
before(async () => {
  [kernel, initramfs] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work })]);
});

/** Boots, waits for each prompt, types the commands, and returns the serial transcript. */
async function session(machine: MachineName, commands: string[]): Promise<string> {
  let out = "";
  let sent = 0;
  let promptsSeen = 0;
  const m = startMachine({
    machine, kernel, modules: [initramfs], cmdline: "init=/bin/init", memoryMiB: 128, timeoutMs: 60_000,
    onSerial: (b) => {
      out += Buffer.from(b).toString("latin1");
      const prompts = out.split("/ # ").length - 1;
      if (prompts > promptsSeen) {
        promptsSeen = prompts;
        if (sent < commands.length) m.sendSerial(commands[sent++] + "\r");
        else m.stop();
      }
    },
  });
  await m.result;
  return out;
}

for (const machine of availableMachines() as MachineName[]) {
  test(`the shell runs pipelines, redirections and file commands on ${machine}`, async () => {
    const out = await session(machine, [
      "echo one two three | wc -w",
      "echo data > /tmp/f; echo more >> /tmp/f; cat /tmp/f | wc -l",
      "mkdir /tmp/d && mv /tmp/f /tmp/d/g && ls /tmp/d",
      "cat /tmp/nothing; echo status $?",
      "true && echo and-ok; false || echo or-ok",
      "uname -s",
      "exit 4",
      "echo after respawn",
    ]);
    assert.match(out, /\n3\r?\n/, out);
    assert.match(out, /\n2\r?\n/, out);
    assert.match(out, /\ng\r?\n/, out);
    assert.match(out, /status 1/, out);
    assert.match(out, /and-ok[\s\S]*or-ok/, out);
    assert.match(out, /\nOpenOS\r?\n/, out);
    assert.match(out, /after respawn/, "init started a new shell after `exit 4`\n" + out);
  });
}
