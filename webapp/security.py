"""Security and privacy headers on every response, and CSRF tokens for forms."""

import hashlib
import hmac

from flask import Flask, request

# default-src 'self' already covers scripts, styles, fonts, connections and objects; kept short
# because it travels with every response a trainee pays for.
CSP = (
    "default-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        if request.is_secure:
            # Only over HTTPS (RFC 6797 forbids it on plain HTTP); two years, as browsers expect.
            headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        if response.mimetype in ("application/json", "application/problem+json"):
            headers["Cache-Control"] = "no-store"
        if 300 <= response.status_code < 400:
            response.set_data(b"")  # nobody reads a redirect's body; save the bytes
        if response.mimetype == "text/html":
            # Pages are never cached: Back after a quick exit shows nothing. (Each shell adds
            # its own headers too: the trainee shell no-store on everything, the API the
            # knowledge version.)
            headers["Cache-Control"] = "no-store"
        return response


def csrf_token(secret: str, session_id: str) -> str:
    """A form token bound to the session: HMAC of its id under a server secret."""
    return hmac.new(secret.encode(), session_id.encode(), hashlib.sha256).hexdigest()[:40]


def csrf_valid(secret: str, session_id: str, token) -> bool:
    # Compared as bytes: compare_digest refuses non-ASCII str, and a forged token may be anything.
    if not isinstance(token, str):
        return False
    expected = csrf_token(secret, session_id).encode()
    return hmac.compare_digest(expected, token.encode("utf-8", "surrogatepass"))
