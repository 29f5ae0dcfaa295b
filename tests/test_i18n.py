"""The one text table: every key in fi, sv and en, nothing empty, the same placeholders everywhere, no key
defined twice, every key the code asks for present; and the helpers that write values per language."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import kohtaava_desk.i18n as i18n
from kohtaava_desk.i18n import DOMAINS, LANGUAGES, TEXTS, clock, day, decimal, duration, percent, step_name, t
from kohtaava_desk.i18n.lookup import merge
from kohtaava_desk.meeting import STEPS

ROOT = Path(__file__).resolve().parents[1]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_three_non_empty_texts():
    assert LANGUAGES == ("fi", "sv", "en")
    bad = {k: v for k, v in TEXTS.items() if len(v) != 3 or not all(isinstance(x, str) and x.strip() for x in v)}
    assert bad == {}


def test_placeholders_match_across_languages():
    bad = [key for key, (fi, sv, en) in TEXTS.items() if not _fields(fi) == _fields(sv) == _fields(en)]
    assert bad == []


def test_the_table_is_every_domain_with_no_key_defined_twice():
    # Every module of the package that holds texts takes part in the merge, and nothing got lost in it.
    modules = {m.name: importlib.import_module(f"kohtaava_desk.i18n.{m.name}") for m in pkgutil.iter_modules(i18n.__path__)}
    holders = {name for name, mod in modules.items() if getattr(mod, "TEXTS", TEXTS) is not TEXTS}
    assert holders == {d.__name__.rsplit(".", 1)[-1] for d in DOMAINS}
    assert len(TEXTS) == sum(len(d.TEXTS) for d in DOMAINS)
    for d in DOMAINS:
        for key, texts in d.TEXTS.items():
            assert TEXTS[key] is texts


def test_merging_refuses_a_key_defined_in_two_domains():
    a = SimpleNamespace(__name__="kohtaava_desk.i18n.first", TEXTS={"x.same": ("a", "b", "c")})
    b = SimpleNamespace(__name__="kohtaava_desk.i18n.second", TEXTS={"x.same": ("d", "e", "f")})
    with pytest.raises(ValueError, match=r"'x\.same'.*first\.py.*second\.py"):
        merge((a, b))
    broken = SimpleNamespace(__name__="kohtaava_desk.i18n.broken", TEXTS={"x.two": ("a", "b")})
    with pytest.raises(ValueError, match=r"broken\.py.*'x\.two'"):
        merge((broken,))


def test_lookup_fills_values_and_falls_back_to_finnish():
    assert t("time.remaining", "en", time="3:00") == "3:00 left"
    assert t("time.remaining", "de", time="3:00") == t("time.remaining", "fi", time="3:00") == "3:00 jäljellä"
    assert t("time.remaining", None, time="3:00") == "3:00 jäljellä"
    assert t("speech.ready", "sv", rate=16000, seconds=1.25) == "Talmodellen är klar (16000 Hz, 1.2 s)"
    assert t("btn.start") == "Aloita"


def test_a_missing_key_raises_naming_it():
    with pytest.raises(KeyError, match="no.such.key"):
        t("no.such.key", "en")


def _asked_keys(path: Path):
    """(key or f-string prefix, is_prefix, line) of every t("…") call in a source file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield arg.value, False, node.lineno
            elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                yield arg.values[0].value, True, node.lineno


def test_every_key_the_code_asks_for_exists():
    files = [p for d in ("kohtaava_desk", "ui") for p in (ROOT / d).rglob("*.py")]
    missing = []
    for path in files:
        for key, is_prefix, line in _asked_keys(path):
            found = any(k.startswith(key) for k in TEXTS) if is_prefix else key in TEXTS
            if not found:
                missing.append(f"{path.relative_to(ROOT)}:{line}: {key}")
    assert missing == []


@pytest.mark.slow
def test_importing_the_texts_loads_nothing_heavy():
    code = ("import sys, kohtaava_desk.i18n\n"
            "heavy = ('PySide6', 'shiboken6', 'numpy', 'vosk', 'sounddevice', 'pyttsx3', 'webrtcvad', 'sqlite3')\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in heavy))\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]"


def test_every_step_has_one_name_in_every_language():
    for lang in LANGUAGES:
        names = [step_name(s, lang) for s in STEPS]
        assert len(set(names)) == 4
        assert all(step_name(s, lang, short=True) for s in STEPS)
    assert step_name("hyvastely", "sv") == step_name(STEPS[-1], "sv") == "Avslutning"


def test_clock_format():
    assert clock(0) == "0:00"
    assert clock(59.9) == "0:59"
    assert clock(61) == "1:01"
    assert clock(3725) == "1:02:05"
    assert clock(-5) == "0:00"


def test_number_formats_follow_the_language():
    assert percent(0.346, "fi") == "35 %" and percent(0.346, "en") == "35%"
    assert percent(None, "sv") == "–"
    assert decimal(2.25, "fi") in ("2,2", "2,3")
    assert decimal(1.5, "en") == "1.5"
    assert duration(75, "fi") == "1:15" and duration(3725, "en") == "1:02:05"
    assert duration(-30, "fi") == "−0:30" and duration(None, "fi") == "–"
    assert day(date(2026, 11, 2), "fi") == "2.11.2026" and day(date(2026, 11, 2), "sv") == "2.11.2026"
