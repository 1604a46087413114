#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run kvm-unit-tests' s390x binaries on an emulator, the way upstream's
run_tests.sh does (ACCEL=tcg), and compare the results with an expected list.

The test folder (README.md there) holds the prebuilt *.elf files and the
upstream s390x/unittests.cfg.  Each cfg entry becomes one emulator run:

  <emulator> -nodefaults -nographic -machine s390-ccw-virtio,accel=tcg
    -chardev stdio,id=con0 -device sclpconsole,chardev=con0
    -kernel <file> -smp N [-append ARGS] [qemu_params]

(upstream also passes -initrd with an environment file that nothing on
s390x reads, so it is left out).  The result is upstream's: the console's
"EXIT: STATUS=" 1 is PASS, 77 SKIP, anything else FAIL; no EXIT line is a
FAIL; killed at the timeout is TIMEOUT (upstream: FAIL with rc 124).  Like
upstream's premature_failure(), the command is first started with a kernel
that does not exist: an emulator that refuses the configuration for any
other reason (an unknown device or CPU feature) makes the entry a SKIP.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time

RESULTS = ("PASS", "FAIL", "SKIP", "TIMEOUT")
DEFAULT_TIMEOUT = 90
NO_FILE = "_NO_FILE_4Uhere_"
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
EXIT_RE = re.compile(r"^EXIT: STATUS=(\d+)", re.M)
SUMMARY_RE = re.compile(r"^SUMMARY: (.*)$", re.M)


# ---------------------------------------------------------------- the cfg

def _strip_quotes(value):
    """A shell-quoted test_args value as the one -append string."""
    return " ".join(shlex.split(value))


def _read_block(first, lines):
    """The value of a key = \"\"\"... block: upstream joins the lines, drops
    a backslash-newline and stops at the closing triple quote."""
    text = first
    while True:
        if text.endswith("\\"):
            text = text[:-1]
        elif text:
            text += "\n"
        if '"""' in text:
            return text[:text.index('"""')]
        try:
            text += next(lines)
        except StopIteration:
            raise ValueError('unterminated """ block')


def parse_cfg(text):
    """unittests.cfg as an ordered list of dicts, one per [entry], with the
    keys as written and 'name' for the section."""
    entries = []
    lines = iter(text.splitlines())
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            entries.append({"name": line[1:-1].strip()})
            continue
        key, sep, value = line.partition("=")
        if not sep or not entries:
            raise ValueError("unparsable cfg line: %r" % line)
        key, value = key.strip(), value.strip()
        if value.startswith('"""'):
            value = _read_block(value[3:], lines)
        entries[-1][key] = value
    return entries


def entry_params(entry):
    """The entry's extra emulator arguments (qemu_params or extra_params)."""
    params = entry.get("qemu_params", entry.get("extra_params", ""))
    return shlex.split(params)


def build_command(emulator, entry, kernel):
    """The emulator's argv for one cfg entry."""
    argv = [emulator, "-nodefaults", "-nographic",
            "-machine", "s390-ccw-virtio,accel=tcg",
            "-chardev", "stdio,id=con0", "-device", "sclpconsole,chardev=con0",
            "-kernel", kernel, "-smp", entry.get("smp", "1")]
    if entry.get("test_args"):
        argv += ["-append", _strip_quotes(entry["test_args"])]
    return argv + entry_params(entry)


def entry_timeout(entry, cap):
    """The cfg timeout in seconds ("600", "20s"), capped by cap if given."""
    value = entry.get("timeout", str(DEFAULT_TIMEOUT)).rstrip("s")
    seconds = float(value)
    return min(seconds, cap) if cap else seconds


def entry_groups(entry):
    return entry.get("groups", "").split()


# ---------------------------------------------------------- classification

def parse_summary(console):
    """The last SUMMARY line's text ("22 tests, 1 skipped"), or ''."""
    found = SUMMARY_RE.findall(console)
    return found[-1].strip() if found else ""


def first_line(console, prefix):
    for line in console.splitlines():
        if line.startswith(prefix):
            return line.strip()
    return ""


def classify(console, rc, timed_out):
    """(result, reason) from the console text and the emulator's exit."""
    if timed_out:
        return "TIMEOUT", "killed at the timeout"
    match = EXIT_RE.search(console)
    if not match:
        return "FAIL", "no EXIT line (emulator rc %d)" % rc
    status = int(match.group(1))
    if status == 1:
        return "PASS", ""
    if status == 77:
        return "SKIP", first_line(console, "SKIP:")[len("SKIP:"):].strip()
    reason = first_line(console, "FAIL:") or first_line(console, "ABORT:")
    return "FAIL", reason or "EXIT: STATUS=%d" % status


# ------------------------------------------------------------- running

