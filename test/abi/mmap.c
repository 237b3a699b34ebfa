/*
 * Memory mappings from ring 3, as Linux answers them: anonymous private and shared mappings
 * (shared ones across fork, demand-zero from any sharer, partly protected or unmapped), file
 * mappings of a tmpfs file (private with copy-on-write, at an offset, zeros past the end of the
 * file in its last page and SIGBUS past that page, shared with writes reaching the file),
 * /dev/zero, mremap (shrink, grow in place, move, MREMAP_FIXED, MREMAP_DONTUNMAP, a second
 * mapping of shared memory), madvise (MADV_DONTNEED on private, copy-on-write, shared and file
 * memory), msync and PROT_NONE, with the error of every misuse; and, on OpenOS, that none of it
 * leaks a page frame over fork, exit and execve. Prints KTAP.
 */
#include "ktap.h"

#define SYS_unlink 10
#define SYS_lseek 19
#define SYS_old_mmap 90
#define SYS_sysinfo 116
#define SYS_uname 122
#define SYS_mprotect 125
#define SYS_msync 144
#define SYS_mremap 163
#define SYS_madvise 219

typedef unsigned char u8;

#define PAGE 4096u
#define PROT_NONE 0
#define PROT_RW (PROT_READ | PROT_WRITE)
#define MAP_SHARED 1
#define MAP_FIXED 0x10
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4
#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MS_ASYNC 1
#define MS_SYNC 4
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0x40
#define O_TRUNC 0x200
#define O_DIRECTORY 0x10000
#define EBADF 9
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define SIGBUS 7
#define SIGSEGV 11

/** The raw result of a call is the negative errno `e`. */
#define IS_ERR(r, e) ((u32)(r) == (u32)-(e))

static u32 map(u32 addr, u32 len, u32 prot, u32 flags, i32 fd, u32 pgoff) {
  return (u32)call6(SYS_mmap2, (i32)addr, (i32)len, (i32)prot, (i32)flags, fd, (i32)pgoff);
}
static u32 anon(u32 len) { return map(0, len, PROT_RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); }
static u32 shared_anon(u32 len) { return map(0, len, PROT_RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0); }
static u32 remap(u32 old, u32 old_len, u32 new_len, u32 flags, u32 new_addr) {
  return (u32)call6(SYS_mremap, (i32)old, (i32)old_len, (i32)new_len, (i32)flags, (i32)new_addr, 0);
}
static i32 advise(u32 a, u32 len, i32 advice) { return sys3(SYS_madvise, (i32)a, (i32)len, advice); }
static i32 protect(u32 a, u32 len, u32 prot) { return sys3(SYS_mprotect, (i32)a, (i32)len, (i32)prot); }
static i32 unmap(u32 a, u32 len) { return sys_munmap((i32)a, len); }
/* msync(MS_ASYNC) changes nothing and fails with -ENOMEM exactly when part of the range is unmapped. */
static int mapped(u32 a, u32 len) { return sys3(SYS_msync, (i32)a, (i32)len, MS_ASYNC) == 0; }
static int ok_addr(u32 r) { return !SYS_FAILED(r) && (r & (PAGE - 1)) == 0; }

static volatile u32 *W(u32 a) { return (volatile u32 *)a; }
static volatile u8 *B(u32 a) { return (volatile u8 *)a; }

/* Writes seed, seed+1, … into the words of [a, a+len); `holds` checks them. */
static void fill(u32 a, u32 len, u32 seed) {
  for (u32 i = 0; i < len / 4; i++) W(a)[i] = seed + i;
}
static int holds(u32 a, u32 len, u32 seed) {
  for (u32 i = 0; i < len / 4; i++) if (W(a)[i] != seed + i) return 0;
  return 1;
}
static int zeros(u32 a, u32 len) {
  for (u32 i = 0; i < len; i++) if (B(a)[i] != 0) return 0;
  return 1;
}

/* Runs fn(arg) in a child process; returns its wait status. */
static i32 in_child(int (*fn)(u32), u32 arg) {
  i32 pid = sys_fork();
  if (pid == 0) sys_exit(fn(arg));
  i32 status = -1;
  sys_wait(pid, &status);
  return status;
}
static int exited(i32 status, int code) { return status == (code << 8); }
static int killed_by(i32 status, int sig) { return (status & 0x7f) == sig; }
static int read_byte(u32 a) { return B(a)[0] == 0x5a ? 2 : 0; }
static int write_byte(u32 a) { B(a)[0] = 0xab; return 0; }
static int touch_page(u32 a) { return B(a)[0] == 0xff ? 1 : 0; }

