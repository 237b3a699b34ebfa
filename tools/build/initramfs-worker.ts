/** Worker thread of buildOs (os.ts): builds the initramfs and posts its path or the error. */
import { parentPort, workerData } from "node:worker_threads";
import { buildInitramfs } from "./initramfs.js";

const opts = workerData as { workDir: string; release: boolean };
buildInitramfs(opts).then(
  (p) => parentPort!.postMessage({ path: p }),
  (err: Error) => parentPort!.postMessage({ error: err.message }),
);