def _feed_newlines(proc, stop):
    """A migration test waits in getchar() for the migration to happen;
    a newline on the console lets it go on without one."""
    while not stop.wait(0.5):
        try:
            proc.stdin.write(b"\n")
            proc.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            return


def _kill(proc):
    """SIGTERM the emulator's process group, SIGKILL a second later
    (timeout -k 1s)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(1)
            return
        except subprocess.TimeoutExpired:
            pass


def _drain(stream, chunks):
    for chunk in iter(lambda: stream.read(4096), b""):
        chunks.append(chunk)


def execute(argv, timeout, feed):
    """Run argv; (stdout, stderr, rc, timed_out, seconds).  Readers in
    threads rather than communicate(), which would close the stdin that
    the newlines go to."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    out, err, stop = [], [], threading.Event()
    threads = [threading.Thread(target=_drain, args=(proc.stdout, out)),
               threading.Thread(target=_drain, args=(proc.stderr, err))]
    if feed:
        threads.append(threading.Thread(target=_feed_newlines, args=(proc, stop)))
    for t in threads:
        t.start()
    timed_out = False
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill(proc)
    stop.set()
    for t in threads:
        t.join()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        try:
            if stream:
                stream.close()
        except OSError:         # a newline still buffered for a dead emulator
            pass
    text = b"".join(out).decode("utf-8", "replace").replace("\r", "")
    return (text, b"".join(err).decode("utf-8", "replace"), proc.returncode,
            timed_out, time.monotonic() - start)


def refused(emulator, entry):
    """Upstream's premature_failure(): the emulator's complaint when it
    refuses the configuration itself, or '' when the only problem with a
    missing kernel is the kernel."""
    out, err, _, timed_out, _ = execute(build_command(emulator, entry, NO_FILE), 10, False)
    log = (out + err).strip()
    if timed_out or NO_FILE in log:
        return ""
    return log.splitlines()[-1] if log else "emulator refused the configuration"


def run_entry(entry, args):
    """One cfg entry's result as a dict."""
    res = {"name": entry["name"], "summary": "", "seconds": 0.0, "console": ""}
    kernel = os.path.join(args.testdir, entry.get("file", ""))
    if entry.get("accel", "tcg") != "tcg":
        return dict(res, result="SKIP", reason="%s only, but ACCEL=tcg" % entry["accel"])
    if not os.path.isfile(kernel):
        return dict(res, result="SKIP", reason="binary absent: %s" % entry.get("file"))
    why = refused(args.emulator, entry)
    if why:
        return dict(res, result="SKIP", reason=why)
    out, err, rc, timed_out, secs = execute(build_command(args.emulator, entry, kernel),
                                            entry_timeout(entry, args.timeout_cap),
                                            "migration" in entry_groups(entry))
    result, reason = classify(out, rc, timed_out)
    return dict(res, result=result, reason=reason, summary=parse_summary(out),
                seconds=secs, console=out + err)


# ------------------------------------------------------- expected results

def parse_expected(text):
    """An expected list: {entry: result}; '<entry> <RESULT> [# note]'."""
    expected = {}
    for number, line in enumerate(text.splitlines(), 1):
        body, _, note = line.partition("#")
        words = body.split()
        if not words:
            continue
        if len(words) != 2 or words[1] not in RESULTS:
            raise ValueError("line %d: expected '<entry> <%s>'" % (number, "|".join(RESULTS)))
        expected[words[0]] = (words[1], note.strip())
    return expected


def is_regression(expected, actual):
    """Whether actual is worse than expected: a PASS lost, a SKIP that now
    fails or hangs, a FAIL that now hangs."""
    if expected == "PASS":
        return actual != "PASS"
    if expected == "SKIP":
        return actual in ("FAIL", "TIMEOUT")
    if expected == "FAIL":
        return actual == "TIMEOUT"
    return False


def compare(expected, results):
    """(regressions, improvements, unlisted) as message lists."""
    regressions, improvements, unlisted = [], [], []
    for res in results:
        name, actual = res["name"], res["result"]
        if name not in expected:
            unlisted.append("not in the expected list: %s %s" % (name, actual))
            continue
        want = expected[name][0]
        if want == actual:
            continue
        line = "%s %s -> %s" % (name, want, actual)
        if is_regression(want, actual):
            regressions.append("REGRESSION: " + line)
        else:
            improvements.append("improved: %s; update the expected list" % line)
    return regressions, improvements, unlisted


# ---------------------------------------------------------------- output

def detail(res):
    """'22 tests, 1 skipped' / 'binary absent: x.elf': the SUMMARY of a
    test that ran to its end, else the reason."""
    summary = res["summary"] if res["result"] in ("PASS", "FAIL") else ""
    return summary or res.get("reason", "")


def expected_text(results):
    """This run as an expected list, the detail as the note."""
    return "".join("%s %s%s\n" % (r["name"], r["result"],
                                  " # " + detail(r) if detail(r) else "")
                   for r in results)


