// target: kernel
// error: kernel strings are one byte per character
// at: 5:22
// hint: write the bytes of the encoding you need with \xNN escapes
export const arrow = "\u2192";
