#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# qapi-gen.py - generate C code from the QAPI schema (qapi/*.json).
#
# The schema uses QEMU's syntax (docs/devel/qapi-code-gen.rst in QEMU):
# a sequence of Python-literal dicts ('enum', 'struct', 'command', 'event',
# 'include') with '#' comments.  From it this script writes:
#
#   <prefix>types.h/.c       C enums, FOO_str() and FOO_parse()
#   <prefix>commands.h/.c    handler prototypes, argument descriptors,
#                            marshallers and the command table
#   <prefix>introspect.c     the query-qmp-schema reply (SchemaInfo list)
#
# Usage: qapi-gen.py -o OUTDIR [-p PREFIX] SCHEMA.json
#
# Only the Python standard library is used.

import argparse
import ast
import json
import os
import re
import sys

BUILTINS = {
    # schema name: (C type, QapiType descriptor, introspection json-type)
    'str': ('const char *', 'qapi_type_str', 'string'),
    'int': ('int64_t', 'qapi_type_int', 'int'),
    'int64': ('int64_t', 'qapi_type_int', 'int'),
    'uint64': ('uint64_t', 'qapi_type_uint64', 'int'),
    'size': ('uint64_t', 'qapi_type_uint64', 'int'),
    'bool': ('bool', 'qapi_type_bool', 'boolean'),
    'number': ('double', 'qapi_type_number', 'number'),
    'any': ('json_object *', 'qapi_type_any', 'value'),
}

C_KEYWORDS = {
    'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do',
    'double', 'else', 'enum', 'extern', 'float', 'for', 'goto', 'if',
    'inline', 'int', 'long', 'register', 'restrict', 'return', 'short',
    'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union',
    'unsigned', 'void', 'volatile', 'while', 'bool', 'true', 'false',
}


class SchemaError(Exception):
    pass


# ---------------------------------------------------------------- parsing

def strip_comments(text):
    """Removes '#' comments, leaving '#' inside quoted strings alone."""
    out = []
    quote = None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == '\\':
                out.append(text[i:i + 2])
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in '\'"':
            quote = ch
        elif ch == '#':
            while i < len(text) and text[i] != '\n':
                i += 1
            continue
        out.append(ch)
        i += 1
    return ''.join(out)


def split_expressions(text, fname):
    """Yields the top-level {...} expressions of a schema file."""
    depth = 0
    quote = None
    start = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and text[i - 1] != '\\':
                quote = None
            continue
        if ch in '\'"':
            quote = ch
        elif ch == '{':
            if depth == 0:
                start = i
            depth += 1
        elif ch == '}':
            depth -= 1
            if depth == 0:
                yield text[start:i + 1]
            elif depth < 0:
                raise SchemaError(f"{fname}: unbalanced '}}'")
        elif depth == 0 and not ch.isspace():
            raise SchemaError(f"{fname}: stray {ch!r} outside an expression")
    if depth:
        raise SchemaError(f"{fname}: unterminated expression")


def json_keywords_to_python(src):
    """The schema writes true/false like JSON; literal_eval wants Python."""
    words = {'true': 'True', 'false': 'False'}
    return re.sub(r"'[^']*'|\"[^\"]*\"|\b(true|false)\b",
                  lambda m: words.get(m.group(0), m.group(0)), src)


def load_schema(fname, seen=None):
    """Returns the list of definitions of @fname and the files it includes."""
    seen = set() if seen is None else seen
    fname = os.path.normpath(fname)
    if fname in seen:
        return []
    seen.add(fname)
    with open(fname, encoding='utf-8') as f:
        text = strip_comments(f.read())
    exprs = []
    for src in split_expressions(text, fname):
        try:
            expr = ast.literal_eval(json_keywords_to_python(src))
        except (ValueError, SyntaxError) as e:
            raise SchemaError(f"{fname}: invalid expression: {e}") from e
        if not isinstance(expr, dict):
            raise SchemaError(f"{fname}: expression is not a dict")
        if 'include' in expr:
            inc = os.path.join(os.path.dirname(fname), expr['include'])
            exprs += load_schema(inc, seen)
        else:
            expr['_file'] = fname
            exprs.append(expr)
    return exprs


# ---------------------------------------------------------------- model

def c_name(name):
    """'query-status' -> 'query_status'; C keywords get a 'q_' prefix."""
    name = re.sub(r'[^A-Za-z0-9_]', '_', name)
    return 'q_' + name if name in C_KEYWORDS else name


