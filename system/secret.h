/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * secret.h - the "secret" user-creatable object type (system/secret.c).
 */
#ifndef SYSTEM_SECRET_H
#define SYSTEM_SECRET_H

#include "qom/object.h"

/* -object secret,id=ID,format=raw|base64,file=F|data=D */
extern const UserObjectType secret_type;

#endif /* SYSTEM_SECRET_H */
