"""Danger now (issue 10): a trainee who says they are locked in, hit, threatened or forced to
work (or would rather not say) is shown at once what to do, before the interview goes on:
call 110, a sentence in Japanese to say or show, and who else answers. One tap from the answer
to the call button; the questions can be continued afterwards.
"""

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _

from webapp.engine.evaluate import referrals_for
from webapp.engine.facts import regime
from webapp.interview import Interview
from webapp.knowledge.model import STANDARD_OPTIONS
from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import where_next
from webapp.views.trainee.visit import live_interview
from webapp.views.translated import N_, referral_json

# What to say or show: Japanese for the person who answers, the meaning in the trainee's
# language beside it. Keyed by the danger question that was answered.
HELP = ("助けてください。", N_("Please help me."))
SENTENCES = {
    "movement-locked-in": ("閉じ込められています。", N_("I am locked in.")),
    "violence-hit": ("暴力を受けました。", N_("I was attacked.")),
    "violence-threatened": ("脅されています。", N_("I am being threatened.")),
    "violence-forced-work": ("無理やり働かされています。", N_("I am being forced to work.")),
}
ADDRESS = ("住所は＿＿＿＿＿です。", N_("My address is ______."))
HELPERS = ("police-emergency", "otit")


def first_danger(interview: Interview, answered: str) -> bool:
    """Whether `answered` is the first danger question on this path to call for help now (the
    interruption is shown once, for the first)."""
    danger = loaded().kb.meta.danger
    if danger is None:
        return False
    raised = [q for q in interview.progress.asked if q in danger.raised_by(interview.answers)]
    return bool(raised) and raised[0] == answered


def danger_page():
    interview = live_interview()
    kb = loaded().kb
    raised = kb.meta.danger.raised_by(interview.answers) if kb.meta.danger else ()
    # A specific sentence only for what the trainee said; "I'd rather not say" gets just "help".
    said = [q for q in raised if q in SENTENCES and interview.answers[q] not in STANDARD_OPTIONS]
    sentences = [HELP] + [SENTENCES[q] for q in said] + [ADDRESS]
    worker_regime = regime(kb, interview.answers, interview.on)
    helpers = [
        referral_json(kb.referrals[r])
        for r in referrals_for(kb, [r for r in HELPERS if r in kb.referrals], worker_regime)
    ]
    return render_template(
        mount().template("danger.html"),
        sentences=[{"ja": ja, "meaning": _(meaning)} for ja, meaning in sentences],
        helpers=helpers,
        continue_url=where_next(interview),
        back_url=url_for(".start"),
    )


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/now", "danger", danger_page, methods=["GET"])
