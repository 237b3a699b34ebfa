/*
 * /proc/self/maps and /proc/<pid>/maps from ring 3, in Linux's exact format: every line parsed
 * strictly (hex widths, permissions, device, inode, the name column — 49 on a 32-bit kernel,
 * 73 on a 64-bit one, as Linux pads to 25 + 6 × its pointer size - 1 plus a space — and the
 * trailing space of a line without a name), lines in address order, and the lines of mappings
 * whose every field is known: the executable's segments (against its program headers), file
 * mappings (private, shared, at an offset beyond 4 GiB, unlinked), anonymous ones (merged when
 * adjacent, split by mprotect, PROT_NONE), shared anonymous memory, [stack], [vdso] and [heap];
 * /proc/self/exe; reading in small pieces and with pread; a forked child's maps. Prints KTAP.
 */
#include "ktap.h"

#define SYS_unlink 10
#define SYS_brk 45
#define SYS_readlink 85
#define SYS_uname 122
#define SYS_mprotect 125
#define SYS_pread64 180
#define SYS_stat64 195
#define SYS_fstat64 197

#define O_RDWR 2
#define O_CREAT 0x40
#define O_TRUNC 0x200
#define MAP_SHARED 1
#define MAP_FIXED_NOREPLACE 0x100000
#define PROT_NONE 0
#define PROT_EXEC 4
#define PAGE 4096u
#define AT_PHDR 3
#define AT_PHNUM 5
#define PT_LOAD 1

typedef unsigned char u8;

static u32 map(u32 addr, u32 len, u32 prot, u32 flags, i32 fd, u32 pgoff) {
  return (u32)call6(SYS_mmap2, (i32)addr, (i32)len, (i32)prot, (i32)flags, fd, (i32)pgoff);
}
static int ok_addr(u32 r) { return !SYS_FAILED(r) && (r & (PAGE - 1)) == 0; }
static u32 len_of(const char *s) { u32 n = 0; while (s[n]) n++; return n; }
static int equal(const char *a, u32 alen, const char *b) {
  u32 blen = len_of(b);
  if (alen != blen) return 0;
  for (u32 i = 0; i < alen; i++) if (a[i] != b[i]) return 0;
  return 1;
}
static char *decimal(char *p, u32 n) { return ktap_number(p, n); }

/* ---- reading whole files ---- */
static char text[1 << 16];
static char other[1 << 16];

/* Reads the whole file at `path` into `out` in reads of `chunk` bytes; its length, or -1. */
static i32 slurp(const char *path, char *out, u32 chunk) {
  i32 fd = sys_open(path, 0);
  if (fd < 0) return -1;
  u32 n = 0;
  for (;;) {
    u32 want = chunk < sizeof text - n ? chunk : sizeof text - n;
    i32 r = sys_read(fd, out + n, want);
    if (r <= 0) break;
    n += (u32)r;
  }
  sys_close(fd);
  return (i32)n;
}
static int same_bytes(const char *a, const char *b, u32 n) {
  for (u32 i = 0; i < n; i++) if (a[i] != b[i]) return 0;
  return 1;
}

/* ---- parsing lines ---- */
struct line {
  u32 start, end;
  char perms[5];
  u64 offset;
  u32 major, minor, ino;
  const char *name;   /* NULL when the line has none */
  u32 name_len;
};

/* Where a name starts: after padding to this many bytes and one more space (48 or 72). */
static u32 name_pad;

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Lowercase hex of at least `min` digits ending at `stop`; advances *p. */
static int hex_field(const char **p, const char *end, u32 min, char stop, u64 *out) {
  const char *s = *p;
  u64 v = 0;
  u32 digits = 0;
  while (s < end && hexval(*s) >= 0) { v = (v << 4) | (u64)hexval(*s); s++; digits++; }
  if (digits < min || digits > 16 || s >= end || *s != stop) return 0;
  if (digits > min && s[-(i32)digits] == '0') return 0; /* wider than needed only without leading zeros */
  *out = v;
  *p = s + 1;
  return 1;
}

