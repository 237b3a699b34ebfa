/*
 * POSIX threads through real C libraries: this file is built twice, against Debian's musl and
 * Debian's glibc for i386 (tools/build/libc-programs.ts), into static executables that run on
 * OpenOS and — as the reference — on the Linux host. pthread_create, join, detach, mutexes
 * (plain and robust), condition variables with and without timeouts, barriers, once, rwlocks,
 * semaphores, thread-local storage, cancellation, pthread_kill and exit() from a thread all
 * rest on clone (glibc tries clone3 first and falls back), futex, set_thread_area,
 * set_tid_address, set_robust_list, tkill/tgkill and exit_group. Prints KTAP.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

/* Mutex-protected counter, return values, thread-local storage, thread ids. */
#define WORKERS 4
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread long tls_value = 7;
static pid_t worker_tids[WORKERS];
static long worker_tls[WORKERS];

static void *worker(void *arg) {
  long i = (long)arg;
  tls_value = 100 + i;
  worker_tids[i] = gettid_();
  for (int n = 0; n < 2000; n++) {
    pthread_mutex_lock(&counter_lock);
    counter++;
    pthread_mutex_unlock(&counter_lock);
    if (n % 500 == 0) sched_yield();
  }
  void *p = malloc(1000 + (size_t)i); /* the allocator's lock, from several threads */
  memset(p, (int)i, 1000);
  free(p);
  worker_tls[i] = tls_value;
  return (void *)(i * 2);
}

static void test_workers(void) {
  pthread_t t[WORKERS];
  int created = 1;
  for (long i = 0; i < WORKERS; i++) created &= pthread_create(&t[i], 0, worker, (void *)i) == 0;
  check(created, "pthread_create starts four threads");
  int returns = 1;
  for (long i = 0; i < WORKERS; i++) {
    void *r = 0;
    returns &= pthread_join(t[i], &r) == 0 && r == (void *)(i * 2);
  }
  check(returns, "pthread_join returns each thread's result");
  check(counter == WORKERS * 2000, "a mutex keeps 8000 increments from four threads exact");
  int tls = tls_value == 7;
  for (long i = 0; i < WORKERS; i++) tls &= worker_tls[i] == 100 + i;
  check(tls, "__thread variables are per thread; the main thread's keeps its value");
  int distinct = 1;
  for (int i = 0; i < WORKERS; i++) {
    distinct &= worker_tids[i] > 0 && worker_tids[i] != getpid();
    for (int j = 0; j < i; j++) distinct &= worker_tids[i] != worker_tids[j];
  }
  check(distinct, "every thread has its own tid, none the pid");
}

/* A bounded queue with two condition variables. */
#define ITEMS 200
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_not_empty = PTHREAD_COND_INITIALIZER, q_not_full = PTHREAD_COND_INITIALIZER;
static int queue[4], q_len;
static long consumed_sum;

static void *producer(void *arg) {
  (void)arg;
  for (int i = 1; i <= ITEMS; i++) {
    pthread_mutex_lock(&q_lock);
    while (q_len == 4) pthread_cond_wait(&q_not_full, &q_lock);
    queue[q_len++] = i;
    pthread_cond_signal(&q_not_empty);
    pthread_mutex_unlock(&q_lock);
  }
  return 0;
}

static void *consumer(void *arg) {
  (void)arg;
  for (int i = 0; i < ITEMS; i++) {
    pthread_mutex_lock(&q_lock);
    while (q_len == 0) pthread_cond_wait(&q_not_empty, &q_lock);
    consumed_sum += queue[--q_len];
    pthread_cond_signal(&q_not_full);
    pthread_mutex_unlock(&q_lock);
  }
  return 0;
}

static void test_condvars(void) {
  pthread_t p, c;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, 0);
  check(consumed_sum == ITEMS * (ITEMS + 1) / 2, "producer and consumer hand 200 items over through condition variables");
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
  struct timespec at;
  clock_gettime(CLOCK_REALTIME, &at);
  at.tv_nsec += 50000000;
  if (at.tv_nsec >= 1000000000) { at.tv_nsec -= 1000000000; at.tv_sec++; }
  long long t0 = now_ns();
  pthread_mutex_lock(&m);
  int r = pthread_cond_timedwait(&cv, &m, &at);
  pthread_mutex_unlock(&m);
  check(r == ETIMEDOUT && now_ns() - t0 >= 40000000LL, "pthread_cond_timedwait times out at its CLOCK_REALTIME deadline");
}

/* Barrier, once, rwlock, semaphore. */
static pthread_barrier_t barrier;
static int serial_count, once_count;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_value;
static void once_init(void) { once_count++; }

