/**
 * Negative suite: each program in errors/ must be rejected with the message and location its
 * header names:  // error: <text the message contains>   // at: <line>:<col>
 * and may name the target it is compiled for (default host):  // target: kernel
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { emitC } from "../src/driver.js";
import type { Target } from "../src/lower/program.js";
import { headers, programsIn } from "./harness.js";

for (const file of programsIn("errors")) {
  const name = path.basename(file, ".ts");
  const h = headers(file);
  test(`rejects ${name}`, () => {
    assert.ok(h.error, "test needs an `// error:` header");
    const r = emitC(file, (h.target ?? "host") as Target, true);
    assert.equal(r.ok, false, "ostc accepted a program it must reject");
    const errors = (r as { errors: string }).errors;
    assert.ok(errors.includes(h.error), `message does not contain ${JSON.stringify(h.error)}:\n${errors}`);
    if (h.at) assert.ok(errors.includes(`${path.basename(file)}:${h.at}:`), `location ${h.at} not reported:\n${errors}`);
    if (h.hint) assert.ok(errors.includes(`hint: ${h.hint}`), `hint missing:\n${errors}`);
    assert.match(errors, /\n {2}.*\n {2}\s*\^/, "the source line and a caret are shown");
  });
}
