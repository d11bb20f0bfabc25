"""Chat-channel secrets and tokens, from environment variables and/or a TOML file.

A channel is configured only when all of its secrets are set; a channel that is not configured
answers 404. Environment variables win over the file. Nothing here is ever logged.

    KENRI_LINE_CHANNEL_SECRET          LINE channel secret (checks X-Line-Signature)
    KENRI_LINE_CHANNEL_ACCESS_TOKEN    LINE channel access token (long-lived)
    KENRI_LINE_API_URL                 default https://api.line.me
    KENRI_MESSENGER_APP_SECRET         Meta app secret (checks X-Hub-Signature-256)
    KENRI_MESSENGER_PAGE_ACCESS_TOKEN  the Facebook page's access token
    KENRI_MESSENGER_VERIFY_TOKEN       any long random string, also typed into Meta's console
    KENRI_MESSENGER_API_URL            default https://graph.facebook.com/v25.0
    KENRI_MESSENGER_GET_STARTED        the Get Started button's payload (default GET_STARTED)
    KENRI_CHAT_API_TIMEOUT             seconds per platform API call (default 5)
    KENRI_PUBLIC_URL                   Kenri's own address as trainees reach it (https://…):
                                       the result's links to the web start with it; no
                                       links are sent without it
    KENRI_CHAT_CONFIG                  a TOML file with [line] / [messenger] / [chat] tables
                                       using the same names in lower case without the prefix
                                       (e.g. [line] channel_secret = "…")
"""

import logging
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

LINE_API_URL = "https://api.line.me"
MESSENGER_API_URL = "https://graph.facebook.com/v25.0"


class ChatConfigError(Exception):
    """The chat configuration file cannot be read (the message names the file, never a value)."""


@dataclass(frozen=True)
class LineConfig:
    channel_secret: str = field(default="", repr=False)
    access_token: str = field(default="", repr=False)
    api_url: str = LINE_API_URL

    @property
    def missing(self) -> list[str]:
        return [
            name
            for name, value in (
                ("KENRI_LINE_CHANNEL_SECRET", self.channel_secret),
                ("KENRI_LINE_CHANNEL_ACCESS_TOKEN", self.access_token),
            )
            if not value
        ]


@dataclass(frozen=True)
class MessengerConfig:
    app_secret: str = field(default="", repr=False)
    page_access_token: str = field(default="", repr=False)
    verify_token: str = field(default="", repr=False)
    api_url: str = MESSENGER_API_URL
    get_started_payload: str = "GET_STARTED"

    @property
    def missing(self) -> list[str]:
        pairs = (
            ("KENRI_MESSENGER_APP_SECRET", self.app_secret),
            ("KENRI_MESSENGER_PAGE_ACCESS_TOKEN", self.page_access_token),
            ("KENRI_MESSENGER_VERIFY_TOKEN", self.verify_token),
        )
        return [name for name, value in pairs if not value]


@dataclass(frozen=True)
class ChatConfig:
    line: LineConfig = field(default_factory=LineConfig)
    messenger: MessengerConfig = field(default_factory=MessengerConfig)
    api_timeout: float = 5.0
    public_url: str = ""  # e.g. https://kenri.example.org; "" means no links to the web


# (table, key in the file) -> environment variable
_NAMES = {
    ("line", "channel_secret"): "KENRI_LINE_CHANNEL_SECRET",
    ("line", "channel_access_token"): "KENRI_LINE_CHANNEL_ACCESS_TOKEN",
    ("line", "api_url"): "KENRI_LINE_API_URL",
    ("messenger", "app_secret"): "KENRI_MESSENGER_APP_SECRET",
    ("messenger", "page_access_token"): "KENRI_MESSENGER_PAGE_ACCESS_TOKEN",
    ("messenger", "verify_token"): "KENRI_MESSENGER_VERIFY_TOKEN",
    ("messenger", "api_url"): "KENRI_MESSENGER_API_URL",
    ("messenger", "get_started"): "KENRI_MESSENGER_GET_STARTED",
    ("chat", "api_timeout"): "KENRI_CHAT_API_TIMEOUT",
    ("chat", "public_url"): "KENRI_PUBLIC_URL",
}


def read_chat_config(environ=None) -> ChatConfig:
    """The configuration from `environ` (default os.environ) and the file it may name."""
    environ = os.environ if environ is None else environ
    values = (
        _read_file(Path(environ["KENRI_CHAT_CONFIG"])) if environ.get("KENRI_CHAT_CONFIG") else {}
    )
    for name in _NAMES.values():
        if environ.get(name, "").strip():
            values[name] = environ[name].strip()
    get = values.get
    try:
        timeout = float(get("KENRI_CHAT_API_TIMEOUT", 5.0))
    except ValueError:
        raise ChatConfigError("KENRI_CHAT_API_TIMEOUT must be a number of seconds") from None
    if not 0 < timeout <= 60:
        raise ChatConfigError("KENRI_CHAT_API_TIMEOUT must be between 0 and 60 seconds")
    return ChatConfig(
        line=LineConfig(
            get("KENRI_LINE_CHANNEL_SECRET", ""),
            get("KENRI_LINE_CHANNEL_ACCESS_TOKEN", ""),
            _url(get("KENRI_LINE_API_URL", LINE_API_URL), "KENRI_LINE_API_URL"),
        ),
        messenger=MessengerConfig(
            get("KENRI_MESSENGER_APP_SECRET", ""),
            get("KENRI_MESSENGER_PAGE_ACCESS_TOKEN", ""),
            get("KENRI_MESSENGER_VERIFY_TOKEN", ""),
            _url(get("KENRI_MESSENGER_API_URL", MESSENGER_API_URL), "KENRI_MESSENGER_API_URL"),
            get("KENRI_MESSENGER_GET_STARTED", "GET_STARTED"),
        ),
        api_timeout=timeout,
        public_url=_url(get("KENRI_PUBLIC_URL"), "KENRI_PUBLIC_URL")
        if get("KENRI_PUBLIC_URL")
        else "",
    )


def _url(value: str, name: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise ChatConfigError(f"{name} must be an http(s) URL")
    return value.rstrip("/")


def _read_file(path: Path) -> dict[str, str]:
    try:
        mode = path.stat().st_mode
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ChatConfigError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names a line and column, never the file's values.
        raise ChatConfigError(f"{path}: not valid TOML ({exc})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("the chat configuration file can be read by other users; chmod 600 it")
    values = {}
    for table, entries in data.items():
        if not isinstance(entries, dict):
            raise ChatConfigError(f"{path}: '{table}' must be a table such as [line]")
        for key, value in entries.items():
            name = _NAMES.get((table, key))
            if name is None:
                raise ChatConfigError(f"{path}: unknown setting [{table}] {key}")
            values[name] = str(value).strip()
    return values
