"""The result as a few chat messages, urgent first.

1. "Your result", the date and that it is information, not legal advice; with a Call 110
   button when anything is urgent.
2. One message per finding: its severity, title, one line of explanation, its law (citation
   and tier), and who can help (hours, whether they speak the trainee's language) with a call
   button per number. Past four findings, the ones worth checking share one message.
3. Links to the web (the bilingual summary, the full result, and asking an organisation to make
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
MAX_CALLS = 3
SEPARATE_FINDINGS = 4  # more than this: the "worth checking" ones share one message
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
    skip = {"110"} if urgent else set()  # the opening has its own Call 110 button then
    replies = [_opening(data, urgent)]
    if not findings:
        replies.append(_all_clear(all_clear, locale))
    elif len(findings) <= SEPARATE_FINDINGS:
        replies += [_finding(f, locale, skip) for f in findings]
    else:
        replies += [_finding(f, locale, skip) for f in findings if f["severity"] != "concern"]
        concerns = [f for f in findings if f["severity"] == "concern"]
        if concerns:
            replies.append(_concerns(concerns))
    replies.append(_closing(link, link_minutes))
    return replies


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


def _finding(finding: dict, locale: str, skip: set[str]) -> ChatReply:
    lines = [
        gettext(SEVERITY_HEADINGS[finding["severity"]]),
        finding["title"],
        one_line(finding["explanation"]),
        *_laws(finding),
    ]
    helpers, calls = _helpers(finding["referrals"], locale, skip)
    if helpers:
        lines.append(gettext("Who can help") + ":\n" + "\n".join(helpers))
    return ChatReply("\n".join(lines), calls=calls)


def _concerns(findings: list[dict]) -> ChatReply:
    parts = [gettext(SEVERITY_HEADINGS["concern"])]
    for finding in findings:
        parts.append("\n".join([finding["title"], *_laws(finding)[:1]]))
    return ChatReply("\n\n".join(parts))


def _all_clear(referrals: list[dict], locale: str) -> ChatReply:
    lines = [
        gettext("We did not find a problem in your answers"),
        gettext(
            "If something still worries you, or things change, you can ask for free advice "
            "in your language."
        ),
    ]
    helpers, calls = _helpers(referrals, locale, set())
    return ChatReply("\n".join(lines + helpers), calls=calls)


def _closing(link: Callable[[str], str | None], minutes: int) -> ChatReply:
    links = []
    for purpose in LINK_LABELS:
        url = link(purpose)
        if url:
            links.append(Link(shorten(gettext(LINK_LABELS[purpose])), url))
    if links:
        text = gettext(
            "Your summary in your language and Japanese, to show an office, and your full "
            "result: the links work for %(minutes)s minutes and only while your answers are "
            "kept.",
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


def _helpers(
    referrals: list[dict], locale: str, skip: set[str]
) -> tuple[list[str], tuple[Call, ...]]:
    lines, calls, numbers = [], [], set(skip)
    language = locale.split("_")[0]
    for referral in referrals:
        parts = [referral["name"]]
        phone = referral["phone"]
        if phone:
            parts.append(phone)
        if referral["hours"]:
            parts.append(referral["hours"])
        if language in referral["languages"]:
            parts.append(gettext("in your language"))
        if not phone and referral["website"]:
            parts.append(referral["website"])
        lines.append("• " + " — ".join(parts))
        if phone and DIALLABLE.match(phone) and phone not in numbers and len(calls) < MAX_CALLS:
            numbers.add(phone)
            calls.append(Call(shorten(referral["name"]), "tel:" + phone))
    return lines, tuple(calls)


def one_line(text: str) -> str:
    """The first sentence, at most ONE_LINE grapheme clusters."""
    first = SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return fit(first, ONE_LINE)
