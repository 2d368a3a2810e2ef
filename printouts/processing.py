"""The description of the processing (`walkin privacy describe --format pdf`), A4 with page numbers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from forms.profile import ServiceProfile
from printouts.layout import build, labelled, para

if TYPE_CHECKING:
    from workflows.processing import Description


def processing_pdf(description: Description, profile: ServiceProfile, language: str, printed_on: date) -> bytes:
    story: list[Flowable] = [para(profile.service.name.get(language), "subtitle"), para(description.title, "title")]
    for section in description.sections:
        story.append(para(section.heading, "heading"))
        story += [para(paragraph) for paragraph in section.paragraphs]
        story += [labelled(label, value) for label, value in section.rows]
    return build(story, profile, language, printed_on, title=description.title, kind="processing", numbered=True)
