/** Helpers for spelling C source text. */

/** A C string literal for the given bytes (Latin-1 code units), safe to concatenate. */
export function cString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c >= 0x20 && c < 0x7f && c !== 0x3f) out += s[i];
    else out += "\\" + c.toString(8).padStart(3, "0");
  }
  return out + '"';
}

/** The UTF-16 code units of s as a C initializer list (the elements of a two-byte string literal). */
export function cUnits(s: string): string {
  const units: string[] = [];
  for (let i = 0; i < s.length; i++) units.push(`0x${s.charCodeAt(i).toString(16)}`);
  return units.join(", ");
}

const C_RESERVED = new Set(`auto break case char const continue default do double else enum extern float for goto
if inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void
volatile while _Bool _Complex _Imaginary _Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert _Thread_local
asm typeof bool true false NULL int8_t uint8_t int16_t uint16_t int32_t uint32_t int64_t uint64_t uintptr_t intptr_t
size_t ptrdiff_t offsetof main memset memcpy memmove memcmp self errno stdin stdout stderr`.split(/\s+/));

/** A C identifier for a TypeScript local name: reserved words and `ostc_`/`__` prefixes get a suffix. */
export function cLocalName(name: string): string {
  const safe = name.replace(/\$/g, "_S_");
  if (C_RESERVED.has(safe) || safe.startsWith("ostc_") || safe.startsWith("__")) return `${safe}_`;
  return safe;
}

/** A C identifier fragment for any text (paths, type manglings). */
export function cIdent(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, "_");
}
