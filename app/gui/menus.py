"""The window's commands (QActions) and where they appear: menu bar and toolbar.

The menus know the window only as a ``QMainWindow`` and a set of ``MenuCommands`` it hands in,
so this module never imports ``app.gui.window`` (no import circle between them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolButton, QWidget

from app.core.export.registry import format_label
from app.gui import i18n
from app.gui.export_actions import FORMATS, Format
from app.gui.shortcuts_dialog import plain_text, show_shortcuts


@dataclass(frozen=True)
class MenuCommands:
    """What the menus' actions do; the window provides each one."""

    add_files: Callable[[], object]
    add_folder: Callable[[], object]
    cancel_all: Callable[[], object]
    cancel_selected: Callable[[], object]
    remove_selected: Callable[[], object]
    #: Read the selected cancelled or failed documents again (from the cache; asks for passwords).
    retry_selected: Callable[[], object]
    #: Take every finished document off the list (and so off the list of recent documents).
    clear_finished: Callable[[], object]
    show_settings: Callable[[], object]
    export: Callable[[Format], object]
    #: Cancel and Remove act only while this widget (the job list) has focus.
    job_list: QWidget


class WindowMenus(QObject):
    """Builds the menu bar and toolbar of ``window`` and keeps the actions others enable."""

    def __init__(self, window: QMainWindow, commands: MenuCommands) -> None:
        super().__init__(window)
        self._window = window
        self._commands = commands
        self._make_actions()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | Qt.Key | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # Menus show the key beside the text on every platform (the shortcut list under Help too).
        action.setShortcutVisibleInContextMenu(True)
        if icon is not None:
            action.setIcon(self._window.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        w, do = self._window, self._commands
        pixmap = QStyle.StandardPixmap
        self.open_action = self._action(
            self.tr("&Add files…"),
            do.add_files,
            QKeySequence.StandardKey.Open,
            pixmap.SP_DialogOpenButton,
        )
        self.open_folder_action = self._action(
            self.tr("Add &folder…"), do.add_folder, QKeySequence("Ctrl+Shift+O"), pixmap.SP_DirOpenIcon
        )
        self.cancel_all_action = self._action(
            self.tr("Cancel &all"), do.cancel_all, None, pixmap.SP_BrowserStop
        )
        self.cancel_action = self._action(self.tr("&Cancel selected"), do.cancel_selected, Qt.Key.Key_Escape)
        self.remove_action = self._action(
            self.tr("&Remove from list"), do.remove_selected, QKeySequence.StandardKey.Delete
        )
        self.retry_action = self._action(self.tr("Re&try"), do.retry_selected, QKeySequence("Ctrl+R"))
        self.clear_finished_action = self._action(self.tr("C&lear finished documents"), do.clear_finished)
        for action in (self.cancel_action, self.remove_action, self.retry_action):
            # Only while the list has focus: Esc must still close dialogs, Delete edit the search box.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            do.job_list.addAction(action)
        self.settings_action = self._action(
            self.tr("&Settings…"), do.show_settings, _preferences_key(), pixmap.SP_FileDialogDetailedView
        )
        self.export_menu = QMenu(self.tr("&Export"), w)
        self.export_menu.setIcon(w.style().standardIcon(pixmap.SP_DialogSaveButton))
        for fmt in FORMATS:  # the core's registry, in its order
            label = format_label(fmt.name, i18n.shown_language()) + "…"
            action = self._action(label, partial(do.export, fmt))
            action.setData(fmt.name)
            if fmt.name == "txt":
                action.setShortcut(QKeySequence("Ctrl+E"))
            self.export_menu.addAction(action)
        quit_action = self._action(self.tr("&Quit"), w.close)
        # Set explicitly: QKeySequence.StandardKey.Quit is empty on Windows.
        quit_action.setShortcuts([QKeySequence("Ctrl+Q"), QKeySequence("Alt+F4")])
        self.quit_action = quit_action

        file_menu = w.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_folder_action)
        file_menu.addMenu(self.export_menu)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        jobs_menu = w.menuBar().addMenu(self.tr("&Documents"))
        for action in (self.retry_action, self.cancel_action, self.cancel_all_action, self.remove_action):
            jobs_menu.addAction(action)
        jobs_menu.addSeparator()
        jobs_menu.addAction(self.clear_finished_action)
        tools_menu = w.menuBar().addMenu(self.tr("&Tools"))
        tools_menu.addAction(self.settings_action)
        help_menu = w.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = self._action(
            self.tr("&User guide"),
            lambda: _guide(w),
            QKeySequence(Qt.Key.Key_F1),
            pixmap.SP_DialogHelpButton,
        )
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), lambda: show_shortcuts(w))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("&About Scriba"), lambda: _about(w)))

        toolbar = w.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.open_action)
        export_button = QToolButton(w)
        export_button.setMenu(self.export_menu)
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_button.setText(self.tr("Export"))
        export_button.setIcon(self.export_menu.icon())
        export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_button.setAccessibleName(self.tr("Export the selected documents"))
        export_button.setToolTip(self.tr("Export the selected documents"))
        self.export_button = export_button
        toolbar.addWidget(export_button)
        toolbar.addAction(self.cancel_all_action)
        toolbar.addSeparator()
        toolbar.addAction(self.settings_action)
        for action in (self.open_action, self.cancel_all_action, self.settings_action):
            action.setToolTip(_with_key(action))

    def export_controls(self) -> list[QAction | QWidget]:
        """What exports: the Export menu's entries (the court preset included once added), the
        menu itself and the toolbar button; the window enables them while there is something
        to export."""
        entries: list[QAction | QWidget] = [a for a in self.export_menu.actions() if not a.isSeparator()]
        return [*entries, self.export_menu.menuAction(), self.export_button]


def _about(window: QWidget) -> None:
    # Imported when asked for: its importlib.metadata (and the email package under it) would
    # otherwise be loaded before the window shows, for a box few people open.
    from app.gui.about import show_about

    show_about(window)


def _guide(window: QWidget) -> None:
    from app.gui.guide import show_guide

    show_guide(window)


def _with_key(action: QAction) -> str:
    """A toolbar tooltip that tells the key: ``Add files (Ctrl+O)``."""
    text = plain_text(action.text())
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({key})" if key else text


def _preferences_key() -> QKeySequence:
    """The platform's key for settings; Qt defines one on macOS only (Cmd+,), so Windows and
    Linux get Ctrl+, the key LibreOffice, VS Code and browsers use there."""
    standard = QKeySequence(QKeySequence.StandardKey.Preferences)
    return standard if not standard.isEmpty() else QKeySequence("Ctrl+,")
