"""Ask for the passwords of protected PDFs, one dialog at a time, never blocking the queue."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class PasswordDialog(QDialog):
    def __init__(self, name: str, retry: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password required"))
        message = QLabel(
            self.tr("“%1” is protected by a password. Enter it to read the document.").replace("%1", name)
        )
        message.setWordWrap(True)
        self.retry_label = QLabel(self.tr("That password is not correct. Try again."))
        self.retry_label.setObjectName("error")
        self.retry_label.setVisible(retry)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Password"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Skip this document"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.retry_label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def password(self) -> str:
        return self.field.text()


class PasswordPrompter(QObject):
    """Queues password requests so two protected files never stack two modal dialogs."""

    #: ``(job_id, password)`` when the user entered one.
    answered = Signal(int, str)
    #: ``job_id`` when the user skipped the document instead.
    skipped = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._queue: deque[tuple[int, str, bool]] = deque()
        self.dialog: PasswordDialog | None = None  # the one showing, for tests and shutdown

    @Slot(int, str, bool)
    def ask(self, job_id: int, name: str, retry: bool) -> None:
        self._queue.append((job_id, name, retry))
        if self.dialog is None:
            self._next()

    def close(self) -> None:
        for job_id, _name, _retry in self._queue:
            self.skipped.emit(job_id)
        self._queue.clear()
        if self.dialog is not None:
            self.dialog.reject()

    def _next(self) -> None:
        if not self._queue:
            return
        job_id, name, retry = self._queue.popleft()
        dialog = PasswordDialog(name, retry, self._parent)
        self.dialog = dialog
        dialog.finished.connect(
            lambda result, job_id=job_id, dialog=dialog: self._finished(job_id, dialog, result)
        )
        dialog.open()  # window-modal and asynchronous: progress keeps painting behind it

    def _finished(self, job_id: int, dialog: PasswordDialog, result: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and dialog.password():
            self.answered.emit(job_id, dialog.password())
        else:
            self.skipped.emit(job_id)
        self._next()
