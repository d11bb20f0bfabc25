"""Commands a trainee can give at any point, as buttons and as typed words, in every language.

Each command has a button label and a list of words to type. Both are gettext messages, so
translators give the words people really type in their language; a typed word is recognised in
any shipped language, whatever language the chat is in (a Vietnamese trainee who types "back"
or the Japanese "戻る" is understood), as are the button labels themselves.
"""

from dataclasses import dataclass

from flask_babel import force_locale, gettext

from webapp.channels.events import Choice
from webapp.channels.interview_chat import postbacks
from webapp.channels.interview_chat.labels import shorten
from webapp.channels.interview_chat.words import WordIndex


def N_(message: str) -> str:
    return message


@dataclass(frozen=True)
class Command:
    id: str
    label: str  # msgid of the button
    words: str  # msgid: words to type, separated by "|"


# Button labels are at most 20 characters; translators give the typed words of their language.
_ALL = (
    # Translators: a chat command: button label, then typed words separated by |
    Command("restart", N_("Start again"), N_("start again|restart|start over|reset")),
    # Translators: a chat command: button label, then typed words separated by |
    Command("back", N_("Back"), N_("back|go back|previous")),
    # Translators: a chat command: button label, then typed words separated by |
    Command("change", N_("Change an answer"), N_("change|change an answer|edit")),
    # Translators: a chat command: button label, then typed words separated by |
    Command("language", N_("Language"), N_("language|languages|lang")),
    # Translators: a chat command: button label, then typed words separated by |
    Command("delete", N_("Delete my data"), N_("delete|delete my data|erase|forget me")),
    # Translators: a chat command: button label, then typed words separated by |
    Command("help", N_("Help"), N_("help|how")),
    # Translators: a chat command: button label, then typed words separated by |
    Command("menu", N_("Menu"), N_("menu|commands|options")),
    # Translators: a chat command: button label, then typed words separated by |
    Command("result", N_("My result"), N_("result|my result|results")),
)
COMMANDS = {command.id: command for command in _ALL}
MENU = ("result", "change", "back", "language", "restart", "delete", "help")


def command_words(locale_codes) -> WordIndex:
    """Typed words (and button labels) of every command in every shipped language."""
    index = WordIndex()
    for code in locale_codes:
        with force_locale(code):
            for command in COMMANDS.values():
                words = [gettext(command.label), *gettext(command.words).split("|")]
                index.add((w for w in words if w.strip()), command.id)
    return index


def command_choice(command_id: str, *args: str) -> Choice:
    """A command's button in the current locale."""
    return Choice(
        shorten(gettext(COMMANDS[command_id].label)), postbacks.encode("c", command_id, *args)
    )


def menu_choices(complete: bool, can_go_back: bool) -> tuple[Choice, ...]:
    shown = [c for c in MENU if (c != "result" or complete) and (c != "back" or can_go_back)]
    return tuple(command_choice(c) for c in shown)


def first_word(command_id: str) -> str:
    """The first typed word of a command in the current locale (for "type … ")."""
    return gettext(COMMANDS[command_id].words).split("|")[0]
