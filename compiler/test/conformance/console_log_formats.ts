// console.log prints several arguments separated by spaces, exactly as Node does.
console.log();
console.log("");
console.log("a", "b", "", "c");
console.log(0, -1, 2147483647, -2147483648, 4294967295);
console.log(0n, -1n, 18446744073709551615n, -9223372036854775808n);
console.log(true, false, "true");
const e: u8 = 200;
const f: i16 = -300;
console.log(e, f, "mixed", 1, true, 2n);
console.log("tab\there", "quote\"s", "back\\slash", "caf\u00e9", "\u00ff");
