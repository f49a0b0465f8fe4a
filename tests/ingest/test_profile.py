import pytest

from politzek.ingest.errors import ImportError_
from politzek.ingest.profile import bundled_profiles, load_profile, parse_profile

TOP = """
name = "mine"
format = "csv"
namespace = "mine"
key = "id"
"""
NAMES = """
[[names]]
column = "name"
"""
MINIMAL = TOP + NAMES


@pytest.mark.parametrize("name", sorted(bundled_profiles()))
def test_bundled_profiles_load(name):
    profile = load_profile(name)
    assert profile.name == name
    assert profile.key in profile.columns()


@pytest.mark.parametrize(("extra", "where", "hint"), [
    ('datte_formats = ["iso"]', "datte_formats", "did you mean 'date_formats'?"),
    ('[fields]\ncountri = "country"', "fields.countri", "did you mean 'country'?"),
    ('[[events]]\nkind = "detaned"\ndate = "d"', "events[0].kind", "did you mean 'detained'?"),
    ('[[events]]\nknd = "detained"', "events[0].knd", "did you mean 'kind'?"),
])
def test_a_typo_in_a_profile_names_the_key_and_suggests_the_fix(extra, where, hint):
    with pytest.raises(ImportError_) as error:
        parse_profile(TOP + extra + "\n" + NAMES, "mine.toml")
    message = str(error.value)
    assert message.startswith("mine.toml")
    assert f"key '{where}'" in message and hint in message


def test_a_profile_needs_a_key_column():
    with pytest.raises(ImportError_) as error:
        parse_profile(MINIMAL.replace('key = "id"', ""), "mine.toml")
    assert "needs 'key'" in str(error.value)


def test_invalid_toml_is_reported():
    with pytest.raises(ImportError_) as error:
        parse_profile("name = ", "broken.toml")
    assert "not valid TOML" in str(error.value)


def test_unknown_profile_name_suggests_a_bundled_one():
    with pytest.raises(ImportError_) as error:
        load_profile("politzek-cvs")
    assert "did you mean 'politzek-csv'?" in str(error.value)


def test_placeholder_dates_are_read_at_their_precision():
    from politzek.ingest.transform import without_placeholder

    assert without_placeholder("2000-01-01", ("YYYY-01-01",)) == "2000"
    assert without_placeholder("2000-01-02", ("YYYY-01-01",)) == "2000-01-02"
    assert without_placeholder("2000-01-01", ()) == "2000-01-01"
    assert without_placeholder("1988-00-00", ("YYYY-00-00",)) == "1988"
    assert without_placeholder("1988-07-00", ("YYYY-MM-00",)) == "1988-07"
    assert without_placeholder("1988-07-01", ("YYYY-MM-01",)) == "1988-07"
    with pytest.raises(ImportError_) as error:
        parse_profile(TOP + 'placeholder_dates = ["YYYY-12-31"]\n' + NAMES, "mine.toml")
    assert "placeholder_dates[0]" in str(error.value)


def test_every_profile_key_is_documented():
    """docs/import-profiles.md shows each key the profile reader accepts: as `key = …` or a
    [table] in an example, or as `key` in the text."""
    import re
    from pathlib import Path

    from politzek.ingest import profile

    docs = (Path(__file__).resolve().parents[2] / "docs" / "import-profiles.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"(?m)^\s*([a-z_]+) = ", docs)) | set(re.findall(r"`([a-z_]+)`", docs))
    shown |= set(re.findall(r"\{ *([a-z_]+) = ", docs)) | set(re.findall(r", ([a-z_]+) = ", docs))
    for table in re.findall(r"(?m)^\[\[?([a-z_.]+)\]\]?", docs):  # [case], [[events]], [case.sentence_kind]
        shown |= set(table.split("."))
    accepted = {name: keys for name, keys in vars(profile).items() if name.endswith("_KEYS") and isinstance(keys, set)}
    missing = {name: sorted(keys - shown) for name, keys in accepted.items() if keys - shown}
    assert not missing, f"undocumented profile keys: {missing}"
