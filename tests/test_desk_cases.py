"""Working cases on the desk: the queue, a case in two languages, contact details, notes,
status, assignment, deleting, and the coordinators' export, statistics, audit log and team."""

import csv
import io
import json
import re

import pytest
from desk_support import PHONE, PROBLEMS, URGENT, csrf_of, share, sign_in

from webapp.contact_options import Contact
from webapp.store import audit, case_work

pytest_plugins = ["desk_fixtures"]


@pytest.fixture
def intake(desk, cases):
    client = desk.app.test_client()
    sign_in(client, desk.intake)
    return client


@pytest.fixture
def coordinator(desk, cases):
    client = desk.app.test_client()
    sign_in(client, desk.coordinator)
    return client


def text(response):
    return response.get_data(as_text=True)


def references_in(html):
    """The case references on a page, in order, each once."""
    found = re.findall(r"KNR-[2-9A-Z]{4}-[2-9A-Z]{2}", html)
    return list(dict.fromkeys(r for r in found if r != "KNR-XXXX-XX"))


def last_action(desk, org="tokyo-help"):
    entry = audit.entries(desk.db, org)[0]
    return entry.action, entry.case_reference, entry.detail


# --- the queue ------------------------------------------------------------------------------------


def test_the_queue_puts_the_most_urgent_first_then_the_oldest(desk, cases, intake):
    urgent, serious, _ = cases
    later_serious = share(desk.db, desk.sealer, desk.kb, "tokyo-help", PROBLEMS, locale="vi")
    html = text(intake.get("/staff/"))
    assert references_in(html) == [urgent.reference, serious.reference, later_serious.reference]
    assert "Cases: 3." in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("urgency=urgent", ["urgent"]),
        ("urgency=serious", ["serious"]),
        ("language=id", ["serious"]),
        ("language=km", ["urgent", "serious"]),  # not offered: any
        ("status=closed", []),
        ("status=all", ["urgent", "serious"]),
        ("assigned=me", []),
        ("assigned=none", ["urgent", "serious"]),
        ("prefecture=tokyo", ["urgent", "serious"]),
        ("status=%00%ff", ["urgent", "serious"]),
    ],
)
def test_queue_filters(cases, intake, query, expected):
    urgent, serious, _ = cases
    names = {urgent.reference: "urgent", serious.reference: "serious"}
    html = text(intake.get(f"/staff/?{query}"))
    assert [names[r] for r in references_in(html) if r in names] == expected


def test_assigned_to_me(desk, cases, intake):
    case_work.assign(desk.db, "tokyo-help", cases[1].reference, desk.intake.id, desk.intake.id)
    html = text(intake.get("/staff/?assigned=me"))
    assert references_in(html) == [cases[1].reference] and desk.intake.email in html


# --- one case -------------------------------------------------------------------------------------


def test_a_case_reads_in_japanese_beside_vietnamese_and_its_viewing_is_audited(desk, cases, intake):
    urgent = cases[0]
    response = intake.get(f"/staff/cases/{urgent.reference}?lang=ja")
    html = text(response)
    assert response.status_code == 200
    assert '<div class="side" lang="ja">' in html and '<div class="side" lang="vi">' in html
    ja_side = html.split('<div class="side" lang="ja">')[1].split('<div class="side"')[0]
    vi_side = html.split('<div class="side" lang="vi">')[1].split("</section>")[0]
    assert "刑法" in ja_side and "Bộ luật Hình sự" in vi_side  # the Penal Code, both ways
    assert "日本の法律" in ja_side  # the tier, in Japanese
    assert "東京都" in html  # the prefecture answer
    assert PHONE not in html and "trainee-line-id" not in html  # hidden until asked
    assert last_action(desk) == ("case-viewed", urgent.reference, None)


def test_a_case_in_the_staff_members_own_language_has_one_side(desk, intake):
    shared = share(desk.db, desk.sealer, desk.kb, "tokyo-help", URGENT, locale="en")
    html = text(intake.get(f"/staff/cases/{shared.reference}?lang=en"))
    pairs = html.count('<section class="finding-pair')
    assert pairs == 2 and html.count('<div class="side"') == pairs


