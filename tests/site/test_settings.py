"""Settings read from the environment: typed readers, cache, e-mail, production, static."""

import importlib.util
import json
import os
import secrets
import socketserver
import subprocess
import sys
import threading
from email import message_from_bytes
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection, send_mail
from django_redis.cache import RedisCache
from kpss_site.settings import env

REPO = Path(__file__).resolve().parents[2]
SETTINGS_DIR = REPO / "site" / "settings"
REDIS_TEST_URL = os.environ.get("KPSS_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def load_settings(monkeypatch, module="base", **environ):
    """Execute a settings module afresh under the given environment (in this process)."""
    for name in ("REDIS_URL", "EMAIL_HOST", "EMAIL_BACKEND", "EMAIL_PORT", "DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        f"kpss_site.settings._probe_{module}", SETTINGS_DIR / f"{module}.py"
    )
    settings_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings_module)
    return settings_module


def run_manage(*args, settings="kpss_site.settings.production", **environ):
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "kpss.ostrov-nad-vlcinou.example",
        "BASE_URL": "https://kpss.ostrov-nad-vlcinou.example",
        **environ,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- typed readers -------------------------------------------------------------------


def test_env_bool_accepts_common_spellings(monkeypatch):
    for value, expected in [("1", True), ("True", True), ("on", True), ("no", False)]:
        monkeypatch.setenv("KPSS_FLAG", value)
        assert env.env_bool("KPSS_FLAG") is expected
    monkeypatch.setenv("KPSS_FLAG", "")
    assert env.env_bool("KPSS_FLAG", True) is True
    monkeypatch.delenv("KPSS_FLAG")
    assert env.env_bool("KPSS_FLAG", False) is False


