"""Chat channels (LINE, Messenger): platform webhooks in, ChatEvents to a Conversation,
ChatReplies back out as platform messages. See events.py for the contract."""

import logging
import time

from flask import Flask

from webapp.channels.config import ChatConfig, ChatConfigError, read_chat_config
from webapp.channels.conversation import installed_conversation
from webapp.channels.events import (  # noqa: F401
    Call,
    ChatEvent,
    ChatReply,
    Choice,
    Conversation,
    ConversationFactory,
    Link,
)
from webapp.channels.runtime import ChannelRuntime

log = logging.getLogger(__name__)
EXTENSION = "kenri_channels"
NAMES = {"line": "LINE", "messenger": "Messenger"}


def install_channels(app: Flask) -> ChannelRuntime:
    """Read the configuration and set up the workers (started on the first event).

    Settings.extra may hold "chat_config" (a ChatConfig), "chat_conversation" (a
    ConversationFactory) and "chat_sleep" (the backoff's sleep, for tests).
    """
    extra = app.extensions["kenri"].settings.extra
    problem = None
    config = extra.get("chat_config")
    if config is None:
        try:
            config = read_chat_config()
        except ChatConfigError as exc:
            problem, config = str(exc), ChatConfig()
            log.error("chat channels are off: %s", problem)
    conversation = extra.get("chat_conversation") or installed_conversation()
    runtime = ChannelRuntime(app, config, conversation, sleep=extra.get("chat_sleep", time.sleep))
    runtime.problem = problem
    app.extensions[EXTENSION] = runtime
    return runtime


def channel_runtime(app: Flask) -> ChannelRuntime | None:
    return app.extensions.get(EXTENSION)


def describe_channels(app: Flask) -> str:
    """One line for `kenri serve`: which chat channels are on, and why the others are not."""
    runtime = channel_runtime(app)
    if runtime is None:
        return "Chat channels: not installed."
    if runtime.problem:
        return f"Chat channels: off ({runtime.problem})."
    parts = []
    on = False
    for channel, name in NAMES.items():
        missing = getattr(runtime.config, channel).missing
        if missing:
            parts.append(f"{name} off (not configured: {', '.join(missing)} unset)")
        elif runtime.conversation is None:
            parts.append(f"{name} configured but off until the interview adapter is installed")
        else:
            on = True
            parts.append(f"{name} on at /channels/{channel}/webhook")
    if on and not runtime.config.public_url:
        parts.append("no links to the web result (KENRI_PUBLIC_URL unset)")
    return "Chat channels: " + "; ".join(parts) + "."
