// trap: custom failure 42
// line: 4
const code = 42;
if (code > 0) panic(`custom failure ${code}`);
