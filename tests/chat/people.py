"""A person chatting with Kenri through a platform stand-in: follow, type, tap a button, and
read what came back, the same way on LINE and on Messenger.

    person = LinePerson(chat, line_api, language="vi")
    turn = person.follow()
    turn = person.tap("Tiếng Việt")           # a quick reply, by label (or data=…)
    turn = person.type("１２００")
    turn.texts, turn.quick (label, data), turn.calls (tel: URIs), turn.links (URLs)
"""

import secrets
from dataclasses import dataclass, field

from .conftest import (
    line_event,
    line_postback,
    line_text,
    line_user,
    messenger_postback,
    messenger_text,
)


@dataclass
class Turn:
    messages: list[dict]
    texts: list[str] = field(default_factory=list)
    quick: list[tuple[str, str]] = field(default_factory=list)  # on the last message
    calls: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def data_for(self, label: str) -> str:
        found = [data for shown, data in self.quick if shown == label]
        assert found, f"no button {label!r} in {[q[0] for q in self.quick]}"
        return found[0]

    def answer_buttons(self) -> list[tuple[str, str]]:
        return [(label, data) for label, data in self.quick if data[:2] in ("a|", "r|")]

    @property
    def question(self) -> str | None:
        """The question these buttons answer (None for a turn without answer buttons)."""
        for _, data in self.quick:
            if data[:2] in ("a|", "r|", "q|"):
                return data.split("|")[2]
        return None


class _Person:
    def __init__(self, chat):
        self.chat = chat
        self._seen = 0
        self.last: Turn | None = None

    def _turn(self) -> Turn:
        self.chat.settle()
        delivered = self._delivered()
        turn = self._read(delivered[self._seen :])
        self._seen = len(delivered)
        self.last = turn
        return turn

    def tap(self, label: str | None = None, data: str | None = None) -> Turn:
        assert self.last is not None
        if data is None:
            data = self.last.data_for(label)
            shown = label
        else:
            shown = next((lab for lab, d in self.last.quick if d == data), "Tap")
        return self.press(data, shown)


class LinePerson(_Person):
    def __init__(self, chat, line_api, language: str | None = None):
        super().__init__(chat)
        self.api = line_api
        self.user = line_user()
        if language:
            line_api.set_language(self.user, language)

    def _token(self) -> str:
        return self.api.issue_reply_token(self.user)

    def follow(self) -> Turn:
        self.chat.line([line_event("follow", self.user, self._token())])
        return self._turn()

    def unfollow(self) -> None:
        self.chat.line([line_event("unfollow", self.user)])
        self.chat.settle()

    def type(self, text: str) -> Turn:
        self.chat.line([line_text(self.user, self._token(), text)])
        return self._turn()

    def press(self, data: str, label: str = "Tap") -> Turn:
        self.chat.line([line_postback(self.user, self._token(), data)])
        return self._turn()

    def send_sticker(self) -> Turn:
        sticker = line_event(
            "message", self.user, self._token(), message={"type": "sticker", "id": "2"}
        )
        self.chat.line([sticker])
        return self._turn()

    def _delivered(self):
        return self.api.delivered(self.user)

    @staticmethod
    def _read(messages: list[dict]) -> Turn:
        turn = Turn(messages)
        for message in messages:
            if message["type"] == "text":
                turn.texts.append(message["text"])
            else:
                template = message["template"]
                turn.texts.append(template["text"])
                for action in template["actions"]:
                    if action["uri"].startswith("tel:"):
                        turn.calls.append(action["uri"])
                    else:
                        turn.links.append((action["label"], action["uri"]))
        if messages and "quickReply" in messages[-1]:
            turn.quick = [
                (i["action"]["label"], i["action"]["data"])
                for i in messages[-1]["quickReply"]["items"]
            ]
        return turn


