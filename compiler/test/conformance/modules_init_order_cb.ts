// Module top-level code runs once, each module after the modules it imports, in the order this
// program imports them (c before b, b's import a before b): also when this program is built in
// a program set beside modules_init_order_bc.ts, which imports them the other way round.
import "./_order_c.ts";
import { seenByB } from "./_order_b.ts";
import { order } from "./_order_log.ts";
console.log(`b saw ${seenByB} modules run before it`);
console.log(order.join(" | "));
