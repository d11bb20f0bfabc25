"""HOOK for the NGO desk (issue 12 row 6): the kiosk's own organisation is offered first.

The NGO desk ("Ask an organisation to contact me", with its consent page) is being built on
another branch and is not in main yet. When it lands, its list of organisations on a kiosk
page must put `kiosk_organisation()` first, and otherwise be the phone form's list with the
same consent page. Until then nothing here is called; the id comes from the kiosk
configuration (`organisation = "..."`, checked like the desk's organisation ids).
"""

from webapp.loaded import loaded


def kiosk_organisation() -> str | None:
    """The id of the organisation running this kiosk, if the configuration names one."""
    return loaded().settings.kiosk_config.organisation


def organisations_first_ours(organisation_ids: list[str]) -> list[str]:
    """`organisation_ids` with the kiosk's own organisation moved to the front (if listed)."""
    ours = kiosk_organisation()
    return sorted(organisation_ids, key=lambda org: org != ours)
