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


def check_host(text: str, field: str = "host") -> str:
    """`text` as an address to listen on or to name in a link: an IP address, `localhost`, or a
    host name (RFC 1123: labels of letters, digits and hyphens, 63 at most, 253 in all); else
    `InvalidInput` (a name of digits only is no address: `9999` is refused, not looked up)."""
    from ..errors import InvalidInput

    host = text.strip()
    if host in WILDCARDS and host:
        return host
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    valid = (
        0 < len(host) <= 253
        and all(
            0 < len(label) <= 63
            and label[0] != "-"
            and label[-1] != "-"
            and all(c.isascii() and (c.isalnum() or c == "-") for c in label)
            for label in labels
        )
        and not labels[-1].isdigit()
    )
    if not valid:
        shown = host if len(host) <= 40 else host[:40] + "…"
        raise InvalidInput(f"--{field.replace('_', '-')} must be an IP address or a host name, got {shown!r}", field)
    return host


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
