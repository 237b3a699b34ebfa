/**
 * The runtime's committed Unicode data (compiler/runtime/ostc_unicode.c) is what its generator
 * produces from the running Node: when Node's Unicode version moves on, native case mapping
 * would no longer match Node's, and this test says how to regenerate the file.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { UNICODE_TABLES_FILE, unicodeTablesSource } from "../tools/unicode-tables.js";

test("ostc_unicode.c matches this Node's Unicode data", () => {
  const committed = fs.readFileSync(UNICODE_TABLES_FILE, "utf8");
  assert.ok(committed === unicodeTablesSource(),
    `compiler/runtime/ostc_unicode.c differs from the tables of Node ${process.version} (Unicode ${process.versions.unicode}): run npx tsx compiler/tools/unicode-tables.ts`);
});
