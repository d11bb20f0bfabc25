"""Which conversation the chat channels drive: the interview, through the interview core
(webapp.channels.interview_chat). Tests and benchmarks may pass their own through
Settings.extra["chat_conversation"].
"""

from webapp.channels.events import ConversationFactory


def installed_conversation() -> ConversationFactory | None:
    from webapp.channels.interview_chat import interview_conversation

    return interview_conversation
