"""`altnotes report`: the HTML page of the cached bundled corpus, built from records and
rendered by a real browser (headless Chromium) when one is installed."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from altnotes.errors import ExitStatus

from .helpers import run_cli


def _report(tmp_path: Path, env: dict[str, str]) -> Path:
    out = tmp_path / "report.html"
    result = run_cli(["report", "--output", str(out)], env=env)
    assert result.returncode == ExitStatus.OK, result.stderr.decode()
    assert str(out) in result.stderr.decode()
    assert result.stdout == b""
    return out


def test_report_is_one_self_contained_page(tmp_path: Path, cached_env: dict[str, str]) -> None:
    page = _report(tmp_path, cached_env).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for absent in ("<script", "<link", "http://", "@import", "src="):
        assert absent not in page
    assert "https://www.wikidata.org/wiki/Q7407093" in page  # Sam Altman
    assert 'href="#person-0"' in page and 'id="person-0"' in page
    assert "Noto Sans CJK JP" in page and "@media (max-width: 600px)" in page
    assert 'class="inferred"' in page and "~20" in page
    assert page.count('<section class="doc"') == 5
    links = re.findall(r'href="#(doc-\d+-s\d+)"', page)  # events link to their sentence
    assert links and all(f'id="{a}"' in page for a in links)


def test_article_text_is_escaped() -> None:
    from altnotes.cli.report import build_report
    from altnotes.lite import Rec

    text = "<script>alert(1)</script>サム・アルトマンが2023年に来た。"
    start = text.index("サム")
    ext = Rec(
        document=Rec(id="x<y>", title="<b>t</b>", date=None, chars=len(text), path=None, text=text),
        mentions=[
            Rec(
                document="x<y>",
                start=start,
                end=start + 8,
                text="サム・アルトマン",
                type="PERSON",
                entity="<i>Sam</i>",
                wikidata=None,
                in_kb=False,
                roles=[],
                affiliations=[],
            )
        ],
        dates=[],
        events=[],
    )
    page = build_report([ext], {"paths": "<p>"})
    assert "<script>" not in page and "<i>Sam</i>" not in page and "<b>t</b>" not in page
    assert html.escape("<script>alert(1)</script>") in page
    assert "&lt;i&gt;Sam&lt;/i&gt;" in page


def _png_colours(png: bytes) -> int:
    """How many different scanlines an 8-bit RGB(A) PNG has (as filtered: a page of one
    colour has one or two, whatever the filter; text and tables give hundreds)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    width, _, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    raw = zlib.decompress(idat)
    stride = 1 + width * (3 if colour == 2 else 4)
    rows = {raw[i * stride + 1 : (i + 1) * stride] for i in range(len(raw) // stride)}
    return len(rows)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        timeout=180,
    )


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_renders_in_chromium(tmp_path: Path, cached_env: dict[str, str]) -> None:
    page = _report(tmp_path, cached_env)
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")
    text = dom.stdout.decode("utf-8")
    assert "Sam Altman" in text and "OpenAI" in text
    assert 'id="timeline"' in text and 'class="year"' in text
    assert 'class="entity"' in text  # displaCy's marks
    shot = tmp_path / "report.png"
    result = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert result.returncode == 0 and shot.exists(), result.stderr.decode(errors="replace")
    png = shot.read_bytes()
    assert len(png) > 30_000  # a blank 1280x2000 page compresses to a few KB
    assert _png_colours(png) > 50  # many different rows: text, tables, not one colour


def _width_at(tmp_path: Path, page: Path, width: int) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the page laid out ``width`` CSS pixels wide: in an
    iframe that wide (a headless window is never narrower than 500 pixels), measured by
    a script of the wrapping page; the report itself has none."""
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" width="{width}" height="800" style="border:0" '
        f'srcdoc="{html.escape(page.read_text(encoding="utf-8"), quote=True)}"></iframe>'
        "<script>document.getElementById('f').addEventListener('load', () => {"
        "const d = document.getElementById('f').contentDocument.documentElement;"
        "const p = document.createElement('pre'); p.id = 'width';"
        "p.textContent = d.scrollWidth + ' ' + d.clientWidth;"
        "document.body.appendChild(p); });</script></body></html>",
        encoding="utf-8",
    )
    dom = _chromium(tmp_path, "--window-size=800,900", "--dump-dom", probe.as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")
    found = re.search(r'<pre id="width">(\d+) (\d+)</pre>', dom.stdout.decode("utf-8"))
    assert found, dom.stdout.decode("utf-8")[-2000:]
    return int(found[1]), int(found[2])


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_never_scrolls_sideways_on_a_narrow_screen(
    tmp_path: Path, cached_env: dict[str, str]
) -> None:
    """At 400 pixels, with the long unbroken file names and paths real folders have (the
    cache makes the copied corpus free), every line fits the width."""
    from .conftest import CORPUS

    folder = tmp_path / "home_user_documents_research_articles_2023_openai_board_collection"
    folder.mkdir()
    for i, source in enumerate(sorted(CORPUS.glob("*.txt"))):
        stem = f"{i}_openai_board_announces_leadership_transition_ceo_departs_2023-11-17"
        (folder / f"{stem}.txt").write_bytes(source.read_bytes())
    out = tmp_path / "report.html"
    result = run_cli(["report", str(folder), "--output", str(out)], env=cached_env)
    assert result.returncode == ExitStatus.OK, result.stderr.decode()
    scroll, client = _width_at(tmp_path, out, 400)
    assert 300 < client <= 400
    assert scroll <= client, (scroll, client)
