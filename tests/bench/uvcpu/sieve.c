/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sieve.c - the CPU benchmark: ten sieves of Eratosthenes up to 2 000 000,
 * freestanding (-nostdlib -static, its own _start), printing the total
 * count of primes (1489330) with the write system call.
 */
#define N 2000000

static unsigned char flags[N + 1];
static char buf[32];

static long sieve(void)
{
    long count = 0;

    for (long i = 2; i <= N; i++) {
        flags[i] = 1;
    }
    for (long i = 2; i <= N; i++) {
        if (flags[i]) {
            count++;
            for (long k = i + i; k <= N; k += i) {
                flags[k] = 0;
            }
        }
    }
    return count;
}

void _start(void);

void _start(void)
{
    long total = 0, t;
    char tmp[32];
    int n = 0;

    for (int r = 0; r < 10; r++) {
        total += sieve();
    }
    t = total;
    do {
        tmp[n++] = '0' + t % 10;
        t /= 10;
    } while (t);
    for (int i = 0; i < n; i++) {
        buf[i] = tmp[n - 1 - i];
    }
    buf[n] = '\n';
    {
        register long r2 asm("2") = 1;
        register long r3 asm("3") = (long)buf;
        register long r4 asm("4") = n + 1;

        asm volatile("svc 4" : "+d"(r2) : "d"(r3), "d"(r4) : "memory");
    }
    {
        register long r2 asm("2") = 0;

        asm volatile("svc 1" : : "d"(r2));
    }
    for (;;) {
    }
}
