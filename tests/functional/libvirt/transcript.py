# SPDX-License-Identifier: GPL-2.0-or-later
"""The QMP traffic between libvirtd and pvdump-vm, from libvirtd's log.

libvirtd.conf's log filters (libvirtd.py) log every byte libvirt writes to
a monitor (QEMU_MONITOR_IO_WRITE, plus QEMU_MONITOR_IO_SEND_FD when an fd
went along with it) and every line it read (qemuMonitorJSONIOProcessLine).
A session is one monitor connection, from QEMU_MONITOR_NEW to
QEMU_MONITOR_CLOSE.

Transcript files hold one JSON object per line:
    {"session": NAME, "argv": [...]}                    a session starts
    {"dir": "C", "msg": {...}, "fds": 1}               libvirt -> pvdump-vm
    {"dir": "S", "msg": {...}}                         pvdump-vm -> libvirt
"""
import json
import re

_LINE = re.compile(r"^\S+ \S+: \d+: \w+ : (\w+):\d+ : (.*)$")
_MON = re.compile(r"mon=(0x[0-9a-f]+)")


class Session:
    """One monitor connection: its name and messages in order."""

    def __init__(self, mon):
        self.mon = mon
        self.name = None
        self.argv = None
        self.messages = []     # (dir, msg, nfds)

    def commands(self, skip=("query-dump",)):
        """The commands libvirt sent, as (name, arguments), in order;
        @skip leaves out progress polls whose number depends on timing."""
        return [(m["execute"], m.get("arguments"))
                for d, m, _ in self.messages
                if d == "C" and m["execute"] not in skip]

    def events(self):
        """The names of the events pvdump-vm sent, in order."""
        return [m["event"] for d, m, _ in self.messages
                if d == "S" and "event" in m]


def parse_log(path, start=0):
    """The sessions in libvirtd's log from byte offset @start, in the
    order they were opened."""
    sessions, live = [], {}
    with open(path, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        for raw in f:
            m = _LINE.match(raw.rstrip("\n"))
            if not m:
                continue
            func, text = m.groups()
            mon = _MON.search(text)
            mon = mon.group(1) if mon else None
            if text.startswith("QEMU_MONITOR_NEW:"):
                live[mon] = Session(mon)
                sessions.append(live[mon])
            elif text.startswith("QEMU_MONITOR_CLOSE:"):
                live.pop(mon, None)
            elif mon in live and text.startswith("QEMU_MONITOR_IO_WRITE:"):
                buf = text.split(" buf=", 1)[1].rstrip("\r")
                live[mon].messages.append(["C", json.loads(buf), 0])
            elif mon in live and text.startswith("QEMU_MONITOR_IO_SEND_FD:"):
                live[mon].messages[-1][2] += 1
            elif mon in live and text.startswith(("QEMU_MONITOR_RECV_REPLY:",
                                                  "QEMU_MONITOR_RECV_EVENT:")):
                body = text.split(" reply=" if "_REPLY" in text else " event=",
                                  1)[1]
                live[mon].messages.append(["S", json.loads(body), 0])
    return sessions


def write(path, sessions):
    """Writes @sessions (named, with argv) as a transcript file."""
    with open(path, "w", encoding="utf-8") as f:
        for s in sessions:
            f.write(json.dumps({"session": s.name, "argv": s.argv}) + "\n")
            for d, msg, nfds in s.messages:
                entry = {"dir": d, "msg": msg}
                if nfds:
                    entry["fds"] = nfds
                f.write(json.dumps(entry) + "\n")


def read(path):
    """The sessions of a transcript file."""
    sessions = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if "session" in entry:
                sessions.append(Session(None))
                sessions[-1].name = entry["session"]
                sessions[-1].argv = entry["argv"]
            else:
                sessions[-1].messages.append(
                    [entry["dir"], entry["msg"], entry.get("fds", 0)])
    return sessions