/* Parses the line [p, end) (without its newline) strictly; 0 when it is malformed. */
static int parse_line(const char *p, const char *end, struct line *l) {
  const char *begin = p;
  u64 v;
  if (!hex_field(&p, end, 8, '-', &v)) return 0;
  l->start = (u32)v;
  if (!hex_field(&p, end, 8, ' ', &v)) return 0;
  l->end = (u32)v;
  if (end - p < 5 || p[4] != ' ') return 0;
  if ((p[0] != 'r' && p[0] != '-') || (p[1] != 'w' && p[1] != '-') || (p[2] != 'x' && p[2] != '-') || (p[3] != 's' && p[3] != 'p')) return 0;
  for (int i = 0; i < 4; i++) l->perms[i] = p[i];
  l->perms[4] = 0;
  p += 5;
  if (!hex_field(&p, end, 8, ' ', &l->offset)) return 0;
  if (!hex_field(&p, end, 2, ':', &v)) return 0;
  l->major = (u32)v;
  if (!hex_field(&p, end, 2, ' ', &v)) return 0;
  l->minor = (u32)v;
  u32 ino = 0, digits = 0;
  while (p < end && *p >= '0' && *p <= '9') { ino = ino * 10 + (u32)(*p - '0'); p++; digits++; }
  if (digits == 0 || (digits > 1 && p[-(i32)digits] == '0') || p >= end || *p != ' ') return 0;
  l->ino = ino;
  p++;
  if (p == end) { l->name = 0; l->name_len = 0; return l->start < l->end; } /* no name: the line ends with the space */
  u32 prefix = (u32)(p - begin);
  u32 at = (prefix > name_pad ? prefix : name_pad) + 1;
  if ((u32)(end - begin) <= at) return 0;
  for (const char *s = p; s < begin + at; s++) if (*s != ' ') return 0;
  l->name = begin + at;
  l->name_len = (u32)(end - l->name);
  return l->start < l->end && l->name[0] != ' ';
}

/* Checks every line of text[0, n): format and order; the number of lines, or 0. */
static u32 check_all(const char *t, u32 n, int *ordered) {
  u32 count = 0, last_end = 0;
  *ordered = 1;
  const char *p = t, *end = t + n;
  if (n == 0 || t[n - 1] != '\n') return 0;
  while (p < end) {
    const char *nl = p;
    while (*nl != '\n') nl++;
    struct line l;
    if (!parse_line(p, nl, &l)) return 0;
    if (l.start < last_end) *ordered = 0;
    last_end = l.end;
    count++;
    p = nl + 1;
  }
  return count;
}

/* The line of t[0, n) whose range holds `addr`; 0 when none does. */
static int find(const char *t, u32 n, u32 addr, struct line *l) {
  const char *p = t, *end = t + n;
  while (p < end) {
    const char *nl = p;
    while (nl < end && *nl != '\n') nl++;
    if (parse_line(p, nl, l) && l->start <= addr && addr < l->end) return 1;
    p = nl + 1;
  }
  return 0;
}

/* Reads /proc/self/maps afresh into `text` and finds the line of `addr`. */
static u32 maps_len;
static int line_of(u32 addr, struct line *l) {
  i32 n = slurp("/proc/self/maps", text, sizeof text);
  maps_len = n < 0 ? 0 : (u32)n;
  return find(text, maps_len, addr, l);
}

static int perms_are(const struct line *l, const char *p) { return equal(l->perms, 4, p); }
static int anonymous(const struct line *l) { return l->offset == 0 && l->major == 0 && l->minor == 0 && l->ino == 0; }

/* ---- stat ---- */
struct id { u32 major, minor, ino; };
static int stat_id(const char *path, i32 fd, struct id *id) {
  static u8 st[96];
  i32 r = path ? sys2(SYS_stat64, (i32)path, (i32)st) : sys2(SYS_fstat64, fd, (i32)st);
  if (r != 0) return 0;
  u32 dev = *(u32 *)st;
  id->major = (dev >> 8) & 0xfff;
  id->minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
  id->ino = *(u32 *)(st + 88);
  return 1;
}
static int file_line(const struct line *l, const struct id *id, const char *perms, u64 offset, const char *name) {
  return perms_are(l, perms) && l->offset == offset && l->major == id->major && l->minor == id->minor && l->ino == id->ino &&
         l->name && equal(l->name, l->name_len, name);
}

/* ---- the cases ---- */
static char path[40] = "/tmp/abi-maps-";
static char exe[4096];
static u32 exe_len;

