"""Signing in (password, then a TOTP or recovery code), enrolling the second factor, changing
the password, recovery codes, signing out. Every attempt is throttled and audited."""

import segno
from flask import g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.connections import cached_secret, get_db
from webapp.store import audit, login_throttle, staff_sessions, staff_totp
from webapp.store.staff_accounts import (
    StaffInvalid,
    UnknownStaff,
    check_password,
    find_by_email,
    get_staff,
    password_matches,
    password_problem,
    set_password,
)
from webapp.views.staff import bp
from webapp.views.staff.access import (
    clear_session_cookie,
    current_session,
    desk_required,
    now,
    require_csrf,
    sealer,
    set_session_cookie,
    stage_required,
)


def _page(template: str, status: int = 200, **context):
    return make_response(render_template(f"staff/{template}", **context), status)


def _client_key() -> str:
    return login_throttle.client_key(cached_secret("staff-throttle"), request.remote_addr)


def _too_many(wait: int):
    return _page(
        "message.html",
        429,
        heading=_("Too many attempts"),
        message=_("Wait %(seconds)s seconds, then try again.", seconds=wait),
    )


def _locked():
    return _page(
        "message.html",
        423,
        heading=_("This account is locked"),
        message=_(
            "It was locked after too many failed sign-ins. A coordinator of your "
            "organisation can unlock it."
        ),
    )


@bp.route("/login", methods=["GET", "POST"])
def login():
    session = current_session()
    if session is not None and session.stage == "active" and request.method == "GET":
        return redirect(url_for(".queue"), code=303)
    g.staff_session = None  # sign-in forms are bound to the sign-in cookie, not a session
    if request.method == "GET":
        return _page("login.html", expired=bool(request.args.get("expired")), email="")
    require_csrf()
    db, moment = get_db(), now()
    email = request.form.get("email", "")[:254]
    try:
        account = find_by_email(db, email)
    except UnknownStaff:
        account = None
    keys = [_client_key()] + ([login_throttle.account_key(account.id)] if account else [])
    wait = login_throttle.wait_seconds(db, keys, moment)
    if wait:
        return _too_many(wait)
    if account and login_throttle.is_locked(db, login_throttle.account_key(account.id)):
        return _locked()
    member = check_password(db, email, request.form.get("password", ""))
    if member is None:
        _failed(account, keys, "password")
        return _page(
            "login.html",
            401,
            email=email,
            error=_("The e-mail address or the password is wrong, or the account is disabled."),
        )
    stage = "code" if member.enrolled else "enrol"
    new = staff_sessions.start(db, member.id, stage, moment)
    response = redirect(url_for(".code" if stage == "code" else ".enrol"), code=303)
    set_session_cookie(response, new.token)
    return response


def _failed(account, keys, what: str) -> None:
    db = get_db()
    lockable = login_throttle.account_key(account.id) if account else None
    locked = login_throttle.record_failure(db, keys, now(), lockable=lockable)
    audit.record(
        db,
        "sign-in-failed",
        org_id=account.org_id if account else None,
        staff_id=account.id if account else None,
        detail=what,
    )
    if locked:
        audit.record(db, "account-locked", org_id=account.org_id, staff_id=account.id)


@bp.route("/login/code", methods=["GET", "POST"])
@stage_required("code")
def code():
    if request.method == "GET":
        return _page("code.html")
    require_csrf()
    db, moment, session = get_db(), now(), g.staff_session
    member = get_staff(db, session.staff_id)
    account_key = login_throttle.account_key(member.id)
    keys = [_client_key(), account_key]
    wait = login_throttle.wait_seconds(db, keys, moment)
    if wait:
        return _too_many(wait)
    if login_throttle.is_locked(db, account_key):
        staff_sessions.end(db, session.token)
        return _locked()
    typed = request.form.get("code", "")[:40]
    used_recovery = False
    ok = staff_totp.verify_code(db, sealer(), member.id, typed, moment)
    if not ok and staff_totp.looks_like_recovery_code(typed):
        ok = used_recovery = staff_totp.use_recovery_code(db, member.id, typed, moment)
    if not ok:
        _failed(member, keys, "code")
        if login_throttle.is_locked(db, account_key):
            staff_sessions.end(db, session.token)
            return _locked()
        return _page(
            "code.html",
            401,
            error=_(
                "That code is wrong or was already used. Wait for the next code "
                "from your app and try again."
            ),
        )
    for key in keys:
        login_throttle.clear(db, key)
    if used_recovery:
        audit.record(db, "recovery-code-used", org_id=member.org_id, staff_id=member.id)
    audit.record(db, "sign-in", org_id=member.org_id, staff_id=member.id)
    return _next_stage(session, member)