def test_show_contact_details_is_a_deliberate_audited_post(desk, cases, intake):
    reference = cases[0].reference
    page = intake.get(f"/staff/cases/{reference}")
    assert intake.get(f"/staff/cases/{reference}/contact").status_code == 404
    response = intake.post(f"/staff/cases/{reference}/contact", data={"csrf": csrf_of(page)})
    html = text(response)
    assert response.status_code == 200 and PHONE in html and "trainee-line-id" in html
    assert "Messages only: do not call." in html
    assert last_action(desk) == ("contact-shown", reference, None)
    assert (
        intake.post(f"/staff/cases/{reference}/contact", data={"csrf": "forged"}).status_code == 400
    )


def test_the_trainees_own_note_is_marked_as_not_translated(desk, intake):
    shared = share(
        desk.db,
        desk.sealer,
        desk.kb,
        "tokyo-help",
        URGENT,
        contact=Contact(phone=PHONE, note="Gọi sau 9 giờ tối"),
    )
    page = intake.get(f"/staff/cases/{shared.reference}")
    html = text(
        intake.post(f"/staff/cases/{shared.reference}/contact", data={"csrf": csrf_of(page)})
    )
    assert "(not translated)" in html and "Gọi sau 9 giờ tối" in html


def test_notes_are_added_with_time_and_author(desk, cases, intake):
    reference = cases[0].reference
    page = intake.get(f"/staff/cases/{reference}")
    empty = intake.post(
        f"/staff/cases/{reference}/notes", data={"csrf": csrf_of(page), "text": "   "}
    )
    assert empty.status_code == 422 and "Write the note first." in text(empty)
    long = intake.post(
        f"/staff/cases/{reference}/notes", data={"csrf": csrf_of(page), "text": "x" * 5001}
    )
    assert long.status_code == 422 and "x" * 5001 in text(long)  # nothing typed is lost
    response = intake.post(
        f"/staff/cases/{reference}/notes",
        data={"csrf": csrf_of(page), "text": "Called at lunch: safe."},
    )
    assert response.status_code == 303
    html = text(intake.get(f"/staff/cases/{reference}"))
    assert "Called at lunch: safe." in html and desk.intake.email in html
    assert ("note-added", reference, None) in [
        (e.action, e.case_reference, e.detail) for e in audit.entries(desk.db, "tokyo-help")
    ]


def test_status_goes_from_new_to_closed_and_each_change_is_audited(desk, cases, intake):
    reference = cases[0].reference
    page = intake.get(f"/staff/cases/{reference}")
    for status in ("contacted", "in-progress", "referred", "closed"):
        assert (
            intake.post(
                f"/staff/cases/{reference}/status", data={"csrf": csrf_of(page), "status": status}
            ).status_code
            == 303
        )
    case = case_work.get_case(desk.db, "tokyo-help", reference)
    assert case.status == "closed" and case.closed_at is not None
    assert last_action(desk) == ("status-changed", reference, "referred -> closed")
    bad = intake.post(
        f"/staff/cases/{reference}/status", data={"csrf": csrf_of(page), "status": "solved"}
    )
    assert bad.status_code == 422 and "Choose one of the statuses." in text(bad)
    assert references_in(text(intake.get("/staff/"))).count(reference) == 0  # closed: gone
    assert reference in text(intake.get("/staff/?status=closed"))


@pytest.mark.parametrize("assignee", ["99999", "abc", "1" * 40, ""])
def test_a_case_can_only_be_assigned_to_a_member_of_the_organisation(desk, cases, intake, assignee):
    reference = cases[0].reference
    page = intake.get(f"/staff/cases/{reference}")
    response = intake.post(
        f"/staff/cases/{reference}/assign", data={"csrf": csrf_of(page), "assignee": assignee}
    )
    assert response.status_code == 422
    other = intake.post(
        f"/staff/cases/{reference}/assign",
        data={"csrf": csrf_of(page), "assignee": str(desk.other.id)},
    )
    assert other.status_code == 422
    assert case_work.get_case(desk.db, "tokyo-help", reference).assigned_to is None


