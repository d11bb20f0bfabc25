"""The interview in a chat: each ChatEvent becomes calls on the interview core, and what the
core says becomes ChatReplies. No interview step is implemented here.

A person (their `user_key`) is linked to one interview of kind "chat" (store.chat_sessions);
the session id never leaves the server. What a turn does:
  follow / Get Started            the language menu (the platform's language first)
  a language (button or typed)    start, or switch the interview's language
  a button                        answer (guarded, see postbacks.py), a region, a command
  typed text                      an answer to the question asked, a command, a language
  unfollow (LINE: blocked)        the interview ends and the link is deleted
Commands: start again, back, change an answer, language, delete my data, help, menu, result.
"""

import dataclasses
import datetime as dt

from flask_babel import force_locale, gettext

from webapp.channels.events import Call, ChatEvent, ChatReply, Choice
from webapp.channels.interview_chat import notices, postbacks
from webapp.channels.interview_chat.changes import change_reply
from webapp.channels.interview_chat.commands import command_words, menu_choices
from webapp.channels.interview_chat.labels import shorten
from webapp.channels.interview_chat.languages import (
    guess_language,
    language_choices,
    language_names,
)
from webapp.channels.interview_chat.questions import (
    Asked,
    number_readings_reply,
    question_reply,
    region_reply,
)
from webapp.channels.interview_chat.results import result_replies
from webapp.channels.interview_chat.typed import TypedAnswers, number_problem
from webapp.clock import utc_now
from webapp.interview import Interview, InterviewExpired, InterviewNotFound, Interviews
from webapp.interview.danger import first_danger, what_to_say
from webapp.interview.progress import QuestionOutOfOrder
from webapp.knowledge.answers import AnswerError
from webapp.store import chat_sessions, sessions
from webapp.store.chat_sessions import ChatLink
from webapp.views.open_now import mark_findings_open, mark_open
from webapp.views.translated import evaluation_json, referral_json

KIND = "chat"


@dataclasses.dataclass
class Chat:
    """A person with a live interview, as this turn found them."""

    link: ChatLink
    interview: Interview

    @property
    def locale(self) -> str:
        return self.interview.locale


