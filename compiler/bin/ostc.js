#!/usr/bin/env node
// ostc: the OpenOS TypeScript-to-native compiler. The compiler is TypeScript, loaded through tsx.
import { register } from "tsx/esm/api";
register();
await import("../src/cli.ts");
