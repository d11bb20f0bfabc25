"""Local stand-ins for the LINE Messaging API and Meta's Send API: real HTTP servers on
127.0.0.1 that record every request and refuse what the real platforms refuse.

    with LineStandin(access_token="…") as line:       # line.url -> http://127.0.0.1:PORT
        token = line.issue_reply_token("U…")          # valid once, until used or expired
        line.expire(token)                            # as if a minute had passed
        line.set_language("U…", "vi")                 # what GET /v2/bot/profile/{id} says
        line.fail_next(2, status=500)                 # the next 2 calls answer 500
        line.stall_next(1, process=True)              # the next call answers too late
        line.requests                                 # every Recorded request, in order
        line.delivered("U…")                          # messages accepted for that user

    with MetaStandin(page_access_token="…", app_secret="…") as meta:   # meta.url ≈ …/v25.0
        meta.delivered("PSID")                        # `message` objects accepted

Limits enforced (LINE): 1–5 messages per reply or push; text 1–5,000 UTF-16 code units;
quickReply at most 13 items; action labels 1–20 grapheme clusters; postback data at most 300;
buttons template text at most 160 grapheme clusters, 1–4 actions, altText at most 400; URI
actions http/https/line/tel only; Bearer token; reply token valid once; X-Line-Retry-Key
refused on reply and, on push, answered 409 once accepted. (Meta): the page token and
appsecret_proof; text 1–2,000; at most 13 quick replies, title 1–20 grapheme clusters, payload
1–1,000; button template text 1–640, 1–3 buttons, phone_number "+digits", web_url http(s).
Grapheme clusters here are plain `regex` \\X, independent of webapp.channels.text_limits.
"""

import hashlib
import hmac
import json
import re
import secrets
import threading
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import regex


def clusters(text: str) -> int:
    return len(regex.findall(r"\X", text))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Recorded:
    method: str
    path: str
    query: dict
    headers: dict  # lower-case names
    body: dict | None
    status: int = 0  # what the stand-in answered (0: no answer, it stalled)


@dataclass
class _Trouble:
    status: int = 0  # answer this status instead of handling
    path: str = ""  # only for calls whose path contains this
    stall: float = 0.0  # or answer only after this many seconds
    process: bool = False  # ... having handled the request all the same


