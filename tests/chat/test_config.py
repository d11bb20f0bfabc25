"""Channel configuration: environment, file, what is on, and 404 for what is not."""

import os

import pytest

from webapp import create_app
from webapp.channels import channel_runtime, describe_channels
from webapp.channels.config import (
    ChatConfig,
    ChatConfigError,
    LineConfig,
    read_chat_config,
)
from webapp.config import Settings

from .doubles import echo_factory

FULL_ENV = {
    "KENRI_LINE_CHANNEL_SECRET": "ls",
    "KENRI_LINE_CHANNEL_ACCESS_TOKEN": "lt",
    "KENRI_MESSENGER_APP_SECRET": "ms",
    "KENRI_MESSENGER_PAGE_ACCESS_TOKEN": "mt",
    "KENRI_MESSENGER_VERIFY_TOKEN": "mv",
}


def test_environment_configures_both_channels():
    config = read_chat_config(
        dict(FULL_ENV, KENRI_LINE_API_URL="http://127.0.0.1:9/", KENRI_CHAT_API_TIMEOUT="2.5")
    )
    assert config.line.channel_secret == "ls" and config.line.access_token == "lt"
    assert config.line.api_url == "http://127.0.0.1:9" and config.api_timeout == 2.5
    assert config.messenger.api_url == "https://graph.facebook.com/v25.0"
    assert config.messenger.get_started_payload == "GET_STARTED"
    assert config.line.missing == [] and config.messenger.missing == []


def test_secrets_never_appear_in_reprs():
    env = {name: f"secret-value-{n}" for n, name in enumerate(FULL_ENV)}
    shown = repr(read_chat_config(env))
    assert "secret-value" not in shown and "api_url" in shown


def test_a_file_configures_and_the_environment_wins(tmp_path):
    path = tmp_path / "chat.toml"
    path.write_text(
        '[line]\nchannel_secret = "file-secret"\nchannel_access_token = "file-token"\n'
        '[messenger]\nverify_token = "file-verify"\n[chat]\napi_timeout = 3\n'
    )
    path.chmod(0o600)
    config = read_chat_config(
        {"KENRI_CHAT_CONFIG": str(path), "KENRI_LINE_CHANNEL_ACCESS_TOKEN": "env-token"}
    )
    assert config.line.channel_secret == "file-secret" and config.line.access_token == "env-token"
    assert config.messenger.verify_token == "file-verify" and config.api_timeout == 3.0
    assert config.messenger.missing == [
        "KENRI_MESSENGER_APP_SECRET",
        "KENRI_MESSENGER_PAGE_ACCESS_TOKEN",
    ]


@pytest.mark.parametrize(
    "content,words",
    [
        ('[line]\nchanel_secret = "x"\n', "unknown setting [line] chanel_secret"),
        ('line = "x"\n', "must be a table"),
        ("[line\n", "not valid TOML"),
    ],
    ids=["typo", "not-a-table", "broken"],
)
def test_a_bad_file_is_a_clear_error_without_values(tmp_path, content, words):
    path = tmp_path / "chat.toml"
    path.write_text(content)
    with pytest.raises(ChatConfigError) as error:
        read_chat_config({"KENRI_CHAT_CONFIG": str(path)})
    assert words in str(error.value) and str(path) in str(error.value)


def test_bad_values_are_clear_errors(tmp_path):
    with pytest.raises(ChatConfigError, match="KENRI_CHAT_API_TIMEOUT"):
        read_chat_config({"KENRI_CHAT_API_TIMEOUT": "soon"})
    with pytest.raises(ChatConfigError, match="KENRI_LINE_API_URL must be an http"):
        read_chat_config({"KENRI_LINE_API_URL": "ftp://x"})
    with pytest.raises(ChatConfigError, match="cannot be read"):
        read_chat_config({"KENRI_CHAT_CONFIG": str(tmp_path / "missing.toml")})