def camel_to_upper(value):
    """QEMU's rule: 'RunState' -> 'RUN_STATE', 'QMPCapability' -> 'QMP_CAPABILITY'."""
    s = c_name(value)
    if value.isupper():
        return s
    out = ''
    for i, ch in enumerate(s):
        if ch.isupper() and i > 0 and s[i - 1] != '_':
            if i < len(s) - 1 and s[i + 1].islower():
                out += '_'
            elif s[i - 1].isdigit():
                out += '_'
        out += ch
    return out.lstrip('_').upper()


class Member:
    def __init__(self, key, typ):
        self.optional = key.startswith('*')
        self.name = key[1:] if self.optional else key
        self.type = typ          # a type name or a one-element list


class Schema:
    META_KEYS = {
        'enum': {'enum', 'data', 'prefix', '_file'},
        'struct': {'struct', 'data', '_file'},
        'command': {'command', 'data', 'returns', 'allow-oob',
                    'allow-preconfig', '_file'},
        'event': {'event', 'data', '_file'},
    }

    def __init__(self, exprs):
        self.enums = {}
        self.structs = {}
        self.commands = []
        self.events = []
        self.order = []          # (meta, expr) in definition order
        for expr in exprs:
            self._add(expr)
        self._check()

    def _add(self, expr):
        meta = next((m for m in self.META_KEYS if m in expr), None)
        if meta is None:
            raise SchemaError(f"{expr['_file']}: unknown expression {expr}")
        extra = set(expr) - self.META_KEYS[meta]
        if extra:
            raise SchemaError(f"{expr['_file']}: {meta} '{expr[meta]}' has "
                              f"unknown keys {sorted(extra)}")
        name = expr[meta]
        if any(name == e[m] for m, e in self.order) or name in BUILTINS:
            raise SchemaError(f"{expr['_file']}: '{name}' is defined twice")
        self.order.append((meta, expr))
        if meta == 'enum':
            self.enums[name] = expr
        elif meta == 'struct':
            expr['members'] = self._members(expr)
            self.structs[name] = expr
        else:
            expr['members'] = self._members(expr)
            (self.commands if meta == 'command' else self.events).append(expr)

    def _members(self, expr):
        data = expr.get('data', {})
        if isinstance(data, str):
            # 'data': 'StructName' spreads the struct's members (resolved
            # in _check once every struct is known).
            return data
        if not isinstance(data, dict):
            raise SchemaError(f"{expr['_file']}: 'data' must be a dict")
        return [Member(k, v) for k, v in data.items()]

    def members(self, expr):
        m = expr['members']
        return self.members(self.structs[m]) if isinstance(m, str) else m

    def _check_type(self, typ, where):
        if isinstance(typ, list):
            if len(typ) != 1:
                raise SchemaError(f"{where}: array type needs one element")
            typ = typ[0]
        if typ not in BUILTINS and typ not in self.enums \
                and typ not in self.structs:
            raise SchemaError(f"{where}: unknown type '{typ}'")

    def _check(self):
        for meta, expr in self.order:
            where = f"{expr['_file']}: {meta} '{expr[meta]}'"
            if meta == 'enum':
                continue
            if isinstance(expr['members'], str) \
                    and expr['members'] not in self.structs:
                raise SchemaError(f"{where}: 'data' refers to unknown "
                                  f"struct '{expr['members']}'")
            for m in self.members(expr):
                self._check_type(m.type, f"{where}: member '{m.name}'")
            if 'returns' in expr:
                self._check_type(expr['returns'], f"{where}: 'returns'")


def kind_of(schema, typ):
    if isinstance(typ, list):
        return 'array'
    if typ in BUILTINS:
        return 'builtin'
    return 'enum' if typ in schema.enums else 'struct'


# ---------------------------------------------------------------- C output

HEADER = '/* Generated by scripts/qapi-gen.py from {src}; do not edit. */\n\n'


def enum_const(ename, expr, value):
    prefix = expr.get('prefix', camel_to_upper(ename))
    return f'{prefix}_{c_name(value).upper()}'


