"""Settings are declared once; the README must list every one of them."""

from pathlib import Path

from data.settings import SETTINGS, get_setting, load_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert not missing, f"README.md does not list: {missing}"


def test_overrides_beat_environment(monkeypatch):
    monkeypatch.setenv("S3DASH_LANG", "en")
    assert get_setting("S3DASH_LANG") == "en"
    assert get_setting("S3DASH_LANG", {"S3DASH_LANG": "it"}) == "it"
    assert load_settings({"PORT": "9000"})["PORT"] == "9000"


def test_undeclared_setting_is_an_error():
    import pytest

    with pytest.raises(KeyError):
        get_setting("NOT_A_SETTING")