class MessengerPerson(_Person):
    def __init__(self, chat, meta_api):
        super().__init__(chat)
        self.api = meta_api
        self.psid = str(secrets.randbelow(10**15) + 10**15)

    def follow(self) -> Turn:
        self.chat.messenger([messenger_postback(self.psid, "GET_STARTED", title="Get Started")])
        return self._turn()

    def type(self, text: str) -> Turn:
        self.chat.messenger([messenger_text(self.psid, text)])
        return self._turn()

    def press(self, data: str, label: str = "Tap") -> Turn:
        self.chat.messenger([messenger_text(self.psid, label, quick_reply={"payload": data})])
        return self._turn()

    def _delivered(self):
        return self.api.delivered(self.psid)

    @staticmethod
    def _read(messages: list[dict]) -> Turn:
        turn = Turn(messages)
        for message in messages:
            if "text" in message:
                turn.texts.append(message["text"])
            else:
                payload = message["attachment"]["payload"]
                turn.texts.append(payload["text"])
                for button in payload["buttons"]:
                    if button["type"] == "phone_number":
                        turn.calls.append("tel:" + button["payload"])
                    else:
                        turn.links.append((button["title"], button["url"]))
        if messages and "quick_replies" in messages[-1]:
            turn.quick = [(q["title"], q["payload"]) for q in messages[-1]["quick_replies"]]
        return turn


def region_of(prefecture: str) -> str:
    from webapp.channels.interview_chat.prefectures import REGIONS

    return next(region for region, _label, members in REGIONS if prefecture in members)


def walk(
    person: _Person,
    turn: Turn,
    answers: dict,
    typed: dict | None = None,
    stop_at: str | None = None,
    limit: int = 80,
):
    """Answer question after question until the result (or until `stop_at` is asked):
    `typed[qid]` is typed as text, a number in `answers` is typed, an option id is tapped (a
    prefecture through its region), and a question not in `answers` gets its first button.
    Returns (last turn, questions asked)."""
    typed = dict(typed or {})
    asked: list[str] = []
    for _ in range(limit):
        question = turn.question
        buttons = turn.answer_buttons()
        if question is None or not buttons or question == stop_at:
            return turn, asked
        if not asked or asked[-1] != question:
            asked.append(question)
        if question in typed:
            turn = person.type(typed.pop(question))
            continue
        value = answers.get(question)
        if isinstance(value, list | tuple):  # several options: the chat takes one
            value = value[0]
        if isinstance(value, int | float):
            turn = person.type(str(value))
            continue
        if value is None:
            turn = person.tap(data=buttons[0][1])
            continue
        wanted = [d for _, d in buttons if d.endswith(f"|{question}|{value}")]
        if not wanted and value[:1].isdigit():  # a month such as 2025-04: typed
            turn = person.type(value)
            continue
        if not wanted:  # a prefecture: its region first
            wanted = [d for _, d in buttons if d.endswith(f"|{question}|{region_of(value)}")]
        assert wanted, f"no button for {question}={value} in {buttons}"
        turn = person.tap(data=wanted[0])
    raise AssertionError("the interview did not end")


def user_key(app, channel: str, platform_id: str) -> str:
    """The keyed hash under which Kenri knows this person (as the webhook computes it)."""
    from webapp.store.chat import USER_KEY_SECRET, keyed_hash
    from webapp.store.db import connect, server_secret

    db = connect(app.extensions["kenri"].settings.database)
    try:
        return keyed_hash(server_secret(db, USER_KEY_SECRET), channel, platform_id)
    finally:
        db.close()


def stored(app, key: str) -> tuple[str | None, dict]:
    """(the session id linked to this user key, its stored answers), read from the database."""
    from webapp.store.answers import current_answers
    from webapp.store.chat_sessions import find_link
    from webapp.store.db import connect

    db = connect(app.extensions["kenri"].settings.database)
    try:
        link = find_link(db, key)
        return (link.session_id, current_answers(db, link.session_id)) if link else (None, {})
    finally:
        db.close()


def path(app, answers: dict) -> tuple[tuple[str, ...], str | None]:
    """(the questions asked so far, the next one) for these answers, today, as the engine
    walks the shipped knowledge: tests follow the knowledge instead of naming its questions."""
    from webapp.clock import day_in_japan, utc_now
    from webapp.engine import normalise_answers
    from webapp.engine import walk as engine_walk

    kb = app.extensions["kenri"].kb
    state = engine_walk(kb, normalise_answers(kb, answers), day_in_japan(utc_now()))
    return state.asked, state.next


def first_question(app) -> str:
    return path(app, {})[1]
