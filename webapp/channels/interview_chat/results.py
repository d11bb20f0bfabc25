"""The result as a few chat messages, urgent first.

1. "Your result", the date and that it is information, not legal advice; with a Call 110
   button when anything is urgent.
2. One message per finding (the four most severe): its severity, title, one line of
   explanation, its law (citation and tier), and who can help (number, whether open now or
   else the hours, whether they speak the trainee's language). Further findings by title, in
   one message (every one is in full in the result on the web).
3. "Call for help": a call button per helper's number, each number once (not the same hotline
   under every finding), so that a whole result usually fits in one free LINE reply.
4. Links to the web (the bilingual summary, the full result, and asking an organisation to make
   contact once that page exists), with the menu.
Words come from the presenters the web pages use (webapp.views.translated), so chat and web
say the same thing. Call inside the chat's locale.
"""

import re
from collections.abc import Callable

from flask_babel import gettext

from webapp.channels.events import Call, ChatReply, Link
from webapp.channels.interview_chat.commands import first_word, menu_choices
from webapp.channels.interview_chat.labels import shorten
from webapp.channels.text_limits import fit

SEVERITIES = ("urgent", "serious", "concern")
MAX_LAWS = 3  # citations shown per finding (binding Japanese law comes first)
MAX_CALLS = 4  # one LINE buttons template
DETAILED = 4  # findings told in full, most severe first; the rest by title
ONE_LINE = 240  # grapheme clusters of explanation
DIALLABLE = re.compile(r"^\+?[0-9][0-9 ()-]{1,20}$")  # "#9110" is not: it goes in the text
SENTENCE_END = re.compile(r"(?<=[.!?。！？။។।])\s+|(?<=[。！？။។।])")


def N_(message: str) -> str:
    return message


SEVERITY_HEADINGS = {
    "urgent": N_("Urgent: get help now"),
    "serious": N_("Serious: likely against the law"),
    "concern": N_("Worth checking with someone"),
}
LINK_LABELS = {
    # Translators: a chat button (at most 20 characters) opening the bilingual summary
    "summary": N_("My summary"),
    # Translators: a chat button (at most 20 characters) opening the result on the web
    "result": N_("My full result"),
    # Translators: a chat button (at most 20 characters): ask an organisation to contact me
    "handoff": N_("Ask for contact"),
}


def result_replies(
    data: dict,
    all_clear: list[dict],
    locale: str,
    link: Callable[[str], str | None],
    link_minutes: int,
) -> list[ChatReply]:
    """`data`: evaluation_json of a complete interview; `all_clear`: referral_json of the
    referrals offered when nothing is found; `link(purpose)`: a web link, or None."""
    findings = sorted(data["findings"], key=lambda f: SEVERITIES.index(f["severity"]))
    urgent = any(f["severity"] == "urgent" for f in findings)
    calls = Calls({"110"} if urgent else set())  # the opening has Call 110 when urgent
    replies = [_opening(data, urgent)]
    if not findings:
        replies.append(_all_clear(all_clear, locale, calls))
    replies += [_finding(f, locale, calls) for f in findings[:DETAILED]]
    if findings[DETAILED:]:
        replies.append(_more(findings[DETAILED:]))
        for finding in findings[DETAILED:]:  # their helpers can be called too
            for referral in finding["referrals"]:
                calls.add(referral["name"], referral["phone"])
    if calls.buttons:
        replies.append(ChatReply(gettext("Call for help:"), calls=tuple(calls.buttons)))
    replies.append(_closing(link, link_minutes))
    return replies


class Calls:
    """Call buttons for the helpers' numbers: each number once, at most MAX_CALLS in all."""

    def __init__(self, offered: set[str]):
        self.offered = set(offered)
        self.buttons: list[Call] = []

    def add(self, name: str, phone: str | None) -> None:
        if not phone or not DIALLABLE.match(phone) or phone in self.offered:
            return
        self.offered.add(phone)
        if len(self.buttons) < MAX_CALLS:
            self.buttons.append(Call(shorten(name), "tel:" + phone))


def _opening(data: dict, urgent: bool) -> ChatReply:
    lines = [
        gettext("Your result"),
        gettext("Checked on %(date)s against the law in force that day.", date=data["evaluated_on"])
        + " "
        + data["disclaimer"],
    ]
    calls: tuple[Call, ...] = ()
    if urgent:
        lines.append(gettext("If you are in danger now, call the police: 110."))
        calls = (Call(shorten(gettext("Call 110")), "tel:110"),)
    return ChatReply("\n\n".join(lines), calls=calls)


def _finding(finding: dict, locale: str, calls: Calls) -> ChatReply:
    lines = [
        gettext(SEVERITY_HEADINGS[finding["severity"]]),
        finding["title"],
        one_line(finding["explanation"]),
        *_laws(finding),
    ]
    helpers = _helpers(finding["referrals"], locale, calls)
    if helpers:
        lines.append(gettext("Who can help") + ":\n" + "\n".join(helpers))
    return ChatReply("\n".join(lines))


def _more(findings: list[dict]) -> ChatReply:
    """Findings past the first few: their titles (everything is in the full result)."""
    lines = [gettext("Also found:")]
    lines += [f"• {f['title']} ({gettext(f['severity'])})" for f in findings]
    return ChatReply("\n".join(lines))


def _all_clear(referrals: list[dict], locale: str, calls: Calls) -> ChatReply:
    lines = [
        gettext("We did not find a problem in your answers"),
        gettext(
            "If something still worries you, or things change, you can ask for free advice "
            "in your language."
        ),
    ]
    return ChatReply("\n".join(lines + _helpers(referrals, locale, calls)))


def _closing(link: Callable[[str], str | None], minutes: int) -> ChatReply:
    links = []
    for purpose in LINK_LABELS:
        url = link(purpose)
        if url:
            links.append(Link(shorten(gettext(LINK_LABELS[purpose])), url))
    if links:
        text = gettext(
            "Your summary (in your language and Japanese) to show an office, and your full "
            "result. The links work for %(minutes)s minutes.",
            minutes=minutes,
        )
    else:
        text = gettext("To see your result again, type “%(word)s”.", word=first_word("result"))
    return ChatReply(text, links=tuple(links), quick_replies=menu_choices(True, True))


def _laws(finding: dict) -> list[str]:
    provisions = sorted(finding["provisions"], key=lambda p: not p["binding_in_japan"])
    return [
        gettext("Law: %(citation)s (%(tier)s)", citation=p["citation"], tier=p["tier_label"])
        for p in provisions[:MAX_LAWS]
    ]


def _helpers(referrals: list[dict], locale: str, calls: Calls) -> list[str]:
    """A line per helper (number, hours, whether they speak the trainee's language); their
    numbers go to `calls`."""
    lines = []
    language = locale.split("_")[0]
    for referral in referrals:
        parts = [referral["name"]]
        phone = referral["phone"]
        if phone:
            parts.append(phone)
        if referral.get("open_now"):  # "Open now, until 22:00" says more than the hours
            parts.append(referral["open_now"]["text"])
        elif referral["hours"]:
            parts.append(referral["hours"])
        if language in referral["languages"]:
            parts.append(gettext("in your language"))
        if not phone and referral["website"]:
            parts.append(referral["website"])
        lines.append("• " + " — ".join(parts))
        calls.add(referral["name"], phone)
    return lines


def one_line(text: str) -> str:
    """The first sentence, at most ONE_LINE grapheme clusters."""
    first = SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return fit(first, ONE_LINE)
