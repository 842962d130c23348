"""With `pytest --offline` (what `make test` runs) the whole run, notebooks included, has no network.

The notebooks run in the same pytest session, so their passing under --offline proves that nothing
is downloaded at run time. Where a network namespace cannot be made, these tests say why and skip.
"""

from __future__ import annotations

import errno
import socket

import pytest


@pytest.fixture
def offline(request: pytest.FixtureRequest) -> None:
    reason = request.config.offline_reason
    if reason is not None:
        pytest.skip(f"networking could not be disabled: {reason}")


def test_outside_addresses_are_unreachable(offline: None) -> None:
    # 192.0.2.1 is TEST-NET-1 (RFC 5737): reserved for documentation, no host has it.
    with pytest.raises(OSError) as err:
        socket.create_connection(("192.0.2.1", 80), timeout=2)
    assert err.value.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH)


def test_name_lookups_fail(offline: None) -> None:
    with pytest.raises(OSError):
        socket.getaddrinfo("example.com", 443)


def test_loopback_still_works(offline: None) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    with server, socket.create_connection(server.getsockname(), timeout=2):
        pass


def test_go_offline_explains_when_it_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    import offline_net as off

    monkeypatch.setattr(off.sys, "platform", "darwin")
    assert "need Linux" in off.go_offline()
    monkeypatch.setattr(off.sys, "platform", "linux")
    monkeypatch.setattr(off.os, "geteuid", lambda: 1000)
    assert "needs root" in off.go_offline()
    monkeypatch.setattr(off.os, "geteuid", lambda: 0)
    monkeypatch.setattr(off.shutil, "which", lambda name: None)
    assert "`ip` command" in off.go_offline()


def test_go_offline_in_a_child_process() -> None:
    import os
    import subprocess
    import sys

    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("needs Linux and root")
    code = (
        "import socket; from offline_net import go_offline; r = go_offline(); print(r)\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=2); print('reached')\n"
        "except OSError as e:\n    print('unreachable')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=__import__("pathlib").Path(__file__).parent,
    ).stdout.split()
    if out[0] != "None":
        pytest.skip(f"this machine refuses network namespaces: {' '.join(out[:-1])}")
    assert out == ["None", "unreachable"]
