// args: alpha 42 "" last
// process.argv: [runtime, script, ...args], as under Node.
const args = process.argv.slice(2);
console.log(args.length, args.join(","));
for (const a of args) console.log(`[${a}]`, a.length);
console.log(process.argv.length >= 2);
