"""Chat platform webhooks: /channels/line/webhook and /channels/messenger/webhook.

Order of work on every POST: is the channel on (else 404, as for any unknown address) -> the
signature over the raw body (else 401, nothing parsed or stored) -> parse -> record each event
once -> queue it -> 200. The conversation and the platform calls run on worker threads
(webapp.channels.runtime), so the platforms get their 200 within milliseconds.
"""

import hmac
import json
import logging
import re

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.channels import channel_runtime, install_channels
from webapp.channels.inbound import Inbound, Keys
from webapp.channels.line.inbound import BadPayload as BadLinePayload
from webapp.channels.line.inbound import parse_line_webhook
from webapp.channels.messenger.inbound import BadPayload as BadMessengerPayload
from webapp.channels.messenger.inbound import parse_messenger_webhook
from webapp.channels.signatures import hub_signature_valid, line_signature_valid
from webapp.connections import cached_secret, get_db
from webapp.errors import allow_header, claim_errors, log_unexpected
from webapp.store import chat as chat_store

log = logging.getLogger(__name__)
bp = Blueprint("chat", __name__, url_prefix="/channels")
bp.record_once(lambda state: install_channels(state.app))

CHALLENGE = re.compile(r"[A-Za-z0-9_.-]{1,256}")
# Platforms batch events (Messenger up to many per POST, LINE several 5,000-character texts),
# so webhooks may be larger than the app-wide form limit; still bounded.
BODY_LIMIT = 1024 * 1024


@bp.after_request
def never_cached(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def plain_error(exc: HTTPException) -> Response:
    """Platforms read status codes, not pages: errors here are one plain line."""
    if exc.code == 500:
        return Response("error", status=500, mimetype="text/plain")
    return allow_header(exc, Response(exc.name, status=exc.code or 500, mimetype="text/plain"))


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> Response:
    return plain_error(exc)


@bp.errorhandler(Exception)
def _unexpected(exc: Exception) -> Response:
    log_unexpected(exc)
    return plain_error(InternalServerError())


bp.record_once(lambda state: claim_errors(state.app, "/channels/", bp.name, plain_error))


def _runtime_for(channel: str):
    runtime = channel_runtime(current_app)
    if runtime is None or not runtime.on(channel):
        abort(404)
    return runtime


def _plain(text: str, status: int = 200) -> Response:
    return Response(text, status=status, mimetype="text/plain")


@bp.route("/line/webhook", methods=["GET", "POST"])
def line_webhook():
    runtime = _runtime_for("line")
    if request.method != "POST":
        abort(405, valid_methods=["POST"])
    body = _raw_body()
    if body is None:
        return _plain("too large", 413)
    if not line_signature_valid(
        runtime.config.line.channel_secret, body, request.headers.get("X-Line-Signature")
    ):
        log.warning("LINE webhook: missing or wrong signature; refused")
        return _plain("invalid signature", 401)
    try:
        inbound = parse_line_webhook(_json(body), _keys())
    except (ValueError, BadLinePayload):
        log.warning("LINE webhook: signed body is not a LINE webhook")
        return _plain("bad request", 400)
    return _accept(runtime, "line", inbound)


@bp.get("/messenger/webhook")
def messenger_verify():
    """Meta's subscription check: echo hub.challenge only for our verify token."""
    runtime = _runtime_for("messenger")
    args = request.args
    token = args.get("hub.verify_token", "")
    challenge = args.get("hub.challenge", "")
    good = hmac.compare_digest(
        runtime.config.messenger.verify_token.encode(), token.encode("utf-8", "surrogatepass")
    )
    if args.get("hub.mode") != "subscribe" or not good:
        log.warning("Messenger webhook verification refused")
        return _plain("forbidden", 403)
    if not CHALLENGE.fullmatch(challenge):
        return _plain("bad request", 400)  # Meta sends digits; echo nothing else
    log.info("Messenger webhook verified")
    return _plain(challenge)


@bp.post("/messenger/webhook")
def messenger_webhook():
    runtime = _runtime_for("messenger")
    body = _raw_body()
    if body is None:
        return _plain("too large", 413)
    if not hub_signature_valid(
        runtime.config.messenger.app_secret, body, request.headers.get("X-Hub-Signature-256")
    ):
        log.warning("Messenger webhook: missing or wrong signature; refused")
        return _plain("invalid signature", 401)
    try:
        inbound = parse_messenger_webhook(
            _json(body), _keys(), runtime.config.messenger.get_started_payload
        )
    except (ValueError, BadMessengerPayload):
        log.warning("Messenger webhook: signed body is not a Messenger webhook")
        return _plain("bad request", 400)
    return _accept(runtime, "messenger", inbound)


def _raw_body() -> bytes | None:
    """The request body exactly as sent (signatures cover these bytes), at most BODY_LIMIT;
    None when larger. Read from the WSGI input so that this limit, not the form limit, holds."""
    length = request.content_length
    if length is not None and length > BODY_LIMIT:
        log.warning("chat webhook: a body of more than %d bytes was refused", BODY_LIMIT)
        return None
    stream = request.environ["wsgi.input"]
    body = stream.read(length) if length is not None else stream.read(BODY_LIMIT + 1)
    if len(body) > BODY_LIMIT:
        log.warning("chat webhook: a body of more than %d bytes was refused", BODY_LIMIT)
        return None
    return body


def _json(body: bytes):
    return json.loads(body.decode("utf-8"))  # UnicodeDecodeError is a ValueError


def _keys() -> Keys:
    user_secret = cached_secret(chat_store.USER_KEY_SECRET)
    event_secret = cached_secret(chat_store.EVENT_KEY_SECRET)
    return Keys(
        user=lambda channel, value: chat_store.keyed_hash(user_secret, channel, value),
        event=lambda channel, value: chat_store.keyed_hash(event_secret, channel, value),
    )


def _accept(runtime, channel: str, inbound: list[Inbound]) -> Response:
    """Record each event once and queue it; 503 (the platform retries) if a queue is full."""
    db = get_db()
    queued = repeats = 0
    for item in inbound:
        if not chat_store.claim_event(db, item.record_key, channel, runtime.boot):
            repeats += 1
            continue
        if not runtime.submit(item):
            chat_store.release_event(db, item.record_key)
            log.error("%s webhook: workers are full; asked the platform to retry", channel)
            return _plain("busy", 503)
        queued += 1
    if repeats:
        log.info("%s webhook: %d event(s) already seen, not handled again", channel, repeats)
    return _plain("OK")
