"""The minimum-wage check put into words: its figures, their sources and the run-out warning.

Shared by the JSON API and the HTML pages. The figures go into rule texts through the
%(prefecture)s, %(pay)s, %(minimum)s, %(minimum_from)s and %(revision)s placeholders.
"""

from flask_babel import format_date, gettext

from webapp.engine.facts import WageCheck
from webapp.knowledge.model import KnowledgeBase

TABLE_OUTDATED = "minimum-wage-table-outdated"  # machine-readable warning code


def yen(amount: float) -> str:
    return f"¥{round(amount):,}"


def revision_name(fiscal_year: int) -> str:
    return gettext("FY%(year)s", year=fiscal_year)


def wage_values(kb: KnowledgeBase, wage: WageCheck | None) -> dict:
    """The wage placeholders of rule texts, in the reader's language."""
    if wage is None or wage.minimum is None:
        return {}
    prefecture = kb.wages.prefectures[wage.prefecture]
    return {
        "prefecture": gettext(prefecture.name),
        "pay": yen(wage.hourly_rate),
        "minimum": yen(wage.minimum),
        "minimum_from": format_date(wage.minimum_from, "long"),
        "revision": revision_name(wage.revision.fiscal_year) if wage.revision else "",
    }


def minimum_wage_json(kb: KnowledgeBase, wage: WageCheck | None) -> dict | None:
    if wage is None:
        return None
    revision = wage.revision
    data = {
        "prefecture": wage.prefecture,
        "prefecture_name": gettext(kb.wages.prefectures[wage.prefecture].name),
        "work_date": wage.work_date.isoformat(),
        "hourly_rate": round(wage.hourly_rate, 2),
        "minimum": wage.minimum,
        "minimum_in_force_from": wage.minimum_from.isoformat() if wage.minimum_from else None,
        "below_minimum": wage.below,
        "revision": revision.id if revision else None,
        "revision_name": revision_name(revision.fiscal_year) if revision else None,
        # How far the figure can be trusted, and where it was read (never more than the data says).
        "verification": revision.verification if revision else None,
        "checked_on": revision.checked_on.isoformat() if revision else None,
        "source_url": revision.sources[0].url if revision and revision.sources else None,
        "sources": [
            {"url": s.url, "read_on": s.read_on.isoformat(), "verification": s.verification}
            for s in revision.sources
        ]
        if revision
        else [],
        "notice_url": wage.notice_url,
        "table_outdated": wage.table_outdated,
        "next_revision_due": wage.next_revision_due.isoformat() if wage.next_revision_due else None,
    }
    data["text"] = _figure_text(kb, wage)
    data["verification_note"] = verification_note(data)
    return data


def _figure_text(kb: KnowledgeBase, wage: WageCheck) -> str:
    """The comparison in one sentence, as shown on the result page and the summary."""
    values = wage_values(kb, wage)
    if not values:
        return gettext(
            "Kenri has no minimum wage for %(prefecture)s on that date.",
            prefecture=gettext(kb.wages.prefectures[wage.prefecture].name),
        )
    return gettext(
        "Minimum wage in %(prefecture)s for work on %(date)s: %(minimum)s an hour "
        "(%(revision)s rate, in force from %(minimum_from)s). Basic pay given: about "
        "%(pay)s an hour.",
        date=format_date(wage.work_date, "long"),
        **values,
    )


def wage_warnings(kb: KnowledgeBase, wage: WageCheck | None) -> list[dict]:
    """Machine-readable warnings about the result itself (not about the trainee's situation)."""
    if wage is None or not wage.table_outdated:
        return []
    values = wage_values(kb, wage)
    return [
        {
            "code": TABLE_OUTDATED,
            "message": gettext(
                "Kenri's minimum-wage table ends with the %(revision)s rates. The last minimum "
                "wage it knows for %(prefecture)s is %(minimum)s an hour; it has probably risen "
                "since. Check the minimum wage that applies now.",
                **{k: values.get(k, "") for k in ("revision", "prefecture", "minimum")},
            ),
            "prefecture": wage.prefecture,
            "work_date": wage.work_date.isoformat(),
            "last_known_minimum": wage.minimum,
            "last_known_from": wage.minimum_from.isoformat() if wage.minimum_from else None,
            "last_known_revision": wage.revision.id if wage.revision else None,
            "next_revision_due": wage.next_revision_due.isoformat(),
        }
    ]


def verification_note(data: dict) -> str | None:
    """One honest line under the minimum-wage figure shown on a page."""
    if not data or data.get("minimum") is None:
        return None
    if data["verification"] == "confirmed":
        return gettext("Figure checked on an official page on %(date)s.", date=data["checked_on"])
    if data["verification"] == "secondary":
        return gettext(
            "Figure from secondary sources that agree with each other, checked on "
            "%(date)s; not yet checked on the official page.",
            date=data["checked_on"],
        )
    return gettext("This figure is not yet confirmed.")
