# SPDX-License-Identifier: GPL-2.0-or-later
"""QMP over a real unix socket: framing, negotiation, bad input, events,
several clients, and the reply of every basic command (QEMU 7.2 bytes)."""
import json
import os
import socket
import time
import unittest

import wrapper
from qmp import VM, QMPClient, connect_unix

GREETING = (b'{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, '
            b'"major": 7}, "package": "pvdump 0.1.0"}, '
            b'"capabilities": ["oob"]}}\r\n')


def generic(desc, id_json=None):
    line = '{"error": {"class": "GenericError", "desc": %s}' % json.dumps(desc)
    if id_json is not None:
        line += ', "id": ' + id_json
    return (line + "}\r\n").encode()


def not_found(desc):
    return ('{"error": {"class": "CommandNotFound", "desc": %s}}\r\n'
            % json.dumps(desc)).encode()


class QMPTestCase(unittest.TestCase):
    vm_args = ["-S"]

    def setUp(self):
        self.vm = VM(self.vm_args).launch()
        self.addCleanup(self.vm.shutdown)
        self.qmp = self.vm.qmp()

    def assert_alive(self, client=None):
        reply = (client or self.qmp).cmd("query-status")
        self.assertEqual(reply, {"return": {"status": "prelaunch",
                                            "singlestep": False,
                                            "running": False}})


class Negotiation(unittest.TestCase):
    def setUp(self):
        self.vm = VM(["-S"]).launch()
        self.addCleanup(self.vm.shutdown)
        self.sock = connect_unix(self.vm.qmp_path)
        self.addCleanup(self.sock.close)
        self.client = QMPClient(self.sock, negotiate=False)

    def test_greeting_bytes(self):
        sock = connect_unix(self.vm.qmp_path)
        self.addCleanup(sock.close)
        data = b""
        while not data.endswith(b"\r\n"):
            data += sock.recv(4096)
        self.assertEqual(data, GREETING)

    def test_commands_before_negotiation(self):
        expect = not_found("Expecting capabilities negotiation with "
                           "'qmp_capabilities'")
        self.assertEqual(self.client.send_line('{"execute": "query-status"}'),
                         expect)
        self.assertEqual(self.client.send_line('{"execute": "no-such"}'),
                         expect)
        # Input errors are still reported as such.
        self.assertEqual(self.client.send_line("[]"),
                         generic("QMP input must be a JSON object"))

    def test_negotiation_once(self):
        self.assertEqual(self.client.send_line(
            '{"execute": "qmp_capabilities", "id": "n"}'),
            b'{"return": {}, "id": "n"}\r\n')
        self.assertEqual(self.client.send_line(
            '{"execute": "qmp_capabilities"}'),
            not_found("Capabilities negotiation is already complete, "
                      "command ignored"))
        self.assertEqual(self.client.cmd("query-status")["return"]["status"],
                         "prelaunch")

    def test_enable_oob(self):
        self.assertEqual(self.client.send_line(
            '{"execute": "qmp_capabilities", "arguments": '
            '{"enable": ["oob"]}}'), b'{"return": {}}\r\n')
        self.assertEqual(self.client.send_line(
            '{"exec-oob": "query-status"}'),
            generic("The command query-status does not support OOB"))

    def test_unknown_capability(self):
        self.assertEqual(self.client.send_line(
            '{"execute": "qmp_capabilities", "arguments": '
            '{"enable": ["frob"]}}'),
            generic("Parameter 'null' does not accept value 'frob'"))
        # Still in negotiation mode.
        self.assertEqual(self.client.send_line(
            '{"execute": "qmp_capabilities"}'), b'{"return": {}}\r\n')


