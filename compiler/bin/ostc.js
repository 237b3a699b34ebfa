#!/usr/bin/env node
// ostc: the OpenOS TypeScript-to-native compiler. The compiler is TypeScript, run from a cached
// JavaScript bundle (launch.mjs).
import { launch } from "./launch.mjs";

await launch("compiler/src/cli.ts", process.argv.slice(2));