def test_a_readable_file_is_warned_about(tmp_path, caplog):
    path = tmp_path / "chat.toml"
    path.write_text('[line]\nchannel_secret = "x"\n')
    path.chmod(0o644)
    read_chat_config({"KENRI_CHAT_CONFIG": str(path)})
    assert "chmod 600" in caplog.text and '"x"' not in caplog.text


def app_with(tmp_path, **extra):
    return create_app(Settings(testing=True, database=tmp_path / "k.db", extra=extra))


@pytest.mark.parametrize("path", ["/channels/line/webhook", "/channels/messenger/webhook"])
def test_unconfigured_channels_answer_404_to_every_method(tmp_path, path):
    app = app_with(tmp_path, chat_config=ChatConfig(), chat_conversation=echo_factory([]))
    client = app.test_client()
    for method in (client.get, client.post):
        response = method(path, data=b'{"events": []}')
        assert response.status_code == 404
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
    assert channel_runtime(app).on("line") is False


def test_a_configured_channel_runs_the_interview_by_default(tmp_path):
    # Issue 13: with no conversation passed in, the installed one is the interview.
    from webapp.channels.interview_chat import interview_conversation

    config = ChatConfig(line=LineConfig("s", "t"))
    app = app_with(tmp_path, chat_config=config)
    assert channel_runtime(app).conversation is interview_conversation
    assert app.test_client().post("/channels/line/webhook").status_code == 401  # unsigned
    assert describe_channels(app).startswith("Chat channels: LINE on at /channels/line/webhook")


def test_the_startup_line_names_what_is_on_and_what_is_missing(tmp_path):
    config = ChatConfig(line=LineConfig("s", "t"))
    app = app_with(tmp_path, chat_config=config, chat_conversation=echo_factory([]))
    line = describe_channels(app)
    assert line.startswith("Chat channels: LINE on at /channels/line/webhook; Messenger off")
    assert "KENRI_MESSENGER_APP_SECRET" in line


def test_a_broken_configuration_turns_the_channels_off_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("KENRI_CHAT_API_TIMEOUT", "-1")
    app = app_with(tmp_path)
    assert "KENRI_CHAT_API_TIMEOUT must be between" in describe_channels(app)
    assert app.test_client().post("/channels/line/webhook").status_code == 404


def test_kenri_serve_prints_the_channel_line(monkeypatch, runner, tmp_path):
    # `kenri serve` builds the app and prints describe_channels before serving.
    import waitress

    from webapp import cli

    monkeypatch.setattr(waitress, "serve", lambda *a, **k: None)
    monkeypatch.setattr(cli, "start_purging", lambda settings, **_: None)
    for name in list(os.environ):
        if name.startswith("KENRI_"):
            monkeypatch.delenv(name)
    result = runner.invoke(cli.main, ["serve", "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 0, result.output
    assert "Chat channels: LINE off (not configured" in result.output


def test_the_public_address_for_result_links_is_read_and_checked(tmp_path):
    # Issue 13: links to the web result start with Kenri's public address.
    config = read_chat_config(dict(FULL_ENV, KENRI_PUBLIC_URL="https://kenri.example.org/"))
    assert config.public_url == "https://kenri.example.org"
    assert read_chat_config(FULL_ENV).public_url == ""
    with pytest.raises(ChatConfigError, match="KENRI_PUBLIC_URL must be an http"):
        read_chat_config(dict(FULL_ENV, KENRI_PUBLIC_URL="kenri.example.org"))
    path = tmp_path / "chat.toml"
    path.write_text('[chat]\npublic_url = "https://from-file.example"\n')
    path.chmod(0o600)
    assert read_chat_config({"KENRI_CHAT_CONFIG": str(path)}).public_url == (
        "https://from-file.example"
    )
    app = app_with(tmp_path, chat_config=ChatConfig(line=LineConfig("s", "t")))
    assert "no links to the web result (KENRI_PUBLIC_URL unset)" in describe_channels(app)
