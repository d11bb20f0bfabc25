"""The shipped knowledge says what the legal reference says, and the interview stays short."""

import datetime as dt
import itertools
import re

import pytest

from testkit import answer_sets
from webapp.engine import evaluate, normalise_answers, walk

# Issue 2: every provision of the reference's mapping table (§13).
REQUIRED_PROVISIONS = """
titp-act-9-ix titp-act-46 titp-act-47-1 titp-act-47-2 titp-act-48-1 titp-act-48-2 titp-act-49-1
titp-act-49-2 titp-ord-25 lsa-3 lsa-5 lsa-6 lsa-15 lsa-16 lsa-17 lsa-18-1 lsa-23 lsa-24 lsa-32
lsa-36 lsa-37 lsa-39 lsa-41 lsa-94-1 lsa-104-2 mwa-4 tua-7 constitution-28 pc-204 pc-208 pc-220
pc-222 pc-223 icrmw-1 icrmw-11 icrmw-14 icrmw-16 icrmw-20 icrmw-21 icrmw-22 icrmw-25 icrmw-26
icrmw-32 icrmw-39 icrmw-40 icrmw-66 icrmw-79 iccpr-8 iccpr-12 iccpr-17 iccpr-22 icescr-7 icescr-8
ilo-c29 ilo-c87 ilo-c98 ilo-c105
""".split()
HEDGES = re.compile(r"not yet confirmed|to be confirmed|believed|not confirmed|unconfirmed", re.I)


def test_every_provision_of_the_mapping_table_is_there(kb):
    assert sorted(set(REQUIRED_PROVISIONS) - set(kb.provisions)) == []


@pytest.mark.parametrize(
    "prefix, tier",
    [
        pytest.param("titp-act-", "japanese-law", id="titp"),
        pytest.param("lsa-", "japanese-law", id="lsa"),
        pytest.param("iccpr-", "ratified-treaty", id="iccpr"),
        pytest.param("ilo-", "ratified-treaty", id="ilo"),
        pytest.param("icrmw-", "not-joined-standard", id="icrmw"),
    ],
)
def test_tiers_follow_the_reference(kb, prefix, tier):
    chosen = [p for p in kb.provisions.values() if p.id.startswith(prefix)]
    assert chosen and {p.tier for p in chosen} == {tier}


def test_the_minimum_wage_act_penalty_is_article_40(kb):
    assert "40" in kb.provisions["mwa-4"].penalty.article


def test_unconfirmed_facts_are_never_stated_as_established(kb):
    # Reference §0: an [NV] fact must be marked as uncertain wherever it is shown.
    for provision in kb.provisions.values():
        if provision.verification == "unconfirmed":
            assert HEDGES.search(provision.title + provision.summary), provision.id
        if provision.penalty and provision.penalty.verification == "unconfirmed":
            assert HEDGES.search(provision.penalty.text), provision.id


def test_esd_provisions_start_on_the_reform_date_without_article_numbers(kb):
    esd = [p for p in kb.provisions.values() if p.instrument.id == "esd-act"]
    assert esd and all(p.in_force_from == dt.date(2027, 4, 1) and p.article is None for p in esd)


def test_every_referral_has_a_source_and_no_unconfirmed_phone_is_shipped(kb):
    for referral in kb.referrals.values():
        assert referral.source_url.startswith("https://") or referral.source_url.startswith("http")
        assert referral.phone is None or referral.phone.verification != "unconfirmed"


def test_the_wage_table_has_fy2024_to_fy2026_for_every_prefecture(kb):
    prefectures = kb.wages.prefectures
    assert len(prefectures) == 47
    for prefecture in prefectures.values():
        starts = [r.effective_from for r in prefecture.rates]
        assert [r.revision.id for r in prefecture.rates] == ["fy2024", "fy2025", "fy2026"]
        assert dt.date(2024, 10, 1) <= starts[0] < dt.date(2025, 1, 1), prefecture.id
        assert dt.date(2025, 10, 1) <= starts[1] <= dt.date(2026, 3, 31), prefecture.id
        # Reference update of 2026-12-01: FY2026 from 1 October to 2 December 2026.
        assert dt.date(2026, 10, 1) <= starts[2] <= dt.date(2026, 12, 2), prefecture.id
        assert 54 <= prefecture.rates[2].yen - prefecture.rates[1].yen <= 65, prefecture.id


