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

  test(`ps lists itself and the shell from /proc on ${machine}`, async () => {
    const out = await session(machine, ["ps", "ps -p 1", "cat /proc/self/comm"]);
    const blocks = out.split("/ # ");
    const rows = (block: string) => block.split(/\r?\n/).slice(1).filter((l) => /^\s*\d+\s/.test(l)).map((l) => l.trim().split(/\s+/));
    // PID PPID STAT TIME CMD…
    assert.match(blocks[1], /^ps\r?\n\s+PID\s+PPID STAT\s+TIME CMD\r?$/m, out);
    const all = rows(blocks[1]);
    const init = all.find((r) => r[0] === "1");
    const sh = all.find((r) => r[4] === "/bin/sh" && r[1] === "1");
    const ps = all.find((r) => r[4] === "ps");
    assert.ok(init !== undefined && init[4] === "/bin/init" && init[2].startsWith("S"), `init is listed, sleeping\n${out}`);
    assert.ok(sh !== undefined && sh[2] === "Ss", `the shell is listed as a sleeping session leader, child of init\n${out}`);
    assert.ok(ps !== undefined && ps[1] === sh?.[0] && ps[2] === "R" && /^\d\d:\d\d:\d\d$/.test(ps[3]), `ps lists itself, running, as the shell's child\n${out}`);
    assert.deepEqual(rows(blocks[2]).map((r) => r[0]), ["1"], `ps -p 1 lists only init\n${out}`);
    assert.match(blocks[3], /^cat \/proc\/self\/comm\r?\ncat\r?$/m, out);
  });
}

/**
 * One scripted step of an interactive session: type `send` when `when` first matches the output
 * after the previous step, and — for control characters that race with a job taking the
 * terminal — type it again every 300 ms until `until` matches.
 */
interface Step {
  when: RegExp;
  send: string;
  until?: RegExp;
}

/** Runs the steps in order against the booted shell; returns the transcript. */
async function scripted(machine: MachineName, steps: Step[]): Promise<string> {
  let out = "";
  let step = 0;
  let mark = 0; // where the current step starts looking
  let retry: ReturnType<typeof setInterval> | null = null;
  const m = startMachine({
    machine, kernel, modules: [initramfs], cmdline: "init=/bin/init", memoryMiB: 128, timeoutMs: 90_000,
    onSerial: (b) => {
      out += Buffer.from(b).toString("latin1");
      for (;;) {
        if (retry !== null) {
          const prev = steps[step - 1]!;
          if (!prev.until!.test(out.slice(mark))) return;
          clearInterval(retry);
          retry = null;
        }
        if (step === steps.length) { m.stop(); return; }
        const s = steps[step]!;
        const at = out.slice(mark).search(s.when);
        if (at < 0) return;
        mark += at + 1;
        step++;
        m.sendSerial(s.send);
        if (s.until !== undefined) {
          const text = s.send;
          retry = setInterval(() => m.sendSerial(text), 300);
        }
      }
    },
  });
  await m.result;
  if (retry !== null) clearInterval(retry);
  return out;
}

for (const machine of availableMachines() as MachineName[]) {
  test(`job control: ^Z stops the foreground job, jobs/bg/fg, ^C ends it on ${machine}`, async () => {
    const prompt = /\/ # /;
    const out = await scripted(machine, [
      { when: prompt, send: "echo ST''ARTED; sleep 30\r" },
      { when: /STARTED\r?\n/, send: "\x1a", until: /Stopped/ },
      { when: prompt, send: "jobs\r" },
      { when: prompt, send: "bg\r" },
      { when: prompt, send: "jobs\r" },
      { when: prompt, send: "fg\r" },
      { when: /sleep 30\r?\n/, send: "\x03", until: prompt },
      { when: /./, send: "echo status $?\r" },
      { when: /status \d+[\s\S]*\/ # /, send: "jobs; echo END''OFJOBS\r" },
      { when: /ENDOFJOBS[\s\S]*\/ # /, send: "" },
    ]);
    assert.match(out, /\[1\]\+\s+Stopped\s+echo ST''ARTED; sleep 30/, out);
    assert.match(out, /jobs\r?\n\[1\]\+\s+Stopped\s+echo ST''ARTED; sleep 30/, out);
    assert.match(out, /bg\r?\n\[1\]\+ echo ST''ARTED; sleep 30 &/, out);
    assert.match(out, /jobs\r?\n\[1\]\+\s+Running\s+echo ST''ARTED; sleep 30/, out);
    assert.match(out, /status 130/, out);
    assert.match(out, /jobs; echo END''OFJOBS\r?\nENDOFJOBS/, "no job is left after fg and ^C\n" + out);
  });
}
