/**
 * `npm test`: every suite a change can break — the compiler's conformance, negative, trap and
 * fuzz suites, the host tools' tests, hosted unit tests, and the kernel booted on QEMU and v86
 * reading its KTAP report. Prints one summary line: "N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import nodeFs from "node:fs";

const GROUPS: { name: string; dir: string; suffix: string }[] = [
  { name: "compiler", dir: "compiler/test", suffix: ".test.ts" },
  { name: "tools", dir: "tools/test", suffix: ".test.ts" },
  { name: "kernel (hosted unit tests)", dir: "kernel", suffix: ".unit.test.ts" },
  { name: "system (booted kernel)", dir: "test", suffix: ".test.ts" },
];

/** Test files under dir (recursively) whose names end with suffix. */
function findTests(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const e of nodeFs.readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory() && e.name !== "node_modules" && e.name !== "fixtures") out.push(...findTests(p, suffix));
    else if (e.isFile() && e.name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

let passed = 0, failed = 0, skipped = 0;
for (const g of GROUPS) {
  process.stdout.write(`\n=== ${g.name} ===\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", "--test-reporter-destination=.test-tap.log", ...findTests(g.dir, g.suffix)], {
    stdio: ["ignore", "inherit", "inherit"], shell: false,
  });
  const tap = readTap();
  passed += tap.pass; failed += tap.fail; skipped += tap.skip;
  if (r.status !== 0 && tap.fail === 0) failed++; // a crash without a failing test still fails the run
}

function readTap(): { pass: number; fail: number; skip: number } {
  const fs = nodeFs;
  let text = "";
  try { text = fs.readFileSync(".test-tap.log", "utf8"); fs.rmSync(".test-tap.log"); } catch { return { pass: 0, fail: 0, skip: 0 }; }
  const num = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  return { pass: num("pass"), fail: num("fail"), skip: num("skipped") };
}

process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
process.exit(failed === 0 ? 0 : 1);
