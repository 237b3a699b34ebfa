/**
 * CLI (`npm run build:os`): builds the kernel and the initramfs into build/ (`--release` for
 * release builds) and prints how long each took. Add `--clean` to empty build/cache first, for
 * the time of a build from scratch; `--work-dir DIR` builds in DIR instead of build/; `--trace FILE`
 * writes a timeline of the build (compiler/src/buildtrace.ts) to FILE.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildOs } from "./build/os.js";
import { REPO_ROOT } from "./build/kernel-link.js";

const { values } = parseArgs({ options: { release: { type: "boolean" }, clean: { type: "boolean" }, "work-dir": { type: "string" }, trace: { type: "string" } } });
if (values.trace) {
  // compiler/src/buildtrace.ts: the front end's phases and every tool run, in ms from the process start.
  fs.writeFileSync(values.trace, "");
  process.env.OSTC_BUILD_TRACE = path.resolve(values.trace);
  process.env.OSTC_BUILD_TRACE_T0 = String(Math.round(performance.timeOrigin)); // the process start
}
const workDir = path.resolve(REPO_ROOT, values["work-dir"] ?? "build");
if (values.clean) fs.rmSync(path.join(workDir, "cache"), { recursive: true, force: true });
try {
  const r = await buildOs({ release: !!values.release, workDir });
  console.log(`${r.kernel} (${(r.kernelMs / 1000).toFixed(2)} s)`);
  console.log(`${r.initramfs} (${(r.initramfsMs / 1000).toFixed(2)} s)`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
