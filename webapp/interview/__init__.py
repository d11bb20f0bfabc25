"""The interview core: the one place each interview step is implemented (no Flask).

Every front end (the phone form, the session API, and later the kiosk, the NGO desk's assisted
interview and the chat channels) parses its input into calls on `Interviews` and renders what
comes back. See core.py for the operations. Where each shell calls each step:

  step (Interviews.)  phone form (views/trainee/)             session API (views/api/sessions.py)
  start               interview_pages.begin                    start_session
  resume              visit.visit / visit.live_interview       every /sessions/{id} view
  answer (or change)  interview_pages.question (POST)          answer
  back                question_page.question_page (Back link)  _state (previous_question)
  set_locale          via resume(explicit_locale): ?lang=      via resume(explicit_locale): locale
  result              result.result, result.summary            session_result
  end                 leaving.delete, leaving.quick_exit       delete_session
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
