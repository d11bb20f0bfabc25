"""The baseline: a Flask hello-world, served by waitress exactly like Kenri."""

import sys

import waitress
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"


if __name__ == "__main__":
    waitress.serve(
        app, host="127.0.0.1", port=int(sys.argv[1]), threads=int(sys.argv[2]), ident="hello"
    )