static int on_openos(void) {
  static char uts[390];
  sys1(SYS_uname, (i32)uts);
  const char *s = "OpenOS";
  for (int i = 0; s[i]; i++) if (uts[i] != s[i]) return 0;
  return uts[6] == 0;
}

/* Free page frames (sysinfo's freeram in pages). */
static u32 free_pages(void) {
  u32 si[16];
  sys1(SYS_sysinfo, (i32)si);
  return si[13] >= PAGE ? si[5] * (si[13] / PAGE) : si[5] / (PAGE / si[13]);
}

/* A KTAP diagnostic line: "# what: n". */
static void note(const char *what, u32 n) {
  char line[100];
  char *p = line;
  *p++ = '#'; *p++ = ' ';
  while (*what) *p++ = *what++;
  *p++ = ':'; *p++ = ' ';
  p = ktap_number(p, n);
  *p++ = '\n';
  sys_write(1, line, (u32)(p - line));
}

/* ---- the test file: FILE_BYTES bytes of a pattern, in /tmp ---- */
#define FILE_BYTES (3 * PAGE + 100)
static char path[40] = "/tmp/abi-mmap-";

static u8 pattern(u32 i) { return (u8)(i * 7 + 3); }

/* Creates the test file anew; returns an O_RDWR descriptor. */
static i32 make_file(void) {
  static u8 bytes[FILE_BYTES];
  for (u32 i = 0; i < FILE_BYTES; i++) bytes[i] = pattern(i);
  i32 fd = sys3(SYS_open, (i32)path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  sys_write(fd, bytes, FILE_BYTES);
  return fd;
}

static int file_bytes_at(u32 a, u32 offset, u32 n) {
  for (u32 i = 0; i < n; i++) if (B(a)[i] != pattern(offset + i)) return 0;
  return 1;
}

/* The file's byte at `offset`, through lseek and read(2) (the file position moves). */
static u8 file_byte(i32 fd, u32 offset) {
  u8 c = 0;
  sys3(SYS_lseek, fd, (i32)offset, 0);
  sys_read(fd, &c, 1);
  return c;
}

/* ---- anonymous memory ---- */

static void anonymous(void) {
  u32 a = anon(3 * PAGE);
  check(ok_addr(a) && zeros(a, 3 * PAGE), "an anonymous private mapping reads zeros");
  fill(a, 3 * PAGE, 100);
  check(holds(a, 3 * PAGE, 100), "and keeps what is written");
  check(IS_ERR(anon(0), EINVAL), "mmap of 0 bytes: -EINVAL");
  check(IS_ERR(map(0, PAGE, PROT_RW, MAP_ANONYMOUS, -1, 0), EINVAL), "mmap that is neither shared nor private: -EINVAL");
  check(IS_ERR(map(a + 1, PAGE, PROT_RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL), "MAP_FIXED at an unaligned address: -EINVAL");
  u32 f = map(a + PAGE, PAGE, PROT_RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  check(f == a + PAGE && zeros(a + PAGE, PAGE) && holds(a, PAGE, 100) && holds(a + 2 * PAGE, PAGE, 100 + 2 * PAGE / 4),
        "MAP_FIXED replaces the page under it and leaves its neighbours");
  check(IS_ERR(map(a, PAGE, PROT_RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST), "MAP_FIXED_NOREPLACE over a mapping: -EEXIST");
  B(a)[0] = 42;
  check(protect(a, PAGE, PROT_NONE) == 0 && killed_by(in_child(read_byte, a), SIGSEGV), "a PROT_NONE page: reading it is SIGSEGV");
  check(IS_ERR(sys_write(1, (const void *)a, 1), EFAULT), "and the kernel cannot read it either: -EFAULT");
  check(protect(a, PAGE, PROT_READ) == 0 && B(a)[0] == 42 && killed_by(in_child(write_byte, a), SIGSEGV),
        "PROT_READ again: the contents are back, a write is SIGSEGV");
  unmap(a, 3 * PAGE);
  check(!mapped(a, PAGE) && unmap(a, 3 * PAGE) == 0, "munmap leaves nothing, and unmapping nothing succeeds");
  u32 block[6] = { 0, 2 * PAGE, PROT_RW, MAP_PRIVATE | MAP_ANONYMOUS, (u32)-1, 0 };
  u32 old = (u32)sys1(SYS_old_mmap, (i32)block);
  check(ok_addr(old) && zeros(old, 2 * PAGE) && unmap(old, 2 * PAGE) == 0, "the old mmap (90) takes its arguments from a block in memory");
  block[5] = 100;
  check(IS_ERR(sys1(SYS_old_mmap, (i32)block), EINVAL), "and an offset that is not page-aligned: -EINVAL");
  check(IS_ERR(protect(a, PAGE, PROT_READ), ENOMEM), "mprotect of unmapped pages: -ENOMEM");
}

/* ---- mremap ---- */

static void mremap_cases(void) {
  /* Shrink in place. */
  u32 a = anon(4 * PAGE);
  fill(a, 4 * PAGE, 1000);
  check(remap(a, 4 * PAGE, 2 * PAGE, 0, 0) == a && holds(a, 2 * PAGE, 1000) && !mapped(a + 2 * PAGE, PAGE) && !mapped(a + 3 * PAGE, PAGE),
        "mremap shrinks in place: the tail is unmapped, the rest kept");
  unmap(a, 2 * PAGE);

  /* Grow in place into free addresses. */
  a = anon(3 * PAGE);
  fill(a, PAGE, 2000);
  unmap(a + PAGE, 2 * PAGE);
  u32 r = remap(a, PAGE, 3 * PAGE, 0, 0);
  check(r == a && holds(a, PAGE, 2000) && zeros(a + PAGE, 2 * PAGE), "mremap grows in place when the next pages are free (new pages read zeros)");
  W(a + 2 * PAGE)[0] = 7;
  check(W(a + 2 * PAGE)[0] == 7 && mapped(a, 3 * PAGE), "and the grown part is writable memory of the mapping");
  unmap(a, 3 * PAGE);

  /* Cannot grow in place without MREMAP_MAYMOVE. */
  a = anon(3 * PAGE);
  check(protect(a + 2 * PAGE, PAGE, PROT_READ) == 0 && IS_ERR(remap(a, 2 * PAGE, 3 * PAGE, 0, 0), ENOMEM),
        "growing into another mapping without MREMAP_MAYMOVE: -ENOMEM");
  check(IS_ERR(remap(a, PAGE, 2 * PAGE, 0, 0), ENOMEM), "growing a part that does not end the mapping without MREMAP_MAYMOVE: -ENOMEM");

  /* Move with MREMAP_MAYMOVE: contents travel, the old range is unmapped. */
  fill(a, 2 * PAGE, 3000);
  r = remap(a, 2 * PAGE, 8 * PAGE, MREMAP_MAYMOVE, 0);
  check(ok_addr(r) && r != a && holds(r, 2 * PAGE, 3000) && zeros(r + 2 * PAGE, 6 * PAGE),
        "mremap with MREMAP_MAYMOVE moves the mapping: contents kept, new pages zero");
  check(!mapped(a, 2 * PAGE) && mapped(a + 2 * PAGE, PAGE), "the old range is unmapped, the mapping after it untouched");
  fill(r, 8 * PAGE, 4000);
  check(holds(r, 8 * PAGE, 4000), "the moved mapping is writable memory");
  unmap(a + 2 * PAGE, PAGE);

  /* Realloc-like growth, several times over. */
  u32 cur = r, len = 8 * PAGE;
  int kept = 1;
  for (int i = 0; i < 5 && kept; i++) {
    u32 blocker = map(cur + len, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    u32 n = remap(cur, len, 2 * len, MREMAP_MAYMOVE, 0);
    kept = ok_addr(n) && holds(n, 8 * PAGE, 4000) && zeros(n + len, len);
    if (blocker == cur + len) unmap(blocker, PAGE);
    cur = n;
    len *= 2;
  }
  check(kept, "five doublings with MREMAP_MAYMOVE (as realloc grows a large block) keep the contents");
  unmap(cur, len);

  /* MREMAP_FIXED: to a given address, replacing what was there. */
  u32 src = anon(2 * PAGE), dst = anon(4 * PAGE);
  fill(src, 2 * PAGE, 5000);
  fill(dst, 4 * PAGE, 6000);
  r = remap(src, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
  check(r == dst && holds(dst, 2 * PAGE, 5000) && holds(dst + 2 * PAGE, 2 * PAGE, 6000 + 2 * PAGE / 4) && !mapped(src, 2 * PAGE),
        "MREMAP_FIXED moves to the address given, replacing only the pages the new mapping covers");
  src = anon(PAGE);
  fill(src, PAGE, 7000);
  r = remap(src, PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PAGE);
  check(r == dst + PAGE && holds(dst, PAGE, 5000) && holds(dst + PAGE, PAGE, 7000) && zeros(dst + 2 * PAGE, 2 * PAGE) && !mapped(src, PAGE),
        "MREMAP_FIXED growing into the middle of another mapping");
  unmap(dst, 4 * PAGE);

  /* MREMAP_DONTUNMAP: the pages move, the old range stays mapped and empty. */
  a = anon(2 * PAGE);
  fill(a, 2 * PAGE, 8000);
  r = remap(a, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
  check(ok_addr(r) && r != a && holds(r, 2 * PAGE, 8000) && mapped(a, 2 * PAGE) && zeros(a, 2 * PAGE),
        "MREMAP_DONTUNMAP moves the pages and leaves the old range mapped, reading zeros");
  check(IS_ERR(remap(r, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0), EINVAL), "MREMAP_DONTUNMAP with a new size: -EINVAL");
  unmap(r, 2 * PAGE);

  /* Errors. */
  check(IS_ERR(remap(a + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE, 0), EINVAL), "mremap of an unaligned address: -EINVAL");
  check(IS_ERR(remap(a, PAGE, 2 * PAGE, 8, 0), EINVAL), "mremap with unknown flags: -EINVAL");
  check(IS_ERR(remap(a, PAGE, PAGE, MREMAP_FIXED, a + 64 * PAGE), EINVAL), "MREMAP_FIXED without MREMAP_MAYMOVE: -EINVAL");
  check(IS_ERR(remap(a, PAGE, 0, MREMAP_MAYMOVE, 0), EINVAL), "mremap to 0 bytes: -EINVAL");
  check(IS_ERR(remap(a, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, a + PAGE), EINVAL), "MREMAP_FIXED onto an overlapping range: -EINVAL");
  u32 x = anon(3 * PAGE);
  unmap(x + 2 * PAGE, PAGE);
  check(IS_ERR(remap(x, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, 0), EFAULT), "an old range reaching past its mapping: -EFAULT");
  unmap(x, 2 * PAGE);
  check(IS_ERR(remap(a, 0, PAGE, MREMAP_MAYMOVE, 0), EINVAL), "old size 0 on a private mapping: -EINVAL");
  unmap(a, 2 * PAGE);
  check(IS_ERR(remap(a, PAGE, 2 * PAGE, MREMAP_MAYMOVE, 0), EFAULT), "mremap of an unmapped range: -EFAULT");
}

/* ---- madvise ---- */

static int dontneed_in_child(u32 a) {
  if (advise(a, 2 * PAGE, MADV_DONTNEED) != 0) return 1;
  return zeros(a, 2 * PAGE) ? 0 : 2;
}

static void madvise_cases(int openos) {
  u32 n = 64;
  u32 a = anon(n * PAGE);
  fill(a, n * PAGE, 9000);
  u32 before = free_pages();
  i32 dropped = advise(a, n * PAGE, MADV_DONTNEED);
  u32 after = free_pages();
  check(dropped == 0 && zeros(a, n * PAGE), "MADV_DONTNEED: private anonymous memory reads zeros again");
  if (openos) check(after >= before + n - 2, "and its page frames are free");
  else skip("and its page frames are free", "other processes change the host's free memory");
  fill(a, 2 * PAGE, 9100);
  check(exited(in_child(dontneed_in_child, a), 0) && holds(a, 2 * PAGE, 9100),
        "MADV_DONTNEED in a fork child drops its copy-on-write pages only: the parent keeps its data");
  check(advise(a, PAGE, MADV_NORMAL) == 0 && advise(a, PAGE, MADV_RANDOM) == 0 && advise(a, PAGE, MADV_SEQUENTIAL) == 0 &&
        advise(a, PAGE, MADV_WILLNEED) == 0 && holds(a, 2 * PAGE, 9100), "MADV_NORMAL, RANDOM, SEQUENTIAL and WILLNEED succeed and change nothing");
  check(advise(a, 2 * PAGE, MADV_FREE) == 0, "MADV_FREE on private anonymous memory succeeds");
  check(IS_ERR(advise(a + 1, PAGE, MADV_DONTNEED), EINVAL), "madvise at an unaligned address: -EINVAL");
  check(IS_ERR(advise(a, PAGE, 999), EINVAL), "unknown advice: -EINVAL");
  unmap(a + 8 * PAGE, PAGE);
  fill(a, 2 * PAGE, 9200);
  check(IS_ERR(advise(a, 16 * PAGE, MADV_DONTNEED), ENOMEM) && zeros(a, 2 * PAGE), "a range with a hole: -ENOMEM (the mapped part still takes the advice)");
  check(IS_ERR(advise(a + 8 * PAGE, PAGE, MADV_NORMAL), ENOMEM), "madvise of unmapped memory: -ENOMEM");
  unmap(a, n * PAGE);
  u32 s = shared_anon(PAGE);
  fill(s, PAGE, 9300);
  check(advise(s, PAGE, MADV_DONTNEED) == 0 && holds(s, PAGE, 9300), "MADV_DONTNEED on shared memory keeps its contents (they belong to the shared object)");
  check(IS_ERR(advise(s, PAGE, MADV_FREE), EINVAL), "MADV_FREE on shared memory: -EINVAL");
  unmap(s, PAGE);
}

/* ---- shared anonymous memory ---- */

static int shared_child(u32 s) {
  if (W(s)[0] != 1) return 1;
  W(s)[0] = 3;                  /* seen by the parent */
  W(s + PAGE)[0] = 2;           /* a page nobody touched before the fork: zero-filled here, shared */
  return 0;
}

static i32 sync_pipe[2];

static int late_write_child(u32 s) {
  char c;
  sys_read(sync_pipe[0], &c, 1); /* the parent writes after the fork, then says so */
  return W(s)[0] == 77 ? 0 : 1;
}

static int protected_shared_child(u32 s) {
  W(s + PAGE)[0] = 55;           /* the writable half */
  W(s)[0] = 56;                  /* the read-only half: SIGSEGV */
  return 0;
}

static int unmapped_part_child(u32 s) {
  if (mapped(s + PAGE, PAGE)) return 1;
  W(s)[0] = 99;
  return 0;
}

static void shared_cases(int openos) {
  u32 s = shared_anon(2 * PAGE);
  check(ok_addr(s) && zeros(s, 2 * PAGE), "a shared anonymous mapping reads zeros");
  W(s)[0] = 1;
  check(exited(in_child(shared_child, s), 0) && W(s)[0] == 3 && W(s + PAGE)[0] == 2,
        "a fork child reads the parent's writes, and its own writes (to a page first touched there too) reach the parent");
  sys_pipe(sync_pipe);
  i32 pid = sys_fork();
  if (pid == 0) sys_exit(late_write_child(s));
  W(s)[0] = 77;
  sys_write(sync_pipe[1], "g", 1);
  i32 status = -1;
  sys_wait(pid, &status);
  check(exited(status, 0), "the parent's writes after the fork reach the child");
  sys_close(sync_pipe[0]);
  sys_close(sync_pipe[1]);
  check(protect(s, PAGE, PROT_READ) == 0 && killed_by(in_child(protected_shared_child, s), SIGSEGV) && W(s + PAGE)[0] == 55 && W(s)[0] == 77,
        "mprotect of half of it: a write there is SIGSEGV, the other half is still shared");
  check(protect(s, PAGE, PROT_RW) == 0 && unmap(s + PAGE, PAGE) == 0 && exited(in_child(unmapped_part_child, s), 0) && W(s)[0] == 99,
        "munmap of half of it: the rest is still shared");
  unmap(s, PAGE);

  /* /dev/zero: MAP_SHARED is shared memory, MAP_PRIVATE anonymous memory. */
  i32 z = sys_open("/dev/zero", O_RDWR);
  u32 zs = map(0, 2 * PAGE, PROT_RW, MAP_SHARED, z, 0);
  u32 zp = map(0, PAGE, PROT_RW, MAP_PRIVATE, z, 0);
  sys_close(z);
  check(ok_addr(zs) && ok_addr(zp) && zeros(zs, PAGE) && zeros(zp, PAGE), "/dev/zero maps zeros, shared or private");
  W(zs)[0] = 1;
  W(zp)[0] = 1;
  check(exited(in_child(shared_child, zs), 0) && W(zs)[0] == 3 && W(zs + PAGE)[0] == 2, "a MAP_SHARED mapping of /dev/zero is shared with a fork child");
  check(exited(in_child(write_byte, zp), 0) && B(zp)[0] == 1, "a MAP_PRIVATE one is not");
  unmap(zs, 2 * PAGE);
  unmap(zp, PAGE);

  /* A second mapping of shared memory through mremap with old size 0. */
  s = shared_anon(PAGE);
  W(s)[0] = 5;
  u32 t = remap(s, 0, PAGE, MREMAP_MAYMOVE, 0);
  check(ok_addr(t) && t != s && W(t)[0] == 5, "mremap with old size 0 maps shared memory a second time");
  W(t)[0] = 6;
  check(W(s)[0] == 6, "and the two mappings are the same memory");
  unmap(s, PAGE);
  check(W(t)[0] == 6, "which outlives the first mapping");
  unmap(t, PAGE);
  s = shared_anon(PAGE);
  W(s)[0] = 8;
  t = remap(s, PAGE, 2 * PAGE, MREMAP_MAYMOVE, 0);
  check(ok_addr(t) && W(t)[0] == 8 && killed_by(in_child(touch_page, t + PAGE), SIGBUS),
        "shared memory keeps its size: a mapping grown past it by mremap is SIGBUS there");
  unmap(t, 2 * PAGE);

  /* Frames come back when the last sharer lets go. */
  u32 before = free_pages();
  s = shared_anon(64 * PAGE);
  fill(s, 64 * PAGE, 1);
  check(exited(in_child(shared_child, s), 0), "a child shares 64 touched pages");
  u32 during = free_pages();
  unmap(s, 64 * PAGE);
  u32 after = free_pages();
  if (openos) check(during + 60 <= before && after + 4 >= before, "their frames are freed when the last mapping goes");
  else skip("their frames are freed when the last mapping goes", "other processes change the host's free memory");
}

/* ---- file mappings ---- */

static void file_cases(void) {
  i32 fd = make_file();
  u32 m = map(0, FILE_BYTES, PROT_READ, MAP_PRIVATE, fd, 0);
  check(ok_addr(m) && file_bytes_at(m, 0, FILE_BYTES), "a private read-only mapping of a file reads its bytes");
  check(zeros(m + FILE_BYTES, 4 * PAGE - FILE_BYTES), "bytes past the end of the file in its last page read as zeros");
  unmap(m, 4 * PAGE);
  m = map(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 1);
  check(ok_addr(m) && file_bytes_at(m, PAGE, 2 * PAGE), "a mapping at an offset of one page starts there");
  unmap(m, 2 * PAGE);
  m = map(0, 6 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
  check(ok_addr(m) && killed_by(in_child(touch_page, m + 4 * PAGE), SIGBUS), "a page wholly past the end of the file: SIGBUS");
  sys3(SYS_lseek, fd, 0, 0);
  check(IS_ERR(sys_read(fd, (void *)(m + 5 * PAGE), 10), EFAULT), "and a read(2) into it: -EFAULT");
  unmap(m, 6 * PAGE);

  /* Private writes: copy-on-write, the file does not change. */
  m = map(0, 2 * PAGE, PROT_RW, MAP_PRIVATE, fd, 0);
  u32 other = map(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
  B(m)[10] = 0xee;
  check(B(m)[10] == 0xee && file_byte(fd, 10) == pattern(10) && B(other)[10] == pattern(10),
        "a write to a private file mapping stays private (the file and other mappings keep their bytes)");
  sys3(SYS_lseek, fd, PAGE + 5, 0);
  sys_write(fd, "Q", 1);
  check(B(m + PAGE)[5] == 'Q' && B(m)[10] == 0xee, "a private mapping sees write(2)s to pages it has not copied");
  check(advise(m, PAGE, MADV_DONTNEED) == 0 && B(m)[10] == pattern(10), "MADV_DONTNEED on a private file mapping drops the copy: the file's bytes are back");
  unmap(m, 2 * PAGE);
  unmap(other, 2 * PAGE);

  /* mremap keeps a file mapping's offset. */
  m = map(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 1);
  u32 r = remap(m, PAGE, 2 * PAGE, MREMAP_MAYMOVE, 0);
  check(ok_addr(r) && file_bytes_at(r, PAGE, 5) && B(r)[5] == 'Q' && file_bytes_at(r + PAGE, 2 * PAGE, PAGE),
        "a grown file mapping continues with the file's next page");
  unmap(r, 2 * PAGE);

  /* Shared file mappings: writes reach the file. */
  u32 sh = map(0, 2 * PAGE, PROT_RW, MAP_SHARED, fd, 1);
  check(ok_addr(sh) && file_bytes_at(sh, PAGE, 5), "a shared mapping of the file reads its bytes");
  B(sh)[0] = 'S';
  B(sh + PAGE)[99] = 'T';
  check(file_byte(fd, PAGE) == 'S' && file_byte(fd, 2 * PAGE + 99) == 'T', "writes through a shared mapping reach the file (read(2) sees them)");
  check(sys3(SYS_msync, (i32)sh, 2 * PAGE, MS_SYNC) == 0, "msync(MS_SYNC) succeeds");
  sys3(SYS_lseek, fd, PAGE + 1, 0);
  sys_write(fd, "U", 1);
  check(B(sh)[1] == 'U', "write(2)s to the file show in the shared mapping");
  check(exited(in_child(write_byte, sh), 0) && B(sh)[0] == 0xab && file_byte(fd, PAGE) == 0xab, "a fork child writes through its copy of the mapping to the same file");
  check(IS_ERR(sys3(SYS_msync, (i32)sh, PAGE, MS_ASYNC | MS_SYNC), EINVAL), "msync with both MS_ASYNC and MS_SYNC: -EINVAL");
  u32 gone = anon(PAGE);
  unmap(gone, PAGE);
  check(IS_ERR(sys3(SYS_msync, (i32)gone, PAGE, MS_SYNC), ENOMEM), "msync of unmapped memory: -ENOMEM");
  sys_close(fd);
  sys1(SYS_unlink, (i32)path);
  B(sh)[2] = 'V';
  check(B(sh)[2] == 'V' && B(sh)[1] == 'U', "the mapping outlives the descriptor and the file's name");
  unmap(sh, 2 * PAGE);

  /* Permissions and files that cannot be mapped. */
  fd = make_file();
  i32 wo = sys_open(path, O_WRONLY);
  i32 ro = sys_open(path, O_RDONLY);
  check(IS_ERR(map(0, PAGE, PROT_READ, MAP_PRIVATE, wo, 0), EACCES), "mapping a file open only for writing: -EACCES");
  check(IS_ERR(map(0, PAGE, PROT_RW, MAP_SHARED, ro, 0), EACCES), "a shared writable mapping of a file open only for reading: -EACCES");
  m = map(0, PAGE, PROT_READ, MAP_SHARED, ro, 0);
  check(ok_addr(m) && IS_ERR(protect(m, PAGE, PROT_RW), EACCES), "and mprotect cannot make a shared read-only mapping of it writable: -EACCES");
  unmap(m, PAGE);
  m = map(0, PAGE, PROT_RW, MAP_PRIVATE, ro, 0);
  B(m)[0] = 1;
  check(ok_addr(m) && B(m)[0] == 1 && file_byte(fd, 0) == pattern(0), "a private writable mapping of it is fine (the writes stay private)");
  unmap(m, PAGE);
  check(IS_ERR(map(0, PAGE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF) && IS_ERR(map(0, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF),
        "a bad descriptor: -EBADF");
  i32 p[2];
  sys_pipe(p);
  check(IS_ERR(map(0, PAGE, PROT_READ, MAP_PRIVATE, p[0], 0), ENODEV), "a pipe cannot be mapped: -ENODEV");
  i32 null = sys_open("/dev/null", O_RDWR);
  check(IS_ERR(map(0, PAGE, PROT_READ, MAP_PRIVATE, null, 0), ENODEV), "/dev/null cannot be mapped: -ENODEV");
  i32 dir = sys3(SYS_open, (i32)"/tmp", O_DIRECTORY, 0);
  check(IS_ERR(map(0, PAGE, PROT_READ, MAP_PRIVATE, dir, 0), ENODEV), "a directory cannot be mapped: -ENODEV");
  sys_close(p[0]);
  sys_close(p[1]);
  sys_close(null);
  sys_close(dir);
  sys_close(wo);
  sys_close(ro);
  sys_close(fd);
  sys1(SYS_unlink, (i32)path);
}

/* ---- no frame leaks over fork, exit and execve ---- */

static const char *self;

/*
 * Opens the test file; with shared memory at `s` (0: none) also touches it and makes shared,
 * file and private mappings, all left for exit (or execve) to clean up.
 */
static int churn_child(u32 s) {
  i32 fd = sys_open(path, O_RDWR);
  if (s == 0) return 0;
  fill(s, 8 * PAGE, 11);
  u32 f = map(0, 2 * PAGE, PROT_RW, MAP_SHARED, fd, 0);
  u32 g = map(0, 2 * PAGE, PROT_RW, MAP_PRIVATE, fd, 0);
  B(f)[0] = 1;
  B(g)[0] = 2;
  fill(anon(4 * PAGE), 4 * PAGE, 3);
  return 0;
}

static int exec_child(u32 s) {
  churn_child(s);
  char *argv[] = { (char *)self, (char *)"exit", 0 };
  char *envp[] = { 0 };
  sys_execve(self, argv, envp);
  return 9;
}

/*
 * One round of processes and files: a file made and removed, three fork children, one of which
 * execs. With `maps`, the round also maps shared, private, moved and file memory in the parent
 * and the children; without, it does the rest alone (what it costs the kernel apart from
 * mappings).
 */
static void churn(int maps) {
  i32 fd = make_file();
  u32 s = maps ? shared_anon(8 * PAGE) : 0;
  if (maps) fill(s, 8 * PAGE, 1);
  in_child(churn_child, s);
  in_child(exec_child, s);
  if (!maps) {
    in_child(churn_child, 0);
    sys_close(fd);
    sys1(SYS_unlink, (i32)path);
    return;
  }
  u32 a = anon(16 * PAGE);
  fill(a, 16 * PAGE, 5);
  in_child(dontneed_in_child, a);
  u32 b = remap(a, 16 * PAGE, 32 * PAGE, MREMAP_MAYMOVE, 0);
  fill(b, 32 * PAGE, 6);
  advise(b, 8 * PAGE, MADV_DONTNEED);
  u32 f = map(0, 3 * PAGE, PROT_RW, MAP_SHARED, fd, 0);
  u32 g = map(0, 3 * PAGE, PROT_RW, MAP_PRIVATE, fd, 0);
  fill(f, 2 * PAGE, 7);
  fill(g, 3 * PAGE, 8);
  sys_close(fd);
  sys1(SYS_unlink, (i32)path);
  unmap(s, 8 * PAGE);
  unmap(b, 32 * PAGE);
  unmap(f, 3 * PAGE);
  unmap(g, 3 * PAGE);
}

/* Free page frames lost over 20 rounds. */
static i32 rounds_cost(int maps) {
  u32 before = free_pages();
  for (int i = 0; i < 20; i++) churn(maps);
  return (i32)(before - free_pages());
}

static void leak_cases(int openos) {
  churn(1); /* the first rounds warm caches: the program's own image pages, kernel slabs */
  churn(0);
  i32 plain = rounds_cost(0);
  i32 mapped = rounds_cost(1);
  const char *what = "20 rounds of shared, private, file and moved mappings over fork, exit and execve cost no page frames beyond the same rounds without them";
  if (openos) {
    note("page frames 20 rounds of processes and files cost", (u32)plain);
    note("and with mappings", (u32)mapped);
    check(mapped <= plain + 8, what);
  } else {
    skip(what, "other processes change the host's free memory");
  }
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  if (argc > 1 && argv[1][0] == 'e') return 0; /* "exit": the image execve'd by the leak test */
  self = argv[0];
  ktap_append_pid(path);
  int openos = on_openos();
  ktap_plan(86);
  anonymous();
  mremap_cases();
  madvise_cases(openos);
  shared_cases(openos);
  file_cases();
  leak_cases(openos);
  return ktap_done("mmap");
}
