"""`events --timelinejs`, `mentions --label-studio` and CSV headers over the cached bundled
corpus."""

from __future__ import annotations

from altnotes import __version__
from altnotes.cli.formats import timeline_date
from altnotes.errors import ExitStatus

from .helpers import load_json, run_cli


def _out(args: list[str], env: dict[str, str]) -> object:
    result = run_cli(args, env=env)
    assert result.returncode == ExitStatus.OK, result.stderr.decode()
    return load_json(result.stdout)


def test_timeline_dates_keep_their_precision() -> None:
    assert timeline_date("2023-11-17") == {"year": "2023", "month": "11", "day": "17"}
    assert timeline_date("2023-01") == {"year": "2023", "month": "1"}
    assert timeline_date("2019") == {"year": "2019"}
    assert timeline_date("200X") is None and timeline_date(None) is None


def test_events_timelinejs(cached_env: dict[str, str]) -> None:
    events = _out(["events", "--json"], cached_env)
    timeline = _out(["events", "--timelinejs"], cached_env)
    assert isinstance(events, list) and isinstance(timeline, dict)
    slides = timeline["events"]
    placed = [e for e in events if timeline_date(e["date_start"] or e["date"])]
    assert len(slides) == len(placed) > 10
    for slide, ev in zip(slides, placed, strict=True):
        assert slide["start_date"]["year"] == (ev["date_start"] or ev["date"])[:4]
        assert set(slide["text"]) == {"headline", "text"} and slide["group"] == ev["type"]
        assert slide["text"]["headline"].startswith("~") == ev["date_inferred"]
    assert any(s["text"]["headline"].startswith("~") for s in slides)
    assert any("month" in s["start_date"] and "day" in s["start_date"] for s in slides)


def test_events_timelinejs_with_json_is_a_usage_error(cached_env: dict[str, str]) -> None:
    result = run_cli(["events", "--timelinejs", "--json"], env=cached_env)
    assert result.returncode == ExitStatus.USAGE and b"--timelinejs" in result.stderr


def test_mentions_label_studio(cached_env: dict[str, str]) -> None:
    mentions = _out(["mentions", "--json", "--type", "PERSON"], cached_env)
    documents = _out(["documents", "--json"], cached_env)
    tasks = _out(["mentions", "--label-studio", "--type", "PERSON"], cached_env)
    assert isinstance(tasks, list) and isinstance(mentions, list) and isinstance(documents, list)
    assert len(tasks) == len(documents)
    results = [r for t in tasks for p in t["predictions"] for r in p["result"]]
    assert len(results) == len(mentions)
    for task in tasks:
        text = task["data"]["text"]
        assert text
        (prediction,) = task["predictions"]
        assert prediction["model_version"] == f"altnotes {__version__}"
        for r in prediction["result"]:
            assert (r["from_name"], r["to_name"], r["type"]) == ("label", "text", "labels")
            value = r["value"]
            assert text[value["start"] : value["end"]] == value["text"]
            assert value["labels"] == ["PERSON"] and 0 <= r["score"] <= 1


def test_csv_of_an_empty_result_has_its_header(cached_env: dict[str, str]) -> None:
    proc = run_cli(["events", "--csv", "--since", "1900", "--until", "1901"], env=cached_env)
    assert proc.returncode == ExitStatus.OK
    assert proc.stdout.decode().startswith("document,date,date_text,")
    people = run_cli(["people", "--csv", "--min-mentions", "100000"], env=cached_env)
    assert people.stdout.decode().startswith("name,type,aliases,mentions")
