/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp-quiesce.h - the SCLP signal-quiesce event source (system_powerdown).
 */
#ifndef HW_S390X_SCLP_QUIESCE_H
#define HW_S390X_SCLP_QUIESCE_H

/*
 * Registers the signal-quiesce source with the event facility and makes
 * it the machine's powerdown handler.  Machine init, BQL.
 */
void sclp_quiesce_init(void);

/* Undoes sclp_quiesce_init() (machine cleanup); harmless without it. */
void sclp_quiesce_cleanup(void);

#endif /* HW_S390X_SCLP_QUIESCE_H */
