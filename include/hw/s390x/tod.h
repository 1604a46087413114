/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tod.h - the guest TOD clock held while the machine is stopped.
 */
#ifndef HW_S390X_TOD_H
#define HW_S390X_TOD_H

/* Saves the TOD clock at every stop and restores it at the next start. */
void s390_tod_init(void);

/* Undoes s390_tod_init() (machine cleanup). */
void s390_tod_cleanup(void);

#endif /* HW_S390X_TOD_H */
