"""No connection leaves the machine: loaded by every Python process of a grading run (the
grader, Otter and the kernel that runs a student's notebook), because fiscalbook.grading puts
this folder first on their PYTHONPATH. Connections to loopback addresses (the kernel's own
channels, Otter's log server) and Unix sockets still work; a connection, datagram or name
lookup for any other host fails at once with OSError before anything is sent.

These processes also skip a 2 s import that no grading step needs (fiscalbook/quickimport.py).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import sys
from typing import Any

MESSAGE = "network access is blocked while grading"


def _local(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if str(host).lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(sock: socket.socket, address: Any) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        raise OSError(errno.ENETUNREACH, f"{MESSAGE}: {address[0]}")


_connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
_getaddrinfo, _gethostbyname = socket.getaddrinfo, socket.gethostbyname


def connect(self: socket.socket, address: Any) -> None:
    _check(self, address)
    _connect(self, address)


def connect_ex(self: socket.socket, address: Any) -> int:
    _check(self, address)
    return _connect_ex(self, address)


def sendto(self: socket.socket, data: Any, *args: Any) -> int:
    _check(self, args[-1])
    return _sendto(self, data, *args)


def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> list:
    if not _local(host):
        raise socket.gaierror(socket.EAI_NONAME, f"{MESSAGE}: {host}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect  # type: ignore[method-assign]
socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
socket.socket.sendto = sendto  # type: ignore[method-assign, assignment]
def gethostbyname(host: Any) -> str:
    if not _local(host):
        raise socket.gaierror(socket.EAI_NONAME, f"{MESSAGE}: {host}")
    return _gethostbyname(host)


socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname
os.environ["FISCALBOOK_OFFLINE"] = "1"
sys.modules.setdefault("rfc3987_syntax", None)  # as fiscalbook.quickimport.skip_iri_format_checker
