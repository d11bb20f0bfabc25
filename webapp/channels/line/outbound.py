"""ChatReplies -> LINE message objects, within LINE's limits.

- text message: at most 5,000 UTF-16 code units (longer text is split between paragraphs);
- quick reply: at most 13 postback items, label at most 20 grapheme clusters, data at most
  300 characters, displayText (the tapped label, shown as the person's message) likewise;
- call and link buttons: URI actions (`tel:`, https) in buttons templates of at most 4
  actions, template text at most 160 grapheme clusters, altText at most 400 characters;
- at most 5 messages per request: neighbouring plain texts are merged first; what still does
  not fit goes out in further batches (pushed after the reply).
"""

import logging

from webapp.channels.events import ChatReply
from webapp.channels.text_limits import fit, grapheme_count, split_text, utf16_length

log = logging.getLogger(__name__)

TEXT_LIMIT = 5000
LABEL_LIMIT = 20
TEMPLATE_TEXT_LIMIT = 160
ALT_TEXT_LIMIT = 400
TEMPLATE_ACTIONS = 4
MESSAGES_PER_REQUEST = 5


def line_batches(replies: list[ChatReply]) -> list[list[dict]]:
    """The messages for one turn, as requests of at most 5 messages each, in order."""
    messages = [message for reply in replies for message in _render(reply)]
    messages = _merge_texts(messages)
    return [
        messages[i : i + MESSAGES_PER_REQUEST]
        for i in range(0, len(messages), MESSAGES_PER_REQUEST)
    ]


def _render(reply: ChatReply) -> list[dict]:
    actions = [_uri(label, tel) for label, tel in reply.calls] + [
        _uri(label, url) for label, url in reply.links
    ]
    texts = split_text(reply.text, TEXT_LIMIT, utf16_length)
    messages: list[dict] = []
    if actions:
        lead = None
        if len(texts) == 1 and grapheme_count(texts[0]) <= TEMPLATE_TEXT_LIMIT:
            lead, texts = texts[0], []
        messages += [{"type": "text", "text": text} for text in texts]
        for start in range(0, len(actions), TEMPLATE_ACTIONS):
            chunk = actions[start : start + TEMPLATE_ACTIONS]
            # A template needs its own text: the reply's when it fits, else the buttons' labels.
            text = lead if start == 0 and lead else " / ".join(a["label"] for a in chunk)
            messages.append(_template(fit(text, TEMPLATE_TEXT_LIMIT), chunk))
    else:
        messages += [{"type": "text", "text": text} for text in texts]
    if reply.quick_replies:
        messages[-1]["quickReply"] = {
            "items": [_postback(label, data) for label, data in reply.quick_replies]
        }
    return messages


def _label(label: str) -> str:
    fitted = fit(label.strip(), LABEL_LIMIT)
    if fitted != label.strip():
        log.warning(
            "a LINE button label of %d grapheme clusters was shortened to %d",
            grapheme_count(label),
            LABEL_LIMIT,
        )
    return fitted


def _postback(label: str, data: str) -> dict:
    label = _label(label)
    return {
        "type": "action",
        "action": {"type": "postback", "label": label, "data": data, "displayText": label},
    }


def _uri(label: str, uri: str) -> dict:
    if uri.startswith("tel:"):
        uri = "tel:" + "".join(ch for ch in uri[4:] if ch.isdigit() or ch == "+")
    return {"type": "uri", "label": _label(label), "uri": uri}


def _template(text: str, actions: list[dict]) -> dict:
    return {
        "type": "template",
        "altText": fit(text, ALT_TEXT_LIMIT, utf16_length),
        "template": {"type": "buttons", "text": text, "actions": actions},
    }


def _merge_texts(messages: list[dict]) -> list[dict]:
    """Join neighbouring plain texts (the first without quick replies) while more than 5
    messages remain, so a turn usually fits in one free reply."""
    messages = list(messages)
    i = 0
    while len(messages) > MESSAGES_PER_REQUEST and i < len(messages) - 1:
        first, second = messages[i], messages[i + 1]
        if first["type"] == second["type"] == "text" and "quickReply" not in first:
            joined = first["text"] + "\n\n" + second["text"]
            if utf16_length(joined) <= TEXT_LIMIT:
                messages[i : i + 2] = [{**second, "text": joined}]
                continue
        i += 1
    return messages