def test_every_wage_revision_records_how_far_it_can_be_trusted(kb):
    # Reference §14: two independent secondary datasets agree on every FY2026 figure: [V2].
    for revision in kb.wages.revisions.values():
        assert revision.verification == "secondary", revision.id
        assert revision.sources and all(s.url.startswith("http") for s in revision.sources)
    assert all(
        r.notice_url.startswith("https://jsite.mhlw.go.jp/")
        for p in kb.wages.prefectures.values()
        for r in p.rates
        if r.revision.id == "fy2026"
    )


def test_the_table_runs_out_on_1_october_after_its_newest_revision(kb):
    assert kb.wages.runs_out_on() == dt.date(2027, 10, 1)
    tokyo = kb.wages.prefectures["tokyo"]
    assert not tokyo.outdated_on(dt.date(2027, 9, 30))
    assert tokyo.outdated_on(dt.date(2027, 10, 1))


def test_minimum_wages_only_ever_rise(kb):
    # The interview asks for the month of the work only when pay is below today's minimum,
    # which is sound only while every prefecture's minimum rises over time.
    for prefecture in kb.wages.prefectures.values():
        yen = [r.yen for r in prefecture.rates]
        assert yen == sorted(yen) and len(set(yen)) == len(yen), prefecture.id


@pytest.mark.parametrize(
    "prefecture, day, yen",
    [
        pytest.param("tokyo", dt.date(2025, 10, 2), 1163, id="tokyo-before"),
        pytest.param("tokyo", dt.date(2025, 10, 3), 1226, id="tokyo-from"),
        pytest.param("kanagawa", dt.date(2025, 10, 4), 1225, id="kanagawa-from"),
        pytest.param("kochi", dt.date(2025, 11, 30), 952, id="kochi-before"),
        pytest.param("kochi", dt.date(2025, 12, 1), 1023, id="kochi-from"),
        pytest.param("miyazaki", dt.date(2025, 11, 16), 1023, id="miyazaki-from"),
        pytest.param("okinawa", dt.date(2025, 12, 1), 1023, id="okinawa-from"),
        pytest.param("gunma", dt.date(2026, 3, 1), 1063, id="gunma-from"),
        pytest.param("akita", dt.date(2026, 3, 31), 1031, id="akita-from"),
        pytest.param("tokyo", dt.date(2026, 9, 30), 1226, id="tokyo-fy2026-before"),
        pytest.param("tokyo", dt.date(2026, 10, 1), 1280, id="tokyo-fy2026-from"),
        pytest.param("okinawa", dt.date(2026, 12, 1), 1023, id="okinawa-fy2026-before"),
        pytest.param("okinawa", dt.date(2026, 12, 2), 1086, id="okinawa-fy2026-from"),
        pytest.param("saga", dt.date(2026, 12, 31), 1030 + 65, id="saga-rise-of-65"),
    ],
)
def test_the_wage_table_matches_the_reference_anchors(kb, prefecture, day, yen):
    assert kb.wages.prefectures[prefecture].minimum_on(day).yen == yen


# The shared all-clear trainee, with the pay and overtime answers varied below.
ALL_CLEAR = {
    q: a
    for q, a in answer_sets.ALL_CLEAR.items()
    if q not in ("wages-hourly-rate", "wages-overtime", "status-residence")
}
PAY = {
    "hourly": {"wages-hourly-rate": "1500"},
    "monthly": {
        "wages-hourly-rate": "monthly",
        "wages-monthly-pay": "250000",
        "wages-monthly-hours": "160",
    },
}
OVERTIME = {
    "none": {"wages-overtime": "no"},
    "paid": {"wages-overtime": "paid-premium", "wages-overtime-hours": "20"},
}
DATES = {"2026": dt.date(2026, 6, 1), "2027-reform": dt.date(2027, 6, 1)}


@pytest.mark.parametrize(
    "pay, overtime, date",
    [
        pytest.param(p, o, d, id=f"{p}-{o}-{d}")
        for p, o, d in itertools.product(PAY, OVERTIME, DATES)
    ],
)
def test_a_trainee_with_no_problems_finishes_in_15_questions_or_fewer(kb, pay, overtime, date):
    # Issue 10 put four one-thing danger questions first. The all-clear interview of a trainee
    # paid by the hour without overtime stays within 15 questions (14 before the reform, 15
    # with the residence status after it). The numbers a monthly wage or overtime need to be
    # judged (monthly pay and hours; overtime hours) are the only questions beyond that.
    answers = dict(ALL_CLEAR, **PAY[pay], **OVERTIME[overtime], **{"status-residence": "titp"})
    answers = normalise_answers(kb, answers)
    path = walk(kb, answers, DATES[date])
    numbers_needed = len(PAY[pay]) - 1 + len(OVERTIME[overtime]) - 1
    assert path.next is None, f"the interview stopped at {path.next}"
    assert len(path.asked) - numbers_needed <= 15
    assert evaluate(kb, answers, DATES[date]).findings == ()


