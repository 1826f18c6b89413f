"""The window fits a laptop's screen in either language: 1366 px wide at 125 % scaling leaves
1093 px, and only file names may give way (elided), never a label or a button."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.gui import i18n
from tests.gui.clipping import assert_nothing_clipped

#: 1366 px at 125 %: the narrowest common office screen, in Qt's logical pixels.
LAPTOP_WIDTH = 1093


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_the_window_with_its_review_pane_fits_a_laptop(
    language: str, qapp: QApplication, make_window, letter_pdf
) -> None:
    installed = i18n.install_translators(qapp, language)
    try:
        # Given the window showing the job list and the review pane, with a long file name
        long_name = letter_pdf.with_name(
            "Processo 0001234-56.2024.8.26.0100 - petição inicial e documentos.pdf"
        )
        letter_pdf.rename(long_name)
        window = make_window([long_name])
        window.stack.setCurrentIndex(1)
        qapp.processEvents()
        # Then it can be as narrow as the laptop's screen
        assert window.minimumSizeHint().width() <= LAPTOP_WIDTH
        window.resize(LAPTOP_WIDTH, 700)
        window.review.title.setText(long_name.name)
        qapp.processEvents()
        # And at that width nothing but the file name gives way: it keeps its whole name as a tooltip
        assert_nothing_clipped(window.review, ("reviewTitle",))
        assert window.review.title.toolTip() == long_name.name
        assert window.review.title.text() != long_name.name and "…" in window.review.title.text()
        # And the search box shows its whole placeholder ("Pesquisar em todas as páginas (Ctrl+F)")
        search = window.review.search
        assert search.fontMetrics().horizontalAdvance(search.placeholderText()) + 30 < search.width()
    finally:
        i18n.remove_translators(qapp, installed)
