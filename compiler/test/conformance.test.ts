/**
 * Differential conformance: every program in conformance/ must print the same output and exit
 * with the same status when compiled by ostc (checked and release builds, a checked build split
 * function by function into 3 C units: compiler/src/lower/split.ts, and a checked build of all
 * of them as one program set: driver.lowerProgramSet) as under Node.
 * Headers: `// args: a b` (command-line arguments), `// env: NAME=value` (environment variables).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { SUITE_CONCURRENCY, envHeader, headers, programsIn, runNative, runNode } from "./harness.js";

describe("conformance", { concurrency: SUITE_CONCURRENCY }, () => {
  const all = programsIn("conformance");
  for (const file of all) {
    const name = path.basename(file, ".ts");
    const args = (headers(file).args ?? "").split(/\s+/).filter(Boolean);
    const env = envHeader(file);
    test(`conformance ${name}`, async () => {
      const [node, checked, release, split, set] = await Promise.all([runNode(file, args, env), runNative(file, { args, env }), runNative(file, { release: true, args, env }),
        runNative(file, { args, env, parts: 3 }), runNative(file, { args, env, set: all })]);
      assert.equal(checked.compileError, undefined, `ostc rejected ${name}:\n${checked.compileError}`);
      assert.equal(node.code, checked.code, `exit status differs (node ${node.code}, native ${checked.code})\n${checked.stderr}${node.stderr}`);
      assert.ok(node.stdout.length > 0, "a conformance program must print something");
      assert.equal(checked.stdout, node.stdout);
      assert.equal(release.stdout, node.stdout, "release build output differs");
      assert.equal(release.code, node.code);
      assert.equal(split.stdout, node.stdout, "output of the checked build split into 3 C units differs");
      assert.equal(split.code, node.code);
      assert.equal(set.compileError, undefined, `ostc rejected the conformance programs as one program set:\n${set.compileError}`);
      assert.equal(set.stdout, node.stdout, "output of the program built in a program set differs");
      assert.equal(set.code, node.code);
    });
  }
});
