/**
 * "A value or an errno" without a result object: a helper that returns a reference (a path, an
 * inode, a directory) fails by returning `fail(-errno)`, which notes the errno here and gives
 * the null, and its caller, on seeing the null, returns `failure()`:
 *
 *     function pathFromUser(addr: u32): string | null { … if (r !== 0) return fail(r); … }
 *     const p = pathFromUser(addr);
 *     if (p === null) return failure();
 *
 * A helper that passes another helper's null on returns it as it is (the errno is already
 * noted). The contract: read `failure()` right after the null, before calling anything that can
 * sleep or fail again. One cell serves every task, which is safe because system calls are not
 * preempted in the kernel (kernel/proc/sched.ts) and nothing between a `fail` and its
 * `failure()` sleeps; interrupt handlers never fail this way. It costs a store and a load.
 */
import { Errno } from "./errno";

let reason: i32 = -Errno.EINVAL;

/** Notes `error` (a negative errno) as the reason for the null it returns: `return fail(-Errno.EBADF)`. */
export function fail(error: i32): null {
  reason = error;
  return null;
}

/** The negative errno of the latest `fail`: why the helper just called returned null. */
export function failure(): i32 {
  return reason;
}
