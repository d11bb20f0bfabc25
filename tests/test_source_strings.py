"""Source strings stay safe for gettext: a bare '%' makes Babel treat text as a format string."""

import re

from babel.messages.pofile import read_po

from webapp.i18n.catalogues import TEMPLATE


def test_no_message_uses_a_bare_percent_sign():
    # Issue 4: "80%" was flagged python-format and broke every translation's check().
    with TEMPLATE.open("rb") as handle:
        for message in read_po(handle):
            if message.id:
                text = re.sub(r"%\(\w+\)s", "", message.id)
                assert "%" not in text, f"write 'percent' instead of '%': {message.id!r}"