def test_the_danger_questions_come_first_and_ask_one_thing_each(kb):
    danger = kb.meta.danger.questions
    path = walk(
        kb,
        normalise_answers(kb, dict(ALL_CLEAR, **PAY["hourly"], **OVERTIME["none"])),
        DATES["2026"],
    )
    assert path.asked[: len(danger)] == danger
    for qid in danger:
        assert len(kb.questions[qid].text.split()) <= 15, qid


# --- Issue 8: the knowledge cites its own sources ------------------------------------------

MACHINE_PATHS = re.compile(r"/work/|shared/reference|legal-basis\.md|\.\./\.\./")


def test_no_knowledge_file_points_outside_the_repository():
    from webapp.config import Settings

    root = Settings().knowledge_dir
    for path in sorted(root.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert not MACHINE_PATHS.search(text), f"{path.relative_to(root)} names a machine path"


def test_every_instrument_names_where_its_facts_were_read(kb):
    instruments = {p.instrument.id: p.instrument for p in kb.provisions.values()}
    for instrument in instruments.values():
        assert instrument.sources, instrument.id
        for source in instrument.sources:
            assert source.url.startswith(("https://", "http://")), instrument.id
            assert source.read_on <= dt.date.today() and source.verification


def test_unconfirmed_sources_are_never_the_only_basis_of_a_confirmed_provision(kb):
    for provision in kb.provisions.values():
        if provision.verification == "confirmed":
            sources = provision.sources + provision.instrument.sources
            assert any(s.verification == "confirmed" for s in sources), provision.id


def test_the_provisions_endpoint_lists_each_provisions_sources(client):
    provisions = {p["id"]: p for p in client.get("/api/v1/provisions").json["provisions"]}
    assert provisions["titp-act-48-1"]["sources"][0]["url"].startswith("https://happier.work/")
    assert provisions["lsa-37"]["sources"][0]["read_on"] == "2026-12-01"
    assert any("e-gov" in s["url"] for s in provisions["lsa-24"]["instrument_sources"])


def test_the_esd_act_has_its_official_title_and_no_article_numbers_for_protections(kb):
    esd = kb.provisions["esd-act-passport"]
    assert esd.instrument.name == (
        "Act on Proper Implementation of Employment for Skill "
        "Development and Protection of Skill Development Employees"
    )
    assert esd.articles == ("46", "49") and esd.penalty.verification == "unconfirmed"
    assert kb.provisions["esd-act-transfer"].articles is None


def test_the_labour_hotline_lists_the_languages_that_have_a_line(kb):
    hotline = kb.referrals["labour-conditions-hotline"]
    # Reference §10: separate free lines for English, Chinese, Tagalog, Vietnamese, Burmese,
    # Nepali (and Portuguese, Spanish); later pages add Thai, Indonesian, Khmer. No Mongolian.
    assert set(hotline.languages) == {"ja", "en", "zh", "fil", "vi", "my", "ne", "th", "id", "km"}
    assert hotline.phone.languages == ("ja",)
    assert "Monday to Friday 17:00–22:00" in hotline.hours


def test_money_owed_to_the_trainee_says_how_long_it_can_be_claimed(kb):
    # Reference §14: 3 years for wages due from 2020-04-01 (LSA Art. 115 with Art. 143(3)).
    limitation = kb.provisions["lsa-115"]
    assert limitation.in_force_from == dt.date(2020, 4, 1)
    assert "3 years" in limitation.title and limitation.verification == "secondary"
    answers = normalise_answers(kb, answer_sets.PROBLEMS)  # Tokyo, paid below the minimum
    findings = {f.id: f for f in evaluate(kb, answers, dt.date(2026, 12, 2)).findings}
    cited = [p.id for p in findings["below-minimum-wage"].provisions]
    assert "lsa-115" in cited
    assert cited.index("lsa-115") < cited.index("icescr-7")  # Japanese law before treaties
    for rule in kb.rules:
        if "lsa-24" in rule.cites and rule.id.startswith(("wages-unpaid", "overtime-unpaid")):
            assert "lsa-115" in rule.cites, rule.id
