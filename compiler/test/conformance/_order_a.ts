// Helper module for the init-order tests: top-level code with an effect another module sees.
import { order, ran } from "./_order_log.ts";
export let seenByA: i32 = order.length;
ran("a");
