/*
 * Memory through real C libraries: this file is built twice, against Debian's musl and
 * Debian's glibc for i386 (tools/build/libc-programs.ts), into static executables that run on
 * OpenOS and — as the reference — on the Linux host. realloc of large blocks (both libraries
 * keep them in mappings of their own and resize them with mremap), the mmap family's wrappers
 * (mmap, mremap, madvise, mprotect, msync, munmap), memory shared with a fork child holding a
 * process-shared semaphore and mutex, and a file read, written and shared through mappings.
 * Prints KTAP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"

#define MIB (1024 * 1024)
#define PAGE 4096

static void fill(unsigned *p, size_t words, unsigned seed) {
  for (size_t i = 0; i < words; i++) p[i] = seed + (unsigned)i;
}

static int holds(const unsigned *p, size_t words, unsigned seed) {
  for (size_t i = 0; i < words; i++) if (p[i] != seed + (unsigned)i) return 0;
  return 1;
}

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) if (p[i] != 0) return 0;
  return 1;
}

/* realloc of blocks large enough to be mappings of their own. */
static void reallocs(void) {
  unsigned *p = malloc(MIB);
  fill(p, MIB / 4, 1);
  p = realloc(p, 4 * MIB);
  int ok = p != NULL && holds(p, MIB / 4, 1);
  fill(p, 4 * MIB / 4, 2);
  p = realloc(p, 16 * MIB);
  ok = ok && p != NULL && holds(p, 4 * MIB / 4, 2);
  p = realloc(p, 2 * MIB);
  check(ok && p != NULL && holds(p, 2 * MIB / 4, 2), "realloc of a 1 MiB block to 4 and 16 MiB and back to 2 MiB keeps its contents");
  free(p);

  size_t size = 256 * 1024;
  unsigned char *b = malloc(size);
  memset(b, 0x5a, size);
  int kept = 1;
  while (size < 8 * MIB && kept) {
    size_t bigger = size + 256 * 1024;
    unsigned char *n = realloc(b, bigger);
    if (n == NULL) { kept = 0; break; }
    b = n;
    for (size_t i = 0; i < size; i += 997) if (b[i] != 0x5a) kept = 0;
    memset(b + size, 0x5a, bigger - size);
    size = bigger;
  }
  check(kept && size >= 8 * MIB, "a buffer grown by realloc in 256 KiB steps to 8 MiB keeps every byte");
  free(b);

  void *aligned = NULL;
  check(posix_memalign(&aligned, 64 * 1024, 3 * MIB) == 0 && ((size_t)aligned & 0xffff) == 0, "posix_memalign of 3 MiB at 64 KiB alignment");
  memset(aligned, 1, 3 * MIB);
  free(aligned);
}

/* The mmap family through the library's wrappers. */
static void wrappers(void) {
  unsigned *a = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check(a != MAP_FAILED && all_zero((unsigned char *)a, 4 * PAGE), "mmap: anonymous memory reads zeros");
  fill(a, 4 * PAGE / 4, 10);
  unsigned *b = mremap(a, 4 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
  check(b != MAP_FAILED && holds(b, 4 * PAGE / 4, 10) && all_zero((unsigned char *)b + 4 * PAGE, 60 * PAGE), "mremap grows it, keeping the contents");
  check(madvise(b, 4 * PAGE, MADV_DONTNEED) == 0 && all_zero((unsigned char *)b, 4 * PAGE), "madvise(MADV_DONTNEED) drops the pages");
  check(mprotect(b, PAGE, PROT_READ) == 0 && mprotect(b, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect");
  check(msync(b, PAGE, MS_SYNC) == 0, "msync");
  check(munmap(b, 64 * PAGE) == 0 && msync(b, PAGE, MS_ASYNC) == -1 && errno == ENOMEM, "munmap; msync then fails with ENOMEM");
  errno = 0;
  check(mremap(b, PAGE, 2 * PAGE, 0) == MAP_FAILED && errno == EFAULT, "mremap of unmapped memory: EFAULT");
  check(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 12345, 0) == MAP_FAILED && errno == EBADF, "mmap of a bad descriptor: EBADF");
}

/* The shared area of the fork test: a semaphore and a mutex that work across processes. */
struct shared {
  sem_t ready;
  pthread_mutex_t lock;
  int counter;
};

static void shared_memory(void) {
  struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
  int ok = s != MAP_FAILED && sem_init(&s->ready, 1, 0) == 0 && pthread_mutex_init(&s->lock, &ma) == 0;
  check(ok, "a process-shared semaphore and mutex in MAP_SHARED|MAP_ANONYMOUS memory");
  pid_t pid = fork();
  if (pid == 0) {
    for (int i = 0; i < 1000; i++) {
      pthread_mutex_lock(&s->lock);
      s->counter++;
      pthread_mutex_unlock(&s->lock);
    }
    sem_post(&s->ready);
    _exit(0);
  }
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&s->lock);
    s->counter++;
    pthread_mutex_unlock(&s->lock);
  }
  sem_wait(&s->ready);
  int status = -1;
  waitpid(pid, &status, 0);
  check(WIFEXITED(status) && s->counter == 2000, "parent and fork child count to 2000 under the shared mutex; the child's sem_post wakes the parent");
  munmap(s, sizeof *s);
}

/* A file read and written through mappings. */
static void file_mappings(void) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/libc-memory-%d", (int)getpid());
  FILE *f = fopen(path, "w+");
  for (int i = 0; i < 3 * PAGE - 100; i++) fputc('a' + i % 26, f);
  fflush(f);
  int fd = fileno(f);
  char *m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
  check(m != MAP_FAILED && m[0] == 'a' + PAGE % 26 && m[PAGE] == 'a' + (2 * PAGE) % 26 && all_zero((unsigned char *)m + 2 * PAGE - 100, 100),
        "a private mapping at an offset reads the file's bytes, zeros past its end");
  munmap(m, 2 * PAGE);
  char *w = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  memcpy(w + 100, "shared", 6);
  char buf[7] = { 0 };
  lseek(fd, 100, SEEK_SET);
  check(w != MAP_FAILED && read(fd, buf, 6) == 6 && strcmp(buf, "shared") == 0, "a write through a shared mapping reaches the file");
  munmap(w, 3 * PAGE);
  fclose(f);
  unlink(path);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  printf("KTAP version 1\n1..15\n");
  reallocs();
  wrappers();
  shared_memory();
  file_mappings();
  printf("# memory: %d failure(s)\n", failures);
  return failures != 0 || count != 15;
}