def markdown(results, peer, label):
    """The side-by-side table: entry | peer's expected list | this run."""
    rows = ["| cfg entry | QEMU 7.2 TCG | %s |" % label, "|---|---|---|"]
    for res in results:
        want = peer.get(res["name"])
        left = ("**%s** %s" % want).strip() if want else "not run"
        right = ("**%s** %s" % (res["result"], detail(res))).strip()
        rows.append("| %s | %s | %s |" % (res["name"], left.replace("|", "\\|"),
                                          right.replace("|", "\\|")))
    return "\n".join(rows) + "\n"


def totals(results):
    return ", ".join("%d %s" % (sum(r["result"] == k for r in results), k) for k in RESULTS)


def print_result(res, verbose):
    print("%-8s %-30s %6.1fs  %s" % (res["result"], res["name"], res["seconds"],
                                    detail(res)), flush=True)
    if verbose and res["result"] not in ("PASS", "SKIP") and res["console"]:
        tail = res["console"].rstrip().splitlines()[-15:]
        print("\n".join("    | " + line for line in tail), flush=True)


# ------------------------------------------------------------------ main

def default_emulator():
    return os.environ.get("PVDUMP_VM") or os.path.join(SOURCE_ROOT, "build", "pvdump-vm")


def default_testdir():
    return os.environ.get("KVM_UNIT_TESTS_DIR") or os.path.join(
        SOURCE_ROOT, "..", "shared", "testdata", "kvm-unit-tests-s390x")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--emulator", default=default_emulator(),
                   help="pvdump-vm or qemu-system-s390x (default: $PVDUMP_VM or build/pvdump-vm)")
    p.add_argument("--testdir", default=default_testdir(),
                   help="the kvm-unit-tests folder, or its s390x/ (default: $KVM_UNIT_TESTS_DIR "
                        "or ../shared/testdata/kvm-unit-tests-s390x)")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--only", help="comma-separated cfg entries to run")
    p.add_argument("--expected", help="expected list; exit 1 on a regression against it")
    p.add_argument("--timeout-cap", type=float, help="cap every entry's timeout (seconds)")
    p.add_argument("--verbose", action="store_true",
                   help="print the console tail of entries that do not pass or skip")
    p.add_argument("--markdown", help="write the side-by-side table to this file")
    p.add_argument("--peer", default=os.path.join(HERE, "expected-qemu72.txt"),
                   help="expected list for the table's QEMU column")
    p.add_argument("--label", default="pvdump-vm", help="the table's column for this run")
    p.add_argument("--write-expected", help="write this run's results as an expected list")
    return p.parse_args(argv)


def select(entries, only):
    if not only:
        return entries
    names = only.split(",")
    unknown = set(names) - {e["name"] for e in entries}
    if unknown:
        raise SystemExit("unknown cfg entries: %s" % ", ".join(sorted(unknown)))
    return [e for e in entries if e["name"] in names]


def run_all(entries, args):
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = [pool.submit(run_entry, e, args) for e in entries]
        for future in concurrent.futures.as_completed(futures):
            print_result(future.result(), args.verbose)
        return [f.result() for f in futures]


def write_outputs(results, args):
    if args.write_expected:
        with open(args.write_expected, "w") as f:
            f.write(expected_text(results))
    if args.markdown:
        peer = {}
        if os.path.exists(args.peer):
            with open(args.peer) as f:
                peer = parse_expected(f.read())
        with open(args.markdown, "w") as f:
            f.write(markdown(results, peer, args.label))


def report(results, args):
    """Print the totals and the comparison; the exit status."""
    print("totals: %s" % totals(results))
    if not args.expected:
        return 1 if any(r["result"] in ("FAIL", "TIMEOUT") for r in results) else 0
    with open(args.expected) as f:
        regressions, improvements, unlisted = compare(parse_expected(f.read()), results)
    for line in unlisted + improvements + regressions:
        print(line)
    if improvements:
        print("*** %d improved entries: update %s ***" % (len(improvements), args.expected))
    return 1 if regressions else 0


def main(argv=None):
    args = parse_args(argv)
    if os.path.isdir(os.path.join(args.testdir, "s390x")):
        args.testdir = os.path.join(args.testdir, "s390x")
    cfg = os.path.join(args.testdir, "unittests.cfg")
    if not os.path.isfile(cfg):
        print("kvm-unit-tests not found: no %s (set KVM_UNIT_TESTS_DIR or --testdir)" % cfg)
        return 77
    with open(cfg) as f:
        entries = select(parse_cfg(f.read()), args.only)
    start = time.monotonic()
    results = run_all(entries, args)
    write_outputs(results, args)
    print("wall time: %.1f s" % (time.monotonic() - start))
    return report(results, args)


if __name__ == "__main__":
    sys.exit(main())
