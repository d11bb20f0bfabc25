"""Gzip for HTML and JSON: trainees pay for every kilobyte on prepaid data."""

import gzip

from flask import Flask, request

COMPRESSIBLE = ("text/html", "application/json", "application/problem+json", "text/css")
MINIMUM_BYTES = 500


def register_compression(app: Flask) -> None:
    @app.after_request
    def compress(response):
        if (
            response.direct_passthrough
            or response.status_code < 200
            or "Content-Encoding" in response.headers
            or response.mimetype not in COMPRESSIBLE
            or "gzip" not in request.headers.get("Accept-Encoding", "")
        ):
            return response
        body = response.get_data()
        if len(body) < MINIMUM_BYTES:
            return response
        response.set_data(gzip.compress(body, 6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        response.headers.add("Vary", "Accept-Encoding")
        return response
