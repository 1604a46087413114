/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interrupts.h - the handlers head.S's interruption stubs call, with the
 * interrupted GPRs saved in the lowcore.
 */
#ifndef GUEST_INTERRUPTS_H
#define GUEST_INTERRUPTS_H

/* Service signal: SCLP completion or events pending.  Others are ignored. */
void ext_handler(void);

/*
 * Print the interruption code and the old PSW on the console, then load a
 * disabled-wait PSW whose address is the program-interruption code (for a
 * program interruption) or 0x10000/0x20000/0x30000 (SVC, machine check,
 * I/O).
 */
void pgm_handler(void);
void svc_handler(void);
void mcck_handler(void);
void io_handler(void);

#endif
