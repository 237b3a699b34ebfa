/** echo [-n] [args…]: writes its arguments separated by spaces, then a newline unless -n. */
import { print } from "../lib/io";
import { programArgs } from "../lib/fmt";

const args = programArgs();
let newline = true;
let first = 0;
while (first < args.length && args[first] === "-n") { newline = false; first++; }
const text = args.slice(first).join(" ");
print(newline ? text + "\n" : text);