def gen_types(schema, prefix, src):
    guard = c_name(prefix + 'types_h').upper()
    h = [HEADER.format(src=src), f'#ifndef {guard}\n#define {guard}\n\n',
         '#include "qemu/osdep.h"\n\n']
    c = [HEADER.format(src=src), '#include "qemu/osdep.h"\n',
         f'#include "{prefix}types.h"\n']
    for name, expr in schema.enums.items():
        max_const = f"{expr.get('prefix', camel_to_upper(name))}__MAX"
        consts = [enum_const(name, expr, v) for v in expr['data']]
        h.append(f'typedef enum {name} {{\n')
        h += [f'    {k},\n' for k in consts]
        h.append(f'    {max_const},\n}} {name};\n\n')
        h.append(f'/* The wire name of @value (NULL if out of range). */\n'
                 f'const char *{name}_str({name} value);\n'
                 f'/* The value named @str, or -1 if there is none. */\n'
                 f'int {name}_parse(const char *str);\n'
                 f'/* The wire names, indexed by value, NULL-terminated. */\n'
                 f'extern const char *const {name}_lookup[];\n\n')
        c.append(f'\nconst char *const {name}_lookup[] = {{\n')
        c += [f'    [{k}] = "{v}",\n' for k, v in zip(consts, expr['data'])]
        c.append(f'    [{max_const}] = NULL,\n}};\n\n')
        c.append(f'const char *{name}_str({name} value)\n{{\n'
                 f'    return (unsigned)value < {max_const} ? '
                 f'{name}_lookup[value] : NULL;\n}}\n\n')
        c.append(f'int {name}_parse(const char *str)\n{{\n'
                 f'    for (int i = 0; str && i < {max_const}; i++) {{\n'
                 f'        if (!strcmp({name}_lookup[i], str)) {{\n'
                 f'            return i;\n        }}\n    }}\n'
                 f'    return -1;\n}}\n')
    h.append(f'#endif /* {guard} */\n')
    return ''.join(h), ''.join(c)


def c_param_type(schema, typ):
    k = kind_of(schema, typ)
    if k == 'builtin':
        return BUILTINS[typ][0]
    return typ if k == 'enum' else 'json_object *'


def c_decl(ctype, name):
    """'const char *' + 'x' -> 'const char *x'."""
    return f'{ctype}{name}' if ctype.endswith('*') else f'{ctype} {name}'


def handler_params(schema, cmd):
    params = []
    for m in schema.members(cmd):
        if m.optional:
            params.append(f'bool has_{c_name(m.name)}')
        params.append(c_decl(c_param_type(schema, m.type), c_name(m.name)))
    params.append('GError **errp')
    return ', '.join(params)


def handler_decl(schema, cmd):
    ret = 'json_object *' if 'returns' in cmd else 'void '
    return f'{ret}qmp_{c_name(cmd["command"])}({handler_params(schema, cmd)})'


COMMANDS_H_DOC = '''/*
 * Handler convention (one prototype per schema command below):
 *
 *  - arguments come unpacked in schema order; an optional member '*x' is
 *    passed as "bool has_x, T x" (x is 0/NULL when absent);
 *  - str is "const char *", int "int64_t", uint64/size "uint64_t",
 *    bool "bool", number "double", an enum its C enum; struct, array and
 *    'any' members are "json_object *".  All of them are borrowed: take a
 *    reference (json_object_get) or a copy to keep them;
 *  - a command with 'returns' returns a new json_object reference, or NULL
 *    after setting *errp; a command without 'returns' returns void and
 *    fails by setting *errp (the reply is then {"return": {}} on success).
 *
 * Arguments have been checked against the schema before the handler runs.
 */
'''


def gen_commands_h(schema, prefix, src):
    guard = c_name(prefix + 'commands_h').upper()
    out = [HEADER.format(src=src), f'#ifndef {guard}\n#define {guard}\n\n',
           '#include "qemu/osdep.h"\n#include <json-c/json.h>\n',
           f'#include "{prefix}types.h"\n',
           '#include "monitor/qmp-dispatch.h"\n\n', COMMANDS_H_DOC, '\n']
    for cmd in schema.commands:
        out.append(f'{handler_decl(schema, cmd)};\n')
    out.append('\n/* Every command of the schema, terminated by a NULL name. */\n'
               'extern const QmpCommand qmp_commands[];\n\n'
               '/* The query-qmp-schema reply as JSON text (SchemaInfo list). */\n'
               'extern const char qapi_introspect_json[];\n\n'
               f'#endif /* {guard} */\n')
    return ''.join(out)


def type_ref(schema, typ, arrays):
    """The C expression of a QapiType descriptor for @typ."""
    k = kind_of(schema, typ)
    if k == 'builtin':
        return f'&{BUILTINS[typ][1]}'
    if k == 'array':
        elem = typ[0]
        arrays.setdefault(elem, f'qapi_array_{c_name(elem)}')
        return f'&{arrays[elem]}'
    return f'&qapi_type_{c_name(typ)}'


def gen_member_table(schema, cname, members, arrays):
    out = [f'static const QapiMember {cname}[] = {{\n']
    for m in members:
        ref = type_ref(schema, m.type, arrays)
        opt = 'true' if m.optional else 'false'
        out.append(f'    {{ "{m.name}", {ref}, {opt} }},\n')
    out.append('    { NULL },\n};\n')
    return ''.join(out)


