"""Choosing the language: explicit, then session, then Accept-Language, then the default."""

import re

import pytest

from webapp.config import Settings
from webapp.i18n.locales import choose, read_locales, resolve

SHIPPED = read_locales(Settings().translations_dir)
BCP47 = {
    "en": "en",
    "ja": "ja",
    "vi": "vi",
    "id": "id",
    "fil": "fil",
    "zh_Hans_CN": "zh-Hans",
    "my": "my",
    "km": "km",
    "th": "th",
    "ne": "ne",
    "mn": "mn",
}


@pytest.mark.parametrize(
    "requested, expected",
    [
        pytest.param("tl", "fil", id="tagalog-is-filipino"),
        pytest.param("tl-PH", "fil", id="tagalog-ph"),
        pytest.param("zh-CN", "zh_Hans_CN", id="zh-cn"),
        pytest.param("zh-Hans", "zh_Hans_CN", id="zh-hans"),
        pytest.param("zh_Hans_CN", "zh_Hans_CN", id="babel-code"),
        pytest.param("vi-VN", "vi", id="region-dropped"),
        pytest.param("MY", "my", id="case-insensitive"),
        pytest.param("xx", None, id="unknown"),
        pytest.param("", None, id="empty"),
    ],
)
def test_requested_codes_resolve_to_shipped_locales(requested, expected):
    assert resolve(requested, SHIPPED) == expected


def test_the_order_is_explicit_then_session_then_accept_language_then_default():
    assert choose(SHIPPED, "vi", "km", ["th"], "en") == "vi"
    assert choose(SHIPPED, None, "km", ["th"], "en") == "km"
    assert choose(SHIPPED, "xx", None, ["de", "th"], "en") == "th"
    assert choose(SHIPPED, None, None, ["de"], "en") == "en"


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


@pytest.mark.parametrize("code", sorted(BCP47))
def test_every_page_carries_a_valid_bcp47_lang(client, code):
    assert html_lang(client.get(f"/?lang={code}")) == BCP47[code]


def test_accept_language_picks_the_language_and_tl_means_filipino(client):
    assert html_lang(client.get("/", headers={"Accept-Language": "tl"})) == "fil"
    assert html_lang(client.get("/", headers={"Accept-Language": "de, ne;q=0.8"})) == "ne"
    assert html_lang(client.get("/", headers={"Accept-Language": "de"})) == "en"


def test_the_session_remembers_an_explicit_choice(client):
    client.post("/start?lang=km")
    page = client.get("/q/1", headers={"Accept-Language": "th"})
    assert html_lang(page) == "km"
    assert html_lang(client.get("/q/1?lang=mn")) == "mn"
    assert html_lang(client.get("/check", follow_redirects=True)) == "mn"


def test_the_picker_lists_every_language_in_its_own_script(client):
    html = client.get("/language?next=/q/1").get_data(as_text=True)
    for code, locale in SHIPPED.items():
        assert f'lang="{locale.bcp47}"' in html and locale.native_name in html
        assert f'href="/q/1?lang={code}"' in html


def test_the_picker_never_sends_anyone_off_site(client):
    html = client.get("/language?next=//evil.example/").get_data(as_text=True)
    assert "evil.example" not in html


def test_the_api_lists_locales_with_review_status(client):
    locales = client.get("/api/v1/locales").json["locales"]
    assert {entry["code"] for entry in locales} == set(SHIPPED)
    assert {entry["tag"] for entry in locales} == set(BCP47.values())
    assert all(
        entry["reviewed_by_native_speaker"] is False for entry in locales if entry["code"] != "en"
    )
