"""Take the result home: the kiosk page with a QR code of the visitor's sealed result link.

The link (`/t/<token>`, see webapp.take_home) holds the answers, encrypted; the server keeps
nothing for it, so it still works on the visitor's phone after the kiosk is wiped, and stops
working when it expires. The QR code is an inline SVG made here (segno): no JavaScript, no
image request, nothing from outside.
"""

import ipaddress
from urllib.parse import urlsplit

import segno
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from webapp.clock import utc_now
from webapp.connections import cached_secret
from webapp.loaded import loaded
from webapp.take_home import key_from_secret, seal
from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import where_next
from webapp.views.trainee.visit import core, live_interview


def link_base() -> str | None:
    """Where a phone reaches this server: the configured address, else the one the kiosk's
    browser used, unless that is this machine's own loopback (a phone could not open it)."""
    config = loaded().settings.kiosk_config
    if config.take_home_url:
        return config.take_home_url
    host = urlsplit(request.host_url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return None if loopback else request.host_url


def take_home_key() -> bytes:
    return key_from_secret(cached_secret("take-home"))


def take_home():
    interview = live_interview()
    if not interview.complete:
        return redirect(where_next(interview), code=303)
    config, base = loaded().settings.kiosk_config, link_base()
    if not config.take_home or base is None:
        return redirect(url_for(".result"), code=303)
    evaluation = core().result(interview).evaluation
    now = utc_now()
    token = seal(
        loaded().kb,
        take_home_key(),
        interview.answers,
        evaluation.on,
        interview.locale,
        now + config.take_home_for,
    )
    link = base + "t/" + token
    label = _("QR code of your result")
    svg = segno.make(link, error="m").svg_inline(scale=6, border=4, omitsize=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return render_template(
        mount().template("take_home.html"),
        qr=Markup(svg),  # noqa: S704 - segno's own SVG of our own URL
        expires=(now + config.take_home_for).date().isoformat(),
    )


def can_take_home() -> bool:
    return loaded().settings.kiosk_config.take_home and link_base() is not None


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/take-home", "take_home", take_home, methods=["GET"])
    bp.add_app_template_global(can_take_home, "kiosk_can_take_home")
