"""Static files: fingerprinted URLs, cached for a year, gzipped once at start-up.

Served by the app itself (no third-party requests, ever); the digest in the URL changes when
the file changes, so a long cache is safe.
"""

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, request

STATIC = Path(__file__).parent / "static"
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Asset:
    digest: str
    body: bytes
    gzipped: bytes
    mimetype: str


def load_assets() -> dict[str, Asset]:
    assets = {}
    for path in sorted(STATIC.iterdir()):
        if path.is_file():
            body = path.read_bytes()
            assets[path.name] = Asset(
                hashlib.sha256(body).hexdigest()[:12],
                body,
                gzip.compress(body, 9, mtime=0),
                mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            )
    return assets


def register_assets(app: Flask) -> None:
    assets = load_assets()

    def asset_url(name: str) -> str:
        return f"/assets/{assets[name].digest}/{name}"

    app.jinja_env.globals["asset_url"] = asset_url

    @app.get("/assets/<digest>/<name>")
    def asset(digest: str, name: str):
        found = assets.get(name)
        if found is None or found.digest != digest:
            abort(404)
        use_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        response = Response(found.gzipped if use_gzip else found.body, mimetype=found.mimetype)
        if use_gzip:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response
