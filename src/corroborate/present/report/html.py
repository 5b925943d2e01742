"""Render a dossier (``corroborate/dossier@1``) as one self-contained HTML page.

The page inlines its CSS, JavaScript and SVG charts: it needs no network, opens in any
browser and can be emailed. Jinja2 autoescaping is on for every template; highlighted
article text is escaped segment by segment (see :mod:`.highlight`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from corroborate.present.report.anchors import story_file as story_file
from corroborate.present.report.view import StoryView, story_summary, story_view, story_views

PACKAGE = "corroborate.present.report"


class _Loader(PackageLoader):
    """The templates without the indentation of their lines: it is there for whoever reads
    the template, and would cost a large report tens of kilobytes. (No template holds a
    whitespace-sensitive element across lines; article text is inserted, not templated.)"""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        return _INDENT.sub("\n", source), filename, uptodate


_INDENT = re.compile(r"\n[ \t]+")


@cache
def _env() -> Environment:
    return Environment(
        loader=_Loader(PACKAGE, "templates"),
        autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def _static(name: str) -> str:
    return (files(PACKAGE) / "static" / name).read_text(encoding="utf-8")


def stylesheet() -> Markup:
    """The report's CSS (for pages that embed :func:`render_story` fragments)."""
    return Markup(_static("report.css"))


def script() -> Markup:
    """The report's JavaScript: filters for the verdict board and the entity search."""
    # a "</script" inside the file would end the inline element early; never let it
    return Markup(_static("report.js").replace("</script", "<\\/script"))


def _articles(dossier: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    records = dossier.get("articles") or []
    return {str(a["id"]): a for a in records if isinstance(a, Mapping) and "id" in a}


def _rejected(dossier: Mapping[str, Any]) -> list[dict[str, Any]]:
    records = [r for r in dossier.get("rejected") or [] if isinstance(r, Mapping)]
    return [{"path": r.get("path", ""), "reason": r.get("reason", "")} for r in records]


def _page_title(stories: Sequence[StoryView]) -> str:
    if len(stories) == 1:
        return stories[0].title
    return f"{len(stories)} stories" if stories else "No stories"


def render_report(
    dossier: Mapping[str, Any], *, generated: str | None = None, rejected: bool = True
) -> str:
    """The whole report page for ``dossier``: every story, then the rejected inputs.

    ``generated`` (a date/time text) is shown in the header when given; the output is
    otherwise a pure function of the dossier.
    """
    articles = _articles(dossier)
    stories = story_views(
        [s for s in dossier.get("stories") or [] if isinstance(s, Mapping)], articles
    )
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            schema=str(dossier.get("schema") or "corroborate/dossier@1"),
            page_title=_page_title(stories),
            stories=stories,
            article_count=len(articles),
            rejected=_rejected(dossier),
            show_rejected=rejected,
            generated=generated,
            css=stylesheet(),
            js=script(),
        )
    )


def render_story(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> str:
    """One story as an HTML fragment (no ``<html>``/``<head>``, no CSS or JS): the
    verdict board, entities, timeline, quotes, coverage and its articles' highlighted text.

    ``articles`` maps article id → the dossier's article record. Style it with
    :func:`stylesheet` and enable the filters with :func:`script`.
    """
    view = story_view(story, articles)
    return _env().get_template("story.html.j2").render(s=view)


def _write(path: Path, page: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a page


def write_report(dossier: Mapping[str, Any], path: Path, *, rejected: bool = True) -> None:
    """Write :func:`render_report` of ``dossier`` to ``path`` (UTF-8, atomically);
    ``rejected`` False leaves out the rejected inputs (a story's report: they are on the
    index, and belong to no story)."""
    _write(Path(path), render_report(dossier, rejected=rejected))


def one_story(dossier: Mapping[str, Any], story: Mapping[str, Any]) -> dict[str, Any]:
    """The dossier of ``story`` alone: the story and its own articles."""
    ids = {str(a) for a in story.get("article_ids") or []}
    return {
        "schema": dossier.get("schema"),
        "articles": [a for a in _articles(dossier).values() if str(a["id"]) in ids],
        "rejected": [],
        "stories": [story],
    }


def render_index(dossier: Mapping[str, Any], *, generated: str | None = None) -> str:
    """The index page: every story with its dates, outlets and verdict counts, each linked
    to its own report (:func:`story_file`), then the rejected inputs."""
    articles = _articles(dossier)
    stories = [s for s in dossier.get("stories") or [] if isinstance(s, Mapping)]
    rows = [story_summary(s, articles) for s in stories]
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            schema=str(dossier.get("schema") or "corroborate/dossier@1"),
            stories=rows,
            article_count=len(articles),
            rejected=_rejected(dossier),
            generated=generated,
            css=stylesheet(),
        )
    )


def write_reports(dossier: Mapping[str, Any], out: Path) -> tuple[Path, dict[str, Path]]:
    """Write one self-contained report per story (``out/stories/``) and the index
    (``out/index.html``, also as ``out/report.html``); returns (index, story id -> report)."""
    out = Path(out)
    reports: dict[str, Path] = {}
    for story in dossier.get("stories") or []:
        if isinstance(story, Mapping):
            path = out / story_file(str(story.get("id")))
            write_report(one_story(dossier, story), path, rejected=False)
            reports[str(story.get("id"))] = path
    page = render_index(dossier)
    _write(out / "index.html", page)
    _write(out / "report.html", page)
    return out / "index.html", reports