class _Standin:
    def __init__(self):
        self.requests: list[Recorded] = []
        self._troubles: list[_Trouble] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, count: int = 1, status: int = 500, path: str = "") -> None:
        """Answer the next `count` calls (to paths containing `path`) with `status`."""
        with self._lock:
            self._troubles += [_Trouble(status=status, path=path) for _ in range(count)]

    def stall_next(
        self, count: int = 1, seconds: float = 2.0, process: bool = False, path: str = ""
    ) -> None:
        """Answer the next `count` calls only after `seconds` (longer than the client waits).
        With process=True the call still takes effect, as a platform may before timing out."""
        with self._lock:
            self._troubles += [
                _Trouble(stall=seconds, process=process, path=path) for _ in range(count)
            ]

    def _next_trouble(self, path: str):
        for i, trouble in enumerate(self._troubles):
            if trouble.path in path:
                return self._troubles.pop(i)
        return None

    def calls(self, path_part: str) -> list[Recorded]:
        return [r for r in self.requests if path_part in r.path]

    def _handler_class(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet: tests read .requests instead
                pass

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def _serve(self, method):
                parsed = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = None
                record = Recorded(
                    method,
                    parsed.path,
                    dict(urllib.parse.parse_qsl(parsed.query)),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                with standin._lock:
                    standin.requests.append(record)
                    trouble = standin._next_trouble(parsed.path)
                if trouble and trouble.status:
                    status, answer, headers = trouble.status, {"message": "stand-in failure"}, {}
                else:
                    if trouble and trouble.stall and not trouble.process:
                        standin._release.wait(trouble.stall)
                        return self._drop()
                    with standin._lock:
                        status, answer, headers = standin.handle(record)
                    if trouble and trouble.stall:
                        standin._release.wait(trouble.stall)
                        return self._drop()
                record.status = status
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

            def _drop(self):
                self.close_connection = True

        return Handler

    def handle(self, record: Recorded):  # pragma: no cover - overridden
        raise NotImplementedError


# -- LINE -------------------------------------------------------------------------------------

LINE_USER = re.compile(r"U[0-9a-f]{32}")
URI_SCHEMES = ("http://", "https://", "line://", "tel:")


class LineStandin(_Standin):
    def __init__(self, access_token: str):
        super().__init__()
        self.access_token = access_token
        self._reply_tokens: dict[str, str] = {}  # token -> user id (unused ones)
        self._retry_keys: set[str] = set()
        self._languages: dict[str, str] = {}
        self._delivered: dict[str, list[dict]] = defaultdict(list)

    @property
    def url(self) -> str:
        return self.origin

    def issue_reply_token(self, user_id: str) -> str:
        token = secrets.token_hex(16)
        with self._lock:
            self._reply_tokens[token] = user_id
        return token

    def expire(self, token: str) -> None:
        with self._lock:
            self._reply_tokens.pop(token, None)

    def set_language(self, user_id: str, language: str) -> None:
        self._languages[user_id] = language

    def delivered(self, user_id: str) -> list[dict]:
        with self._lock:
            return list(self._delivered[user_id])

    def handle(self, record: Recorded):
        if record.headers.get("authorization") != f"Bearer {self.access_token}":
            return (
                401,
                {
                    "message": "Authentication failed. Confirm that the access token in "
                    "the authorization header is valid."
                },
                {},
            )
        if record.method == "GET" and record.path.startswith("/v2/bot/profile/"):
            user = record.path.rsplit("/", 1)[-1]
            if not LINE_USER.fullmatch(user):
                return 404, {"message": "Not found"}, {}
            profile = {"userId": user, "displayName": "Stand-in"}
            if user in self._languages:
                profile["language"] = self._languages[user]
            return 200, profile, {}
        if record.method == "POST" and record.path == "/v2/bot/message/reply":
            return self._reply(record)
        if record.method == "POST" and record.path == "/v2/bot/message/push":
            return self._push(record)
        return 404, {"message": "Not found"}, {}

    def _reply(self, record):
        if "x-line-retry-key" in record.headers:
            return 400, {"message": "The retry key is not supported by this API"}, {}
        body = record.body or {}
        errors = _line_messages_errors(body.get("messages"))
        if errors:
            return _line_invalid(errors)
        user = self._reply_tokens.pop(body.get("replyToken"), None)
        if user is None:
            return 400, {"message": "Invalid reply token"}, {}
        self._delivered[user] += body["messages"]
        return 200, {"sentMessages": [{"id": str(i)} for i, _ in enumerate(body["messages"])]}, {}

    def _push(self, record):
        key = record.headers.get("x-line-retry-key")
        if key is not None:
            try:
                uuid.UUID(key)
            except ValueError:
                return 400, {"message": "The value of the X-Line-Retry-Key header is invalid"}, {}
            if key in self._retry_keys:
                return (
                    409,
                    {"message": "The retry key is already accepted"},
                    {"x-line-accepted-request-id": "stand-in"},
                )
        body = record.body or {}
        if not isinstance(body.get("to"), str) or not LINE_USER.fullmatch(body["to"]):
            return 400, {"message": "The property, 'to', in the request body is invalid"}, {}
        errors = _line_messages_errors(body.get("messages"))
        if errors:
            return _line_invalid(errors)
        if key is not None:
            self._retry_keys.add(key)
        self._delivered[body["to"]] += body["messages"]
        return 200, {"sentMessages": [{"id": str(i)} for i, _ in enumerate(body["messages"])]}, {}


def _line_invalid(errors):
    return (
        400,
        {
            "message": f"The request body has {len(errors)} error(s)",
            "details": [{"message": m, "property": p} for p, m in errors],
        },
        {},
    )


def _line_messages_errors(messages) -> list[tuple[str, str]]:
    if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
        return [("messages", "Size must be between 1 and 5")]
    errors = []
    for i, message in enumerate(messages):
        where = f"messages[{i}]"
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "text":
            text = message.get("text")
            if not isinstance(text, str) or not 1 <= utf16(text) <= 5000:
                errors.append((f"{where}.text", "Length must be between 1 and 5000"))
        elif kind == "template":
            errors += _line_template_errors(message, where)
        else:
            errors.append((f"{where}.type", "Invalid message type"))
            continue
        quick = message.get("quickReply")
        if quick is not None:
            items = quick.get("items") if isinstance(quick, dict) else None
            if not isinstance(items, list) or not 1 <= len(items) <= 13:
                errors.append((f"{where}.quickReply.items", "Size must be between 1 and 13"))
                continue
            for j, item in enumerate(items):
                action = item.get("action") if isinstance(item, dict) else None
                errors += _line_action_errors(action, f"{where}.quickReply.items[{j}].action")
    return errors


def _line_template_errors(message, where) -> list[tuple[str, str]]:
    errors = []
    alt = message.get("altText")
    if not isinstance(alt, str) or not 1 <= utf16(alt) <= 400:
        errors.append((f"{where}.altText", "Length must be between 1 and 400"))
    template = message.get("template") if isinstance(message.get("template"), dict) else {}
    if template.get("type") != "buttons":
        return errors + [(f"{where}.template.type", "Invalid template type")]
    text = template.get("text")
    if not isinstance(text, str) or not 1 <= clusters(text) <= 160:
        errors.append((f"{where}.template.text", "Length must be between 1 and 160"))
    actions = template.get("actions")
    if not isinstance(actions, list) or not 1 <= len(actions) <= 4:
        return errors + [(f"{where}.template.actions", "Size must be between 1 and 4")]
    for k, action in enumerate(actions):
        errors += _line_action_errors(action, f"{where}.template.actions[{k}]")
    return errors


def _line_action_errors(action, where) -> list[tuple[str, str]]:
    if not isinstance(action, dict):
        return [(where, "Must not be null")]
    errors = []
    label = action.get("label")
    if not isinstance(label, str) or not 1 <= clusters(label) <= 20:
        errors.append((f"{where}.label", "Length must be between 1 and 20"))
    if action.get("type") == "postback":
        data = action.get("data")
        if not isinstance(data, str) or utf16(data) > 300:
            errors.append((f"{where}.data", "Length must be between 0 and 300"))
        display = action.get("displayText")
        if display is not None and (not isinstance(display, str) or clusters(display) > 300):
            errors.append((f"{where}.displayText", "Length must be between 0 and 300"))
    elif action.get("type") == "uri":
        uri = action.get("uri")
        if not isinstance(uri, str) or len(uri) > 1000 or not uri.startswith(URI_SCHEMES):
            errors.append((f"{where}.uri", "Invalid URI"))
    else:
        errors.append((f"{where}.type", "Unsupported action type"))
    return errors


# -- Meta (Messenger Send API) ---------------------------------------------------------------


class MetaStandin(_Standin):
    def __init__(self, page_access_token: str, app_secret: str = "", version: str = "v25.0"):
        super().__init__()
        self.page_access_token = page_access_token
        self.app_secret = app_secret
        self.version = version
        self._delivered: dict[str, list[dict]] = defaultdict(list)

    @property
    def url(self) -> str:
        return f"{self.origin}/{self.version}"

    def delivered(self, psid: str) -> list[dict]:
        with self._lock:
            return list(self._delivered[psid])

    def handle(self, record: Recorded):
        if record.method != "POST" or record.path != f"/{self.version}/me/messages":
            return 404, _meta_error("Unknown path components", 2500), {}
        if record.query.get("access_token") != self.page_access_token:
            return (
                400,
                _meta_error("Invalid OAuth access token - Cannot parse access token", 190),
                {},
            )
        proof = hmac.new(
            self.app_secret.encode(), self.page_access_token.encode(), hashlib.sha256
        ).hexdigest()
        if self.app_secret and record.query.get("appsecret_proof") != proof:
            return 400, _meta_error("Invalid appsecret_proof provided in the API argument", 100), {}
        body = record.body or {}
        recipient = body.get("recipient") if isinstance(body.get("recipient"), dict) else {}
        if not isinstance(recipient.get("id"), str) or not recipient["id"]:
            return 400, _meta_error("(#100) The parameter recipient is required", 100), {}
        if body.get("messaging_type") not in ("RESPONSE", "UPDATE", "MESSAGE_TAG"):
            return 400, _meta_error("(#100) Invalid messaging_type", 100), {}
        problem = _meta_message_problem(body.get("message"))
        if problem:
            return 400, _meta_error(f"(#100) {problem}", 100), {}
        self._delivered[recipient["id"]].append(body["message"])
        return 200, {"recipient_id": recipient["id"], "message_id": "m_" + secrets.token_hex(8)}, {}


def _meta_error(message: str, code: int) -> dict:
    return {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "fbtrace_id": "standin",
        }
    }


def _meta_message_problem(message) -> str | None:
    if not isinstance(message, dict) or ("text" in message) == ("attachment" in message):
        return "message must have exactly one of text or attachment"
    if "text" in message:
        text = message["text"]
        if not isinstance(text, str) or not 1 <= utf16(text) <= 2000:
            return "Length of param message[text] must be between 1 and 2000"
    else:
        problem = _meta_template_problem(message["attachment"])
        if problem:
            return problem
    quick = message.get("quick_replies")
    if quick is not None:
        if not isinstance(quick, list) or not 1 <= len(quick) <= 13:
            return "param message[quick_replies] must have between 1 and 13 elements"
        for i, item in enumerate(quick):
            if not isinstance(item, dict) or item.get("content_type") != "text":
                return f"param message[quick_replies][{i}][content_type] is invalid"
            title, payload = item.get("title"), item.get("payload")
            if not isinstance(title, str) or not 1 <= clusters(title) <= 20:
                return (
                    f"Length of param message[quick_replies][{i}][title] must be less "
                    "than or equal to 20"
                )
            if not isinstance(payload, str) or not 1 <= len(payload) <= 1000:
                return (
                    f"Length of param message[quick_replies][{i}][payload] must be less "
                    "than or equal to 1000"
                )
    return None


def _meta_template_problem(attachment) -> str | None:
    payload = attachment.get("payload") if isinstance(attachment, dict) else None
    if (
        attachment.get("type") != "template"
        or not isinstance(payload, dict)
        or payload.get("template_type") != "button"
    ):
        return "param message[attachment] is invalid"
    text = payload.get("text")
    if not isinstance(text, str) or not 1 <= utf16(text) <= 640:
        return "Length of param message[attachment][payload][text] must be between 1 and 640"
    buttons = payload.get("buttons")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
        return "param message[attachment][payload][buttons] must have 1 to 3 elements"
    for i, button in enumerate(buttons):
        title = button.get("title") if isinstance(button, dict) else None
        if not isinstance(title, str) or not 1 <= clusters(title) <= 20:
            return f"Length of param buttons[{i}][title] must be less than or equal to 20"
        if button.get("type") == "phone_number":
            if not re.fullmatch(r"\+\d{6,15}", str(button.get("payload"))):
                return f"param buttons[{i}][payload] must be a phone number like +<digits>"
        elif button.get("type") == "web_url":
            if not str(button.get("url", "")).startswith(("https://", "http://")):
                return f"param buttons[{i}][url] must be a URL"
        else:
            return f"param buttons[{i}][type] is invalid"
    return None
