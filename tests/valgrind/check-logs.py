#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""check-logs.py [--count] DIR: memcheck's verdict on every process of a run.

make check-valgrind makes every binary the functional tests start write
DIR/vg.PID.log.  Many tests only quit their VM, or ignore a tool's exit
status, so valgrind's --error-exitcode alone could let a finding pass;
hence this reads every log.  A log is a finding when its ERROR SUMMARY
counts errors, when it shows memory definitely lost, or when it has no
summary at all (the process was killed before valgrind could check it).
Findings are printed whole; the exit status is 1 if there is any.
With --count, only the number of logs with findings is printed (1 if DIR
holds no log: nothing was checked), for the closing line of .ci/run, and
the status is 0.
"""
import collections
import os
import re
import sys

SUMMARY = re.compile(r"ERROR SUMMARY: ([\d,]+) errors")
DEFINITE = re.compile(r"definitely lost: ([\d,]+) bytes in ([\d,]+) blocks")
COMMAND = re.compile(r"^==\d+== Command: (\S+)", re.M)


def number(text):
    return int(text.replace(",", ""))


def verdict(text):
    """(errors, bytes definitely lost, problem or None) of one log."""
    errors = [number(m) for m in SUMMARY.findall(text)]
    lost = sum(number(m[0]) for m in DEFINITE.findall(text))
    if not errors:
        return 0, lost, "no ERROR SUMMARY: killed before valgrind's checks"
    if errors[-1] or lost:
        return errors[-1], lost, f"{errors[-1]} errors, {lost} bytes definitely lost"
    return 0, 0, None


def main(argv):
    count_only = "--count" in argv
    args = [a for a in argv if a != "--count"]
    if len(args) != 1:
        sys.exit(__doc__.split("\n")[0])
    logdir = args[0]
    names = sorted(n for n in os.listdir(logdir) if n.endswith(".log")) \
        if os.path.isdir(logdir) else []
    binaries = collections.Counter()
    total_errors = total_lost = 0
    bad = []
    for name in names:
        with open(os.path.join(logdir, name), errors="replace") as f:
            text = f.read()
        m = COMMAND.search(text)
        binaries[os.path.basename(m.group(1)) if m else "?"] += 1
        errors, lost, problem = verdict(text)
        total_errors += errors
        total_lost += lost
        if problem:
            bad.append((name, problem, text))
    if count_only:
        print(len(bad) + (not names))     # no log at all: nothing was checked
        return 0
    for name, problem, text in bad:
        print(f"==== {name}: {problem}\n{text}")
    per = ", ".join(f"{b} {n}" for b, n in sorted(binaries.items()))
    print(f"check-logs: {len(names)} processes checked ({per}): "
          f"{total_errors} errors, {total_lost} bytes definitely lost, "
          f"{len(bad)} logs with findings")
    if not names:
        print(f"check-logs: no valgrind log in {logdir}", file=sys.stderr)
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
