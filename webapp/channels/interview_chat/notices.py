"""What the chat says besides questions and results: welcome, privacy, help, and the replies
to things that went sideways. Call inside the chat's locale."""

from flask_babel import gettext

from webapp.channels.interview_chat.commands import COMMANDS, first_word


def welcome() -> str:
    return gettext(
        "Kenri checks whether your rights as a technical intern trainee in Japan are "
        "respected. It is free and anonymous, and it is information, not legal advice."
    )


def choose_language(also_english: bool) -> str:
    text = gettext("Choose your language")
    return (
        f"{text}\nChoose your language" if also_english and text != "Choose your language" else text
    )


def privacy(idle_minutes: int, absolute_hours: int) -> str:
    return "\n\n".join(
        [
            gettext(
                "What Kenri keeps: only your answers. Not your name, and not your LINE or "
                "Messenger account: only a coded number that cannot be turned back into it."
            ),
            gettext(
                "Your answers are deleted %(minutes)s minutes after your last message, and "
                "%(hours)s hours after you start at the latest. To delete them at once, type "
                "“%(word)s”.",
                minutes=idle_minutes,
                hours=absolute_hours,
                word=first_word("delete"),
            ),
            gettext(
                "This chat stays in your app: delete it there too if someone else may read "
                "your phone."
            ),
        ]
    )


def how_to_answer() -> str:
    return gettext(
        "Tap a button or type your answer. Type “%(menu)s” at any time to go back, change an "
        "answer, change the language or delete your answers.",
        menu=first_word("menu"),
    )


def help_text() -> str:
    words = ", ".join(
        f"“{first_word(c)}” ({gettext(COMMANDS[c].label)})"
        for c in ("back", "change", "language", "restart", "delete", "result", "menu")
    )
    # Someone typing "help" may be in danger: the emergency number comes first.
    return "\n\n".join(
        [
            f"{gettext('If you are in danger now, call the police')}: 110",
            gettext(
                "Kenri asks about your work and then tells you which of your rights may be "
                "broken, what the law says, and who can help in your language."
            ),
            gettext("You can type at any time: %(words)s.", words=words),
        ]
    )


def stale_button() -> str:
    return gettext("That button was from an earlier message. Here is the question you are on.")


def not_understood() -> str:
    return gettext(
        "Sorry, I did not understand that. Tap one of the buttons, or type “%(word)s”.",
        word=first_word("help"),
    )


def text_only() -> str:
    return gettext("I can only read text. Tap one of the buttons, or type your answer.")


def expired(idle_minutes: int) -> str:
    return gettext(
        "For your safety, your earlier answers were deleted after %(minutes)s minutes without "
        "a message.",
        minutes=idle_minutes,
    )


def deleted() -> str:
    return "\n\n".join(
        [
            gettext("Your answers are deleted"),
            gettext("Nothing of your answers is kept on our server."),
            gettext(
                "This chat stays in your app: delete it there too if someone else may read "
                "your phone."
            ),
        ]
    )


def started_again() -> str:
    return gettext("Starting again. Your earlier answers are deleted.")


def first_question() -> str:
    return gettext("This is the first question.")


def not_finished() -> str:
    return gettext("You have not answered every question yet.")


def menu() -> str:
    return gettext("What do you want to do?")


def language_set(native_name: str) -> str:
    return f"{gettext('Language')}: {native_name}"


def nothing_to_change() -> str:
    return gettext("You have not answered any question yet.")


def which_to_change() -> str:
    return gettext("Which answer do you want to change?")


def danger_now(sentences: list[tuple[str, str]]) -> str:
    """Issue 10: said at once after a danger answer, before the questions go on."""
    said = "\n".join(japanese for japanese, _ in sentences)
    meanings = "\n".join(f"- {gettext(meaning)}" for _, meaning in sentences)
    return "\n\n".join(
        [
            gettext("If you are in danger now, call the police: 110."),
            gettext("Say this, or show this message:"),
            said,
            meanings,
            gettext("Say where you are: the town and the building, or a shop or station nearby."),
        ]
    )
