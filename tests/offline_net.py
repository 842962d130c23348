"""Cut this process (and the processes it starts) off the network, keeping loopback.

Used by the test suite (``pytest --offline``) to prove that no notebook downloads anything at run
time: Jupyter kernels talk to pytest over loopback, so that stays up. Linux only, as root.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys

CLONE_NEWNET = 0x40000000


def go_offline() -> str | None:
    """Move this process into a new network namespace with only loopback up.

    Returns None on success, otherwise the reason it could not (the process is then unchanged).
    """
    if not sys.platform.startswith("linux"):
        return f"network namespaces need Linux, this is {sys.platform}"
    if os.geteuid() != 0:
        return "creating a network namespace needs root (run as root, or in CI)"
    ip = shutil.which("ip")
    if ip is None:
        return "the `ip` command (iproute2) is missing, so loopback could not be brought up"
    libc = ctypes.CDLL(None, use_errno=True)
    original = os.open("/proc/self/ns/net", os.O_RDONLY)
    try:
        if libc.unshare(CLONE_NEWNET) != 0:
            return f"unshare(CLONE_NEWNET) failed: {os.strerror(ctypes.get_errno())}"
        up = subprocess.run([ip, "link", "set", "lo", "up"], capture_output=True, text=True)
        if up.returncode != 0:
            libc.setns(original, CLONE_NEWNET)
            return f"`ip link set lo up` failed: {up.stderr.strip()}"
        return None
    finally:
        os.close(original)
