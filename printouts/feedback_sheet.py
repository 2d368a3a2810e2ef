"""The feedback-instruction sheet (A4): numbered steps, a large QR code, the service code."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from forms.profile import ServiceProfile
from printouts.layout import BESIDE, QrCode, build, pen, texts

QR_SIZE = 45 * mm


def feedback_sheet(profile: ServiceProfile, language: str, printed_on: date) -> bytes:
    f = texts(language)["feedback"]
    w = pen(language)
    feedback = profile.feedback
    code = Table(
        [[QrCode(feedback.url, QR_SIZE),
          [w.para(f["address_label"], "strong"), w.para(feedback.short_url, "big"), Spacer(1, 4 * mm),
           w.para(f["code_label"], "strong"), w.para(feedback.service_code, "big")]]],
        colWidths=[QR_SIZE + 8 * mm, None], hAlign="LEFT", style=BESIDE,
    )
    story: list[Flowable] = [
        w.para(profile.service.name.get(language), "subtitle"),
        w.para(f["title"], "title"),
        w.bullets(f["steps"], numbered=True),
        Spacer(1, 4 * mm),
        code,
        Spacer(1, 4 * mm),
        w.para(f["anonymous"], "strong"),
        w.para(f["alternatives_heading"], "heading"),
        w.para(feedback.alternatives.get(language)),
    ]
    return build(story, profile, language, printed_on, title=f["title"], kind="feedback")
