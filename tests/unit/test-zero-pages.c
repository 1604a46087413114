/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-zero-pages.c - util/zero-pages.c: zero-page runs in data and in
 * never-written anonymous memory (found without touching it), and which
 * files may get holes.
 */
#include "qemu/osdep.h"
#include "util/zero-pages.h"
#include <sys/mman.h>

#define PAGE 4096

static long rss_kib(void)
{
    g_autofree char *status = NULL;
    const char *p;

    g_assert_true(g_file_get_contents("/proc/self/status", &status, NULL,
                                      NULL));
    p = strstr(status, "VmRSS:");
    g_assert_nonnull(p);
    return strtol(p + 6, NULL, 10);
}

/* Runs in a buffer: zero, data, a short zero tail. */
static void test_runs(void)
{
    g_autofree uint8_t *buf = g_malloc0(5 * PAGE + 100);

    buf[2 * PAGE + 7] = 1;
    buf[3 * PAGE] = 2;
    g_assert_cmpuint(zero_pages_run(buf, 5 * PAGE + 100, PAGE, true), ==,
                     2 * PAGE);
    g_assert_cmpuint(zero_pages_run(buf + 2 * PAGE, 3 * PAGE + 100, PAGE,
                                    false), ==, 2 * PAGE);
    g_assert_cmpuint(zero_pages_run(buf + 4 * PAGE, PAGE + 100, PAGE, true),
                     ==, PAGE + 100);
    g_assert_true(buffer_is_zero(buf, 0));
    g_assert_false(buffer_is_zero(buf + 3 * PAGE, 1));
}

/*
 * 256 MiB of anonymous memory with one written page: the runs around it
 * are found, and the never-written pages stay unbacked (a read would make
 * them resident on hosts without a shared zero page).
 */
static void test_untouched_memory(void)
{
    const size_t size = 256 * MiB;
    uint8_t *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    long before;

    g_assert_true(mem != MAP_FAILED);
    mem[100 * PAGE + 5] = 0xa5;
    before = rss_kib();
    g_assert_cmpuint(zero_pages_run(mem, size, PAGE, true), ==, 100 * PAGE);
    g_assert_cmpuint(zero_pages_run(mem + 100 * PAGE, size - 100 * PAGE, PAGE,
                                    false), ==, PAGE);
    g_assert_cmpuint(zero_pages_run(mem + 101 * PAGE, size - 101 * PAGE, PAGE,
                                    true), ==, size - 101 * PAGE);
    g_assert_cmpint(rss_kib() - before, <, 16 * 1024);
    /* A written page of zeros is zero by its contents. */
    mem[100 * PAGE + 5] = 0;
    g_assert_cmpuint(zero_pages_run(mem, size, PAGE, true), ==, size);
    munmap(mem, size);
}

/* Holes only in a regular file with nothing ahead, not appending. */
static void test_fd_may_skip(void)
{
    g_autofree char *path = g_build_filename(g_get_tmp_dir(),
                                             "pvdump-zero-pages-XXXXXX", NULL);
    int fd = g_mkstemp(path);
    int pipefd[2];

    g_assert_cmpint(fd, >=, 0);
    g_assert_true(zero_pages_fd_may_skip(fd));
    g_assert_cmpint(write(fd, "x", 1), ==, 1);
    g_assert_true(zero_pages_fd_may_skip(fd));
    g_assert_cmpint(lseek(fd, 0, SEEK_SET), ==, 0);
    g_assert_false(zero_pages_fd_may_skip(fd));        /* data ahead */
    g_assert_cmpint(lseek(fd, 1 + 3 * PAGE, SEEK_SET), ==, 1 + 3 * PAGE);
    g_assert_cmpint(zero_pages_fd_finish(fd), ==, 0);
    g_assert_cmpint(lseek(fd, 0, SEEK_END), ==, 1 + 3 * PAGE);
    close(fd);
    fd = open(path, O_WRONLY | O_APPEND);
    g_assert_false(zero_pages_fd_may_skip(fd));
    close(fd);
    unlink(path);
    g_assert_cmpint(pipe(pipefd), ==, 0);
    g_assert_false(zero_pages_fd_may_skip(pipefd[1]));
    close(pipefd[0]);
    close(pipefd[1]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/zero-pages/runs", test_runs);
    g_test_add_func("/zero-pages/untouched-memory", test_untouched_memory);
    g_test_add_func("/zero-pages/fd-may-skip", test_fd_may_skip);
    return g_test_run();
}
