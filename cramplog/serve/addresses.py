"""Provides the addresses `cramplog serve` listens on and the URLs a phone opens.

Listening on every address (`0.0.0.0`) leaves the URL to print open: the machine's own network
addresses are read from its interfaces (Linux `SIOCGIFADDR`), which sends nothing anywhere.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys

WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """Whether `host` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url(scheme: str, host: str, port: int) -> str:
    """`scheme://host:port/`, an IPv6 address in brackets, the default port left out."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    default = (scheme == "http" and port == 80) or (scheme == "https" and port == 443)
    return f"{scheme}://{host}/" if default else f"{scheme}://{host}:{port}/"


def url_hosts(listen: str, given: str | None = None) -> list[str]:
    """The names or addresses to print in URLs: `given`, else the listening address, else (for
    every address) this machine's IPv4 network addresses, loopback last."""
    if given:
        return [given]
    if listen not in WILDCARDS:
        return [listen]
    found = [a for a in interface_addresses() if not is_loopback(a)]
    return found + ["127.0.0.1"]


def interface_addresses() -> list[str]:
    """The IPv4 address of each network interface that has one (empty where unsupported)."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl

    found: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _index, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode("utf-8")[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), 0x8915, request)  # SIOCGIFADDR
            except OSError:
                continue
            address = socket.inet_ntoa(answer[20:24])
            if address not in found:
                found.append(address)
    return found