@pytest.mark.parametrize(
    ("reader", "value", "expected"),
    [
        (env.env_bool, "maybe", "KPSS_VALUE must be a boolean (true/false), got 'maybe'"),
        (env.env_int, "25a", "KPSS_VALUE must be a whole number, got '25a'"),
        (env.env_int, "2.5", "KPSS_VALUE must be a whole number, got '2.5'"),
    ],
)
def test_bad_values_raise_a_clear_improperly_configured(monkeypatch, reader, value, expected):
    monkeypatch.setenv("KPSS_VALUE", value)
    with pytest.raises(ImproperlyConfigured) as excinfo:
        reader("KPSS_VALUE", 1)
    assert str(excinfo.value) == expected


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("KPSS_NUMBER", " 587 ")
    assert env.env_int("KPSS_NUMBER", 25) == 587
    monkeypatch.setenv("KPSS_LIST", " a.example, ,b.example ,")
    assert env.env_list("KPSS_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("KPSS_LIST", "  ")
    assert env.env_list("KPSS_LIST", ["x"]) == ["x"]


def test_bad_setting_stops_start_up_with_the_variable_name():
    result = run_manage("check", settings="kpss_site.settings.dev", DEBUG="ano")
    assert result.returncode != 0
    assert "DEBUG must be a boolean (true/false), got 'ano'" in result.stderr


# --- cache ---------------------------------------------------------------------------


def test_without_redis_url_the_cache_is_local_memory(monkeypatch):
    settings = load_settings(monkeypatch)
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_redis_url_switches_the_cache_to_a_working_redis(monkeypatch):
    settings = load_settings(monkeypatch, REDIS_URL=REDIS_TEST_URL)
    config = settings.CACHES["default"]
    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["LOCATION"] == REDIS_TEST_URL
    # {% cache %} fragments vary on the content generation: each worker keeps its own
    fragments = settings.CACHES["template_fragments"]
    assert fragments["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    cache = RedisCache(config["LOCATION"], {"KEY_PREFIX": config["KEY_PREFIX"]})
    key = f"settings-test-{secrets.token_hex(4)}"
    try:
        cache.set(key, {"obec": "Kamenná Ves"}, timeout=30)
    except Exception as exc:  # noqa: BLE001 - any connection error means no server
        pytest.skip(f"no Redis server at {REDIS_TEST_URL}: {exc}")
    try:
        assert cache.get(key) == {"obec": "Kamenná Ves"}
        cache.set(f"{key}-n", 0, timeout=30)
        assert cache.incr(f"{key}-n") == 1  # rate limits count like this
        # one redis-py client per server, not a new one per call (Django's RedisCache)
        assert cache.client.get_client(write=False) is cache.client.get_client(write=False)
    finally:
        cache.delete_many([key, f"{key}-n"])


# --- e-mail --------------------------------------------------------------------------


def test_email_defaults_to_the_console(monkeypatch):
    settings = load_settings(monkeypatch)
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_email_host_switches_to_smtp(monkeypatch):
    settings = load_settings(
        monkeypatch,
        EMAIL_HOST="smtp.ostrov-nad-vlcinou.example",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        EMAIL_HOST_USER="kpss",
    )
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert settings.EMAIL_HOST == "smtp.ostrov-nad-vlcinou.example"
    assert settings.EMAIL_PORT == 587
    assert settings.EMAIL_USE_TLS is True
    assert settings.EMAIL_HOST_USER == "kpss"


def test_bad_email_port_is_a_clear_error(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        load_settings(monkeypatch, EMAIL_HOST="smtp.example", EMAIL_PORT="smtp")


# --- production ----------------------------------------------------------------------


def test_check_deploy_with_production_settings_is_clean(tmp_path):
    # A database not migrated yet (the README runs the check before ``migrate``).
    database = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", DATABASE_URL=database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_refuses_a_missing_public_address(tmp_path):
    database = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    result = run_manage(
        "check", "--deploy", BASE_URL="http://127.0.0.1:8000", DATABASE_URL=database
    )
    assert result.returncode != 0
    assert "kpss_core.E001" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage("check", SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value of 50+ characters" in result.stderr


def test_production_settings_are_secure(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.setenv("DEBUG", "true")  # production ignores it
    settings = load_settings(monkeypatch, "production", SECRET_KEY=secrets.token_urlsafe(50))
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_production_keeps_database_connections_open(monkeypatch):
    secret = secrets.token_urlsafe(50)
    monkeypatch.delenv("DATABASE_CONN_MAX_AGE", raising=False)
    settings = load_settings(monkeypatch, "production", SECRET_KEY=secret)
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 600
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    base = load_settings(monkeypatch, "base")
    assert base.DATABASES["default"]["CONN_MAX_AGE"] == 0  # runserver: a thread per request
    settings = load_settings(
        monkeypatch, "production", SECRET_KEY=secret, DATABASE_CONN_MAX_AGE="0"
    )
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 0


def test_collectstatic_with_production_settings_writes_hashed_compressed_files(tmp_path):
    result = run_manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/kpss.css"]
    assert hashed != "css/kpss.css" and hashed.startswith("css/kpss.")
    assert (tmp_path / hashed).is_file()
    assert (tmp_path / f"{hashed}.gz").is_file()  # WhiteNoise's compressed copy
    assert "wagtailadmin/css/core.css" in manifest["paths"]  # the admin's assets too


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept one message (the test's own server, no network)."""

    def handle(self):
        self.wfile.write(b"220 test ESMTP\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250 test\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                message = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    message += chunk
                self.server.messages.append(message)
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def test_email_host_sends_through_smtp(monkeypatch):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = load_settings(
            monkeypatch, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(server.server_address[1])
        )
        connection = get_connection(
            backend=config.EMAIL_BACKEND,
            host=config.EMAIL_HOST,
            port=config.EMAIL_PORT,
            use_tls=config.EMAIL_USE_TLS,
            timeout=config.EMAIL_TIMEOUT,
        )
        sent = send_mail(
            "Pozvánka na setkání",
            "Zveme vás na setkání pracovní skupiny.",
            "kpss@ostrov-nad-vlcinou.example",
            ["obcan@example.org"],
            connection=connection,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert sent == 1
    message = message_from_bytes(server.messages[0])
    assert message["To"] == "obcan@example.org"
    assert "setkání pracovní skupiny" in message.get_payload(decode=True).decode()
