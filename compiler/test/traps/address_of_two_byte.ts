// trap: addressOf a string with characters beyond U+00FF
// line: 6
const bytes = "caf\u00e9";
console.log(addressOf(bytes) !== 0);
const text = "snowman \u2603";
console.log(addressOf(text));
