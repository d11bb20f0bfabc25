"""Webhook signature checks against published and independently computed vectors."""

import base64
import hashlib
import hmac

import pytest

from webapp.channels.signatures import (
    hub_signature,
    hub_signature_valid,
    line_signature,
    line_signature_valid,
)

# Published: line/line-bot-sdk-python, tests/test_signature.py (SignatureValidator test).
LINE_SDK_VECTOR = (
    "channel_secret",
    b"bodybodybodybody",
    "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k=",
)
# Published: GitHub docs, "Validating webhook deliveries" — the same X-Hub-Signature-256
# scheme Meta uses (sha256= + hex HMAC-SHA256 of the raw body).
HUB_VECTOR = (
    "It's a Secret to Everybody",
    b"Hello, World!",
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
)

BODIES = [
    b"",
    b'{"events":[]}',
    '{"text":"ငါ့ပတ်စ်ပို့ကို ကုမ္ပဏီက ယူထားတယ်"}'.encode(),
    '{"text": "ខ្ញុំ 12万円"}'.encode(),
    bytes(range(256)),
]


def test_line_published_vector():
    secret, body, signature = LINE_SDK_VECTOR
    assert line_signature(secret, body) == signature
    assert line_signature_valid(secret, body, signature)
    assert not line_signature_valid(secret, body, "invalid_signature")


def test_hub_published_vector():
    secret, body, signature = HUB_VECTOR
    assert hub_signature(secret, body) == signature
    assert hub_signature_valid(secret, body, signature)


@pytest.mark.parametrize("body", BODIES, ids=["empty", "verify", "burmese", "khmer", "binary"])
def test_signatures_match_an_independent_computation(body):
    secret = "s3cr3t-ü"
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    assert line_signature_valid(secret, body, base64.b64encode(digest).decode())
    assert hub_signature_valid(secret, body, "sha256=" + digest.hex())


@pytest.mark.parametrize(
    "header",
    [None, "", "   ", "sha256=", "SHA256=" + "0" * 64, "ü" * 44, "\ud800"],
    ids=[
        "none",
        "empty",
        "blank",
        "prefix-only",
        "upper-case-prefix",
        "non-ascii",
        "lone-surrogate",
    ],
)
def test_wrong_or_strange_headers_are_false_not_errors(header):
    assert not line_signature_valid("secret", b"{}", header)
    assert not hub_signature_valid("secret", b"{}", header)


def test_one_changed_byte_fails():
    body = b'{"events":[{"type":"message"}]}'
    signature = line_signature("secret", body)
    assert not line_signature_valid("secret", body.replace(b"message", b"massage"), signature)
    assert not hub_signature_valid("secret", body + b" ", hub_signature("secret", body))
