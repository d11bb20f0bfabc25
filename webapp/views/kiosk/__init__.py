"""The kiosk (to come): `kenri serve --kiosk`, on a shared tablet at an NGO office or event.

Not a new interview: a second mount of the trainee shell, built by
`webapp.views.trainee.trainee_blueprint(Mount(name="kiosk", url_prefix="/kiosk",
templates="kiosk", session_kind="kiosk", idle_minutes=3, resume_on_start=False))`, with
templates under templates/kiosk/ that extend the trainee pages (a big language grid in native
names, large touch targets, read-aloud where the device can), automatic wipe after inactivity
or on "finish" (the core's `end`), and nothing of the previous visitor visible.
"""
