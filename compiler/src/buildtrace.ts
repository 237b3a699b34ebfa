/**
 * A timeline of a build, for finding its critical path: with OSTC_BUILD_TRACE naming a file, the
 * front end's phases (this file's traceSpan) and every tool the tool runner starts
 * (toolrunner-process.mjs) append a line `start end label` to it, in milliseconds since
 * OSTC_BUILD_TRACE_T0 (epoch milliseconds). `npm run build:os -- --trace FILE` sets both.
 */
import fs from "node:fs";

/** Records that `label` ran from `startMs` (Date.now()) until now; a no-op unless tracing. */
export function traceSpan(label: string, startMs: number): void {
  const file = process.env.OSTC_BUILD_TRACE;
  if (!file) return;
  const t0 = Number(process.env.OSTC_BUILD_TRACE_T0 ?? 0);
  fs.appendFileSync(file, `${startMs - t0} ${Date.now() - t0} ${label}\n`);
}
