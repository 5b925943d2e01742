"""The report: one self-contained HTML page per analysis (see docs/report.md)."""

from corroborate.present.report.html import (
    render_report,
    render_story,
    script,
    stylesheet,
    write_report,
)

__all__ = ["render_report", "render_story", "script", "stylesheet", "write_report"]
