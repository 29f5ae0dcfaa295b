"""Every user-facing text, in Finnish (default), Swedish and English, behind one lookup: `t(key, lang)`.

Qt-free and light (no heavy imports), so the core, the CLI, the widget and the self-review share it.
Texts live in one module per domain (widget, audio, listening, speech, spoken, review, common), each a
`key -> (fi, sv, en)` table; `lookup` merges them and refuses duplicate keys. `format` writes values
(clock, duration, percent, decimal, day, step names) the way each language does.
"""

from .format import clock, day, decimal, duration, nudge_label, percent, step_name
from .lookup import DEFAULT_LANGUAGE, DOMAINS, LANGUAGES, TEXTS, t

__all__ = ["DEFAULT_LANGUAGE", "DOMAINS", "LANGUAGES", "TEXTS", "clock", "day", "decimal", "duration",
           "nudge_label", "percent", "step_name", "t"]