ARG_GETTER = {
    'const char *': 'qapi_arg_str', 'int64_t': 'qapi_arg_int',
    'uint64_t': 'qapi_arg_uint64', 'bool': 'qapi_arg_bool',
    'double': 'qapi_arg_number', 'json_object *': 'qapi_arg_object',
}


def gen_marshal(schema, cmd, table):
    name = c_name(cmd['command'])
    body = [f'static json_object *qmp_marshal_{name}(json_object *args, '
            f'GError **errp)\n{{\n',
            f'    if (!qapi_check_args(args, {table}, errp)) {{\n'
            f'        return NULL;\n    }}\n\n', '    GError *err = NULL;\n']
    call = []
    for m in schema.members(cmd):
        cn = c_name(m.name)
        ctype = c_param_type(schema, m.type)
        if m.optional:
            body.append(f'    bool has_{cn} = qapi_arg_present(args, '
                        f'"{m.name}");\n')
            call.append(f'has_{cn}')
        if kind_of(schema, m.type) == 'enum':
            body.append(f'    {c_decl(ctype, cn)} = qapi_arg_enum(args, '
                        f'"{m.name}", {m.type}_lookup);\n')
        else:
            body.append(f'    {c_decl(ctype, cn)} = {ARG_GETTER[ctype]}(args, '
                        f'"{m.name}");\n')
        call.append(cn)
    call.append('&err')
    args = ', '.join(call)
    if 'returns' in cmd:
        body.append(f'    json_object *ret = qmp_{name}({args});\n')
        body.append('\n    return qmp_marshal_result(ret, err, errp);\n}\n\n')
    else:
        body.append(f'\n    qmp_{name}({args});\n')
        body.append('    return qmp_marshal_result(json_object_new_object(), '
                    'err, errp);\n}\n\n')
    return ''.join(body)


def arg_types(schema):
    """The enums and structs that command arguments use, recursively."""
    used = set()
    todo = [m.type for c in schema.commands for m in schema.members(c)]
    while todo:
        typ = todo.pop()
        typ = typ[0] if isinstance(typ, list) else typ
        if typ in used or typ in BUILTINS:
            continue
        used.add(typ)
        if typ in schema.structs:
            todo += [m.type for m in schema.members(schema.structs[typ])]
    return used


def gen_commands_c(schema, prefix, src):
    arrays = {}
    used = arg_types(schema)
    enums = [n for n in schema.enums if n in used]
    struct_names = [n for n in schema.structs if n in used]
    # Member tables first: they collect the array descriptors they use.
    structs = []
    for name in struct_names:
        expr = schema.structs[name]
        table = f'qapi_members_{c_name(name)}'
        structs.append(gen_member_table(schema, table, schema.members(expr),
                                        arrays))
        structs.append(f'static const QapiType qapi_type_{c_name(name)} = '
                       f'{{ .kind = QAPI_KIND_STRUCT, .members = {table} }};\n')
    marshal = []
    for cmd in schema.commands:
        table = f'qapi_args_{c_name(cmd["command"])}'
        marshal.append(gen_member_table(schema, table, schema.members(cmd),
                                        arrays))
        marshal.append(gen_marshal(schema, cmd, table))

    out = [HEADER.format(src=src), '#include "qemu/osdep.h"\n',
           f'#include "{prefix}commands.h"\n',
           '#include "monitor/qapi-input.h"\n\n']
    for name in enums:
        out.append(f'static const QapiType qapi_type_{c_name(name)} = '
                   f'{{ .kind = QAPI_KIND_ENUM, .enum_values = '
                   f'{name}_lookup }};\n')
    # Structs and arrays may refer to each other in any order.
    for name in struct_names:
        out.append(f'static const QapiType qapi_type_{c_name(name)};\n')
    for elem, cname in arrays.items():
        out.append(f'static const QapiType {cname} = {{ .kind = '
                   f'QAPI_KIND_ARRAY, .element = '
                   f'{type_ref(schema, elem, {})} }};\n')
    out += structs + ['\n'] + marshal
    out.append('const QmpCommand qmp_commands[] = {\n')
    for cmd in schema.commands:
        # 'allow-preconfig' is accepted for QEMU's sake: pvdump has no
        # preconfig state, so it has no effect.
        flags = 'QCO_ALLOW_OOB' if cmd.get('allow-oob') else '0'
        out.append(f'    {{ "{cmd["command"]}", '
                   f'qmp_marshal_{c_name(cmd["command"])}, {flags} }},\n')
    out.append('    { NULL },\n};\n')
    return ''.join(out)


