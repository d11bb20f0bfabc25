"""What an Employment for Skill Development worker is told, item numbers per language, the
immediate-needs finding, and the facts on the hand-over summary."""

import datetime as dt

from webapp.engine import normalise_answers
from webapp.engine.stated_facts import stated_facts

KEPT = {
    "passport-held-by-other": "yes",
    "passport-which": "passport",
    "passport-who": "employer",
    "passport-since": "2027-01",
    "passport-asked-back": "refused",
    "passport-consent": "forced",
    "passport-threat": "no",
}
AFTER_REFORM = "2027-06-01"


def result(client, answers, on=AFTER_REFORM, locale="en"):
    response = client.post(
        "/api/v1/evaluate", json={"answers": answers, "on": on, "locale": locale}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return {f["id"]: f for f in response.json["findings"]}


def test_an_esd_worker_is_sent_to_the_successor_of_otit_not_to_otit(client):
    found = result(client, dict(KEPT, **{"status-residence": "esd"}))
    finding = found["document-kept-by-company-or-kumiai"]
    assert [r["id"] for r in finding["referrals"]][:1] == ["esd-organisation"]
    assert "otit" not in [r["id"] for r in finding["referrals"]]
    words = " ".join(finding["actions"] + [finding["explanation"]])
    assert "OTIT" not in words
    assert "Employment-for-Skill-Development Organization" in " ".join(finding["actions"])


def test_an_esd_worker_hears_it_may_be_a_crime_but_the_article_is_not_confirmed(client):
    finding = result(client, dict(KEPT, **{"status-residence": "esd"}))[
        "document-kept-by-company-or-kumiai"
    ]
    assert finding["may_be_crime"] is True and finding["crime_article_confirmed"] is False
    assert finding["crime_note"] == "This may also be a crime; the article is not yet confirmed."
    citation = finding["provisions"][0]["citation"]
    assert citation == "ESD Act Arts. 46–49 (exact article not yet confirmed)"
    assert "48(1)" not in citation


def test_a_continuing_trainee_keeps_otit_and_the_confirmed_crime_note(client):
    finding = result(client, dict(KEPT, **{"status-residence": "titp"}))[
        "document-kept-by-company-or-kumiai"
    ]
    assert [r["id"] for r in finding["referrals"]][0] == "otit"
    assert "esd-organisation" not in [r["id"] for r in finding["referrals"]]
    assert finding["crime_article_confirmed"] is True
    assert "imprisonment or a fine" in finding["crime_note"]
    assert "Tell OTIT" in " ".join(finding["actions"]) or "contact OTIT" in " ".join(
        finding["actions"]
    )


def test_before_the_reform_nobody_is_sent_to_the_successor(client):
    found = result(client, KEPT, on="2026-12-01")
    ids = [r["id"] for f in found.values() for r in f["referrals"]]
    assert "otit" in ids and "esd-organisation" not in ids


def test_an_unknown_status_after_the_reform_names_both_bodies(client):
    finding = result(client, KEPT)["document-kept-by-company-or-kumiai"]
    ids = [r["id"] for r in finding["referrals"]]
    assert ids.index("esd-organisation") == ids.index("otit") + 1
    assert "OTIT (for Employment for Skill Development workers" in " ".join(finding["actions"])


def test_the_company_is_said_to_have_no_power_to_send_a_trainee_home(client):
    answers = dict(KEPT, **{"passport-threat": "yes", "status-residence": "titp"})
    finding = result(client, answers)["document-kept-with-threats"]
    assert "no legal power to send you home" in finding["explanation"]
    assert "only the Immigration Services Agency decides" in finding["explanation"]


def test_japanese_cites_item_numbers_as_officials_write_them_and_english_keeps_roman(client):
    answers = {
        "passport-held-by-other": "no",
        "wages-pay-ok": "no",
        "wages-paid-in-full": "yes",
        "wages-japanese-coworkers": "yes",
    }
    citations = {}
    for locale in ("en", "ja"):
        finding = result(client, answers, on="2026-12-01", locale=locale)[
            "paid-less-than-japanese-coworkers"
        ]
        citations[locale] = finding["provisions"][0]["citation"]
    assert citations == {"en": "TITP Act Art. 9(ix)", "ja": "技能実習法第9条第9号"}


def test_immediate_needs_lead_the_result_without_a_no_law_note(client):
    answers = {
        "violence-hit": "no",
        "violence-threatened": "no",
        "violence-forced-work": "no",
        "passport-held-by-other": "no",
        "wages-pay-ok": "yes",
        "wages-prefecture": "tokyo",
        "wages-hourly-rate": 1300,
        "wages-overtime": "no",
        "money-taken": "no",
        "movement-restricted": "yes",
        "movement-permission": "no",
        "movement-phone": "no",
        "movement-contact-ban": "no",
        "movement-locked-in": "yes",
        "movement-threat": "no",
        "movement-dormitory": "no",
        "union-problem": "no",
        "reporting-reported": "no",
        "recruitment-fees": "no",
        "needs-now": "neither",
    }
    response = client.post("/api/v1/evaluate", json={"answers": answers, "on": "2026-12-01"}).json
    first, second = response["findings"][:2]
    assert (first["id"], second["id"]) == ("needs-food-or-shelter", "locked-in")
    assert first["provisions"] == [] and first["no_japanese_law_note"] is None
    assert [r["id"] for r in first["referrals"]] == ["otit", "police-emergency", "fresc-help-desk"]


def test_the_stated_facts_follow_the_interview_and_leave_out_unsure_answers(kb):
    answers = normalise_answers(
        kb,
        {
            "passport-held-by-other": "yes",
            "passport-which": "both",
            "passport-who": "employer",
            "passport-since": "2025-04",
            "passport-asked-back": "refused",
            "passport-consent": "not-sure",
            "passport-threat": "no",
            "wages-pay-ok": "yes",
            "wages-prefecture": "tokyo",
            "wages-hourly-rate": "1250",
            "wages-work-month": "2026-11",
            "wages-overtime": "paid-normal",
            "wages-overtime-hours": "50",
        },
    )
    facts = stated_facts(kb, answers, dt.date(2026, 12, 1))
    assert [f.question for f in facts] == [
        "passport-which",
        "passport-who",
        "passport-since",
        "passport-asked-back",
        "wages-prefecture",
        "wages-hourly-rate",
        "wages-work-month",
        "wages-overtime",
        "wages-overtime-hours",
    ]
    assert facts[2].answer == "2025-04" and facts[5].answer == 1250.0


def test_the_summary_shows_the_facts_above_the_findings_in_both_languages(client):
    from test_trainee_form import csrf_of

    response = client.post("/start")
    csrf = csrf_of(client.get(response.headers["Location"]))
    steps = [
        ("movement-locked-in", "answer", "no"),
        ("violence-hit", "answer", "no"),
        ("violence-threatened", "answer", "no"),
        ("violence-forced-work", "answer", "no"),
        ("passport-held-by-other", "answer", "yes"),
        ("passport-which", "answer", "both"),
        ("passport-who", "answer", "employer"),
        ("passport-since", "value", "2025-04"),
        ("passport-asked-back", "answer", "refused"),
        ("passport-consent", "answer", "forced"),
        ("passport-threat", "answer", "no"),
        ("wages-pay-ok", "answer", "yes"),
        ("wages-prefecture", "answer", "tokyo"),
        ("wages-hourly-rate", "value", "1500"),
        ("wages-overtime", "answer", "no"),
        ("money-taken", "answer", "no"),
        ("movement-restricted", "answer", "no"),
        ("union-problem", "answer", "no"),
        ("reporting-reported", "answer", "no"),
        ("recruitment-fees", "answer", "no"),
        ("needs-now", "answer", "yes"),
    ]
    for number, (question, field, value) in enumerate(steps, 1):
        data = {"csrf": csrf, "question": question, field: value}
        posted = client.post(f"/q/{number}", data=data)
        assert posted.status_code == 303, (question, posted.status_code)
    html = client.get("/summary").get_data(as_text=True)
    english, japanese = html.split('<section class="summary-side" lang="ja"', 1)
    for side in (english, japanese):
        facts_at = side.index('class="summary-facts')
        assert facts_at < side.index('class="summary-findings')
        assert "2025-04" in side[facts_at:] and "1,500" in side[facts_at:]
    assert "Kept since" in english and "The facts I gave" in english