class BadInput(QMPTestCase):
    CASES = [
        (b"garbage", generic("JSON parse error, unexpected character")),
        (b"}", generic("JSON parse error, unexpected character")),
        (b'{"execute" "x"}', generic("JSON parse error, object property "
                                     "name separator ':' expected")),
        (b"[1, 2]", generic("QMP input must be a JSON object")),
        (b'"query-status"', generic("QMP input must be a JSON object")),
        (b"42", generic("QMP input must be a JSON object")),
        (b"{}", generic("QMP input lacks member 'execute'")),
        (b'{"execute": 1}',
         generic("QMP input member 'execute' must be a string")),
        (b'{"execute": "query-status", "arguments": [1]}',
         generic("QMP input member 'arguments' must be an object")),
        (b'{"execute": "query-status", "bogus": 1}',
         generic("QMP input member 'bogus' is unexpected")),
        (b'{"execute": "query-status", "arguments": {"x": 1}}',
         generic("Parameter 'x' is unexpected")),
        (b'{"execute": "no-such-command"}',
         not_found("The command no-such-command has not been found")),
        (b'{"execute": "getfd"}', generic("Parameter 'fdname' is missing")),
        (b'{"execute": "getfd", "arguments": {"fdname": 5}}',
         generic("Invalid parameter type for 'fdname', expected: string")),
        (b'{"execute": "getfd", "arguments": {"fdname": "a", "x": true}}',
         generic("Parameter 'x' is unexpected")),
        (b'{"execute": "human-monitor-command", "arguments": '
         b'{"command-line": "info status", "cpu-index": "0"}}',
         generic("Invalid parameter type for 'cpu-index', "
                 "expected: integer")),
        (b'{"execute": "human-monitor-command", "arguments": '
         b'{"command-line": "info status", "cpu-index": 99}}',
         generic("Parameter 'cpu-index' expects a CPU number")),
        (b'{"execute": "getfd", "arguments": {"fdname": "x"}}',
         generic("No file descriptor supplied via SCM_RIGHTS")),
        (b'{"execute": "closefd", "arguments": {"fdname": "x"}}',
         generic("File descriptor named 'x' not found")),
    ]

    def test_each_bad_input_then_alive(self):
        for raw, expected in self.CASES:
            with self.subTest(raw=raw):
                self.assertEqual(self.qmp.send_line(raw), expected)
                self.assert_alive()

    def test_error_keeps_id(self):
        self.assertEqual(self.qmp.send_line(
            b'{"execute": "getfd", "id": {"n": [1]}}'),
            generic("Parameter 'fdname' is missing", '{"n": [1]}'))
        self.assertEqual(self.qmp.send_line(b'{"execute": 3, "id": null}'),
                         generic("QMP input member 'execute' must be a "
                                 "string", "null"))

    STATUS = (b'{"return": {"status": "prelaunch", "singlestep": false, '
              b'"running": false}}\r\n')

    def test_garbage_glued_to_command_costs_only_the_junk(self):
        # QEMU 7.2's lexer: "xx" is a token of its own, so the command
        # glued to it is answered too (issue 13 item 3).
        self.qmp.send(b'xx{"execute": "query-status"}\r\n'
                      b'{"execute": "query-status", "id": 2}\r\n')
        self.assertEqual(self.qmp.read_reply_line(),
                         generic("JSON parse error, unexpected character"))
        self.assertEqual(self.qmp.read_reply_line(), self.STATUS)
        self.assertEqual(json.loads(self.qmp.read_reply_line())["id"], 2)

    def test_stray_character_resyncs_at_next_brace(self):
        # A character no token starts with: QEMU's "stray" error, then the
        # lexer skips to the next structural character.
        self.qmp.send(b'XX junk{"execute": "query-status", "id": 3}\r\n')
        self.assertEqual(self.qmp.read_reply_line(),
                         generic("JSON parse error, stray 'X'"))
        self.assertEqual(json.loads(self.qmp.read_reply_line())["id"], 3)
        self.assertEqual(self.qmp.pending(), b"")

    def test_duplicate_key(self):
        self.assertEqual(self.qmp.send_line(
            b'{"execute": "query-status", "execute": "query-status"}'),
            generic("JSON parse error, duplicate key"))
        self.assertEqual(self.qmp.send_line(
            b'{"execute": "human-monitor-command", "arguments": '
            b'{"command-line": "info status", "command-line": "x"}}'),
            generic("JSON parse error, duplicate key"))
        self.assert_alive()

    def test_control_character_in_string(self):
        # Raw control characters are lexical errors inside strings; the
        # recovery resumes at the "}", which QEMU parses as a value too.
        self.qmp.send(b'{"execute": "query-\x01status"}\r\n')
        self.assertEqual(self.qmp.read_reply_line(),
                         generic("JSON parse error, stray '\"query-\x01'"))
        self.assertEqual(self.qmp.read_reply_line(),
                         generic("JSON parse error, unexpected character"))
        self.assertEqual(self.qmp.pending(), b"")
        self.assert_alive()

    def test_oversized_message(self):
        before = self.rss_kib()
        self.qmp.send(b'{"execute": "getfd", "arguments": {"fdname": "')
        chunk = b"a" * 65536
        for _ in range(64):             # 4 MiB, beyond the 1 MiB limit
            self.qmp.send(chunk)
        self.qmp.send(b'"}}\r\n')
        self.assertEqual(self.qmp.read_reply_line(),
                         generic("JSON token size limit exceeded"))
        self.assertEqual(self.qmp.pending(), b"")
        self.assert_alive()
        # The oversized value was dropped as it came, not buffered.
        self.assertLess(self.rss_kib() - before, 8 * 1024)

    def test_deep_nesting(self):
        # QEMU 7.2's MAX_NESTING is 1024: one level more is refused.
        self.assertEqual(self.qmp.send_line(b"[" * 1025 + b"]" * 1025),
                         generic("JSON nesting depth limit exceeded"))
        self.assertEqual(self.qmp.pending(), b"")
        self.assert_alive()

    def test_deep_value_accepted(self):
        # A balanced 1000-deep id is accepted and echoed.
        deep = b"[" * 1000 + b"]" * 1000
        # (read raw: Python's json module cannot nest that deep)
        self.qmp.send(b'{"execute": "query-status", "id": ' + deep + b'}\r\n')
        self.assertEqual(self.qmp.read_line(),
                         self.STATUS[:-3] + b', "id": ' + deep + b'}\r\n')
        self.assertEqual(self.qmp.send_line(b"[" * 1024 + b"]" * 1024),
                         generic("QMP input must be a JSON object"))

    def rss_kib(self):
        with open(f"/proc/{self.vm.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise AssertionError("no VmRSS")


class Framing(QMPTestCase):
    def test_id_echoed_verbatim(self):
        for id_json in ['"libvirt-12"', "7", "-1.5", '{"a": [true, null]}',
                        "[]", "null", '"\\u00e9/"']:
            with self.subTest(id=id_json):
                line = self.qmp.send_line(
                    '{"execute": "query-target", "id": %s}' % id_json)
                self.assertEqual(json.loads(line)["id"],
                                 json.loads(id_json))
        self.assertEqual(self.qmp.send_line(
            '{"id": "x/y", "execute": "query-target"}'),
            b'{"return": {"arch": "s390x"}, "id": "x/y"}\r\n')

    def test_byte_by_byte_and_pipelined(self):
        req = b'{"execute": "query-target", "id": 1}\r\n'
        for b in req:
            self.qmp.send(bytes([b]))
            time.sleep(0.001)
        self.assertEqual(self.qmp.read_reply_line(),
                         b'{"return": {"arch": "s390x"}, "id": 1}\r\n')
        self.qmp.send(b'{"execute":"query-target","id":2}'
                      b'  {"execute":"query-kvm","id":3}\n\n'
                      b'{"execute":"query-target","id":4}\r\n')
        ids = [json.loads(self.qmp.read_reply_line())["id"]
               for _ in range(3)]
        self.assertEqual(ids, [2, 3, 4])

    def test_disconnect_mid_command_and_with_unsent_output(self):
        # Half a command, then gone.
        a = self.vm.qmp()
        a.send(b'{"execute": "query-st')
        a.close()
        # Many replies queued, never read.
        b = self.vm.qmp()
        b.send(b'{"execute": "query-qmp-schema"}\r\n' * 50)
        b.sock.shutdown(socket.SHUT_RDWR)
        b.close()
        time.sleep(0.2)
        self.assert_alive()
        self.assert_alive(self.vm.qmp())

    def test_reconnect(self):
        for _ in range(5):
            c = self.vm.qmp()
            self.assert_alive(c)
            c.close()
        self.assert_alive()


class Events(QMPTestCase):
    def test_events_precede_reply_and_reach_every_client(self):
        other = self.vm.qmp()
        unnegotiated = self.vm.qmp(negotiate=False)
        self.qmp.send(b'{"execute": "cont", "id": "c"}\r\n')
        ev = json.loads(self.qmp.read_line())
        self.assertEqual(ev["event"], "RESUME")
        self.assertEqual(sorted(ev), ["event", "timestamp"])
        self.assertEqual(sorted(ev["timestamp"]), ["microseconds", "seconds"])
        self.assertLess(abs(ev["timestamp"]["seconds"] - time.time()), 60)
        self.assertEqual(self.qmp.read_line(), b'{"return": {}, "id": "c"}\r\n')
        self.assertEqual(other.wait_event("RESUME")["event"], "RESUME")

        self.assertEqual(self.qmp.cmd("query-status")["return"],
                         {"status": "running", "singlestep": False,
                          "running": True})
        self.qmp.send(b'{"execute": "stop"}\r\n')
        self.assertEqual(json.loads(self.qmp.read_line())["event"], "STOP")
        self.assertEqual(self.qmp.read_line(), b'{"return": {}}\r\n')
        self.assertEqual(other.wait_event("STOP")["event"], "STOP")
        # No events before negotiation.
        self.assertEqual(unnegotiated.pending(), b"")

    def test_two_clients_own_replies(self):
        other = self.vm.qmp()
        self.qmp.send(b'{"execute": "query-target", "id": "mine"}\r\n')
        other.send(b'{"execute": "query-kvm", "id": "theirs"}\r\n')
        self.assertEqual(json.loads(self.qmp.read_reply_line())["id"], "mine")
        self.assertEqual(json.loads(other.read_reply_line())["id"], "theirs")
        self.assertEqual(self.qmp.pending(), b"")

    def test_quit(self):
        other = self.vm.qmp()
        self.assertEqual(self.qmp.send_line(b'{"execute": "quit"}'),
                         b'{"return": {}}\r\n')
        ev = other.wait_event("SHUTDOWN")
        self.assertEqual(ev["data"], {"guest": False,
                                      "reason": "host-qmp-quit"})
        self.assertEqual(self.vm.wait(), 0)
        self.assertFalse(os.path.exists(self.vm.qmp_path))


class Commands(QMPTestCase):
    def test_status_stop_cont_reset(self):
        self.assertEqual(self.qmp.send_line(b'{"execute": "query-status"}'),
                         b'{"return": {"status": "prelaunch", "singlestep": '
                         b'false, "running": false}}\r\n')
        self.assertEqual(self.qmp.cmd("stop"), {"return": {}})
        self.assertEqual(self.qmp.events, [])   # was not running: no STOP
        self.assertEqual(self.qmp.cmd("cont"), {"return": {}})
        self.assertEqual(self.qmp.cmd("system_reset"), {"return": {}})
        self.assertEqual(self.qmp.wait_event("RESET")["data"],
                         {"guest": False, "reason": "host-qmp-system-reset"})
        self.assertEqual(self.qmp.cmd("stop"), {"return": {}})
        self.assertEqual(self.qmp.ok("query-status"),
                         {"status": "paused", "singlestep": False,
                          "running": False})

    def test_version_target_kvm(self):
        self.assertEqual(self.qmp.send_line(b'{"execute": "query-version"}'),
                         b'{"return": {"qemu": {"micro": 0, "minor": 2, '
                         b'"major": 7}, "package": "pvdump 0.1.0"}}\r\n')
        self.assertEqual(self.qmp.send_line(b'{"execute": "query-target"}'),
                         b'{"return": {"arch": "s390x"}}\r\n')
        present = os.access("/dev/kvm", os.R_OK | os.W_OK)
        self.assertEqual(self.qmp.ok("query-kvm"),
                         {"enabled": False, "present": present})

    def test_machines(self):
        machines = self.qmp.ok("query-machines")
        self.assertEqual(len([m for m in machines if m.get("is-default")]), 1)
        default = next(m for m in machines if m.get("is-default"))
        self.assertEqual(default["alias"], "s390-ccw-virtio")
        for m in machines:
            self.assertEqual(sorted(set(m) - {"alias", "is-default"}),
                             ["cpu-max", "deprecated", "hotpluggable-cpus",
                              "name", "numa-mem-supported"])

    def test_cpus_fast(self):
        cpus = self.qmp.ok("query-cpus-fast")
        self.assertEqual(len(cpus), 2)
        tids = set(os.listdir(f"/proc/{self.vm.pid}/task"))
        for i, cpu in enumerate(cpus):
            self.assertEqual(cpu["cpu-index"], i)
            self.assertEqual(cpu["qom-path"],
                             f"/machine/unattached/device[{i}]")
            self.assertEqual(cpu["props"], {"core-id": i})
            self.assertEqual(cpu["target"], "s390x")
            self.assertIn(cpu["cpu-state"], ("operating", "stopped"))
            self.assertIn(str(cpu["thread-id"]), tids)
        self.assertEqual(list(cpus[0]), ["cpu-index", "qom-path", "thread-id",
                                         "props", "target", "cpu-state"])

    def test_chardev(self):
        self.assertEqual(self.qmp.ok("query-chardev"), [
            {"frontend-open": True,
             "filename": f"unix:{self.vm.qmp_path},server=on",
             "label": "compat_monitor0"}])


class Introspection(QMPTestCase):
    """query-commands and query-qmp-schema agree with qapi/*.json."""

    @staticmethod
    def load_schema(name="qapi-schema.json"):
        """The definitions of qapi/NAME and what it includes (the schema
        has no braces inside strings)."""
        import ast
        import re
        root = os.path.join(os.path.dirname(__file__), "..", "..", "qapi")
        with open(os.path.join(root, name)) as f:
            text = re.sub(r"#.*", "", f.read())
        text = re.sub(r"\btrue\b", "True", text)
        text = re.sub(r"\bfalse\b", "False", text)
        exprs = []
        depth, start = 0, 0
        for i, ch in enumerate(text):
            if ch == "{":
                depth, start = depth + 1, i if depth == 0 else start
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    expr = ast.literal_eval(text[start:i + 1])
                    if "include" in expr:
                        exprs += Introspection.load_schema(expr["include"])
                    else:
                        exprs.append(expr)
        return exprs

    def test_commands_match_schema(self):
        # Builds with the test hooks add qapi/x-debug.json (qapi/meson.build).
        schema = self.load_schema() + (self.load_schema("x-debug.json")
                                       if wrapper.TEST_HOOKS else [])
        declared = {e["command"] for e in schema if "command" in e}
        listed = [c["name"] for c in self.qmp.ok("query-commands")]
        self.assertEqual(len(listed), len(set(listed)))
        self.assertEqual(set(listed), declared)

        info = self.qmp.ok("query-qmp-schema")
        by_name = {e["name"]: e for e in info}
        self.assertEqual(len(by_name), len(info))
        self.assertEqual({e["name"] for e in info
                          if e["meta-type"] == "command"}, declared)
        self.assertEqual({e["name"] for e in info
                          if e["meta-type"] == "event"},
                         {e["event"] for e in schema if "event" in e})
        for expr in schema:
            if "command" not in expr:
                continue
            entry = by_name[expr["command"]]
            members = by_name[entry["arg-type"]]["members"]
            expected = [{"name": k.lstrip("*"), **({"default": None}
                                                   if k.startswith("*")
                                                   else {})}
                        for k in expr.get("data", {})]
            self.assertEqual([{k: v for k, v in m.items() if k != "type"}
                              for m in members], expected, expr["command"])
            for m in members:
                self.assertIn(m["type"], by_name)

    def test_schema_details(self):
        info = {e["name"]: e for e in self.qmp.ok("query-qmp-schema")}
        status = info["query-status"]
        ret = info[status["ret-type"]]
        self.assertEqual([m["name"] for m in ret["members"]],
                         ["running", "singlestep", "status"])
        runstate = info[ret["members"][2]["type"]]
        self.assertEqual(runstate["values"], [
            "debug", "inmigrate", "internal-error", "io-error", "paused",
            "postmigrate", "prelaunch", "finish-migrate", "restore-vm",
            "running", "save-vm", "shutdown", "suspended", "watchdog",
            "guest-panicked", "colo"])
        self.assertEqual(info["str"], {"name": "str", "meta-type": "builtin",
                                       "json-type": "string"})
        self.assertEqual(info["STOP"]["meta-type"], "event")
        self.assertEqual(info[info["query-commands"]["ret-type"]]
                         ["meta-type"], "array")


if __name__ == "__main__":
    unittest.main(verbosity=2)
