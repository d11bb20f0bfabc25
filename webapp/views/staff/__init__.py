"""The NGO desk (to come, branch `staff`): /staff/, behind sign-in.

Shared cases, notes, status, export and figures (the anonymous result tally), and the assisted
interview: staff run the same interview for a trainee through the interview core (session kind
"staff"), shown in Japanese beside the trainee's language with `force_locale`.
"""
