"""Workers that take accepted events off the webhook's hands: conversation, rendering, sending.

The webhook answers 200 as soon as an event is recorded and queued; a platform call (with its
retries and backoff) never holds up the answer. Events go to one of a few lanes by the
person's key, so one person's events are handled in order while different people's are handled
side by side. Each lane is one thread with its own database connection and conversation.
Nothing here logs text, ids or tokens: only channel, event kind and outcome.
"""

import dataclasses
import datetime as dt
import logging
import queue
import secrets
import threading
import time
import zlib

from flask import Flask

from webapp.channels.config import ChatConfig
from webapp.channels.events import ChatReply, ConversationFactory
from webapp.channels.inbound import Inbound
from webapp.channels.line.delivery import LineApi, deliver_line
from webapp.channels.line.outbound import line_batches
from webapp.channels.messenger.delivery import MessengerApi, deliver_messenger
from webapp.channels.messenger.outbound import messenger_messages
from webapp.channels.platform_http import PlatformHttp
from webapp.store import chat as chat_store
from webapp.store.db import connect

log = logging.getLogger(__name__)

LANES = 4
QUEUE_LIMIT = 500
PURGE_EVERY = dt.timedelta(minutes=10)
_STOP = object()


class ChannelRuntime:
    def __init__(
        self,
        app: Flask,
        config: ChatConfig,
        conversation: ConversationFactory | None,
        sleep=time.sleep,
        lanes: int = LANES,
    ):
        self.app = app
        self.config = config
        self.conversation = conversation
        self.problem: str | None = None  # why the configuration could not be read
        self.boot = secrets.token_hex(8)  # tells this process's queued events from others'
        self.database = app.extensions["kenri"].settings.database
        http = PlatformHttp(timeout=config.api_timeout, sleep=sleep)
        self.line_api = LineApi(config.line, http)
        self.messenger_api = MessengerApi(config.messenger, http)
        self._lanes = [_Lane(self, number) for number in range(lanes)]
        self._purged_at = 0.0
        self._purge_lock = threading.Lock()

    def configured(self, channel: str) -> bool:
        return not getattr(self.config, channel).missing

    def on(self, channel: str) -> bool:
        """A channel answers only when it is configured and a conversation is installed."""
        return self.conversation is not None and self.configured(channel)

    def submit(self, inbound: Inbound) -> bool:
        """Queue an event for its person's lane; False when that lane is full."""
        lane = self._lanes[zlib.crc32(inbound.event.user_key.encode()) % len(self._lanes)]
        return lane.put(inbound)

    def join(self, timeout: float = 10.0) -> bool:
        """Wait until every queued event is done (tests, benchmarks). True when idle."""
        deadline = time.monotonic() + timeout
        for lane in self._lanes:
            if not lane.wait_idle(deadline):
                return False
        return True

    def close(self) -> None:
        for lane in self._lanes:
            lane.stop()

    # -- one event, on a lane's thread ------------------------------------------------------

    def process(self, lane: "_Lane", inbound: Inbound) -> None:
        event = inbound.event
        db = lane.database()
        with self.app.app_context():
            if inbound.wants_language and event.channel == "line":
                hint = self.line_api.profile_language(inbound.platform_user_id)
                event = dataclasses.replace(event, language_hint=hint)
            try:
                replies = list(lane.conversation().handle(event) or [])
                if not all(isinstance(reply, ChatReply) for reply in replies):
                    raise TypeError("a conversation must return ChatReply items")
            except Exception as exc:  # one bad turn must not stop the lane
                log.error(
                    "%s %s event: the conversation failed (%s)",
                    event.channel,
                    event.kind,
                    exc.__class__.__name__,
                )
                chat_store.mark_event(db, inbound.record_key, "failed")
                return
            if event.kind == "unfollow" or not replies:  # nothing to send (or no one to)
                chat_store.mark_event(db, inbound.record_key, "dropped")
                return
            chat_store.mark_event(db, inbound.record_key, "handled")
            outcome = self._deliver(event, inbound.platform_user_id, replies)
            chat_store.mark_event(db, inbound.record_key, outcome)
            log.info("%s %s event: answer %s", event.channel, event.kind, outcome)
        self._purge_now_and_then(db)

    def _deliver(self, event, user_id: str, replies: list[ChatReply]) -> str:
        if event.channel == "line":
            return deliver_line(self.line_api, line_batches(replies), event.reply_token, user_id)
        return deliver_messenger(self.messenger_api, messenger_messages(replies), user_id)

    def _purge_now_and_then(self, db) -> None:
        now = time.monotonic()
        with self._purge_lock:
            if self._purged_at and now - self._purged_at < PURGE_EVERY.total_seconds():
                return
            self._purged_at = now
        count = chat_store.purge_events(db)
        if count:
            log.info("purged %d chat event record(s) past retention", count)


class _Lane:
    """One worker thread and its queue, started on first use."""

    def __init__(self, runtime: ChannelRuntime, number: int):
        self.runtime = runtime
        self.number = number
        self.queue: queue.Queue = queue.Queue(maxsize=QUEUE_LIMIT)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._db = None
        self._conversation = None

    def put(self, inbound: Inbound) -> bool:
        self._ensure_started()
        try:
            self.queue.put_nowait(inbound)
            return True
        except queue.Full:
            return False

    def _ensure_started(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, daemon=True, name=f"kenri-chat-{self.number}"
                )
                self._thread.start()

    def database(self):
        if self._db is None:
            self._db = connect(self.runtime.database)
        return self._db

    def conversation(self):
        if self._conversation is None:
            self._conversation = self.runtime.conversation(self.runtime.app)
        return self._conversation

    def _run(self) -> None:
        while True:
            inbound = self.queue.get()
            try:
                if inbound is _STOP:
                    if self._db is not None:
                        self._db.close()  # on its own thread, as SQLite requires
                        self._db = None
                    return
                self.runtime.process(self, inbound)
            except Exception as exc:  # never let the thread die on one event
                log.error("chat worker: %s while handling an event", exc.__class__.__name__)
            finally:
                self.queue.task_done()

    def wait_idle(self, deadline: float) -> bool:
        while self.queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self.queue.put(_STOP)
            self._thread.join(timeout=5)
