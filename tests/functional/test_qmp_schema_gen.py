# SPDX-License-Identifier: GPL-2.0-or-later
"""scripts/qapi-gen.py: schema errors are reported, and the generated C
follows the documented handler conventions."""
import os
import subprocess
import sys
import tempfile
import unittest

GEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "scripts", "qapi-gen.py")


def read(path):
    with open(path) as f:
        return f.read()


def generate(schema_text):
    """Runs the generator on a schema file "s.json"; returns (returncode,
    stderr with the file's directory as TMP, {output file: text})."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.json")
        with open(path, "w") as f:
            f.write(schema_text)
        r = subprocess.run([sys.executable, GEN, "-o", tmp, path],
                           capture_output=True, text=True, timeout=30)
        files = {n: read(os.path.join(tmp, n))
                 for n in os.listdir(tmp) if n != "s.json"}
        return r.returncode, r.stderr.replace(tmp, "TMP"), files


class SchemaErrors(unittest.TestCase):
    def assert_error(self, text, message):
        rc, err, files = generate(text)
        self.assertEqual(rc, 1)
        self.assertEqual(err, f"qapi-gen.py: TMP/s.json: {message}\n")
        self.assertEqual(files, {})

    def test_errors(self):
        self.assert_error("{ 'command': 'x', 'data': {'a': 'Nope'} }",
                          "command 'x': member 'a': unknown type 'Nope'")
        self.assert_error("{ 'command': 'x', 'data': 'Nope' }",
                          "command 'x': 'data' refers to unknown struct "
                          "'Nope'")
        self.assert_error("{ 'enum': 'E', 'data': ['a'] }\n"
                          "{ 'struct': 'E', 'data': {} }",
                          "'E' is defined twice")
        self.assert_error("{ 'command': 'x', 'frob': 1 }",
                          "command 'x' has unknown keys ['frob']")
        self.assert_error("{ 'command': 'x' } junk",
                          "stray 'j' outside an expression")
        self.assert_error("{ 'command': 'x', 'returns': ['int', 'str'] }",
                          "command 'x': 'returns': array type needs one "
                          "element")
        # The C structs and event senders have no 'any' members.
        self.assert_error("{ 'struct': 'S', 'data': {'a': ['any']} }",
                          "struct 'S': member 'a': 'any' is not supported "
                          "here")
        self.assert_error("{ 'event': 'E', 'data': {'a': 'any'} }",
                          "event 'E': member 'a': 'any' is not supported "
                          "here")


class Conventions(unittest.TestCase):
    def test_structs_and_events(self):
        rc, err, files = generate(
            "{ 'enum': 'E', 'data': ['a'] }\n"
            "{ 'struct': 'In', 'data': {'x': 'int'} }\n"
            "{ 'struct': 'S', 'data': {'s': 'str', '*e': 'E', 'in': 'In',\n"
            "                          'l': ['In'], 'w': ['str']} }\n"
            "{ 'command': 'q', 'returns': ['S'] }\n"
            "{ 'command': 'r', 'returns': 'S', 'gen': false }\n"
            "{ 'event': 'MY_EV', 'data': {'*why': 'str', 's': 'S'} }\n"
            "{ 'event': 'BARE' }\n")
        self.assertEqual(rc, 0, err)
        t = files["qapi-types.h"]
        self.assertIn("struct S {\n    char *s;\n    bool has_e;\n    E e;\n"
                      "    In *in;\n    InList *l;\n    strList *w;\n};", t)
        self.assertIn("struct InList {\n    InList *next;\n    In *value;\n};",
                      t)
        self.assertIn("void qapi_free_S(S *obj);", t)
        self.assertIn("json_object *qapi_S_to_json(const S *obj);",
                      files["qapi-json.h"])
        h = files["qapi-commands.h"]
        self.assertIn("SList *qmp_q(GError **errp);", h)
        self.assertIn("json_object *qmp_r(GError **errp);", h)
        e = files["qapi-events.h"]
        self.assertIn("void qapi_event_send_my_ev(bool has_why, "
                      "const char *why, const S *s);", e)
        self.assertIn("void qapi_event_send_bare(void);", e)


    def test_handler_prototypes_and_enums(self):
        rc, err, files = generate(
            "# comment with 'quotes' and { braces }\n"
            "{ 'enum': 'DumpGuestMemoryFormat', 'data': ['elf', 'kdump-zlib'] }\n"
            "{ 'command': 'dump-guest-memory',\n"
            "  'data': { 'paging': 'bool', 'protocol': 'str',\n"
            "            '*detach': 'bool', '*begin': 'int',\n"
            "            '*format': 'DumpGuestMemoryFormat' } }\n"
            "{ 'command': 'query-x', 'returns': ['str'],"
            " 'allow-preconfig': true, 'allow-oob': true }\n")
        self.assertEqual(rc, 0, err)
        h = files["qapi-commands.h"]
        self.assertIn("void qmp_dump_guest_memory(bool paging, "
                      "const char *protocol, bool has_detach, bool detach, "
                      "bool has_begin, int64_t begin, bool has_format, "
                      "DumpGuestMemoryFormat format, GError **errp);", h)
        self.assertIn("json_object *qmp_query_x(GError **errp);", h)
        t = files["qapi-types.h"]
        for line in ("DUMP_GUEST_MEMORY_FORMAT_ELF,",
                     "DUMP_GUEST_MEMORY_FORMAT_KDUMP_ZLIB,",
                     "DUMP_GUEST_MEMORY_FORMAT__MAX,",
                     "const char *DumpGuestMemoryFormat_str("
                     "DumpGuestMemoryFormat value);",
                     "int DumpGuestMemoryFormat_parse(const char *str);"):
            self.assertIn(line, t)
        c = files["qapi-commands.c"]
        self.assertIn('{ "dump-guest-memory", qmp_marshal_dump_guest_memory,'
                      ' 0 },', c)
        # The plain-C headers dump/ and system/ include need no json-c.
        for name in ("qapi-types.h", "qapi-events.h"):
            self.assertNotIn("json", files[name].replace(
                "qapi-schema.json", "").replace("s.json", ""))
        self.assertIn('{ "query-x", qmp_marshal_query_x, '
                      'QCO_ALLOW_OOB },', c)

    def test_struct_with_any(self):
        # QEMU's CpuModelInfo: a struct holding a plain 'any' (a reference).
        rc, err, files = generate(
            "{ 'struct': 'M', 'data': { 'name': 'str', '*props': 'any' } }\n"
            "{ 'command': 'q', 'returns': 'M' }\n")
        self.assertEqual(rc, 0, err)
        t = files["qapi-types.h"]
        self.assertIn("struct json_object;\n", t)
        self.assertIn("    struct json_object *props;\n", t)
        self.assertNotIn("#include <json-c", t)
        self.assertIn("json_object_put(obj->props);", files["qapi-types.c"])
        self.assertIn('"props", json_object_get(', files["qapi-json.c"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
