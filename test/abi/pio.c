/*
 * Positional and vectored I/O from ring 3, as Linux answers it: pread64, pwrite64, preadv,
 * pwritev, preadv2 and pwritev2 (the i386 ABI's 64-bit offsets in two registers, low half
 * first), with readv/writev beside them. Success at offsets inside, at and past the end of a
 * file (holes, 4 GiB and beyond), the file position left alone (or, for preadv2/pwritev2 at
 * offset -1, used and moved), O_APPEND (pwrite appends anyway), RWF_APPEND, RWF_NOAPPEND,
 * RWF_NOWAIT and unknown flags, short transfers at a faulting page, and every error: -EINVAL
 * for negative offsets (before the descriptor is looked at), -EBADF, -ESPIPE on pipes (before
 * the access mode), -EISDIR, -EFAULT, -EINVAL for bad iovecs, -EOPNOTSUPP. Prints KTAP.
 */
#include "ktap.h"

#define SYS_unlink 10
#define SYS_lseek 19
#define SYS_readv 145
#define SYS_writev 146
#define SYS_pread64 180
#define SYS_pwrite64 181
#define SYS_fstat64 197
#define SYS_preadv 333
#define SYS_pwritev 334
#define SYS_preadv2 378
#define SYS_pwritev2 379

#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0x40
#define O_TRUNC 0x200
#define O_APPEND 0x400
#define O_NONBLOCK 0x800
#define O_DIRECTORY 0x10000
#define SEEK_SET 0
#define SEEK_CUR 1
#define EBADF 9
#define EAGAIN 11
#define EFAULT 14
#define EISDIR 21
#define EINVAL 22
#define ESPIPE 29
#define EOPNOTSUPP 95
#define RWF_HIPRI 0x01
#define RWF_DSYNC 0x02
#define RWF_NOWAIT 0x08
#define RWF_APPEND 0x10
#define RWF_NOAPPEND 0x20
#define PAGE 4096u

typedef unsigned char u8;
struct iovec { u32 base; u32 len; };

/** The raw result of a call is the negative errno `e`. */
#define IS_ERR(r, e) ((u32)(r) == (u32)-(e))

/* The 64-bit offset as the i386 ABI passes it: low half, then high half. */
#define LO(off) ((i32)(u32)((u64)(off) & 0xffffffffu))
#define HI(off) ((i32)(u32)((u64)(off) >> 32))

static i32 pread64(i32 fd, void *buf, u32 n, long long off) { return call6(SYS_pread64, fd, (i32)buf, (i32)n, LO(off), HI(off), 0); }
static i32 pwrite64(i32 fd, const void *buf, u32 n, long long off) { return call6(SYS_pwrite64, fd, (i32)buf, (i32)n, LO(off), HI(off), 0); }
static i32 preadv(i32 fd, struct iovec *iov, u32 n, long long off) { return call6(SYS_preadv, fd, (i32)iov, (i32)n, LO(off), HI(off), 0); }
static i32 pwritev(i32 fd, struct iovec *iov, u32 n, long long off) { return call6(SYS_pwritev, fd, (i32)iov, (i32)n, LO(off), HI(off), 0); }
static i32 preadv2(i32 fd, struct iovec *iov, u32 n, long long off, u32 flags) { return call6(SYS_preadv2, fd, (i32)iov, (i32)n, LO(off), HI(off), (i32)flags); }
static i32 pwritev2(i32 fd, struct iovec *iov, u32 n, long long off, u32 flags) { return call6(SYS_pwritev2, fd, (i32)iov, (i32)n, LO(off), HI(off), (i32)flags); }
static i32 position(i32 fd) { return sys3(SYS_lseek, fd, 0, SEEK_CUR); }
static i32 seek(i32 fd, i32 to) { return sys3(SYS_lseek, fd, to, SEEK_SET); }

/* st_size and st_mode of struct stat64 (i386: 96 bytes, st_mode at 16, st_rdev at 32, st_size at 44). */
static u32 stat_word(i32 fd, u32 offset) {
  static u8 st[96];
  if (sys2(SYS_fstat64, fd, (i32)st) != 0) return 0xffffffffu;
  return *(u32 *)(st + offset);
}
static u32 size_of(i32 fd) { return stat_word(fd, 44); }

