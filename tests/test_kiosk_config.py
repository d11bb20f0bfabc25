"""The kiosk configuration file (issue 12): read, checked, and refused whole with file:line."""

import datetime as dt

import pytest
import waitress

from webapp.cli import main
from webapp.kiosk_config import KioskConfig, KioskConfigInvalid, read_kiosk_config

FULL = """\
# Saturday drop-in
location = "St. Mary's hall, Saturday drop-in"
organisation = "example-ngo"
idle_seconds = 240
warning_seconds = 40
printing = true
take_home = false
take_home_days = 3
take_home_url = "http://192.168.1.20:8000"
"""


def written(tmp_path, text, name="kiosk.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_is_read(tmp_path):
    config = read_kiosk_config(written(tmp_path, FULL))

    assert config == KioskConfig(
        location="St. Mary's hall, Saturday drop-in",
        organisation="example-ngo",
        idle_seconds=240,
        warning_seconds=40,
        printing=True,
        take_home=False,
        take_home_for=dt.timedelta(days=3),
        take_home_url="http://192.168.1.20:8000/",
    )
    assert config.quiet_seconds == 200
    assert config.server_idle == dt.timedelta(seconds=300)  # a minute more than the page's


def test_an_empty_file_means_the_defaults(tmp_path):
    config = read_kiosk_config(written(tmp_path, "# nothing set\n"))
    assert config == KioskConfig()
    assert (config.idle_seconds, config.warning_seconds, config.printing) == (180, 30, False)


@pytest.mark.parametrize(
    "line, words",
    [
        ('idle_seconds = "180"', "idle_seconds must be a whole number of seconds"),
        ("idle_seconds = 5", "idle_seconds must be a whole number of seconds from 10 to 3600"),
        ("idle_seconds = 1.5", "idle_seconds must be"),
        ("take_home = 1", "take_home must be true or false"),
        ("organisation = 'Example NGO'", "organisation must be an organisation id"),
        ('take_home_url = "javascript:alert(1)"', "take_home_url must be an http:// or https://"),
        ('take_home_url = "https://x.example/?a=1"', "take_home_url must be"),
        ("take_home_days = 0", "take_home_days must be a whole number of days from 1 to 30"),
        ('location = ""', "location must be text of 1 to 80 characters"),
        ('location = "a\\u0007b"', "location must be text"),
        ("idel_seconds = 180", "unknown setting 'idel_seconds'"),
        ("idle_seconds = 60\nwarning_seconds = 40", "warning_seconds (40) must be at most half"),
        ("idle_seconds = ", "not valid TOML"),
        ("[kiosk]\nidle_seconds = 180", "unknown setting 'kiosk'"),
    ],
)
def test_a_bad_setting_is_named_with_its_line(tmp_path, line, words):
    path = written(tmp_path, f"# a kiosk\nprinting = true\n{line}\n")

    with pytest.raises(KioskConfigInvalid) as raised:
        read_kiosk_config(path)

    problems = raised.value.problems
    assert any(words in p for p in problems), problems
    assert all(p.startswith(f"{path}:") for p in problems)
    assert any(p.startswith(f"{path}:3:") or p.startswith(f"{path}:4:") for p in problems)


def test_every_problem_is_listed_at_once(tmp_path):
    path = written(tmp_path, "idle_seconds = -1\nprinting = 'yes'\ncolour = 'red'\n")
    with pytest.raises(KioskConfigInvalid) as raised:
        read_kiosk_config(path)
    assert [p.split(":")[1] for p in raised.value.problems] == ["1", "2", "3"]


def test_a_missing_or_binary_file_is_a_clear_problem(tmp_path):
    with pytest.raises(KioskConfigInvalid, match="cannot be read"):
        read_kiosk_config(tmp_path / "absent.toml")
    binary = tmp_path / "kiosk.toml"
    binary.write_bytes(b"\xff\xfe\x00idle")
    with pytest.raises(KioskConfigInvalid, match="cannot be read"):
        read_kiosk_config(binary)


def test_serve_refuses_a_bad_kiosk_config_with_exit_2_and_no_traceback(
    runner, tmp_path, monkeypatch
):
    monkeypatch.setattr(waitress, "serve", lambda *a, **k: pytest.fail("the server started"))
    path = written(tmp_path, "idle_seconds = 'three minutes'\ntake_home_url = 'ftp://x'\n")

    result = runner.invoke(
        main, ["serve", "--kiosk", "--kiosk-config", str(path), "--db", str(tmp_path / "k.db")]
    )

    assert result.exit_code == 2, result.output
    assert f"{path}:1: idle_seconds must be" in result.output
    assert f"{path}:2: take_home_url must be" in result.output
    assert "the kiosk configuration has problems" in result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )


def test_a_kiosk_config_without_kiosk_mode_is_refused(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(waitress, "serve", lambda *a, **k: pytest.fail("the server started"))
    path = written(tmp_path, FULL)
    result = runner.invoke(main, ["serve", "--kiosk-config", str(path)])
    assert result.exit_code == 2 and "add --kiosk" in result.output


def test_serve_kiosk_passes_the_settings_to_the_app(runner, tmp_path, monkeypatch):
    served = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **k: served.update(app=app))
    monkeypatch.setattr("webapp.cli.start_purging", lambda settings, every_seconds: None)
    path = written(tmp_path, FULL)

    result = runner.invoke(
        main, ["serve", "--kiosk", "--kiosk-config", str(path), "--db", str(tmp_path / "k.db")]
    )

    assert result.exit_code == 0, result.output
    assert "/kiosk/" in result.output
    settings = served["app"].extensions["kenri"].settings
    assert settings.kiosk and settings.kiosk_config.idle_seconds == 240
    assert served["app"].test_client().get("/kiosk/").status_code == 200
