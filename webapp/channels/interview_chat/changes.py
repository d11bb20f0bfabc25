""" "Change an answer": the answered questions, numbered, as buttons that ask one again.

Ten to a page (13 buttons at most: ten questions, earlier, later, menu); the list opens on the
page with the latest answers, which are the ones people most often want to change.
"""

from collections.abc import Callable

from flask_babel import gettext

from webapp.channels.events import ChatReply, Choice
from webapp.channels.interview_chat import notices, postbacks
from webapp.channels.interview_chat.commands import command_choice
from webapp.channels.interview_chat.labels import shorten
from webapp.channels.text_limits import fit
from webapp.knowledge.model import KnowledgeBase
from webapp.views.translated import answer_label

PAGE = 10
QUESTION_IN_LIST = 90  # grapheme clusters of each question's text in the list


def change_reply(
    kb: KnowledgeBase,
    asked: tuple[str, ...],
    answers: dict,
    guard: Callable[[str], str],
    page: int | None = None,
) -> ChatReply:
    pages = max(1, -(-len(asked) // PAGE))
    page = pages - 1 if page is None else min(max(page, 0), pages - 1)
    first = page * PAGE
    shown = asked[first : first + PAGE]
    lines, buttons = [notices.which_to_change()], []
    for number, qid in enumerate(shown, first + 1):
        question = kb.questions[qid]
        text = fit(gettext(question.text), QUESTION_IN_LIST)
        lines.append(f"{number}. {text} — {answer_label(question, answers[qid])}")
        label = shorten(f"{number}. {gettext(question.text)}")
        buttons.append(Choice(label, postbacks.encode("q", guard(qid), qid)))
    if page > 0:
        earlier = postbacks.encode("c", "change", str(page - 1))
        buttons.append(Choice(shorten("◀ " + gettext("Earlier questions")), earlier))
    if page < pages - 1:
        later = postbacks.encode("c", "change", str(page + 1))
        buttons.append(Choice(shorten(gettext("Later questions") + " ▶"), later))
    buttons.append(command_choice("menu"))
    return ChatReply("\n".join(lines), quick_replies=tuple(buttons))
