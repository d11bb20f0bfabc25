"""A small conversation for the channel tests and the webhook benchmark: a TEST DOUBLE, not
the product. The real conversation is the interview through the interview core.

It answers "follow" with a language menu, "text" by echoing, "postback" by naming the data,
and a few magic words: "many" (seven replies, to test the 5-message limit), "help" (call and
link buttons), "crash" (raises), "silence" (no reply).
"""

import threading

from webapp.channels.events import Call, ChatEvent, ChatReply, Choice, Link

LANGUAGES = [
    ("Tiếng Việt", "lang:vi"),
    ("မြန်မာ", "lang:my"),
    ("日本語", "lang:ja"),
    ("ភាសាខ្មែរ", "lang:km"),
    ("English", "lang:en"),
]


class EchoConversation:
    def __init__(self, seen: list, lock: threading.Lock):
        self.seen = seen
        self.lock = lock

    def handle(self, event: ChatEvent) -> list[ChatReply]:
        with self.lock:
            self.seen.append(event)
        if event.kind == "follow":
            return [
                ChatReply(
                    "Welcome. Choose your language.",
                    quick_replies=tuple(Choice(*pair) for pair in LANGUAGES),
                )
            ]
        if event.kind == "postback":
            return [
                ChatReply(
                    f"You chose {event.data}.",
                    quick_replies=(Choice("Start again", "cmd:restart"),),
                )
            ]
        if event.kind in ("unfollow", "unsupported"):
            return [] if event.kind == "unfollow" else [ChatReply("Please type or tap.")]
        text = event.text or ""
        if text == "crash":
            raise RuntimeError("a bug in the conversation")
        if text == "silence":
            return []
        if text == "many":
            return [ChatReply(f"Part {n}") for n in range(1, 7)] + [
                ChatReply("Last part", quick_replies=(Choice("Next", "cmd:next"),))
            ]
        if text == "help":
            return [
                ChatReply(
                    "Who can help, in your language:",
                    calls=(Call("OTIT Vietnamese", "tel:0120-250-168"), Call("Police", "tel:110")),
                    links=(Link("Your summary", "https://kenri.example/s/abc"),),
                )
            ]
        return [ChatReply(f"You said: {text}")]


def echo_factory(seen: list):
    lock = threading.Lock()
    return lambda app: EchoConversation(seen, lock)
