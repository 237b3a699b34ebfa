// A program may import another program's entry module: that module's top-level code runs first,
// once, as under Node; also in a program set, where the imported module is a program of its own
// (modules_init_order_bc.ts) and so keeps its top-level code in a function of its own.
import "./modules_init_order_bc.ts";
import { order } from "./_order_log.ts";
console.log(`after the imported program: ${order.length} modules ran`);
