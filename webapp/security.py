"""Security and privacy headers on every response."""

from flask import Flask, current_app, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'; object-src 'none'")


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Frame-Options", "DENY")
        if response.mimetype in ("application/json", "application/problem+json"):
            headers["Cache-Control"] = "no-store"
        if request.path.startswith("/api/"):
            # Every API answer, errors included, says which knowledge produced it.
            headers["X-Knowledge-Version"] = current_app.extensions["kenri"].kb.version
        return response