class InterviewConversation:
    def __init__(self, core: Interviews, guard_secret: bytes, web_links, idle: dt.timedelta):
        """`web_links(session_id, purpose) -> url | None` makes the result's web links."""
        self.core, self.kb, self.db = core, core.kb, core.db
        self.locales = core.locales
        self.guard_secret = guard_secret
        self.web_links = web_links
        self.idle_minutes = int(idle.total_seconds() // 60)
        self.absolute_hours = max(1, int(core.limits.absolute.total_seconds() // 3600))
        self.commands = command_words(self.locales)
        self.language_names = language_names(self.locales)
        self.typed = TypedAnswers(self.kb, self.locales)

    # -- one event ----------------------------------------------------------------------------

    def handle(self, event: ChatEvent) -> list[ChatReply]:
        if event.kind == "unfollow":  # blocked on LINE: nothing can be sent, nothing is kept
            self._forget(event.user_key)
            return []
        chat, expired_locale = self._load(event.user_key)
        if chat is None:
            return self._stranger(event, expired_locale)
        with force_locale(chat.locale):
            return self._talk(chat, event)

    def _load(self, user_key: str) -> tuple[Chat | None, str | None]:
        """The person's live interview, or (None, the language of one that just expired)."""
        link = chat_sessions.find_link(self.db, user_key)
        if link is None:
            return None, None
        try:
            locale = sessions.load_session(self.db, link.session_id, KIND).locale
            return Chat(link, self.core.resume(KIND, link.session_id)), None
        except InterviewExpired:
            return None, locale  # the core deleted it, and the link went with it
        except (sessions.SessionNotFound, InterviewNotFound):
            chat_sessions.forget_user(self.db, user_key)
            return None, None

    def _stranger(self, event: ChatEvent, expired_locale: str | None) -> list[ChatReply]:
        """Someone without a live interview: a language starts one; anything else gets the
        language menu."""
        chosen = None
        message = postbacks.decode(event.data) if event.kind == "postback" else None
        if message and message.kind == "l":
            chosen = message.args[0] if message.args[0] in self.locales else None
        elif event.kind == "text" and event.text:
            chosen = self.language_names.find(event.text)
        if chosen:
            return self._start(event.user_key, chosen)
        guess = expired_locale or guess_language(self.locales, event.language_hint, event.text)
        with force_locale(guess or self.core.default_locale):
            first = notices.expired(self.idle_minutes) if expired_locale else notices.welcome()
            menu = notices.choose_language(also_english=guess not in (None, "en"))
            return [
                ChatReply(f"{first}\n\n{menu}", quick_replies=language_choices(self.locales, guess))
            ]

    def _start(self, user_key: str, code: str, note: str | None = None) -> list[ChatReply]:
        interview = self.core.start(KIND, explicit_locale=code)
        link = chat_sessions.link_session(self.db, user_key, interview.id, utc_now())
        chat = Chat(link, interview)
        with force_locale(interview.locale):
            opening = note or notices.privacy(self.idle_minutes, self.absolute_hours)
            intro = ChatReply(f"{opening}\n\n{notices.how_to_answer()}")
            return [intro, *self._continue(chat)]

    def _talk(self, chat: Chat, event: ChatEvent) -> list[ChatReply]:
        if event.kind == "follow":
            return self._language_menu(chat)
        if event.kind == "postback":
            message = postbacks.decode(event.data)
            return (
                self._button(chat, message)
                if message
                else self._reask(chat, notices.stale_button())
            )
        if event.kind == "text" and event.text and event.text.strip():
            return self._typed(chat, event.text)
        return self._reask(chat, notices.text_only())

    # -- buttons ------------------------------------------------------------------------------

    def _button(self, chat: Chat, message: postbacks.Postback) -> list[ChatReply]:
        kind, args = message.kind, message.args
        if kind == "l":
            return self._set_language(chat, args[0])
        if kind == "c":
            return self._command(chat, args[0], args[1] if len(args) > 1 else None)
        question_id = args[1]
        if question_id not in self.kb.questions or not postbacks.guard_matches(
            self._guard(chat, question_id), args[0]
        ):
            return self._reask(chat, notices.stale_button())
        if kind == "a":
            return self._answer(chat, question_id, self._button_value(question_id, args[2]))
        on_path = question_id in chat.interview.progress.asked
        if not on_path and question_id != chat.interview.progress.next:
            return self._reask(chat, notices.stale_button())
        if kind == "r":
            reply = region_reply(self._asked(chat, question_id), args[2])
            return [reply] if reply else self._reask(chat, notices.stale_button())
        self._set_asking(chat, question_id if on_path else None)  # "q": ask it again
        return self._ask(chat, question_id)

    def _button_value(self, question_id: str, value: str):
        """A number confirmed from two readings comes back as text: make it a number again."""
        question = self.kb.questions[question_id]
        if question.kind == "number" and value not in question.option_ids():
            try:
                return float(value)
            except ValueError:
                return value  # the core refuses it, and the question is asked again
        return value

    # -- typed text ---------------------------------------------------------------------------

    def _typed(self, chat: Chat, text: str) -> list[ChatReply]:
        question_id = self._current(chat)
        if question_id is not None:
            question = self.kb.questions[question_id]
            reading = self.typed.read(question, text, chat.locale)
            if reading is not None and reading.value is not None:
                return self._answer(chat, question_id, reading.value)
            if reading is not None and reading.readings:
                return [number_readings_reply(self._asked(chat, question_id), reading.readings)]
            if reading is not None and reading.region:
                reply = region_reply(self._asked(chat, question_id), reading.region)
                if reply:
                    return [reply]
            if reading is not None and reading.problem:
                return self._ask(chat, question_id, reading.problem)
        command = self.commands.find(text)
        if command:
            return self._command(chat, command, None)
        language = self.language_names.find(text)
        if language:
            return self._set_language(chat, language)
        return self._reask(chat, notices.not_understood())

    # -- core calls ---------------------------------------------------------------------------

    def _answer(self, chat: Chat, question_id: str, value) -> list[ChatReply]:
        try:
            chat.interview = self.core.answer(chat.interview, question_id, value)
        except QuestionOutOfOrder:
            return self._reask(chat, notices.stale_button())
        except AnswerError as exc:
            return self._ask(
                chat, question_id, _answer_problem(self.kb.questions[question_id], exc)
            )
        if chat.link.asking == question_id:
            self._set_asking(chat, None)
        if first_danger(self.kb, chat.interview, question_id):
            # Danger now: 110 and what to say first, then the questions go on.
            sentences = what_to_say(self.kb, chat.interview.answers)
            call = Call(shorten(gettext("Call 110")), "tel:110")
            return [ChatReply(notices.danger_now(sentences), calls=(call,)), *self._continue(chat)]
        return self._continue(chat)

    def _set_language(self, chat: Chat, code: str) -> list[ChatReply]:
        if code not in self.locales:
            return self._language_menu(chat)
        chat.interview = self.core.set_locale(chat.interview, code)
        with force_locale(code):
            return self._continue(chat, notices.language_set(self.locales[code].native_name))

    def _command(self, chat: Chat, command: str, argument: str | None) -> list[ChatReply]:
        if command == "restart":
            self.core.end(KIND, chat.interview.id)
            return self._start(chat.link.user_key, chat.locale, notices.started_again())
        if command == "delete":
            return self._delete(chat)
        if command == "language":
            return self._language_menu(chat)
        if command == "back":
            return self._back(chat)
        if command == "change":
            return self._change(chat, argument)
        if command == "result":
            if chat.interview.complete:
                return self._result(chat)
            return self._reask(chat, notices.not_finished())
        if command == "help":
            return [ChatReply(notices.help_text(), quick_replies=self._menu(chat))]
        return [ChatReply(notices.menu(), quick_replies=self._menu(chat))]

    def _delete(self, chat: Chat) -> list[ChatReply]:
        """ "Delete my data": the interview and the link, at once (the core's end)."""
        locale = chat.locale
        self.core.end(KIND, chat.interview.id)
        chat_sessions.forget_user(self.db, chat.link.user_key)
        again = Choice(shorten(gettext("Start again")), postbacks.encode("l", locale))
        return [ChatReply(notices.deleted(), quick_replies=(again,))]

    def _forget(self, user_key: str) -> None:
        link = chat_sessions.find_link(self.db, user_key)
        if link is not None:
            self.core.end(KIND, link.session_id)
            chat_sessions.forget_user(self.db, user_key)

    def _back(self, chat: Chat) -> list[ChatReply]:
        current = self._current(chat)
        previous = self.core.back(chat.interview, current)
        if previous is None:
            return self._reask(chat, notices.first_question())
        self._set_asking(chat, previous.id)
        return self._ask(chat, previous.id)

    def _change(self, chat: Chat, page: str | None) -> list[ChatReply]:
        asked = chat.interview.progress.asked
        if not asked:
            return self._reask(chat, notices.nothing_to_change())
        number = int(page) if page and page.isdigit() else None
        guard = lambda qid: self._guard(chat, qid)  # noqa: E731
        return [change_reply(self.kb, asked, chat.interview.answers, guard, number)]

    def _result(self, chat: Chat) -> list[ChatReply]:
        outcome = self.core.result(chat.interview)
        code = chat.locale
        data = evaluation_json(self.kb, outcome.evaluation, code)
        all_clear = [referral_json(self.kb.referrals[r]) for r in self.kb.meta.all_clear_referrals]
        now = self.core.clock()
        mark_open(self.kb, all_clear, now)
        mark_findings_open(self.kb, data, now)
        link = lambda purpose: self.web_links(chat.interview.id, purpose)  # noqa: E731
        return result_replies(data, all_clear, code, link, self.idle_minutes)

    # -- asking -------------------------------------------------------------------------------

    def _current(self, chat: Chat) -> str | None:
        """The question the chat is asking: one asked again (back, change), else the next;
        None when every question is answered."""
        state = chat.interview.progress
        if chat.link.asking and chat.link.asking in state.asked:
            return chat.link.asking
        return state.next

    def _continue(self, chat: Chat, note: str | None = None) -> list[ChatReply]:
        question_id = self._current(chat)
        if question_id is None:
            replies = self._result(chat)
            return [ChatReply(note), *replies] if note else replies
        return self._ask(chat, question_id, note)

    def _reask(self, chat: Chat, note: str) -> list[ChatReply]:
        """A word about what went sideways, then the question being asked (or, when every
        question is answered, the menu rather than the whole result again)."""
        question_id = self._current(chat)
        if question_id is None:
            return [ChatReply(note, quick_replies=self._menu(chat))]
        return self._ask(chat, question_id, note)

    def _ask(self, chat: Chat, question_id: str, note: str | None = None) -> list[ChatReply]:
        return [question_reply(self._asked(chat, question_id), note)]

    def _asked(self, chat: Chat, question_id: str) -> Asked:
        state, interview = chat.interview.progress, chat.interview
        answered = question_id in state.asked
        number = state.asked.index(question_id) + 1 if answered else state.number
        previous = self.core.back(interview, question_id if answered else None)
        return Asked(
            self.kb.questions[question_id],
            self._guard(chat, question_id),
            number,
            max(state.about_total, number),
            interview.answers.get(question_id) if answered else None,
            previous is not None,
        )

    def _guard(self, chat: Chat, question_id: str) -> str:
        return postbacks.guard(self.guard_secret, chat.interview.id, self.kb.version, question_id)

    def _set_asking(self, chat: Chat, question_id: str | None) -> None:
        if chat.link.asking != question_id:
            chat_sessions.set_asking(self.db, chat.link.user_key, question_id)
            chat.link = dataclasses.replace(chat.link, asking=question_id)

    def _menu(self, chat: Chat) -> tuple[Choice, ...]:
        can_go_back = self.core.back(chat.interview, self._current(chat)) is not None
        return menu_choices(chat.interview.complete, can_go_back)

    def _language_menu(self, chat: Chat) -> list[ChatReply]:
        text = notices.choose_language(also_english=chat.locale != "en")
        return [ChatReply(text, quick_replies=language_choices(self.locales, chat.locale))]


def _answer_problem(question, exc: AnswerError) -> str:
    """What was wrong with an answer the core refused (never the exception's own text)."""
    if question.kind == "number":
        return number_problem(question)
    if question.kind == "month":
        return gettext("Enter the month as year and month, for example 2025-10.")
    return gettext("Choose one answer.")
