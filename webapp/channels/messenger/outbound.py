"""ChatReplies -> Messenger Send API `message` objects, within Meta's limits.

- text: at most 2,000 characters (counted here in UTF-16 code units; longer text is split);
- quick_replies: at most 13, content_type "text", title at most 20 (grapheme clusters, see
  text_limits), payload at most 1,000 characters;
- call and link buttons: a button template (text at most 640 characters, at most 3 buttons:
  `phone_number` with a "+<country code><number>" payload, `web_url`, title at most 20).
  A number that cannot be written that way (a short number such as 110) goes into the text.
Each message object is one Send API call; quick replies go on the reply's last one.
"""

import logging

from webapp.channels.events import Call, ChatReply
from webapp.channels.text_limits import fit, grapheme_count, split_text, utf16_length

log = logging.getLogger(__name__)

TEXT_LIMIT = 2000
TEMPLATE_TEXT_LIMIT = 640
TITLE_LIMIT = 20
TEMPLATE_BUTTONS = 3
JAPAN = "81"  # Kenri's referrals are in Japan: a national number 0AB-… becomes +81AB…


def messenger_messages(replies: list[ChatReply]) -> list[dict]:
    return [message for reply in replies for message in _render(reply)]


def _render(reply: ChatReply) -> list[dict]:
    buttons, text = [], reply.text
    for call in reply.calls:
        number = international_number(call.tel)
        if number:
            buttons.append({"type": "phone_number", "title": _title(call.label), "payload": number})
        else:
            text += f"\n{call.label}: {_digits(call)}"
    buttons += [
        {"type": "web_url", "url": url, "title": _title(label)} for label, url in reply.links
    ]
    texts = split_text(text, TEXT_LIMIT, utf16_length)
    messages: list[dict] = []
    if buttons:
        lead = None
        if len(texts) == 1 and utf16_length(texts[0]) <= TEMPLATE_TEXT_LIMIT:
            lead, texts = texts[0], []
        messages += [{"text": piece} for piece in texts]
        for start in range(0, len(buttons), TEMPLATE_BUTTONS):
            chunk = buttons[start : start + TEMPLATE_BUTTONS]
            heading = lead if start == 0 and lead else " / ".join(b["title"] for b in chunk)
            messages.append(
                {
                    "attachment": {
                        "type": "template",
                        "payload": {
                            "template_type": "button",
                            "text": fit(heading, TEMPLATE_TEXT_LIMIT, utf16_length),
                            "buttons": chunk,
                        },
                    }
                }
            )
    else:
        messages += [{"text": piece} for piece in texts]
    if reply.quick_replies:
        messages[-1]["quick_replies"] = [
            {"content_type": "text", "title": _title(label), "payload": data}
            for label, data in reply.quick_replies
        ]
    return messages


def _title(label: str) -> str:
    fitted = fit(label.strip(), TITLE_LIMIT)
    if fitted != label.strip():
        log.warning(
            "a Messenger button title of %d grapheme clusters was shortened to %d",
            grapheme_count(label),
            TITLE_LIMIT,
        )
    return fitted


def _digits(call: Call) -> str:
    return call.tel.removeprefix("tel:")


def international_number(tel: str) -> str | None:
    """ "tel:0120-250-168" -> "+81120250168"; "tel:+81 3 1234 5678" -> "+81312345678";
    None for numbers Messenger cannot dial from a button (short numbers such as 110)."""
    raw = tel.removeprefix("tel:")
    digits = "".join(ch for ch in raw if ch.isdigit())
    if raw.strip().startswith("+") and len(digits) >= 8:
        return "+" + digits
    if digits.startswith("0") and not digits.startswith("00") and len(digits) >= 9:
        return "+" + JAPAN + digits[1:]
    return None