static void *barrier_worker(void *arg) {
  (void)arg;
  pthread_once(&once, once_init);
  for (int i = 0; i < 100; i++) {
    pthread_rwlock_wrlock(&rw);
    rw_value++;
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_unlock(&rw);
  }
  if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) __atomic_add_fetch(&serial_count, 1, __ATOMIC_SEQ_CST);
  return 0;
}

static sem_t sem;
static void *sem_poster(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++) { usleep(1000); sem_post(&sem); }
  return 0;
}

static void test_sync_objects(void) {
  pthread_t t[WORKERS];
  pthread_barrier_init(&barrier, 0, WORKERS);
  for (int i = 0; i < WORKERS; i++) pthread_create(&t[i], 0, barrier_worker, 0);
  for (int i = 0; i < WORKERS; i++) pthread_join(t[i], 0);
  check(serial_count == 1, "pthread_barrier_wait: four threads pass, exactly one is the serial thread");
  check(once_count == 1, "pthread_once runs its routine once among four threads");
  check(rw_value == WORKERS * 100, "a rwlock keeps the writers' increments exact");
  sem_init(&sem, 0, 0);
  pthread_t p;
  pthread_create(&p, 0, sem_poster, 0);
  int got = 0;
  for (int i = 0; i < 10; i++) got += sem_wait(&sem) == 0;
  pthread_join(p, 0);
  check(got == 10, "sem_wait takes ten posts from another thread");
}

/* Cancellation, signals to one thread, detached threads. */
static void *sleeper(void *arg) {
  (void)arg;
  for (;;) sleep(10);
  return 0;
}

static volatile pthread_t usr1_thread;
static volatile int usr1_hits;
static void on_usr1(int sig) { (void)sig; usr1_thread = pthread_self(); usr1_hits++; }
static sem_t usr1_ready, usr1_done;
static void *waits_for_usr1(void *arg) {
  (void)arg;
  sem_post(&usr1_ready);
  while (usr1_hits == 0) usleep(1000);
  sem_post(&usr1_done);
  return 0;
}

static sem_t detached_done;
static void *detached(void *arg) { (void)arg; usleep(5000); sem_post(&detached_done); return 0; }

static void test_cancel_and_signals(void) {
  pthread_t t;
  pthread_create(&t, 0, sleeper, 0);
  usleep(20000);
  void *r = 0;
  check(pthread_cancel(t) == 0 && pthread_join(t, &r) == 0 && r == PTHREAD_CANCELED,
        "pthread_cancel ends a thread asleep in sleep(); pthread_join returns PTHREAD_CANCELED");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, 0);
  sem_init(&usr1_ready, 0, 0);
  sem_init(&usr1_done, 0, 0);
  pthread_create(&t, 0, waits_for_usr1, 0);
  sem_wait(&usr1_ready);
  pthread_kill(t, SIGUSR1);
  sem_wait(&usr1_done);
  pthread_join(t, 0);
  check(usr1_hits == 1 && pthread_equal(usr1_thread, t), "pthread_kill runs the handler in the thread it names");
  sem_init(&detached_done, 0, 0);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  check(pthread_create(&t, &attr, detached, 0) == 0 && sem_wait(&detached_done) == 0, "a detached thread runs to its end");
}

/* Robust mutexes: the owner dies holding the lock. */
static pthread_mutex_t robust;
static void *dies_locked(void *arg) { (void)arg; pthread_mutex_lock(&robust); return 0; }

static void test_robust(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&robust, &a);
  pthread_t t;
  pthread_create(&t, 0, dies_locked, 0);
  pthread_join(t, 0);
  int r = pthread_mutex_lock(&robust);
  int consistent = r == EOWNERDEAD && pthread_mutex_consistent(&robust) == 0 && pthread_mutex_unlock(&robust) == 0;
  check(consistent, "a robust mutex whose owner died: EOWNERDEAD, then made consistent");
}

/* exit() in one thread ends the whole process. */
static void *exits_process(void *arg) { (void)arg; usleep(10000); exit(5); }

static void test_exit_from_thread(void) {
  pid_t pid = fork();
  if (pid == 0) {
    pthread_t t;
    pthread_create(&t, 0, exits_process, 0);
    pthread_create(&t, 0, sleeper, 0);
    for (;;) pause();
  }
  int status = 0;
  long long t0 = now_ns();
  check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5 && now_ns() - t0 < 10000000000LL,
        "exit() in a thread ends every thread of the process, with its status");
}

int main(void) {
  printf("KTAP version 1\n1..16\n");
  test_workers();
  test_condvars();
  test_sync_objects();
  test_cancel_and_signals();
  test_robust();
  test_exit_from_thread();
  printf("# pthreads: %d failure(s)\n", failures);
  return failures;
}
