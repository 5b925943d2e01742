"""The report: one self-contained HTML page per analysis (see docs/report.md)."""

from corroborate.present.report.html import (
    one_story,
    render_index,
    render_report,
    render_story,
    script,
    story_file,
    stylesheet,
    write_report,
    write_reports,
)

__all__ = [
    "one_story",
    "render_index",
    "render_report",
    "render_story",
    "script",
    "story_file",
    "stylesheet",
    "write_report",
    "write_reports",
]