def test_assigning_to_a_colleague(desk, cases, intake):
    reference = cases[0].reference
    page = intake.get(f"/staff/cases/{reference}")
    intake.post(
        f"/staff/cases/{reference}/assign",
        data={"csrf": csrf_of(page), "assignee": str(desk.coordinator.id)},
    )
    assert case_work.get_case(desk.db, "tokyo-help", reference).assigned_to == desk.coordinator.id
    assert last_action(desk)[0] == "case-assigned"


def test_deleting_needs_the_confirmation_box(desk, cases, intake):
    reference = cases[0].reference
    page = intake.get(f"/staff/cases/{reference}")
    refused = intake.post(f"/staff/cases/{reference}/delete", data={"csrf": csrf_of(page)})
    assert refused.status_code == 422 and "Tick the box" in text(refused)
    assert case_work.get_case(desk.db, "tokyo-help", reference)
    deleted = intake.post(
        f"/staff/cases/{reference}/delete", data={"csrf": csrf_of(page), "confirm": "yes"}
    )
    assert deleted.status_code == 200 and "The case is deleted" in text(deleted)
    assert intake.get(f"/staff/cases/{reference}").status_code == 404
    assert last_action(desk) == ("case-deleted", reference, None)


def test_the_contact_details_can_be_deleted_early(desk, cases, intake):
    reference = cases[0].reference
    page = intake.get(f"/staff/cases/{reference}")
    intake.post(f"/staff/cases/{reference}/contact/delete", data={"csrf": csrf_of(page)})
    html = text(intake.post(f"/staff/cases/{reference}/contact", data={"csrf": csrf_of(page)}))
    assert PHONE not in html and "The contact details were deleted." in html


def test_find_by_reference(cases, intake):
    urgent, _, other = cases
    found = intake.get(f"/staff/find?reference={urgent.reference.lower().replace('-', ' ')}")
    assert found.status_code == 303 and found.headers["Location"].endswith(urgent.reference)
    for reference in (other.reference, "KNR-2222-22", "nonsense", "x" * 5000):
        response = intake.get("/staff/find", query_string={"reference": reference})
        assert response.status_code == 404 and "No case of your organisation" in text(response)


def test_an_unknown_case_or_page_is_a_clear_404(intake):
    for path in ("/staff/cases/KNR-2222-22", "/staff/cases/" + "A" * 300, "/staff/cases/%00"):
        response = intake.get(path)
        assert response.status_code == 404 and "no such page or case" in text(response)
    unknown = intake.get("/staff/no-such-page")
    assert unknown.status_code == 404 and "no such page or case" in text(unknown)
    assert unknown.headers["Cache-Control"] == "no-store"


