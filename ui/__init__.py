"""PySide6 front end (installed as kohtaava_desk.ui)."""
