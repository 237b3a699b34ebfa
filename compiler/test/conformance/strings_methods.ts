// indexOf, lastIndexOf, includes, startsWith, endsWith, split, trim, repeat, padStart/End, case.
const path = "/usr/local/bin/node";
console.log(path.indexOf("/"), path.indexOf("/", 1), path.indexOf("zzz"), path.lastIndexOf("/"), path.includes("local"));
console.log(path.startsWith("/usr"), path.startsWith("usr"), path.endsWith("node"), path.endsWith("bin"));
const parts = path.split("/");
console.log(parts.length, parts[0] === "", parts[1], parts[4], parts.join("|"));
console.log("a,b,,c".split(",").length, "abc".split("").join("-"), "x".split(",").length, "".split(",").length);
console.log(`[${"  padded \t\n".trim()}]`, `[${"   ".trim()}]`);
console.log("ab".repeat(3), "x".repeat(0) === "", "7".padStart(3, "0"), "7".padStart(3), "abc".padStart(2), "ab".padEnd(5, "xy") + "|");
console.log("MiXeD 123".toUpperCase(), "MiXeD 123".toLowerCase(), "ab".concat("cd"));
const hex = (255).toString();
console.log(hex, String(-12), (4000000000).toString());
