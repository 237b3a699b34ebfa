// trap: invalid code point (RangeError in JavaScript)
// line: 6
let offset: i32 = 15;
console.log(String.fromCodePoint(0x10fff0 + offset).length);
offset++;
console.log(String.fromCodePoint(0x10fff0 + offset));
