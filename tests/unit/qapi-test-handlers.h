/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qapi-test-handlers.h - the echo handlers of the test schema.
 */
#ifndef TESTS_QAPI_TEST_HANDLERS_H
#define TESTS_QAPI_TEST_HANDLERS_H

/* How often test-noargs ran (the unit test checks dispatch happened). */
extern int qapi_test_noargs_calls;

#endif /* TESTS_QAPI_TEST_HANDLERS_H */
