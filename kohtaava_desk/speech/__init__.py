"""Offline speech recognition with Vosk: model checking and loading, the recogniser worker.

Only the expert's speech is ever fed here, and recognised text is handed on, never stored or logged.
Heavy imports (vosk) happen inside the functions that need them.
"""
