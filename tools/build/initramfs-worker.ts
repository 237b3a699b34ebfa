/** Worker thread of buildOs (os.ts): builds the initramfs and posts its path or the error. */
import { parentPort, workerData } from "node:worker_threads";
import { buildInitramfs } from "./initramfs.js";
import { closeToolRunner } from "../../compiler/src/toolrunner.js";

const opts = workerData as { workDir: string; release: boolean };
buildInitramfs(opts).then(
  async (p) => { await closeToolRunner(); parentPort!.postMessage({ path: p }); },
  async (err: Error) => { await closeToolRunner(); parentPort!.postMessage({ error: err.message }); },
);
