"""Danger now (issue 10): a trainee who says they are locked in, hit, threatened or forced to
work (or would rather not say) is shown at once what to do, before the interview goes on:
call 110, a sentence in Japanese to say or show, and who else answers. One tap from the answer
to the call button; the questions can be continued afterwards.
"""

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _

from webapp.engine.evaluate import referrals_for
from webapp.engine.facts import regime
from webapp.interview.danger import HELPERS, what_to_say
from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import where_next
from webapp.views.trainee.visit import live_interview
from webapp.views.translated import referral_json


def danger_page():
    interview = live_interview()
    kb = loaded().kb
    sentences = what_to_say(kb, interview.answers)
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
