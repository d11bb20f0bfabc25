"""Chat channels (to come): LINE and Messenger, at /channels/line/webhook and
/channels/messenger/webhook (404 when a channel is not configured).

Each adapter maps a platform user to a chat session (kind "chat") and each message to one call
on the interview core (webapp.interview.Interviews): a chosen option or typed value → `answer`;
"back" → `back`, then the question again; "change an answer" → `answer` on an earlier question;
"language" → `set_locale`; "delete my data" → `end`. It renders the core's replies as the
platform's messages (question text with quick-reply options, the result as short findings).
"""
