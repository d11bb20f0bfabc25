"""Which conversation the chat channels drive.

The interview adapter (the interview core behind ChatEvent/ChatReply) is merged separately
(issue 13). Until it is, no conversation is installed and every chat channel stays off (404),
even when configured: `kenri serve` says so. Tests and benchmarks pass their own through
Settings.extra["chat_conversation"].
"""

from webapp.channels.events import ConversationFactory


def installed_conversation() -> ConversationFactory | None:
    return None
