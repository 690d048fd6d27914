import pytest

from assistant.config.hosts import SiteMap, is_allowed, origin_of
from assistant.errors import UserError


def test_origin_of_normalises_default_ports_and_case():
    assert origin_of("https://Help.Instagram.com/contact/1") == ("https", "help.instagram.com", 443)
    assert origin_of("http://127.0.0.1:8001/x") == ("http", "127.0.0.1", 8001)
    assert origin_of("about:blank") is None
    assert origin_of("javascript:alert(1)") is None


def test_site_map_rewrites_only_mapped_hosts():
    sites = SiteMap.parse("help.instagram.com=http://127.0.0.1:8001, www.facebook.com=http://127.0.0.1:8003/")
    assert sites.rewrite("https://help.instagram.com/contact/767264225370182?x=1") == (
        "http://127.0.0.1:8001/contact/767264225370182?x=1"
    )
    assert (
        sites.rewrite("https://www.instagram.com/accounts/login/")
        == "https://www.instagram.com/accounts/login/"
    )
    assert sites.live_url("http://127.0.0.1:8003/help/contact/1") == "https://www.facebook.com/help/contact/1"


def test_allowed_hosts_compare_host_and_port_after_rewriting():
    sites = SiteMap.parse("help.instagram.com=http://127.0.0.1:8001")
    allowed = sites.allowed_origins(["help.instagram.com", "www.instagram.com"])
    assert is_allowed("http://127.0.0.1:8001/contact/1", allowed)
    assert not is_allowed("http://127.0.0.1:8002/contact/1", allowed)  # another port is another host
    assert is_allowed("https://www.instagram.com/accounts/login/", allowed)
    assert not is_allowed("https://help.instagram.com.evil.example/contact/1", allowed)
    assert not is_allowed(
        "https://help.instagram.com/contact/1", allowed
    )  # mapped away: the live host is not used


@pytest.mark.parametrize(
    "text",
    [
        "help.instagram.com",
        "help.instagram.com=",
        "=http://127.0.0.1:1",
        "help.instagram.com=ftp://x",
        "help.instagram.com=http://127.0.0.1:1/path",
        "bad host=http://127.0.0.1:1",
        "a.com=http://127.0.0.1:1,a.com=http://127.0.0.1:2",
        "a.com=http://127.0.0.1:99999",
    ],
)
def test_bad_site_maps_are_one_clear_line(text):
    with pytest.raises(UserError) as err:
        SiteMap.parse(text)
    assert "OBJECTOR_SITE_MAP" in str(err.value)
    assert "\n" not in str(err.value)
