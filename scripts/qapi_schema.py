# SPDX-License-Identifier: GPL-2.0-or-later
#
# qapi_schema.py - the QAPI schema of scripts/qapi-gen.py: parsing
# (QEMU's syntax: Python-literal dicts with '#' comments) and the model
# (enums, structs, commands, events) the C generators work from.

import ast
import os
import re


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
        'struct': {'struct', 'data', 'qdict-order', '_file'},
        'command': {'command', 'data', 'returns', 'allow-oob',
                    'allow-preconfig', 'gen', '_file'},
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
