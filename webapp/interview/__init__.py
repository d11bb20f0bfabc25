"""The interview core: the one place each interview step is implemented (no Flask).

Every front end (the phone form, the session API, and later the kiosk, the NGO desk's assisted
interview and the chat channels) parses its input into calls on `Interviews` and renders what
comes back. See core.py for the operations.
"""

from webapp.interview.core import (
    Interview,
    InterviewExpired,
    InterviewNotFound,
    Interviews,
    Outcome,
)
from webapp.interview.progress import Progress, QuestionOutOfOrder

__all__ = [
    "Interview",
    "InterviewExpired",
    "InterviewNotFound",
    "Interviews",
    "Outcome",
    "Progress",
    "QuestionOutOfOrder",
]
