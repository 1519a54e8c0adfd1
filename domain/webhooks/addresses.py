"""The SSRF guard: webhook URLs must be http(s) and resolve only to public addresses."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from domain.errors import DomainError, ErrorCode
from domain.validation import required_text

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_URL_LENGTH = 2048
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int


def parse_url(url: str | None, field: str = "url") -> Target:
    """Shape checks only (no DNS): an absolute http(s) URL with a host."""
    text = required_text(url, field, MAX_URL_LENGTH)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise DomainError(ErrorCode.INVALID, f"{text!r} is not a valid URL.", field) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DomainError(ErrorCode.INVALID, f"{text!r} is not an http(s) URL.", field)
    default_port = 443 if parts.scheme == "https" else 80
    return Target(parts.scheme, parts.hostname, port or default_port)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """False for private, loopback, link-local, reserved, multicast, unspecified and shared
    (CGNAT) space, also when an IPv4 address hides inside an IPv6 one."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to (a literal IP resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # Drop an IPv6 zone ("fe80::1%eth0"): the address itself decides.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


async def public_addresses(target: Target, field: str = "url") -> list[IPAddress]:
    """The host's addresses when all of them are public; a DomainError INVALID otherwise."""
    try:
        addresses = await resolve(target.host, target.port)
    except OSError:
        raise DomainError(
            ErrorCode.INVALID, f"The host {target.host!r} does not resolve.", field
        ) from None
    refused = [str(a) for a in addresses if not is_public(a)]
    if refused or not addresses:
        raise DomainError(
            ErrorCode.INVALID,
            f"The host {target.host!r} resolves to a private or reserved address "
            f"({', '.join(refused) or 'none'}); webhooks go to public addresses only.",
            field,
        )
    return addresses
