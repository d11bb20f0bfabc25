"""Danger now (issue 10), for every shell: which answer calls for help at once (shown once per
interview, for the first such answer on the trainee's path) and what to say or show.

The sentences are Japanese for the person who answers the phone or the door, each with its
meaning as an English msgid that the shell translates into the trainee's language.
"""

from webapp.interview.core import Interview
from webapp.knowledge.model import STANDARD_OPTIONS, KnowledgeBase


def N_(message: str) -> str:
    """Marks a string for extraction; the shell translates it where it is shown."""
    return message


HELP = ("助けてください。", N_("Please help me."))
SENTENCES = {
    "movement-locked-in": ("閉じ込められています。", N_("I am locked in.")),
    "violence-hit": ("暴力を受けました。", N_("I was attacked.")),
    "violence-threatened": ("脅されています。", N_("I am being threatened.")),
    "violence-forced-work": ("無理やり働かされています。", N_("I am being forced to work.")),
}
ADDRESS = ("住所は＿＿＿＿＿です。", N_("My address is ______."))
HELPERS = ("police-emergency", "otit")  # who else answers, besides 110


def first_danger(kb: KnowledgeBase, interview: Interview, answered: str) -> bool:
    """Whether `answered` is the first question on this path whose answer calls for help now."""
    if kb.meta.danger is None:
        return False
    raised = kb.meta.danger.raised_by(interview.answers)
    on_path = [q for q in interview.progress.asked if q in raised]
    return bool(on_path) and on_path[0] == answered


def what_to_say(kb: KnowledgeBase, answers: dict) -> list[tuple[str, str]]:
    """(Japanese, meaning msgid) pairs: "help", what the trainee said, then the address. An
    answer "I'd rather not say" adds nothing specific."""
    raised = kb.meta.danger.raised_by(answers) if kb.meta.danger else ()
    said = [q for q in raised if q in SENTENCES and answers[q] not in STANDARD_OPTIONS]
    return [HELP] + [SENTENCES[q] for q in said] + [ADDRESS]