# ---------------------------------------------------------------- introspection

class Introspector:
    """Builds QEMU's SchemaInfo list: entity names other than commands,
    events and builtins are replaced by numbers, as QEMU does, so that
    clients depend on structure and not on internal type names."""

    def __init__(self, schema):
        self.schema = schema
        self.names = {}
        self.entries = []
        self.pending = []
        self.numbered = 0

    def _empty_object(self):
        return self._use(('object', ()))

    def _use(self, key):
        if key in self.names:
            return self.names[key]
        if key[0] == 'builtin':
            name = key[1]
        elif key[0] == 'array':
            name = '[' + self._use(key[1]) + ']'
        else:
            name = str(self.numbered)
            self.numbered += 1
        self.names[key] = name
        self.pending.append(key)
        return name

    def _type_key(self, typ):
        k = kind_of(self.schema, typ)
        if k == 'array':
            return ('array', self._type_key(typ[0]))
        return (k, typ)

    def _members_key(self, members):
        """Objects with the same members share one entry."""
        return ('object', tuple((m.name, m.optional, self._type_key(m.type))
                                for m in members))

    def _object_entry(self, name, key):
        members = []
        for mname, optional, type_key in key[1]:
            mem = {'name': mname, 'type': self._use(type_key)}
            if optional:
                mem['default'] = None
            members.append(mem)
        return {'name': name, 'meta-type': 'object', 'members': members}

    def _entry(self, key):
        name = self.names[key]
        if key[0] == 'builtin':
            return {'name': name, 'meta-type': 'builtin',
                    'json-type': BUILTINS[key[1]][2]}
        if key[0] == 'array':
            return {'name': name, 'meta-type': 'array',
                    'element-type': self.names[key[1]]}
        if key[0] == 'enum':
            values = self.schema.enums[key[1]]['data']
            return {'name': name, 'meta-type': 'enum', 'values': values,
                    'members': [{'name': v} for v in values]}
        if key[0] == 'struct':
            expr = self.schema.structs[key[1]]
            return self._object_entry(
                name, self._members_key(self.schema.members(expr)))
        return self._object_entry(name, key)

    def _args(self, expr):
        return self._use(self._members_key(self.schema.members(expr)))

    def build(self):
        for meta, expr in self.schema.order:
            name = expr[meta]
            if meta == 'command':
                cmd = expr
                entry = {'name': name, 'meta-type': 'command',
                         'arg-type': self._args(cmd),
                         'ret-type': self._use(self._type_key(cmd['returns']))
                         if 'returns' in cmd else self._empty_object()}
                if cmd.get('allow-oob'):
                    entry['allow-oob'] = True
                self.entries.append(entry)
            elif meta == 'event':
                self.entries.append({'name': name, 'meta-type': 'event',
                                     'arg-type': self._args(expr)})
        # Emitting an entry may reference further types: drain until done.
        done = 0
        while done < len(self.pending):
            self.entries.append(self._entry(self.pending[done]))
            done += 1
        return self.entries


def c_string_literal(text, width=72):
    out = []
    for i in range(0, len(text), width):
        chunk = text[i:i + width].replace('\\', '\\\\').replace('"', '\\"')
        out.append(f'    "{chunk}"\n')
    return ''.join(out)


def gen_introspect_c(schema, prefix, src):
    entries = Introspector(schema).build()
    text = json.dumps(entries, separators=(',', ':'))
    return (HEADER.format(src=src) + '#include "qemu/osdep.h"\n'
            f'#include "{prefix}commands.h"\n\n'
            'const char qapi_introspect_json[] =\n' +
            c_string_literal(text) + ';\n')


# ---------------------------------------------------------------- main

def write_file(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('-o', '--output-dir', required=True)
    ap.add_argument('-p', '--prefix', default='qapi-')
    ap.add_argument('schema')
    args = ap.parse_args()
    try:
        schema = Schema(load_schema(args.schema))
    except (SchemaError, OSError) as e:
        print(f'qapi-gen.py: {e}', file=sys.stderr)
        return 1
    src = os.path.basename(args.schema)
    p = args.prefix
    types_h, types_c = gen_types(schema, p, src)
    files = {
        f'{p}types.h': types_h,
        f'{p}types.c': types_c,
        f'{p}commands.h': gen_commands_h(schema, p, src),
        f'{p}commands.c': gen_commands_c(schema, p, src),
        f'{p}introspect.c': gen_introspect_c(schema, p, src),
    }
    os.makedirs(args.output_dir, exist_ok=True)
    for name, text in files.items():
        write_file(os.path.join(args.output_dir, name), text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