def test_an_unexpected_failure_is_a_plain_500_page_without_details(
    desk, cases, intake, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail " + PHONE)

    monkeypatch.setattr(case_work, "queue", broken)
    response = intake.get("/staff/")
    assert response.status_code == 500 and "It was our mistake" in text(response)
    assert PHONE not in text(response) and PHONE not in caplog.text
    assert response.headers["Cache-Control"] == "no-store"


def test_forged_forms_change_nothing(desk, cases, intake):
    reference = cases[0].reference
    before = case_work.get_case(desk.db, "tokyo-help", reference)
    for action, data in (
        ("status", {"status": "closed"}),
        ("assign", {"assignee": "me"}),
        ("notes", {"text": "forged"}),
        ("delete", {"confirm": "yes"}),
        ("contact/delete", {}),
    ):
        response = intake.post(f"/staff/cases/{reference}/{action}", data=dict(data, csrf="forged"))
        assert response.status_code == 400, action
    assert case_work.get_case(desk.db, "tokyo-help", reference) == before
    assert desk.db.execute("SELECT count(*) FROM case_notes").fetchone()[0] == 0


# --- coordinators ---------------------------------------------------------------------------------


def test_intake_staff_cannot_use_the_coordinator_pages(intake):
    for path in (
        "/staff/export",
        "/staff/statistics",
        "/staff/statistics.csv",
        "/staff/audit",
        "/staff/team",
    ):
        response = intake.get(path)
        assert response.status_code == 403, path
        assert "Only coordinators can use this page" in text(response)
    assert intake.post("/staff/export", data={"format": "csv"}).status_code == 403


def export(client, **fields):
    page = client.get("/staff/export")
    return client.post("/staff/export", data=dict(fields, csrf=csrf_of(page)))


def test_the_export_has_no_contact_details_unless_asked_and_is_audited(desk, cases, coordinator):
    plain = export(coordinator, format="csv")
    assert plain.headers["Content-Disposition"].startswith("attachment;")
    assert plain.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(text(plain).lstrip("\ufeff"))))
    assert {r["reference"] for r in rows} == {cases[0].reference, cases[1].reference}
    assert PHONE not in text(plain) and "phone" not in rows[0]
    assert last_action(desk) == ("cases-exported", None, "csv, without contact details")

    full = export(coordinator, format="json", include_contact="yes")
    data = json.loads(text(full))
    assert {c["reference"] for c in data["cases"]} == {cases[0].reference, cases[1].reference}
    urgent = next(c for c in data["cases"] if c["reference"] == cases[0].reference)
    assert urgent["phone"] == PHONE and urgent["answers"]["violence-hit"] == "yes"
    assert urgent["findings"][0] == "physical-injury"  # hit and hurt: the injury leads
    assert last_action(desk) == ("cases-exported", None, "json, with contact details")


def test_an_export_cannot_carry_a_spreadsheet_formula(desk, cases, coordinator):
    share(
        desk.db,
        desk.sealer,
        desk.kb,
        "tokyo-help",
        URGENT,
        contact=Contact(phone="+81 90 1111 2222", facebook='=HYPERLINK("http://x","y")'),
    )
    body = text(export(coordinator, format="csv", include_contact="yes"))
    assert "'=HYPERLINK" in body and ",=HYPERLINK" not in body
    assert "+81 90 1111 2222" in body


def test_a_bad_export_format_is_a_clear_error(coordinator):
    response = export(coordinator, format="xlsx")
    assert response.status_code == 422 and "Choose CSV or JSON." in text(response)


def test_statistics_show_small_counts_as_under_five_with_charts_and_csv(desk, cases, coordinator):
    for _ in range(5):
        share(desk.db, desk.sealer, desk.kb, "tokyo-help", PROBLEMS, locale="vi")
    html = text(coordinator.get("/staff/statistics"))
    assert "All cases: <strong>7</strong>" in html
    assert "&lt;5" in html and "<svg" in html and "<script" not in html
    assert 'class="bar bar-small"' in html
    assert "style=" not in html
    download = coordinator.get("/staff/statistics.csv")
    rows = list(csv.reader(io.StringIO(text(download).lstrip("\ufeff"))))
    assert rows[0] == ["table", "row", "column", "count"] and ["cases", "all", "all", "7"] in rows
    assert ["cases-by-language", "id", "all", "<5"] in rows
    assert last_action(desk)[0] == "statistics-exported"


def test_the_audit_log_shows_the_organisations_own_entries(desk, cases, coordinator):
    coordinator.get(f"/staff/cases/{cases[0].reference}")
    html = text(coordinator.get("/staff/audit"))
    assert "Viewed the case" in html and cases[0].reference in html
    assert cases[2].reference not in html
    assert coordinator.get("/staff/audit?before=abc").status_code == 200
    assert coordinator.get("/staff/audit?before=" + "9" * 30).status_code == 200


def test_the_team_page_lists_the_organisation_only(desk, coordinator):
    html = text(coordinator.get("/staff/team"))
    assert desk.intake.email in html and desk.other.email not in html
