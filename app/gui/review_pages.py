"""How the review pane's page list names a page: its number, and whether it failed, is blank,
has words the OCR is unsure of, or was corrected by the user (marked ✎)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidgetItem

from app.core.results import PageResult, PageSource
from app.core.storage.corrections import Correction
from app.gui.review_text import low_confidence_count, page_plain

EDITED_MARK = "✎"
translate = QCoreApplication.translate


def label_page(
    item: QListWidgetItem, result: PageResult, correction: Correction | None, count_unsure: bool = True
) -> None:
    """Name ``result``'s row (the strings are the review pane's: its translation context);
    ``count_unsure`` False leaves the count of unsure words out (not worked out yet)."""
    label = translate("ReviewPane", "Page %1").replace("%1", str(result.page + 1))
    item.setData(Qt.ItemDataRole.ForegroundRole, Qt.GlobalColor.darkRed if result.failed else None)
    item.setToolTip("")
    if result.failed:
        item.setText(label + " ⚠")
    elif result.source is PageSource.BLANK:
        item.setText(translate("ReviewPane", "%1 (blank)").replace("%1", label))
        item.setForeground(Qt.GlobalColor.gray)
        item.setToolTip(translate("ReviewPane", "No text was found on this page: it looks blank."))
    elif correction is not None:
        item.setText(f"{label} {EDITED_MARK}")
        tip = translate("ReviewPane", "Edited: your text replaces the OCR text in every export.")
        if correction.base != page_plain(result):
            tip += " " + translate("ReviewPane", "The page was read again since; your text was kept.")
        item.setToolTip(tip)
    else:
        unsure = low_confidence_count(result) if count_unsure else 0
        item.setText(f"{label}  ({unsure})" if unsure else label)
    spoken = item.text() + (" " + translate("ReviewPane", "edited") if correction is not None else "")
    item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
