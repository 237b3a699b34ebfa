// env: OSTC_TEST_HOME=/home/ostc OSTC_TEST_EMPTY=
// process.env: set, empty and unset variables; undefined prints as in Node.
const home = process.env.OSTC_TEST_HOME;
console.log(home);
console.log(`${process.env.OSTC_TEST_UNSET}|${home}`);
console.log(process.env.OSTC_TEST_UNSET ?? "fallback", process.env["OSTC_TEST_" + "EMPTY"] ?? "none");
if (process.env.OSTC_TEST_EMPTY) console.log("empty is truthy"); else console.log("empty is falsy");
if (process.env.OSTC_TEST_HOME) console.log("home set");
const u = process.env.OSTC_TEST_UNSET;
console.log(u, u === process.env.OSTC_TEST_UNSET_TOO, home === "/home/ostc");
console.log((process.env.OSTC_TEST_HOME ?? "").length);
