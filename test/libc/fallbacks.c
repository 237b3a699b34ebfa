/*
 * The C libraries on the system calls OpenOS answers with -ENOSYS: statx (383), which glibc's
 * stat family tries first on i386 and, on -ENOSYS, replaces with fstatat64; and rseq (386), with
 * which glibc registers every thread's restartable-sequence area and without which it carries on
 * (sched_getcpu then asks getcpu, 318). Built against musl and glibc (tools/build/libc-programs.ts),
 * run on OpenOS and, as the reference, on the Linux host, where statx and rseq work: the answers
 * must be the same either way. Prints KTAP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"

static __thread int per_thread = 7;

static void *thread_body(void *arg) {
  per_thread = 99;
  *(int *)arg = per_thread + 1;
  return NULL;
}

int main(void) {
  char dir[64], file[96], link[96];
  snprintf(dir, sizeof dir, "/tmp/libc-fallbacks-%d", (int)getpid());
  snprintf(file, sizeof file, "%s/file", dir);
  snprintf(link, sizeof link, "%s/link", dir);
  printf("KTAP version 1\n1..16\n");

  time_t before = time(NULL);
  check(mkdir(dir, 0755) == 0, "mkdir makes a scratch directory");
  int fd = open(file, O_CREAT | O_RDWR | O_TRUNC, 0640);
  char bytes[1234];
  memset(bytes, 'x', sizeof bytes);
  check(fd >= 0 && write(fd, bytes, sizeof bytes) == (ssize_t)sizeof bytes, "a file of 1234 bytes is written");
  time_t after = time(NULL);

  struct stat st, fst, lst;
  check(stat(file, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 1234 && (st.st_mode & 07777) == 0640 && st.st_nlink == 1,
        "stat: a regular file, its size, permissions and link count");
  check(st.st_mtime >= before - 1 && st.st_mtime <= after + 1, "stat: the modification time is the time of the write");
  check(fstat(fd, &fst) == 0 && fst.st_ino == st.st_ino && fst.st_dev == st.st_dev && fst.st_size == 1234,
        "fstat on the descriptor agrees with stat (inode, device, size)");
  check(symlink("file", link) == 0, "symlink");
  check(lstat(link, &lst) == 0 && S_ISLNK(lst.st_mode) && lst.st_size == 4, "lstat: the link itself, its size the length of its target");
  check(stat(link, &lst) == 0 && lst.st_ino == st.st_ino, "stat follows the link to the file");
  check(fstatat(AT_FDCWD, link, &lst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(lst.st_mode), "fstatat with AT_SYMLINK_NOFOLLOW");
  check(stat(dir, &lst) == 0 && S_ISDIR(lst.st_mode), "stat: a directory");
  errno = 0;
  check(stat("/no/such/file", &lst) == -1 && errno == ENOENT, "stat of a missing path: ENOENT");

  struct timespec times[2] = { { 1000000000, 5000 }, { 1234567890, 123456789 } };
  check(utimensat(AT_FDCWD, file, times, 0) == 0 && stat(file, &st) == 0 &&
        st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 5000 &&
        st.st_mtim.tv_sec == 1234567890 && st.st_mtim.tv_nsec == 123456789,
        "utimensat, then stat reads both times back to the nanosecond");

  int result = 0;
  pthread_t t;
  check(pthread_create(&t, NULL, thread_body, &result) == 0 && pthread_join(t, NULL) == 0 && result == 100,
        "a thread starts, runs and is joined");
  check(per_thread == 7, "the thread's __thread variable was its own");
  check(sched_getcpu() >= 0, "sched_getcpu answers");

  close(fd);
  check(unlink(link) == 0 && unlink(file) == 0 && rmdir(dir) == 0, "the scratch files are removed");
  printf("# fallbacks: %d failure(s)\n", failures);
  return failures != 0;
}
