# SPDX-License-Identifier: GPL-2.0-or-later
"""Debian's libvirtd 9.0, run privately for pvdump's tests.

The daemon runs as root in a private mount namespace (docs/libvirt.md,
"Running Debian's libvirtd"): /etc/libvirt, /run, /var, /etc/passwd and
/etc/group are bind mounts of directories under a temporary LVROOT, so
nothing on the host changes.  Every process in that namespace (libvirtd,
the probe and domain emulators, libvirt_iohelper) was started by the test
and is killed by pid when the daemon is stopped, even after a failure.

    with Libvirtd() as lv:
        lv.virsh("define", xml_path)
"""
import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

LIBVIRTD = "/usr/sbin/libvirtd"
VIRSH = "/usr/bin/virsh"
QEMU_USER = "libvirt-qemu:x:64055:64055:Libvirt Qemu,,,:/var/lib/libvirt:" \
            "/usr/sbin/nologin\n"
QEMU_GROUP = "libvirt-qemu:x:64055:\n"

QEMU_CONF = """user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
"""

# Monitor traffic at debug level: the transcript is rebuilt from it.
LIBVIRTD_CONF = """log_filters="1:qemu.qemu_monitor 1:qemu.qemu_monitor_json \
1:qemu.qemu_process 1:qemu.qemu_capabilities 3:*"
log_outputs="1:file:{log}"
unix_sock_group = "root"
auth_unix_rw = "none"
auth_unix_ro = "none"
"""

BIND_MOUNTS = """set -e
mount --bind "$LVROOT/etc-libvirt" /etc/libvirt
mount --bind "$LVROOT/run" /run
mount --bind "$LVROOT/var" /var
mount --bind "$LVROOT/passwd" /etc/passwd
mount --bind "$LVROOT/group" /etc/group
exec /usr/sbin/libvirtd -f /etc/libvirt/libvirtd.conf
"""


def missing():
    """Why libvirt cannot be used here, or None."""
    for path in (LIBVIRTD, VIRSH, "/usr/bin/unshare"):
        if not os.access(path, os.X_OK):
            return f"{path} is not installed (scripts/install-deps.sh check)"
    if os.geteuid() != 0:
        return "libvirtd's system instance needs root"
    return None


class VirshError(Exception):
    """virsh failed; the message is virsh's stderr."""


class Libvirtd:
    """One private libvirtd; its processes are all ours."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="pvdump-lv-")
        self.log = os.path.join(self.root, "libvirtd.log")
        self.proc = None
        self.mnt_ns = None
        self.atexit_registered = False
        self._populate()

    def _write(self, rel, text, mode=0o644):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(path, mode)

    def _populate(self):
        with open("/etc/passwd", encoding="utf-8") as f:
            self._write("passwd", f.read() + QEMU_USER)
        with open("/etc/group", encoding="utf-8") as f:
            self._write("group", f.read() + QEMU_GROUP)
        self._write("etc-libvirt/qemu.conf", QEMU_CONF)
        self._write("etc-libvirt/libvirtd.conf",
                    LIBVIRTD_CONF.format(log=self.log))
        for name in ("libvirt.conf", "libvirt-admin.conf"):
            src = os.path.join("/etc/libvirt", name)
            if os.path.exists(src):
                shutil.copy(src, os.path.join(self.root, "etc-libvirt", name))
        os.makedirs(os.path.join(self.root, "run/lock"))
        for sub in ("cache", "lib", "log"):
            os.makedirs(os.path.join(self.root, "var", sub))
        os.makedirs(os.path.join(self.root, "var/tmp"), mode=0o1777)
        os.chmod(os.path.join(self.root, "var/tmp"), 0o1777)
        os.symlink("/run/lock", os.path.join(self.root, "var/lock"))
        os.symlink("/run", os.path.join(self.root, "var/run"))

    @property
    def uri(self):
        sock = os.path.join(self.root, "run/libvirt/libvirt-sock")
        return f"qemu:///system?socket={sock}"

    def path(self, rel):
        """A path inside the daemon's /var or /run, seen from the host."""
        return os.path.join(self.root, rel.lstrip("/"))

    def start(self, timeout=30):
        """Starts libvirtd and waits until virsh can talk to it."""
        env = dict(os.environ, LVROOT=self.root)
        # Even a test run killed by its timeout (SIGTERM) stops everything.
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        if not self.atexit_registered:
            atexit.register(self.stop)
            self.atexit_registered = True
        self.proc = subprocess.Popen(
            ["unshare", "-m", "--propagation", "private", "sh", "-c",
             BIND_MOUNTS], env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # unshare and sh exec: the pid is libvirtd's, the namespace its own.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"libvirtd exited with {self.proc.returncode}"
                                   f"; see {self.log}")
            self.mnt_ns = self.mnt_ns or self._mnt_ns(self.proc.pid)
            if os.path.exists(self.path("run/libvirt/libvirt-sock")) and \
                    self.run_virsh("list").returncode == 0:
                return
            time.sleep(0.1)
        raise TimeoutError("libvirtd did not come up")

    @staticmethod
    def _mnt_ns(pid):
        try:
            ns = os.readlink(f"/proc/{pid}/ns/mnt")
        except OSError:
            return None
        return ns if ns != os.readlink("/proc/self/ns/mnt") else None

    def run_virsh(self, *args, timeout=120):
        """virsh's CompletedProcess (text)."""
        return subprocess.run([VIRSH, "-q", "-c", self.uri, *args],
                              capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)

    def virsh(self, *args, timeout=120):
        """virsh's stdout; raises VirshError with its stderr on failure."""
        r = self.run_virsh(*args, timeout=timeout)
        if r.returncode:
            raise VirshError(r.stderr.strip() or f"virsh exit {r.returncode}")
        return r.stdout

    def restart(self):
        """Stops libvirtd alone (domains keep running) and starts it again."""
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        self.start()

    def namespace_pids(self):
        """Every process in the daemon's mount namespace (all started by us)."""
        pids = []
        if not self.mnt_ns:
            return pids
        for entry in os.listdir("/proc"):
            if entry.isdigit() and self._mnt_ns(entry) == self.mnt_ns:
                pids.append(int(entry))
        return pids

    def stop(self):
        """Destroys running domains, stops libvirtd, kills what is left."""
        if self.proc and self.proc.poll() is None:
            for name in self.run_virsh("list", "--name").stdout.split():
                self.run_virsh("destroy", name)
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in self.namespace_pids():
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 5
            while self.namespace_pids() and time.monotonic() < deadline:
                time.sleep(0.1)

    def cleanup(self, keep=False):
        """stop(), then removes LVROOT unless @keep."""
        self.stop()
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.cleanup(keep=bool(os.environ.get("PVDUMP_KEEP_LVROOT")))
