# SPDX-License-Identifier: GPL-2.0-or-later
"""run.py's cfg parser, command line, classification and regression rules."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

CFG = '''##########
# header comment
##########

[selftest-setup]
file = selftest.elf
groups = selftest
# please keep the kernel cmdline in sync
test_args = 'test 123'

[diag288]
file = diag288.elf
qemu_params=-device diag288,id=watchdog0 --watchdog-action inject-nmi

[firq-kvm]
file = firq.elf
timeout = 20
accel = kvm

[topology-3]
file = topology.elf
test_args = '-drawers 2 -books 2 -sockets 2 -cores 16'
qemu_params = """-cpu max,ctop=on -smp cpus=1,maxcpus=128 \\
-device max-s390x-cpu,core-id=31,drawer-id=0 \\
-device max-s390x-cpu,core-id=0,entitlement=high \\
"""

[skip]
file = selftest-migration.elf
smp = 2
groups = selftest migration
test_args = "skip"
'''

CONSOLE_PASS = "PASS: selftest: x\nSUMMARY: 22 tests\n\nEXIT: STATUS=1\n"
CONSOLE_FAIL = ("PASS: a\nFAIL: skey: STAP: mismatching key: expected(4) == received(0)\n"
                "FAIL: b\nSUMMARY: 66 tests, 27 unexpected failures\n\nEXIT: STATUS=3\n")
CONSOLE_SKIP = "SKIP: sthyi: STHYI is not available\nSUMMARY: 1 tests, 1 skipped\n\nEXIT: STATUS=77\n"


class CfgTest(unittest.TestCase):
    def setUp(self):
        self.entries = run.parse_cfg(CFG)

    def test_sections_and_keys(self):
        self.assertEqual([e["name"] for e in self.entries],
                         ["selftest-setup", "diag288", "firq-kvm", "topology-3", "skip"])
        self.assertEqual(self.entries[0], {"name": "selftest-setup", "file": "selftest.elf",
                                           "groups": "selftest", "test_args": "'test 123'"})
        self.assertEqual(self.entries[2]["accel"], "kvm")

    def test_multiline_params(self):
        self.assertEqual(run.entry_params(self.entries[3]),
                         ["-cpu", "max,ctop=on", "-smp", "cpus=1,maxcpus=128",
                          "-device", "max-s390x-cpu,core-id=31,drawer-id=0",
                          "-device", "max-s390x-cpu,core-id=0,entitlement=high"])

    def test_command_lines(self):
        self.assertEqual(run.build_command("vm", self.entries[0], "/t/selftest.elf"),
                         ["vm", "-nodefaults", "-nographic", "-machine", "s390-ccw-virtio,accel=tcg",
                          "-chardev", "stdio,id=con0", "-device", "sclpconsole,chardev=con0",
                          "-kernel", "/t/selftest.elf", "-smp", "1", "-append", "test 123"])
        self.assertEqual(run.build_command("vm", self.entries[1], "k")[-6:],
                         ["-smp", "1", "-device", "diag288,id=watchdog0",
                          "--watchdog-action", "inject-nmi"])
        self.assertEqual(run.build_command("vm", self.entries[4], "k")[-4:],
                         ["-smp", "2", "-append", "skip"])
        self.assertEqual(run.build_command("vm", self.entries[3], "k")[13:17],
                         ["-append", "-drawers 2 -books 2 -sockets 2 -cores 16", "-cpu", "max,ctop=on"])

    def test_timeouts_and_groups(self):
        self.assertEqual(run.entry_timeout(self.entries[0], None), 90)
        self.assertEqual(run.entry_timeout(self.entries[2], None), 20)
        self.assertEqual(run.entry_timeout(self.entries[0], 30), 30)
        self.assertEqual(run.entry_timeout({"timeout": "600s"}, None), 600)
        self.assertEqual(run.entry_groups(self.entries[4]), ["selftest", "migration"])

    def test_unterminated_block(self):
        with self.assertRaises(ValueError):
            run.parse_cfg('[a]\nqemu_params = """-m 1G \\\n-smp 2\n')


class ClassifyTest(unittest.TestCase):
    def test_results(self):
        self.assertEqual(run.classify(CONSOLE_PASS, 0, False), ("PASS", ""))
        self.assertEqual(run.classify(CONSOLE_FAIL, 0, False),
                         ("FAIL", "FAIL: skey: STAP: mismatching key: expected(4) == received(0)"))
        self.assertEqual(run.classify(CONSOLE_SKIP, 0, False),
                         ("SKIP", "sthyi: STHYI is not available"))
        self.assertEqual(run.classify("ABORT: x\nEXIT: STATUS=127\n", 0, False), ("FAIL", "ABORT: x"))
        self.assertEqual(run.classify("hello\n", 1, False), ("FAIL", "no EXIT line (emulator rc 1)"))
        self.assertEqual(run.classify("hello\n", 0, False), ("FAIL", "no EXIT line (emulator rc 0)"))
        self.assertEqual(run.classify(CONSOLE_PASS, -15, True), ("TIMEOUT", "killed at the timeout"))
        # "EXIT:" only counts at the start of a line
        self.assertEqual(run.classify("xEXIT: STATUS=1\n", 0, False)[0], "FAIL")

    def test_summary(self):
        self.assertEqual(run.parse_summary(CONSOLE_FAIL), "66 tests, 27 unexpected failures")
        self.assertEqual(run.parse_summary("EXIT: STATUS=1\n"), "")


class ExpectedTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(run.parse_expected("# c\n\na PASS # 22 tests\nb SKIP\n"),
                         {"a": ("PASS", "22 tests"), "b": ("SKIP", "")})
        with self.assertRaises(ValueError):
            run.parse_expected("a PASSED\n")

    def test_regression_rules(self):
        table = {(w, a): run.is_regression(w, a) for w in run.RESULTS for a in run.RESULTS}
        self.assertEqual(sorted(k for k, v in table.items() if v),
                         [("FAIL", "TIMEOUT"), ("PASS", "FAIL"), ("PASS", "SKIP"),
                          ("PASS", "TIMEOUT"), ("SKIP", "FAIL"), ("SKIP", "TIMEOUT")])

    def test_compare(self):
        expected = run.parse_expected("a PASS\nb FAIL\nc TIMEOUT\nd SKIP\n")
        results = [{"name": "a", "result": "FAIL"}, {"name": "b", "result": "PASS"},
                   {"name": "c", "result": "FAIL"}, {"name": "d", "result": "SKIP"},
                   {"name": "e", "result": "PASS"}]
        self.assertEqual(run.compare(expected, results),
                         (["REGRESSION: a PASS -> FAIL"],
                          ["improved: b FAIL -> PASS; update the expected list",
                           "improved: c TIMEOUT -> FAIL; update the expected list"],
                          ["not in the expected list: e PASS"]))

    def test_expected_text_and_markdown(self):
        results = [{"name": "a", "result": "PASS", "summary": "3 tests", "reason": ""},
                   {"name": "b", "result": "SKIP", "summary": "", "reason": "binary absent: b.elf"},
                   {"name": "c", "result": "TIMEOUT", "summary": "", "reason": "killed at the timeout"}]
        text = run.expected_text(results)
        self.assertEqual(text, "a PASS # 3 tests\nb SKIP # binary absent: b.elf\n"
                               "c TIMEOUT # killed at the timeout\n")
        self.assertEqual(run.markdown(results, run.parse_expected("a FAIL # 3 tests, 1 unexpected failures\n"),
                                      "vm").splitlines(),
                         ["| cfg entry | QEMU 7.2 TCG | vm |", "|---|---|---|",
                          "| a | **FAIL** 3 tests, 1 unexpected failures | **PASS** 3 tests |",
                          "| b | not run | **SKIP** binary absent: b.elf |",
                          "| c | not run | **TIMEOUT** killed at the timeout |"])


class MainTest(unittest.TestCase):
    def test_missing_folder_is_77(self):
        with tempfile.TemporaryDirectory() as d:
            self.assertEqual(run.main(["--testdir", d, "--emulator", "/bin/false"]), 77)

    def test_absent_binary_and_kvm_entry(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "unittests.cfg"), "w") as f:
                f.write("[gone]\nfile = gone.elf\n[kvm]\nfile = gone.elf\naccel = kvm\n")
            args = run.parse_args(["--testdir", d, "--emulator", "/bin/false"])
            with open(f.name) as cfg:
                entries = run.parse_cfg(cfg.read())
            res = [run.run_entry(e, args) for e in entries]
            self.assertEqual([(r["result"], r["reason"]) for r in res],
                             [("SKIP", "binary absent: gone.elf"), ("SKIP", "kvm only, but ACCEL=tcg")])

    def test_refused_configuration_is_skip(self):
        # /bin/sh -c prints a complaint that does not name the kernel
        with tempfile.TemporaryDirectory() as d:
            vm = os.path.join(d, "vm")
            with open(vm, "w") as f:
                f.write("#!/bin/sh\necho 'vm: Parameter smp.books is unexpected' >&2\nexit 1\n")
            os.chmod(vm, 0o755)
            self.assertEqual(run.refused(vm, {"file": "x.elf"}), "vm: Parameter smp.books is unexpected")
            with open(vm, "w") as f:
                f.write("#!/bin/sh\necho \"vm: could not load kernel in: $*\" >&2\nexit 1\n")
            self.assertEqual(run.refused(vm, {"file": "x.elf"}), "")


if __name__ == "__main__":
    unittest.main()
