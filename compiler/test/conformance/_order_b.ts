// Helper module for the init-order tests: imports a, so a's top-level code runs first.
import { order, ran } from "./_order_log.ts";
import { seenByA } from "./_order_a.ts";
export const seenByB: i32 = order.length;
ran(`b (a saw ${seenByA})`);
