"""The SSRF guard on its own: which addresses count as public."""

from __future__ import annotations

import ipaddress

import pytest

from domain.errors import DomainError, ErrorCode
from domain.webhooks.addresses import Target, is_public, parse_url, public_addresses


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:a00:1::",
    ],
)
def test_private_and_special_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/x", "example.com/hook", "http:///path", "https://", "http://a:99999/"],
)
def test_only_absolute_http_urls_with_a_host_are_accepted(url: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_url(url)
    assert caught.value.code == ErrorCode.INVALID


def test_parse_url_finds_the_default_port() -> None:
    assert parse_url("https://hooks.example.com/in") == Target("https", "hooks.example.com", 443)
    assert parse_url("http://[::1]:8080/in") == Target("http", "::1", 8080)


async def test_localhost_resolves_to_loopback_and_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        await public_addresses(parse_url("http://localhost:9/hook"))
    assert caught.value.code == ErrorCode.INVALID
    assert caught.value.field == ("url",)
