"""Lines that speak to the reader about the page or their account are furniture; news
sentences that address the reader, or quote someone who does, stay."""

from __future__ import annotations

import pytest

from corroborate.clean import clean_dump
from corroborate.clean.boilerplate import is_reader_prompt


@pytest.mark.parametrize(
    "line",
    [
        "Please enable JavaScript to play this clip",
        "Your notification has been saved.",
        "There was a problem saving your notification.",
        "Whenever Mara Odell posts new content, you'll get an email delivered to your inbox.",
        "We have sent you a verification email. Please click on the link to confirm your profile.",
        "If you do not receive the verification message, please check your spam folder.",
        "To continue reading this story, you will need to be a digital subscriber.",
        "Sign up for our newsletter and get the morning headlines in your inbox",
        "Click here to return to the page you were visiting.",
        # a widget's button text run into its message: an imperative, no "you"
        "Close Get email notifications on Mara Odell daily!",
    ],
)
def test_a_prompt_to_the_reader_is_furniture(line: str) -> None:
    assert is_reader_prompt(line)


@pytest.mark.parametrize(
    "line",
    [
        # a news sentence that addresses the reader, with no word of the site's machinery
        "If you know anything about the fire, call the Brenton police or the tip line.",
        "In the video from the scene you can see the shattered window of the car.",
        "The name of the victim is withheld pending notification of the family, and if you "
        "saw the crash you are asked to call the sheriff's office.",
        "Installing the update may slow some browsers, so if you run into trouble after "
        "applying this patch, you can click the button to undo it.",
        # a quotation
        '"Please sign up to help us," the pastor told the congregation at the vigil.',
        # no reader addressed
        "Police said the suspect had logged in to the account twice before the theft.",
        "Get-well cards and videos arrived from across the county, the school said.",
    ],
)
def test_news_that_addresses_the_reader_stays(line: str) -> None:
    assert not is_reader_prompt(line)


def test_a_dump_loses_its_prompts_and_keeps_its_paragraphs() -> None:
    dump = (
        "Two hurt in Brenton warehouse fire\n\n"
        "Please enable JavaScript to play this clip\n\n"
        "Two workers were hurt when a fire broke out at a Brenton warehouse on Monday, "
        "the fire chief said.\n\n"
        "Your notification has been saved.\n\n"
        "If you know anything about the fire, call the Brenton police or the tip line.\n"
    )
    cleaned = clean_dump(dump)
    assert cleaned.headline == "Two hurt in Brenton warehouse fire"
    assert cleaned.paragraphs == (
        "Two workers were hurt when a fire broke out at a Brenton warehouse on Monday, "
        "the fire chief said.",
        "If you know anything about the fire, call the Brenton police or the tip line.",
    )
    assert {r.text: r.reason for r in cleaned.removed} == {
        "Please enable JavaScript to play this clip": "ui",
        "Your notification has been saved.": "ui",
    }


def test_a_widgets_other_lines_go_with_its_prompt() -> None:
    """A short line next to a prompt that names a site word is the same widget's; the
    same words elsewhere in the article stay."""
    dump = (
        "Crews rescue two from Brenton river\n\n"
        "Whenever Mara Odell posts new content, you'll get an email delivered to your inbox.\n\n"
        "Email notifications are only sent once a day.\n\n"
        "Two anglers were pulled from the Brenton river on Sunday, the fire chief said.\n\n"
        "The club sends email notifications to members when the river is high.\n"
    )
    cleaned = clean_dump(dump)
    assert cleaned.paragraphs == (
        "Two anglers were pulled from the Brenton river on Sunday, the fire chief said.",
        "The club sends email notifications to members when the river is high.",
    )
    assert "Email notifications are only sent once a day." in {r.text for r in cleaned.removed}
