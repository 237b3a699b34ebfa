// String.fromCharCode takes each argument modulo 2^16 (any code unit, several at once);
// String.fromCodePoint builds surrogate pairs beyond U+FFFF.
console.log(String.fromCharCode(0x263a), String.fromCharCode(0x41, 0x263a, 0x42), String.fromCharCode(), String.fromCharCode().length);
const big: u32 = 0x10041;
const neg: i32 = -1;
console.log(String.fromCharCode(big), String.fromCharCode(neg).charCodeAt(0), String.fromCharCode(65536 + 66), String.fromCharCode(neg * 2 + 3));
let row = "";
for (let c = 0x3b1; c < 0x3c9 + 1; c++) row += String.fromCharCode(c);
console.log(row, row.length, row.toUpperCase());
let codes: i32 = 0;
for (let c = 0; c < 0x10000; c += 97) codes += String.fromCharCode(c).charCodeAt(0) === c ? 1 : 0;
console.log(codes);
console.log(String.fromCodePoint(0x1f600), String.fromCodePoint(0x48, 0x1f30d, 0x21), String.fromCodePoint(0x10ffff).codePointAt(0), String.fromCodePoint(0).length);
const u: u8 = 200;
console.log(String.fromCharCode(u, u + 100, u * 300), String.fromCharCode(0x4e00 + u).charCodeAt(0));