static void format_cases(void) {
  i32 n = slurp("/proc/self/maps", text, sizeof text);
  int ordered = 0;
  u32 lines = n > 0 ? check_all(text, (u32)n, &ordered) : 0;
  check(lines >= 4, "every line of /proc/self/maps has Linux's format, names at the kernel's column");
  check(ordered, "the lines are in address order and do not overlap");
  i32 small = slurp("/proc/self/maps", other, 7);
  check(small == n && same_bytes(text, other, (u32)n), "reading it 7 bytes at a time gives the same text");
  i32 fd = sys_open("/proc/self/maps", 0);
  char piece[50];
  i32 got = call6(SYS_pread64, fd, (i32)piece, 50, 100, 0, 0);
  check(n > 150 && got == 50 && same_bytes(piece, text + 100, 50), "pread of 50 bytes at offset 100 gives the same bytes");
  check(call6(SYS_pread64, fd, (i32)piece, 50, n, 0, 0) == 0, "pread at the end: 0");
  sys_close(fd);
  char self[32] = "/proc/";
  char *p = decimal(self + 6, (u32)sys0(SYS_getpid));
  for (const char *s = "/maps"; *s; s++) *p++ = *s;
  *p = 0;
  i32 m = slurp(self, other, sizeof other);
  check(m == n && same_bytes(text, other, (u32)n), "/proc/<getpid()>/maps is /proc/self/maps");
}

static void exe_cases(char *argv0, char **envp) {
  i32 r = sys3(SYS_readlink, (i32)"/proc/self/exe", (i32)exe, sizeof exe - 1);
  exe_len = r > 0 ? (u32)r : 0;
  exe[exe_len] = 0;
  struct id viaLink, viaArgv;
  check(r > 1 && exe[0] == '/' && stat_id(exe, 0, &viaLink) && stat_id(argv0, 0, &viaArgv) && viaLink.ino == viaArgv.ino &&
        viaLink.major == viaArgv.major && viaLink.minor == viaArgv.minor, "/proc/self/exe links to the executable by its absolute path");
  /* The program headers, from the auxiliary vector. */
  char **e = envp;
  while (*e) e++;
  u32 phdr = 0, phnum = 0;
  for (u32 *a = (u32 *)(e + 1); a[0] != 0; a += 2) {
    if (a[0] == AT_PHDR) phdr = a[1];
    if (a[0] == AT_PHNUM) phnum = a[1];
  }
  int segments = 0, good = 0, code = 0;
  for (u32 i = 0; i < phnum; i++) {
    u32 *ph = (u32 *)(phdr + i * 32);
    if (ph[0] != PT_LOAD || ph[4] == 0) continue; /* file-backed segments */
    segments++;
    struct line l;
    char perms[5] = { (ph[6] & 4) ? 'r' : '-', (ph[6] & 2) ? 'w' : '-', (ph[6] & 1) ? 'x' : '-', 'p', 0 };
    u32 start = ph[2] & ~(PAGE - 1);
    if (line_of(ph[2], &l) && l.start == start && file_line(&l, &viaLink, perms, ph[1] & ~(PAGE - 1), exe) &&
        l.end >= ((ph[2] + ph[4] + PAGE - 1) & ~(PAGE - 1))) good++;
    if (ph[6] & 1) code++;
  }
  check(segments >= 2 && good == segments && code >= 1,
        "each file-backed segment of the executable maps it: start, permissions, file offset, device, inode and path");
  struct line l;
  check(line_of((u32)&main, &l) && perms_are(&l, "r-xp") && l.name && equal(l.name, l.name_len, exe), "the code of main is in an r-xp line of the executable");
}

