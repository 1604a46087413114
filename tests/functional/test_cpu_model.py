# SPDX-License-Identifier: GPL-2.0-or-later
"""CPU models and the watchdog options: -cpu help, -cpu feature properties,
query-cpu-definitions, query-cpu-model-expansion (QEMU 7.2's s390x reply
shapes) and -watchdog-action / -device diag288 parsing."""
import os
import subprocess
import unittest

import qmp
import wrapper

VM = os.environ.get("PVDUMP_VM", "pvdump-vm")

# QEMU 7.2 TCG's "qemu" model (its query-cpu-model-expansion) plus EDAT-1/2,
# unpack, STHYI and CMM (which uvsim's kernel side provides), limited to
# the features of pvdump's table.
QEMU_MODEL_ON = {
    "esan3", "zarch", "dateh", "idtes", "stfle", "srs", "etf2", "msa-base",
    "ldisp", "ldisphp", "eimm", "etf3", "etf2eh", "stckf", "mvcos", "etf3eh",
    "ectg", "csst", "csst2", "ginste", "exrl", "sprogp", "fpseh",
    "stfle45", "stfle49", "ltlbc", "iacc2", "stfle53", "msa5-base", "minste2",
    "minste3", "zpci", "aen", "ais", "aefsi", "msa3-base", "msa4-base", "vx",
    "iep", "sea_esop2", "vxeh", "msa8-base", "vxeh2", "esop",
    "edat", "edat2", "unpack", "sthyi", "cmm", "gs",
}


def run(*args):
    return wrapper.run(VM, *args, capture_output=True, text=True, timeout=20,
                       stdin=subprocess.DEVNULL)


class CpuHelp(unittest.TestCase):
    def test_models_then_features(self):
        r = run("-cpu", "help")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[:7], [
            "s390 qemu            QEMU Virtual CPU version 2.5+       (migration-safe)",
            "s390 max             Enables all features supported by the accelerator "
            "in the current host",
            "s390 host            Host CPU model (KVM only)",
            "s390 gen15a-base     IBM z15 T01 GA1                     (static, migration-safe)",
            "s390 z15             IBM z15 T01 GA1                     (migration-safe)",
            "s390 z16             IBM 3931 GA1                        (migration-safe)",
            "",
        ])
        self.assertEqual(lines[7], "Recognized feature flags:")
        self.assertEqual(lines[8], "esan3                Instructions marked as n3")
        self.assertIn("vx                   Vector facility", lines)
        self.assertIn("diag318              Control program name and version codes", lines)
        self.assertEqual(len(lines), 8 + 114)

    def test_bad_feature(self):
        r = run("-nodefaults", "-cpu", "qemu,vx=maybe")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "pvdump-vm: Parameter 'vx' expects 'on' or 'off'\n")
        r = run("-nodefaults", "-cpu", "qemu,warp=on")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "pvdump-vm: CPU model 'qemu': Invalid parameter 'warp'\n")


class WatchdogOptions(unittest.TestCase):
    def test_bad_action(self):
        for opt in ("-watchdog-action", "--watchdog-action"):
            r = run(opt, "explode")
            self.assertEqual(r.returncode, 1)
            self.assertEqual(r.stderr, f"pvdump-vm: {opt} explode: Parameter 'action' "
                             "does not accept value 'explode'\n")

    def test_actions_and_device_accepted(self):
        for action in ("reset", "shutdown", "poweroff", "pause", "debug", "none",
                       "inject-nmi"):
            vm = qmp.VM(["-S", "--watchdog-action", action,
                         "-device", "diag288,id=watchdog0"]).launch()
            self.addCleanup(vm.shutdown)
            self.assertEqual(vm.qmp().ok("query-status")["status"], "prelaunch")


