/**
 * `npm run debug` without a terminal: gdb attaches to QEMU's stub, stops at kernel_main and
 * shows TypeScript file:line for the program counter and the backtrace.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { qemuAvailable } from "../tools/machine/qemu.js";

const hasGdb = spawnSync("gdb", ["--version"], { stdio: "ignore" }).status === 0;

/** A TCP port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test("gdb stops at kernel_main and shows a TypeScript file and line", { skip: (!hasGdb && "needs gdb") || (!qemuAvailable() && "needs QEMU"), timeout: 120_000 }, async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "tools/debug.ts", "--port", String(port), "--work-dir", "build/test-debug"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(status, 0, out);
  assert.match(out, /Breakpoint 1, kernel_main \(.*\) at \S+\.ts:\d+/, out);
  assert.match(out, /Line \d+ of "\S+\.ts" starts at address 0x[0-9a-f]+ <kernel_main/, out);
  assert.match(out, /#0\s+kernel_main \(.*\) at \S+\.ts:\d+/, out);
});