static void file_cases(void) {
  i32 fd = sys3(SYS_open, (i32)path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  static u8 bytes[3 * PAGE];
  sys_write(fd, bytes, sizeof bytes);
  struct id id;
  stat_id(0, fd, &id);
  struct line l;
  u32 priv = map(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 1);
  check(ok_addr(priv) && line_of(priv, &l) && l.start == priv && l.end == priv + 2 * PAGE && file_line(&l, &id, "r--p", PAGE, path),
        "a private read-only mapping of a file at page 1: r--p 00001000, its device, inode and path");
  u32 shared = map(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  check(ok_addr(shared) && line_of(shared, &l) && l.start == shared && l.end == shared + PAGE && file_line(&l, &id, "rw-s", 0, path),
        "a shared read-write mapping: rw-s 00000000");
  u32 far = map(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0x100000);
  check(ok_addr(far) && line_of(far, &l) && file_line(&l, &id, "r--p", 1ull << 32, path), "a mapping at file offset 4 GiB shows 100000000 (more than 8 digits)");
  sys_munmap((i32)far, PAGE);
  sys_close(fd);
  sys1(SYS_unlink, (i32)path);
  char deleted[64];
  char *p = deleted;
  for (const char *s = path; *s; s++) *p++ = *s;
  for (const char *s = " (deleted)"; *s; s++) *p++ = *s;
  *p = 0;
  check(line_of(priv, &l) && file_line(&l, &id, "r--p", PAGE, deleted), "once the file is unlinked its mappings show \"<path> (deleted)\"");
  sys_munmap((i32)priv, 2 * PAGE);
  sys_munmap((i32)shared, PAGE);
}

static void anonymous_cases(void) {
  struct line l;
  u32 a = 0x50000000u;
  u32 one = map(a, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  check(one == a && line_of(a, &l) && l.start == a && l.end == a + PAGE && perms_are(&l, "rw-p") && anonymous(&l) && !l.name,
        "an anonymous mapping: rw-p 00000000 00:00 0, no name (the line ends with a space)");
  u32 two = map(a + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  check(two == a + PAGE && line_of(a, &l) && l.start == a && l.end == a + 2 * PAGE, "a second one right after it with the same permissions: one line");
  sys3(SYS_mprotect, (i32)(a + PAGE), PAGE, PROT_READ);
  struct line first, second;
  check(line_of(a, &first) && line_of(a + PAGE, &second) && first.end == a + PAGE && perms_are(&first, "rw-p") &&
        second.start == a + PAGE && second.end == a + 2 * PAGE && perms_are(&second, "r--p"), "mprotect of its second page splits it: rw-p, r--p");
  sys_munmap((i32)a, 2 * PAGE);
  u32 none = map(a, 3 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  check(none == a && line_of(a, &l) && l.end == a + 3 * PAGE && perms_are(&l, "---p") && !l.name, "PROT_NONE: ---p");
  sys_munmap((i32)a, 3 * PAGE);
  check(!line_of(a, &l), "unmapped: no line");
  u32 x = map(a, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  check(x == a && line_of(a, &l) && perms_are(&l, "r-xp"), "PROT_READ | PROT_EXEC: r-xp");
  sys_munmap((i32)a, PAGE);
  u32 s = map(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  check(ok_addr(s) && line_of(s, &l) && l.start == s && l.end == s + 2 * PAGE && perms_are(&l, "rw-s") && l.offset == 0 &&
        l.major == 0 && l.minor == 1 && l.ino != 0 && l.name && equal(l.name, l.name_len, "/dev/zero (deleted)"),
        "shared anonymous memory: rw-s 00000000 00:01 <inode> /dev/zero (deleted)");
  sys_munmap((i32)s, 2 * PAGE);
}

static void named_cases(void) {
  struct line l;
  u32 local = 0;
  check(line_of((u32)&local, &l) && perms_are(&l, "rw-p") && anonymous(&l) && l.name && equal(l.name, l.name_len, "[stack]"),
        "the stack: rw-p 00000000 00:00 0 [stack]");
  check(sysinfo_entry != 0 && line_of(sysinfo_entry, &l) && perms_are(&l, "r-xp") && anonymous(&l) && l.name && equal(l.name, l.name_len, "[vdso]"),
        "AT_SYSINFO's page: r-xp [vdso]");
  u32 cur = (u32)sys1(SYS_brk, 0);
  u32 grown = (u32)sys1(SYS_brk, (i32)(cur + 3 * PAGE));
  check(grown == cur + 3 * PAGE && line_of(cur, &l) && perms_are(&l, "rw-p") && anonymous(&l) && l.end >= cur + 3 * PAGE && l.name &&
        equal(l.name, l.name_len, "[heap]"), "memory from brk: rw-p [heap]");
}

/* A child that waits for a byte on `fd`, so the parent can read its maps. */
static void fork_cases(void) {
  i32 p[2];
  sys_pipe(p);
  i32 pid = sys_fork();
  if (pid == 0) {
    char c;
    sys_read(p[0], &c, 1);
    sys_exit(0);
  }
  char name[32] = "/proc/";
  char *q = decimal(name + 6, (u32)pid);
  for (const char *s = "/maps"; *s; s++) *q++ = *s;
  *q = 0;
  i32 theirs = slurp(name, other, sizeof other);
  i32 mine = slurp("/proc/self/maps", text, sizeof text);
  check(theirs > 0 && theirs == mine && same_bytes(text, other, (u32)mine), "a forked child's /proc/<pid>/maps is its parent's");
  sys_write(p[1], "x", 1);
  i32 status;
  sys_wait(pid, &status);
  check(sys_open(name, 0) < 0, "once it is reaped its maps is gone");
  sys_close(p[0]);
  sys_close(p[1]);
}

int main(int argc, char **argv, char **envp) {
  (void)argc;
  static char uts[390];
  sys1(SYS_uname, (i32)uts);
  name_pad = equal(uts + 4 * 65, len_of(uts + 4 * 65), "x86_64") ? 72 : 48;
  ktap_append_pid(path);
  ktap_plan(25);
  format_cases();
  exe_cases(argv[0], envp);
  file_cases();
  anonymous_cases();
  named_cases();
  fork_cases();
  return ktap_done("maps");
}
