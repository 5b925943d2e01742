"""Boilerplate removal on invented dumps (tests/fixtures/clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.clean import clean_document, clean_dump
from corroborate.clean.boilerplate import clean_extracted, is_credit_line, repeated_lines
from corroborate.clean.language import stopwords_for
from corroborate.types import Article, RawDocument, Rejection


def _dump(fixtures_dir: Path, name: str, outlet: str | None = None):
    text = (fixtures_dir / "clean" / name).read_text(encoding="utf-8")
    names = [outlet] if outlet else []
    return clean_dump(text, outlet_names=names, stopwords=stopwords_for("en"))


def _article(fixtures_dir: Path, name: str, **kw: object) -> Article:
    path = fixtures_dir / "clean" / name
    raw = RawDocument(source=str(path), format="text", text=path.read_text(encoding="utf-8"), **kw)  # type: ignore[arg-type]
    art = clean_document(raw)
    assert isinstance(art, Article), art
    return art


def test_ferry_keeps_headline_and_every_paragraph(fixtures_dir: Path) -> None:
    art = _article(fixtures_dir, "northwind_ferry.txt")
    paras = art.text.split("\n\n")
    assert paras[0] == "Ferry strike leaves island towns cut off as union rejects pay offer"
    assert art.title == paras[0]
    assert paras[1].startswith("Kestrel Bay — Ferry crews")
    # short one-sentence paragraphs and quote paragraphs survive
    assert "Schools on the two largest islands closed on Thursday." in paras
    assert any(p.startswith('"We did not want this.') for p in paras)
    assert "A mediator is expected to meet both sides next week." in paras
    assert paras[-1] == "Residents said shops were already running low on fresh milk and bread."
    assert len(paras) == 8


def test_ferry_drops_teasers_captions_promos(fixtures_dir: Path) -> None:
    art = _article(fixtures_dir, "northwind_ferry.txt")
    for gone in (
        "Watch Northwind Radio",
        "Harbour workers walk out",
        "03:17",
        "Minister arrives at the pier",
        "Seaview Images",
        "(C) speaks",
        "Talks resume",  # subheading: page furniture by decision
        "01:45",
        "App Open",
        "Firefox Edge Continue",
        "Hear it here first",
        "browser alerts",
    ):
        assert gone not in art.text, gone
    assert art.cleaning is not None
    assert art.cleaning.removed_lines == 12
    assert art.cleaning.kept_chars == len(art.text)
    assert art.cleaning.removed_chars > 0


def test_removal_reasons(fixtures_dir: Path) -> None:
    dump = _dump(fixtures_dir, "northwind_ferry.txt", outlet="Northwind Radio")
    reasons = {r.text: r.reason for r in dump.removed}
    assert reasons["Watch Northwind Radio"] == "self-reference"
    assert reasons["Harbour workers walk out"] == "teaser"
    assert reasons["Minister arrives at the pier"] == "caption"
    assert reasons["Talks resume"] == "label"
    assert (
        reasons["Switch on browser alerts for ferry times, storm warnings and local headlines."]
        == "widget"
    )
    assert dump.headline == "Ferry strike leaves island towns cut off as union rejects pay offer"


def test_valley_credits_repeated_caption_read_more_loading(fixtures_dir: Path) -> None:
    art = _article(fixtures_dir, "valley_floods.txt")
    paras = art.text.split("\n\n")
    assert paras[0].startswith("Flood barriers hold")
    assert paras[1].startswith("Emergency crews worked through the night")
    for gone in (
        "Volunteers fill sandbags",
        "Westpress",
        "NPX",
        "A rescue boat",
        "READ MORE",
        "Loading",
        "Evacuations widen",
        "Gate 4",
        "Are river towns ready",
    ):
        assert gone not in art.text, gone
    # the paragraph just before a credit line is not a caption; quotes stay
    assert (
        "Officials warned residents not to return home until engineers had checked the embankments."
        in paras
    )
    assert '"Without them we would be counting houses, not sandbags."' in paras
    assert paras[-1] == "Insurers said claims were already arriving from farms upstream."
    assert len(paras) == 8


def test_credit_lines() -> None:
    assert is_credit_line("Reuters")
    assert is_credit_line("AFP")
    assert is_credit_line("Harbour Ministry/Handout/Seaview Images")
    assert is_credit_line("Photo: Jane Roe")
    assert not is_credit_line("Calls for a strike")
    assert not is_credit_line("Talks resume")
    assert not is_credit_line("Gate 4")
    assert not is_credit_line("The talks resumed.")


def test_no_blank_lines_dump_keeps_paragraphs() -> None:
    text = (
        "Council approves new tram line for the eastern suburbs\n"
        "Share\n"
        "The city council approved a 12-kilometre tram line on Monday after a three-hour debate.\n"
        "Construction is due to start next spring.\n"
        "Opponents said the money should go to buses instead.\n"
        "Advertisement\n"
    )
    dump = clean_dump(text, stopwords=stopwords_for("en"))
    assert dump.headline == "Council approves new tram line for the eastern suburbs"
    assert len(dump.paragraphs) == 3
    assert {r.text for r in dump.removed} == {"Share", "Advertisement"}


def test_later_duplicate_of_a_paragraph_is_dropped() -> None:
    lead = "The port reopened on Friday after a week-long closure caused by the storm."
    text = f"Port reopens\n\n{lead}\n\nShipping firms welcomed the news.\n\n{lead}\n"
    dump = clean_dump(text)
    assert dump.paragraphs == (lead, "Shipping firms welcomed the news.")
    assert [r.reason for r in dump.removed] == ["duplicate"]


def test_outlet_lines_remove_a_shared_footer() -> None:
    footer = "Harbourview has covered the harbour and its people since 1921."
    body_a = (
        "Harbour tolls rise\n\n"
        "Tolls at the harbour will rise by a tenth in May, the port said. Fishing crews objected."
    )
    body_b = (
        "New pier opens\n\n"
        "A new pier opened on Monday at the east end of the harbour. It cost four million."
    )
    lines = repeated_lines({"Harbourview": [f"{body_a}\n\n{footer}", f"{body_b}\n\n{footer}"]})
    assert lines["Harbourview"] == frozenset({footer.casefold()})
    dump = clean_dump(f"{body_a}\n\n{footer}", outlet_lines=lines["Harbourview"])
    assert footer not in dump.paragraphs
    assert [r.reason for r in dump.removed] == ["outlet-line"]


def test_repeated_lines_ignores_copies_of_one_article() -> None:
    text = (
        "Harbour tolls rise\n\n"
        "Tolls at the harbour will rise by a tenth in May, the port said.\n\n"
        "Fishing crews objected to the plan."
    )
    near = text + "\n\nUpdated with comment from the port."
    assert repeated_lines({"Harbourview": [text, text, near]}) == {}


def test_extracted_text_is_only_normalised() -> None:
    assert clean_extracted("A  first\u00a0paragraph.\n\n\nA second one.\n\nA second one.") == (
        "A first paragraph.",
        "A second one.",
    )
    assert clean_extracted("Line one.\nLine two.") == ("Line one.", "Line two.")


_SERVER_ERRORS = (
    "Strict Standards: Redefining already defined constructor for class db in"
    " /srv/www/site/includes/db.php on line 56\n\n"
    "Deprecated: Assigning the return value of new by reference is deprecated in"
    " /srv/www/site/includes/cache.php on line 36\n\n"
)


def test_a_servers_error_messages_are_no_paragraphs() -> None:
    """A PHP warning printed into the page; a sentence that starts with "Warning:" stays."""
    text = _SERVER_ERRORS + "Warning: the storm will reach the coast tonight, officials said."
    assert clean_extracted(text) == (
        "Warning: the storm will reach the coast tonight, officials said.",
    )


def test_a_page_opening_with_server_errors_keeps_its_own_language() -> None:
    """Eight English warnings before a German article made it English to the guess."""
    body = (
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss im Frühjahr"
        " abzureißen und durch einen Neubau zu ersetzen. Die Arbeiten sollen im März beginnen"
        " und etwa zwei Jahre dauern. Anwohner hatten sich seit Monaten über den Lärm und die"
        " Sperrungen beschwert, die der Bau mit sich bringen wird."
    )
    warning = (
        "<br />\n<b>Strict Standards</b>:  Redefining already defined constructor for class"
        " db in <b>/srv/www/site/includes/db.php</b> on line <b>{n}</b><br />\n"
    )
    html = (
        "".join(warning.format(n=n) for n in range(10, 18))
        + "<!DOCTYPE html><html><head><title>Neue Brücke für die Stadt</title></head><body>"
        + "<div><p>"
        + body
        + "</p><p>"
        + body
        + "</p></div></body></html>"
    )
    art = clean_document(RawDocument(source="bruecke.html", format="html", html=html))
    assert isinstance(art, Article), art
    assert art.language == "de"
    assert "on line" not in art.text


def test_too_short_is_rejected() -> None:
    raw = RawDocument(
        source="tiny.txt", format="text", text="Watch Live\n\nLoading...\n\nOne line only."
    )
    result = clean_document(raw)
    assert isinstance(result, Rejection)
    assert result.path == "tiny.txt"
    assert "too short" in result.reason


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_is_rejected(text: str) -> None:
    result = clean_document(RawDocument(source="empty.txt", format="text", text=text))
    assert isinstance(result, Rejection)
    assert "empty" in result.reason


def test_cjk_sentences_count() -> None:
    """Japanese sentences end in 。 with no space after: the page is an article, not 'too short'."""
    body = (
        "港湾ストライキは三日目に入り、埠頭の門は朝から閉ざされたままだった。"
        "警察は月曜日の夜に二百人以上の港湾労働者を拘束したと発表した。"
        "組合の代表は交渉の再開を求め、賃上げ幅について政府の提案を拒否した。\n\n"
        "運輸大臣は記者会見でストライキは違法だと述べ、裁判所に命令を求める考えを示した。"
        "港の外では四十隻以上の貨物船が停泊して荷揚げを待っている。"
        "地元の商店主たちは、客足が途絶えて売り上げが半分に落ちたと話した。\n\n"
        "港湾局によると、一日あたりの損失は数百万ドルに上る見込みだという。"
        "次の交渉は来週の金曜日に予定されている。"
    )
    raw = RawDocument(
        source="minato.html",
        format="html",
        text=body,
        title="港湾スト三日目",
        needs_cleaning=False,  # as the HTML reader hands over trafilatura's text
    )
    result = clean_document(raw)
    assert isinstance(result, Article), getattr(result, "reason", None)
    assert result.language == "ja"
    assert "次の交渉は来週の金曜日に予定されている。" in result.text


def test_a_heading_of_other_stories_ends_the_article() -> None:
    dump = (
        "Teen killed after shooting at Velmora apartments\n\n"
        "A teenager was shot and killed at an apartment complex in Velmora on Sunday.\n\n"
        "Deputies were using drones to search for clues, the sheriff said.\n\n"
        "More stories you may like on Channel 9\n\n"
        "LIVE: 25 hurt in an apparent blast in Marlo Police are at the scene.\n\n"
        "Woman found dead in home Deputies found two people dead on Sunday morning."
    )
    cleaned = clean_dump(dump)
    assert cleaned.paragraphs == (
        "A teenager was shot and killed at an apartment complex in Velmora on Sunday.",
        "Deputies were using drones to search for clues, the sheriff said.",
    )
    assert {r.reason for r in cleaned.removed} == {"related"}


@pytest.mark.parametrize(
    ("furniture", "reason"),
    [
        # another story's teaser ending in its link
        (
            "Marlo triple shootings Detectives are investigating three shootings in which two "
            "people died over the weekend in Marlo. More",
            "teaser",
        ),
        # a gallery's captions after the player's label
        (
            "Caption Warehouse fire under investigation in Marlo Warehouse fire under "
            "investigation in Marlo. (KVX)",
            "caption",
        ),
        # a caption with its credit in brackets at the end
        (
            "Buy Photo Firefighters stand outside the Marlo depot after the blaze. "
            "(Photo: Ann Lee / The Velmora Post)Buy Photo",
            "caption",
        ),
    ],
)
def test_teasers_and_captions_between_paragraphs_are_furniture(furniture: str, reason: str) -> None:
    dump = (
        "Two hurt in Velmora shooting\n\n"
        "Two men were wounded outside a store in Velmora on Sunday, police said.\n\n"
        f"{furniture}\n\n"
        "Both men were taken to a hospital in stable condition."
    )
    cleaned = clean_dump(dump)
    assert [r.reason for r in cleaned.removed] == [reason]
    assert len(cleaned.paragraphs) == 2


@pytest.mark.parametrize(
    "kept",
    [
        "Police said there was more. More officers arrived at the scene later that night.",
        "Captions were added to the video later, the station said.",
    ],
)
def test_the_words_of_those_shapes_in_body_text_stay(kept: str) -> None:
    assert clean_dump(f"Title of the story here\n\n{kept}").paragraphs == (kept,)


def test_a_related_heading_between_paragraphs_keeps_the_rest() -> None:
    dump = (
        "Harbour crane collapses in Velmora\n\n"
        "A crane collapsed at the Velmora harbour on Monday, the port authority said.\n\n"
        "Related stories\n\n"
        "Two workers were taken to a hospital with minor injuries, officials said."
    )
    assert len(clean_dump(dump).paragraphs) == 2


def test_a_quote_closed_after_a_space_is_a_sentence() -> None:
    # text tokenised and joined again leaves the closing quote apart: '... today. "'
    body = "The harbour board met on Tuesday to discuss the strike at the Velmar docks."
    quote = 'Chair Ola Brenn said: "We will not sign a deal that cuts pay today. "'
    dump = clean_dump(f"Velmar dock strike talks resume\n\n{body}\n\n{quote}\n\nShare")
    assert dump.paragraphs == (body, quote)


@pytest.mark.parametrize("url_line", [True, False])
def test_the_headline_is_the_line_the_url_slug_names(url_line: bool) -> None:
    # a longer standfirst under the headline used to win as "the longest title-like line"
    url = "https://news.example.org/2024/05/velmar-dock-strike-talks-resume-4471/"
    head = "Velmar Dock Strike Talks Resume"
    dek = "Union and harbour board return to the table after three weeks of stoppage"
    body = "The harbour board met on Tuesday to discuss the strike at the Velmar docks."
    text = f"{url}\n{head}\n{dek}\n\n{body}" if url_line else f"{head}\n{dek}\n\n{body}"
    dump = clean_dump(text, url=None if url_line else url)
    assert dump.headline == head
    assert dump.paragraphs == (dek, body)  # the standfirst stays, after the headline
    # without a URL the longest title-like line is still taken
    assert clean_dump(f"{head}\n{dek}\n\n{body}").headline == dek


def test_a_line_few_of_whose_words_are_in_the_slug_is_not_taken_for_it() -> None:
    url = "https://news.example.org/velmar-dock-strike-talks-resume"
    lines = "Velmar strike: union meets board\nUnion and harbour board return to talks on pay"
    body = "The harbour board met on Tuesday to discuss the strike at the Velmar docks."
    dump = clean_dump(f"{lines}\n\n{body}", url=url)
    assert dump.headline == "Union and harbour board return to talks on pay"


def test_time_stamps_and_bylines_are_never_the_headline() -> None:
    body = "The harbour board met on Tuesday to discuss the strike at the Velmar docks."
    for furniture in (
        "Posted: 04/9/2012 8:33 am Updated: 04/9/2012 8:33 am",
        "Story Created: Aug 7, 2012 at 9:56 AM AKDT",
        "By: Ines Calloway - Staff Writer",
        "by: Ines Calloway, Teo Marsh Updated: Jan 3, 2017 - 6:19 PM",
        "Posted by Ines Calloway",
        "By of the",
    ):
        dump = clean_dump(f"Velmar dock talks resume\n{furniture}\n\n{body}")
        assert dump.headline == "Velmar dock talks resume", furniture
        assert dump.paragraphs == (body,)


def test_the_standfirst_under_a_slug_headline_is_kept() -> None:
    url = "https://news.example.org/velmar-dock-strike-talks-resume"
    head = "Velmar Dock Strike Talks Resume"
    dek = "Union and harbour board return to the table after three weeks of stoppage"
    body = "The harbour board met on Tuesday to discuss the strike at the Velmar docks."
    dump = clean_dump(f"{url}\n{head}\n{dek}\n\n{body}")
    assert dump.headline == head
    assert dump.paragraphs == (dek, body)


def test_a_headline_starting_with_by_is_no_byline() -> None:
    body = "The harbour board met on Tuesday to discuss the strike at the Velmar docks."
    head = "By the numbers: three weeks of the Velmar dock strike"
    assert clean_dump(f"Share\n{head}\n\n{body}").headline == head


def test_a_related_coverage_link_is_no_paragraph() -> None:
    """A "Related Coverage" heading glued to another story's headline opens some local news
    pages; its counts are the other story's. A sentence that starts so stays."""
    body = (
        "Related Coverage Two hurt in Marlo dock shooting\n\n"
        "MARLO (KXYZ) — Police charged a dock worker on Tuesday in last week's shooting.\n\n"
        "Related stories about the dock have been collected by the station, a spokesman said."
    )
    assert clean_extracted(body) == (
        "MARLO (KXYZ) — Police charged a dock worker on Tuesday in last week's shooting.",
        "Related stories about the dock have been collected by the station, a spokesman said.",
    )
    dump = clean_dump(body, stopwords=stopwords_for("en"))
    assert "Related Coverage Two hurt in Marlo dock shooting" not in dump.paragraphs
    assert dump.paragraphs[0].startswith("MARLO (KXYZ)")