def _next_stage(session, member):
    stage = "password" if member.must_change_password else "active"
    new = staff_sessions.advance(get_db(), session, stage, now())
    response = redirect(url_for(".password" if stage == "password" else ".queue"), code=303)
    set_session_cookie(response, new.token)
    return response


@bp.route("/enrol", methods=["GET", "POST"])
@stage_required("enrol")
def enrol():
    db, session = get_db(), g.staff_session
    member = get_staff(db, session.staff_id)
    secret = staff_totp.pending_secret(db, sealer(), member.id)
    error = None
    if request.method == "POST":
        require_csrf()
        if staff_totp.finish_enrolment(
            db, sealer(), member.id, request.form.get("code", "")[:40], now()
        ):
            audit.record(db, "totp-enrolled", org_id=member.org_id, staff_id=member.id)
            audit.record(db, "sign-in", org_id=member.org_id, staff_id=member.id)
            codes = staff_totp.new_recovery_codes(db, member.id)
            for key in (_client_key(), login_throttle.account_key(member.id)):
                login_throttle.clear(db, key)
            response = _next_stage(session, get_staff(db, member.id))
            # Shown once, in this response; only their hashes are kept.
            page = _page("recovery_codes.html", codes=codes, next_url=response.location)
            for cookie in response.headers.getlist("Set-Cookie"):
                page.headers.add("Set-Cookie", cookie)
            return page
        error = _(
            "That code is not right. Check the clock of your phone, wait for the next "
            "code and try again."
        )
    uri = staff_totp.provisioning_uri(secret, member.email)
    qr = segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code for your app"))
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return _page(
        "enrol.html", 422 if error else 200, qr=qr, secret=grouped, error=error, email=member.email
    )


@bp.route("/password", methods=["GET", "POST"])
@stage_required("password", "active")
def password():
    db, session = get_db(), g.staff_session
    member = get_staff(db, session.staff_id)
    forced = session.stage == "password"
    if request.method == "GET":
        return _page("password.html", forced=forced)
    require_csrf()
    current = request.form.get("current", "")
    new, repeat = request.form.get("new", ""), request.form.get("repeat", "")
    error, field = None, None
    if not password_matches(db, member.id, current):
        error, field = _("Your current password is not right."), "current"
    elif new != repeat:
        error, field = _("The two new passwords are not the same."), "repeat"
    elif new == current:
        error, field = _("Choose a password you have not used here."), "new"
    else:
        problem = password_problem(new, member.email)
        if problem:
            error, field = (
                {
                    "too-short": _("Use at least 12 characters."),
                    "too-long": _("Use at most 256 characters."),
                    "is-email": _("Do not use your e-mail address as password."),
                }[problem],
                "new",
            )
    if error:
        return _page("password.html", 422, forced=forced, error=error, error_field=field)
    try:
        set_password(db, member.id, new)
    except StaffInvalid:
        return _page(
            "password.html",
            422,
            forced=forced,
            error=_("Use at least 12 characters."),
            error_field="new",
        )
    audit.record(db, "password-changed", org_id=member.org_id, staff_id=member.id)
    new_session = staff_sessions.advance(db, session, "active", now()) if forced else session
    staff_sessions.end_others(db, member.id, keep=new_session.token)
    response = _page(
        "message.html",
        heading=_("Your password is changed"),
        message=_("Other sessions of your account were signed out."),
        link_url=url_for(".queue"),
        link_text=_("Go to the queue"),
    )
    set_session_cookie(response, new_session.token)
    return response


@bp.route("/account", methods=["GET", "POST"])
@desk_required
def account():
    db, member = get_db(), g.desk.member
    if request.method == "POST":
        require_csrf()
        codes = staff_totp.new_recovery_codes(db, member.id)
        audit.record(db, "recovery-codes-renewed", org_id=member.org_id, staff_id=member.id)
        return _page("recovery_codes.html", codes=codes, next_url=url_for(".account"))
    return _page("account.html", codes_left=staff_totp.recovery_codes_left(db, member.id))


@bp.post("/logout")
def logout():
    session = current_session()
    if session is not None:
        require_csrf()
        staff_sessions.end(get_db(), session.token)
        member = get_staff(get_db(), session.staff_id)
        audit.record(get_db(), "sign-out", org_id=member.org_id, staff_id=member.id)
    response = redirect(url_for(".login"), code=303)
    clear_session_cookie(response)
    return response
