"""Organisation separation, by URL, for every staff route: another organisation's case (or
staff member) is 404 and nothing changes; lists, counts, exports, statistics and the audit log
never include it. The last test fails when a staff route is added without being listed here."""

import csv
import io
import json

import pytest
from desk_support import PHONE, URGENT, csrf_of, share, sign_in

from webapp.contact_options import Contact
from webapp.store import audit

pytest_plugins = ["desk_fixtures"]

# Routes that name a case: (method, path template, form fields besides csrf).
CASE_ROUTES = [
    ("GET", "/staff/cases/{ref}", {}),
    ("POST", "/staff/cases/{ref}/contact", {}),
    ("POST", "/staff/cases/{ref}/contact/delete", {}),
    ("POST", "/staff/cases/{ref}/notes", {"text": "a note"}),
    ("POST", "/staff/cases/{ref}/status", {"status": "closed"}),
    ("POST", "/staff/cases/{ref}/assign", {"assignee": "me"}),
    ("POST", "/staff/cases/{ref}/delete", {"confirm": "yes"}),
]
STAFF_ROUTES = [("POST", "/staff/team/{staff_id}/unlock", {})]
# Routes that list, count or export: each is checked below for the other organisation's data.
LIST_ROUTES = [
    "/staff/",
    "/staff/find",
    "/staff/export",
    "/staff/statistics",
    "/staff/statistics.csv",
    "/staff/audit",
    "/staff/team",
]
# Routes about one's own account or signing in: no case or other staff member in them.
OWN_ROUTES = [
    "/staff/login",
    "/staff/login/code",
    "/staff/enrol",
    "/staff/password",
    "/staff/account",
    "/staff/logout",
]


def snapshot(db):
    """Everything a forbidden request might change."""
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()  # noqa: S608
        for table in ("cases", "case_notes", "login_throttle", "staff")
    }


def audit_of(db, org):
    return [(e.action, e.case_reference) for e in audit.entries(db, org)]


@pytest.fixture(params=["osaka-coordinator-on-tokyo-case", "tokyo-intake-on-osaka-case"])
def attack(request, desk, cases):
    """(signed-in client of one organisation, a case reference of the other, the victim org)."""
    urgent, _, other = cases
    client = desk.app.test_client()
    if request.param.startswith("osaka"):
        sign_in(client, desk.other)
        return client, urgent.reference, "tokyo-help"
    sign_in(client, desk.intake)
    return client, other.reference, "osaka-aid"


@pytest.mark.parametrize(
    ("method", "path", "fields"), CASE_ROUTES, ids=[f"{m} {p}" for m, p, _ in CASE_ROUTES]
)
def test_another_organisations_case_is_404_and_unchanged(desk, attack, method, path, fields):
    client, reference, victim = attack
    token = csrf_of(client.get("/staff/account"))
    before, log = snapshot(desk.db), audit_of(desk.db, victim)
    url = path.format(ref=reference)
    response = (
        client.get(url) if method == "GET" else client.post(url, data=dict(fields, csrf=token))
    )
    assert response.status_code == 404
    assert "no such page or case in your organisation" in response.get_data(as_text=True)
    assert PHONE not in response.get_data(as_text=True)
    assert snapshot(desk.db) == before
    assert audit_of(desk.db, victim) == log


def test_another_organisations_staff_member_cannot_be_unlocked(desk, cases):
    client = desk.app.test_client()
    sign_in(client, desk.other)  # a coordinator, of osaka-aid
    token = csrf_of(client.get("/staff/team"))
    before = snapshot(desk.db)
    for staff_id in (desk.intake.id, desk.coordinator.id, 99999):
        response = client.post(f"/staff/team/{staff_id}/unlock", data={"csrf": token})
        assert response.status_code == 404
    assert (
        client.post("/staff/team/99999999999999999999/unlock", data={"csrf": token}).status_code
        == 404
    )
    assert snapshot(desk.db) == before


def test_lists_counts_exports_statistics_and_logs_never_include_another_organisation(desk, cases):
    urgent, serious, other = cases
    # the other organisation also has a case in a language tokyo-help has no case in
    share(
        desk.db,
        desk.sealer,
        desk.kb,
        "osaka-aid",
        URGENT,
        locale="km",
        consent_mode="verbal",
        staff_id=desk.other.id,
        contact=Contact(phone="+81 80 9999 0000"),
    )
    client = desk.app.test_client()
    sign_in(client, desk.coordinator)
    client.get(f"/staff/cases/{urgent.reference}")
    theirs = desk.app.test_client()
    sign_in(theirs, desk.other)
    theirs.get(f"/staff/cases/{other.reference}")

    queue = client.get("/staff/?status=all").get_data(as_text=True)
    assert urgent.reference in queue and other.reference not in queue
    assert "Cases: 2." in queue
    assert 'value="km"' not in queue  # not even as a filter choice
    assert client.get("/staff/find", query_string={"reference": other.reference}).status_code == 404

    page = client.get("/staff/export")
    for form in ("csv", "json"):
        body = client.post(
            "/staff/export", data={"csrf": csrf_of(page), "format": form, "include_contact": "yes"}
        ).get_data(as_text=True)
        assert other.reference not in body and "9999 0000" not in body
        assert urgent.reference in body and serious.reference in body
    exported = json.loads(
        client.post("/staff/export", data={"csrf": csrf_of(page), "format": "json"}).get_data(
            as_text=True
        )
    )
    assert len(exported["cases"]) == 2

    statistics = client.get("/staff/statistics").get_data(as_text=True)
    assert "All cases: <strong>&lt;5</strong>" in statistics  # 2 cases, not 4
    assert "Khmer" not in statistics
    rows = list(
        csv.reader(
            io.StringIO(client.get("/staff/statistics.csv").get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    assert ["cases", "all", "all", "<5"] in rows
    assert not any(row[1] == "km" for row in rows)

    log = client.get("/staff/audit").get_data(as_text=True)
    assert other.reference not in log and desk.other.email not in log
    team = client.get("/staff/team").get_data(as_text=True)
    assert desk.other.email not in team


def test_every_staff_route_is_covered_here(desk):
    listed = {path.split("{")[0] for _, path, _ in CASE_ROUTES + STAFF_ROUTES}
    listed |= set(LIST_ROUTES) | set(OWN_ROUTES)
    for rule in desk.app.url_map.iter_rules():
        if rule.endpoint.startswith("staff.") and rule.endpoint != "staff.not_found":
            path = rule.rule.split("<")[0]
            assert path in listed or any(p.startswith(path) for p in listed), rule.rule
            if "<" in rule.rule:
                templated = rule.rule.replace("<reference>", "{ref}").replace(
                    "<int(max=2147483647):staff_id>", "{staff_id}"
                )
                assert templated in {p for _, p, _ in CASE_ROUTES + STAFF_ROUTES}, rule.rule