class CpuModelQMP(unittest.TestCase):
    def setUp(self):
        self.vm = qmp.VM(["-S", "-cpu", "qemu,gs=on,vx=off"]).launch()
        self.addCleanup(self.vm.shutdown)
        self.qmp = self.vm.qmp()

    def expand(self, type_, name, props=None):
        model = {"name": name}
        if props is not None:
            model["props"] = props
        return self.qmp.cmd("query-cpu-model-expansion",
                            {"type": type_, "model": model})

    def test_definitions(self):
        defs = self.qmp.ok("query-cpu-definitions")
        self.assertEqual([d["name"] for d in defs],
                         ["qemu", "max", "host", "gen15a-base", "z15", "z16"])
        self.assertEqual(defs[0], {"name": "qemu", "typename": "qemu-s390x-cpu",
                                   "unavailable-features": [], "static": False,
                                   "migration-safe": True, "deprecated": False})
        self.assertEqual(defs[3]["static"], True)
        self.assertEqual(defs[1]["migration-safe"], False)

    def test_full_expansion(self):
        model = self.expand("full", "qemu")["return"]["model"]
        self.assertEqual(model["name"], "gen15a-base")
        self.assertEqual(len(model["props"]), 114)
        self.assertEqual({k for k, v in model["props"].items() if v}, QEMU_MODEL_ON)

    def test_static_expansion_is_a_delta(self):
        model = self.expand("static", "qemu", {"vx": False, "gs": True})["return"]["model"]
        self.assertEqual(model["name"], "gen15a-base")
        props = model["props"]
        self.assertEqual(props["gs"], True)
        self.assertNotIn("vx", props)           # gen15a-base has no vector either
        self.assertEqual(props["dfp"], False)   # gen15a-base has DFP, qemu not
        self.assertEqual(props["edat"], True)
        self.assertNotIn("zarch", props)
        model = self.expand("static", "gen15a-base")["return"]["model"]
        self.assertEqual(model, {"name": "gen15a-base", "props": {}})

    def test_expansion_errors(self):
        err = self.expand("full", "z80")["error"]
        self.assertEqual(err["desc"], "The CPU definition 'z80' is unknown.")
        err = self.expand("full", "qemu", {"warp": True})["error"]
        self.assertEqual(err["desc"], "Property 'qemu-s390x-cpu.warp' not found")
        err = self.expand("full", "qemu", {"vx": 1})["error"]
        self.assertEqual(err["desc"], "Invalid parameter type for 'vx', expected: boolean")


class CpuDevices(unittest.TestCase):
    """-device <model>-s390x-cpu,core-id=N: cold-plugged CPUs, addressed by core-id."""

    def test_plugged_cpus_have_their_core_ids(self):
        vm = qmp.VM(args=["-S", "-smp", "1,maxcpus=3", "-cpu", "qemu",
                          "-device", "qemu-s390x-cpu,core-id=2",
                          "-device", "qemu-s390x-cpu,core-id=1"],
                    base_args=["-nodefaults", "-nographic", "-accel", "tcg",
                               "-m", "64"]).launch()
        self.addCleanup(vm.shutdown)
        cpus = vm.qmp().cmd("query-cpus-fast")["return"]
        self.assertEqual([(c["cpu-index"], c["props"]["core-id"], c["cpu-state"])
                          for c in cpus],
                         [(0, 0, "operating"), (1, 2, "stopped"), (2, 1, "stopped")])

    def assert_refused(self, args, message):
        r = run("-nodefaults", "-accel", "tcg", "-m", "64", *args)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stderr, f"pvdump-vm: {message}\n")

    def test_refusals(self):
        self.assert_refused(["-smp", "1,maxcpus=2", "-device", "qemu-s390x-cpu,core-id=2"],
                            "-device qemu-s390x-cpu,core-id=2: Unable to add CPU with "
                            "core-id: 2, maximum core-id: 1")
        self.assert_refused(["-smp", "2", "-device", "qemu-s390x-cpu,core-id=1"],
                            "-device qemu-s390x-cpu,core-id=1: Unable to add CPU with "
                            "core-id: 1, it already exists")
        self.assert_refused(["-smp", "1,maxcpus=2", "-device", "z15-s390x-cpu,core-id=1"],
                            "-device z15-s390x-cpu,core-id=1: CPU model 'z15' differs "
                            "from the machine's 'qemu'")
        self.assert_refused(["-smp", "1,maxcpus=2", "-device", "qemu-s390x-cpu"],
                            "-device qemu-s390x-cpu: core-id must be set")


if __name__ == "__main__":
    unittest.main()