static u8 pattern(u32 i) { return (u8)(i * 7 + 3); }
static int is_pattern(const u8 *b, u32 from, u32 n) {
  for (u32 i = 0; i < n; i++) if (b[i] != pattern(from + i)) return 0;
  return 1;
}
static int same(const void *a, const char *s, u32 n) {
  for (u32 i = 0; i < n; i++) if (((const u8 *)a)[i] != (u8)s[i]) return 0;
  return 1;
}
static int all_zero(const u8 *b, u32 n) {
  for (u32 i = 0; i < n; i++) if (b[i] != 0) return 0;
  return 1;
}

#define FILE_BYTES 10000u
static char path[40] = "/tmp/abi-pio-";
static u8 buf[8192];
static u8 buf2[64];

/* A fresh test file of FILE_BYTES pattern bytes; returns an O_RDWR descriptor positioned at 123. */
static i32 make_file(void) {
  static u8 bytes[FILE_BYTES];
  for (u32 i = 0; i < FILE_BYTES; i++) bytes[i] = pattern(i);
  i32 fd = sys3(SYS_open, (i32)path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  sys_write(fd, bytes, FILE_BYTES);
  seek(fd, 123);
  return fd;
}

/* Two pages whose second is unmapped: the address `before` bytes short of the hole. */
static u8 *before_hole(u32 before) {
  u32 a = (u32)sys_mmap_anon(2 * PAGE);
  sys_munmap((i32)(a + PAGE), PAGE);
  return (u8 *)(a + PAGE - before);
}

static void pread_cases(i32 fd) {
  check(pread64(fd, buf, 100, 5000) == 100 && is_pattern(buf, 5000, 100), "pread64 reads 100 bytes at offset 5000");
  check(position(fd) == 123, "pread64 leaves the file position alone");
  check(pread64(fd, buf, 200, FILE_BYTES - 100) == 100 && is_pattern(buf, FILE_BYTES - 100, 100), "pread64 across the end reads what is left");
  check(pread64(fd, buf, 10, FILE_BYTES) == 0, "pread64 at the end of the file: 0");
  check(pread64(fd, buf, 100, (1LL << 32) + 5000) == 0, "pread64 at 4 GiB + 5000: the high half of the offset counts (past the end: 0)");
  check(pread64(fd, buf, 0, 0) == 0, "pread64 of 0 bytes: 0");
  check(IS_ERR(pread64(fd, buf, 10, -1), EINVAL), "pread64 at offset -1: -EINVAL");
  check(IS_ERR(pread64(fd, buf, 10, -(1LL << 40)), EINVAL), "pread64 at offset -2^40: -EINVAL");
  check(IS_ERR(pread64(-1, buf, 10, -1), EINVAL), "a negative offset is -EINVAL before a bad descriptor is -EBADF");
  check(IS_ERR(pread64(999, buf, 10, 0), EBADF), "pread64 on a closed descriptor: -EBADF");
  i32 wo = sys3(SYS_open, (i32)path, O_WRONLY, 0);
  check(IS_ERR(pread64(wo, buf, 10, 0), EBADF), "pread64 on a descriptor open only for writing: -EBADF");
  check(IS_ERR(pread64(fd, (void *)0, 10, 0), EFAULT), "pread64 into NULL: -EFAULT");
  check(IS_ERR(pread64(fd, (void *)0xc0000000u, 10, 0), EFAULT) && IS_ERR(pread64(fd, (void *)0xfffff000u, 16, 0), EFAULT),
        "pread64 into addresses the process cannot write: -EFAULT");
  check(position(fd) == 123, "failed pread64 calls leave the file position alone too");
  u8 *edge = before_hole(96);
  check(pread64(fd, edge, 200, 1000) == 96 && is_pattern(edge, 1000, 96), "pread64 into a buffer running into an unmapped page reads up to the page: 96 bytes");
  seek(fd, 0);
  check(sys_read(fd, edge, 200) == 96 && position(fd) == 96, "read(2) into the same buffer reads 96 bytes and moves the position by 96");
  sys_munmap((i32)((u32)edge & ~(PAGE - 1)), PAGE);
  i32 zero = sys_open("/dev/zero", 0);
  buf[0] = 1;
  check(pread64(zero, buf, 100, 1LL << 40) == 100 && all_zero(buf, 100), "pread64 of /dev/zero at 1 TiB reads zeros");
  sys_close(zero);
  sys_close(wo);
}

static void pwrite_cases(i32 fd) {
  seek(fd, 77);
  check(pwrite64(fd, "hello", 5, 20000) == 5, "pwrite64 of 5 bytes at offset 20000 (past the end)");
  check(size_of(fd) == 20005, "the file grows to 20005 bytes");
  check(position(fd) == 77, "pwrite64 leaves the file position alone");
  check(pread64(fd, buf, 100, 15000) == 100 && all_zero(buf, 100), "the gap reads as zeros");
  check(pread64(fd, buf, 5, 20000) == 5 && same(buf, "hello", 5), "and the bytes are there");
  check(pwrite64(fd, buf, 0, 30000) == 0 && size_of(fd) == 20005, "pwrite64 of 0 bytes writes nothing, even past the end");
  check(IS_ERR(pwrite64(fd, "x", 1, -1), EINVAL), "pwrite64 at offset -1: -EINVAL");
  check(IS_ERR(pwrite64(fd, "x", 1, (long long)0x8000000000000000ull), EINVAL), "pwrite64 at offset -2^63: -EINVAL");
  i32 ro = sys_open(path, 0);
  check(IS_ERR(pwrite64(ro, "x", 1, 0), EBADF), "pwrite64 on a descriptor open only for reading: -EBADF");
  sys_close(ro);
  check(IS_ERR(pwrite64(fd, (void *)0, 10, 0), EFAULT) && size_of(fd) == 20005, "pwrite64 from NULL: -EFAULT, nothing written");
  i32 ap = sys3(SYS_open, (i32)path, O_WRONLY | O_APPEND, 0);
  check(pwrite64(ap, "XY", 2, 0) == 2 && size_of(fd) == 20007, "pwrite64 at offset 0 on an O_APPEND descriptor appends (as Linux does)");
  check(pread64(fd, buf, 2, 20005) == 2 && same(buf, "XY", 2) && pread64(fd, buf, 1, 0) == 1 && buf[0] == pattern(0),
        "the bytes went to the end; offset 0 is unchanged");
  check(position(ap) == 0, "and the O_APPEND descriptor's position stays 0");
  check(sys_write(ap, "Z", 1) == 1 && position(ap) == 20008, "write(2) on it appends and moves its position to the end");
  sys_close(ap);
}

static void pipe_cases(void) {
  i32 p[2];
  sys_pipe(p);
  check(IS_ERR(pread64(p[0], buf, 1, 0), ESPIPE) && IS_ERR(pwrite64(p[1], "x", 1, 0), ESPIPE), "pread64/pwrite64 on a pipe: -ESPIPE");
  check(IS_ERR(pread64(p[1], buf, 1, 0), ESPIPE) && IS_ERR(pwrite64(p[0], "x", 1, 0), ESPIPE), "on the wrong end too: -ESPIPE comes before -EBADF");
  struct iovec one = { (u32)buf, 4 };
  check(IS_ERR(preadv(p[0], &one, 1, 0), ESPIPE) && IS_ERR(pwritev(p[1], &one, 1, 0), ESPIPE), "preadv/pwritev on a pipe: -ESPIPE");
  check(IS_ERR(preadv2(p[0], &one, 1, 0, 0), ESPIPE), "preadv2 at offset 0 on a pipe: -ESPIPE");
  check(IS_ERR(preadv2(p[0], &one, 1, -1, RWF_NOWAIT), EAGAIN), "preadv2 at -1 with RWF_NOWAIT on an empty pipe: -EAGAIN instead of waiting");
  struct iovec data = { (u32)"pipe", 4 };
  check(pwritev2(p[1], &data, 1, -1, 0) == 4, "pwritev2 at offset -1 writes into a pipe");
  check(preadv2(p[0], &one, 1, -1, 0) == 4 && same(buf, "pipe", 4), "preadv2 at offset -1 reads from it");
  sys_close(p[0]);
  sys_close(p[1]);
  u32 mode = stat_word(0, 16) & 0170000, rdev = stat_word(0, 32);
  int terminal = mode == 0020000 && ((rdev >> 8) == 4 || (rdev >> 8) == 5 || (rdev >> 8) == 136);
  const char *what = "pread64 on standard input (a pipe, socket or terminal): -ESPIPE";
  if (mode == 0010000 || mode == 0140000 || terminal) check(IS_ERR(pread64(0, buf, 1, 0), ESPIPE), what);
  else skip(what, "standard input is none of them");
}

static void directory_cases(void) {
  i32 dir = sys3(SYS_open, (i32)"/tmp", O_DIRECTORY, 0);
  check(IS_ERR(pread64(dir, buf, 10, 0), EISDIR) && IS_ERR(sys_read(dir, buf, 10), EISDIR), "pread64 and read on a directory: -EISDIR");
  check(IS_ERR(pread64(dir, buf, 0, 0), EISDIR), "even for 0 bytes");
  struct iovec one = { (u32)buf, 10 };
  check(IS_ERR(preadv(dir, &one, 1, 0), EISDIR), "preadv on a directory: -EISDIR");
  sys_close(dir);
}

static void vector_cases(i32 fd) {
  seek(fd, 321);
  u8 *a = buf, *b = buf + 100, *c = buf + 200;
  struct iovec three[3] = { { (u32)a, 10 }, { (u32)b, 0 }, { (u32)c, 20 } };
  check(preadv(fd, three, 3, 100) == 30 && is_pattern(a, 100, 10) && is_pattern(c, 110, 20), "preadv fills 10 + 0 + 20 bytes from offset 100");
  check(position(fd) == 321, "preadv leaves the file position alone");
  struct iovec two[2] = { { (u32)"ab", 2 }, { (u32)"cd", 2 } };
  check(pwritev(fd, two, 2, 50) == 4 && pread64(fd, buf, 4, 50) == 4 && same(buf, "abcd", 4), "pwritev writes 2 + 2 bytes at offset 50");
  check(position(fd) == 321, "pwritev leaves the file position alone");
  check(preadv(fd, three, 3, 1LL << 33) == 0, "preadv past the end (8 GiB): 0");
  check(IS_ERR(preadv(fd, three, 3, -1), EINVAL) && IS_ERR(pwritev(fd, two, 2, -5), EINVAL), "preadv/pwritev at a negative offset: -EINVAL");
  check(preadv(fd, three, 0, 0) == 0, "no iovecs: 0");
  check(IS_ERR(preadv(fd, three, 1025, 0), EINVAL), "more than 1024 iovecs: -EINVAL");
  check(IS_ERR(preadv(fd, (struct iovec *)0, 1, 0), EFAULT), "iovecs at NULL: -EFAULT");
  struct iovec huge[2] = { { 0xc0000000u, 10 }, { (u32)buf, 0x80000000u } };
  check(IS_ERR(preadv(fd, huge, 2, 0), EINVAL), "an iovec length beyond SSIZE_MAX: -EINVAL (lengths are checked before buffers)");
  struct iovec bad = { 0xc0000000u, 10 };
  check(IS_ERR(preadv(fd, &bad, 1, 0), EFAULT), "an iovec outside user memory: -EFAULT");
  i32 wo = sys3(SYS_open, (i32)path, O_WRONLY, 0), ro = sys_open(path, 0);
  check(IS_ERR(preadv(wo, three, 3, 0), EBADF) && IS_ERR(pwritev(ro, two, 2, 0), EBADF), "preadv without read access, pwritev without write access: -EBADF");
  sys_close(wo);
  sys_close(ro);
  u8 *edge = before_hole(96);
  struct iovec split[2] = { { (u32)buf, 10 }, { (u32)edge, 200 } };
  check(preadv(fd, split, 2, 1000) == 106 && is_pattern(buf, 1000, 10) && is_pattern(edge, 1010, 96), "preadv stops at the page that faults: 10 + 96 bytes");
  sys_munmap((i32)((u32)edge & ~(PAGE - 1)), PAGE);
  seek(fd, 1000);
  struct iovec r2[2] = { { (u32)a, 5 }, { (u32)c, 5 } };
  check(sys3(SYS_readv, fd, (i32)r2, 2) == 10 && is_pattern(a, 1000, 5) && is_pattern(c, 1005, 5) && position(fd) == 1010, "readv reads at the file position and moves it");
}

static void v2_cases(i32 fd) {
  seek(fd, 200);
  struct iovec one = { (u32)buf, 10 };
  check(preadv2(fd, &one, 1, 3000, 0) == 10 && is_pattern(buf, 3000, 10) && position(fd) == 200, "preadv2 with flags 0 is preadv");
  check(preadv2(fd, &one, 1, -1, 0) == 10 && is_pattern(buf, 200, 10) && position(fd) == 210, "preadv2 at offset -1 reads at the file position and moves it");
  check(IS_ERR(preadv2(fd, &one, 1, -2, 0), EINVAL), "preadv2 at offset -2: -EINVAL");
  check(preadv2(fd, &one, 1, 4000, RWF_HIPRI) == 10 && is_pattern(buf, 4000, 10), "preadv2 with RWF_HIPRI reads");
  check(IS_ERR(preadv2(fd, &one, 1, 0, 0x40000000u), EOPNOTSUPP) && IS_ERR(preadv2(fd, &one, 1, -1, 0x40000000u), EOPNOTSUPP),
        "preadv2 with an unknown flag: -EOPNOTSUPP");
  check(preadv2(fd, &one, 0, 0, 0x40000000u) == 0, "with nothing to move the flags are not looked at: 0");
  u32 size = size_of(fd);
  struct iovec w = { (u32)"QQ", 2 };
  check(IS_ERR(pwritev2(fd, &w, 1, 0, 0x40000000u), EOPNOTSUPP) && size_of(fd) == size, "pwritev2 with an unknown flag: -EOPNOTSUPP, nothing written");
  check(IS_ERR(pwritev2(fd, &w, 1, 0, RWF_APPEND | RWF_NOAPPEND), EINVAL), "RWF_APPEND with RWF_NOAPPEND: -EINVAL");
  check(pwritev2(fd, &w, 1, 0, RWF_APPEND) == 2 && size_of(fd) == size + 2 && pread64(fd, buf2, 2, size) == 2 && same(buf2, "QQ", 2),
        "pwritev2 with RWF_APPEND writes at the end whatever the offset");
  check(pread64(fd, buf2, 1, 0) == 1 && buf2[0] == pattern(0) && position(fd) == 210, "offset 0 and the file position are unchanged");
  check(pwritev2(fd, &w, 1, -1, RWF_APPEND) == 2 && size_of(fd) == size + 4 && position(fd) == (i32)(size + 4),
        "pwritev2 at offset -1 with RWF_APPEND appends and moves the position to the end");
  i32 ap = sys3(SYS_open, (i32)path, O_RDWR | O_APPEND, 0);
  struct iovec n = { (u32)"nn", 2 };
  check(pwritev2(ap, &n, 1, 10, RWF_NOAPPEND) == 2 && size_of(fd) == size + 4 && pread64(fd, buf2, 2, 10) == 2 && same(buf2, "nn", 2),
        "pwritev2 with RWF_NOAPPEND on an O_APPEND descriptor writes at the offset");
  check(pwritev2(ap, &n, 1, 10, RWF_DSYNC) == 2 && size_of(fd) == size + 6, "and without it (RWF_DSYNC), at the end");
  sys_close(ap);
}

static void proc_cases(char *argv0) {
  i32 fd = sys_open("/proc/self/cmdline", 0);
  u32 len = 0;
  while (argv0[len]) len++;
  check(len >= 4 && pread64(fd, buf, 3, 1) == 3 && same(buf, argv0 + 1, 3), "pread64 at offset 1 of /proc/self/cmdline");
  check(pread64(fd, buf, 100, len + 1) == 0 && pread64(fd, buf, len + 1, 0) == (i32)(len + 1) && same(buf, argv0, len), "past the end: 0; at 0 the whole first argument");
  sys_close(fd);
}

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)envp;
  ktap_append_pid(path);
  ktap_plan(71);
  i32 fd = make_file();
  pread_cases(fd);
  pwrite_cases(fd);
  pipe_cases();
  directory_cases();
  vector_cases(fd);
  v2_cases(fd);
  proc_cases(argv[0]);
  sys_close(fd);
  sys1(SYS_unlink, (i32)path);
  return ktap_done("pio");
}
