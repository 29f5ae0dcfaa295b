"""Expert vs client talk as one bar, with the current step's target zone bracketed on it.

Expert = solid fill from the left, client = hatch from the right, target = an outlined bracket; the
number and a shape (▲ above, ▼ below, ● within) say the same thing without colour. A quiet "≈" before
the number says the split is a guess (no voice profile yet, or the voices are still being learnt).
Label and number get the room their text needs in the current font: the number is never cut.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kohtaava_desk.companion import BalanceView
from kohtaava_desk.i18n import t

from .. import theme
from .base import PaintedView

ZONE_MARK = {"in": "●", "above": "▲", "below": "▼", None: ""}
WIDEST_VALUE = "≈ 100 % ▲"


def share_text(b: BalanceView, lang: str) -> str:
    if b.expert_share is None:
        return "–"
    return f"{round(100 * b.expert_share)} % {ZONE_MARK[b.zone]}"


class BalanceBar(PaintedView):
    def __init__(self, span: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.span = span
        """'step' or 'recent'."""
        self._b: BalanceView | None = None
        self._label = ""
        self._labels: tuple[str, ...] = ("",)
        """Both bars' labels: both reserve the wider one, so the two bars line up."""
        self._approx = False
        self._text = ""
        self.setAccessibleName(f"balance {span}")

    def _fonts(self):
        return theme.small_font(self.font(), -1), theme.small_font(self.font(), 0, bold=True)

    def label_width(self) -> int:
        fm = QFontMetrics(self._fonts()[0])
        return max(fm.horizontalAdvance(x) for x in (self._label, *self._labels)) + 6

    def value_width(self) -> int:
        return QFontMetrics(self._fonts()[1]).horizontalAdvance(WIDEST_VALUE) + 4

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.label_width() + self.value_width() + 160, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        h = max(QFontMetrics(self._fonts()[1]).height() + 4, 16)
        return QSize(self.label_width() + self.value_width() + 60, h)

    def show_balance(self, b: BalanceView, lang: str, window_s: float, calibrating: bool,
                     approx: bool = False, band: tuple[float, float] | None = None, enrol: bool = False) -> None:
        """``band``: the meeting's share band, told in the tooltip while the figure is a guess; ``enrol``:
        no voice profile yet, so the tooltip invites the expert to record one."""
        m = round(window_s / 60)
        labels = (t("balance.step", lang), t("balance.recent", lang, m=m))
        label = labels[0] if self.span == "step" else labels[1]
        share = None if b.expert_share is None else round(200 * b.expert_share)  # half-percent steps
        guess = (calibrating or approx) and b.expert_share is not None
        band_pp = None if band is None or not guess else (round(100 * band[0]), round(100 * band[1]))
        key = (label, share, round(100 * b.target_min), round(100 * b.target_max), guess, band_pp, enrol,
               theme.pal().name)
        if self.set_key(key):
            relabel = label != self._label
            self._b, self._label, self._labels, self._approx = b, label, labels, guess
            self._text = ("≈ " if guess else "") + share_text(b, lang)
            if relabel:
                self.updateGeometry()
            span = t("a11y.balance_span_step" if self.span == "step" else "a11y.balance_span_recent", lang, m=m)
            zone = t(f"zone.{b.zone}", lang) if b.zone else t("balance.none", lang)
            share_s = "–" if b.expert_share is None else f"{round(100 * b.expert_share)} %"
            target = t("balance.target", lang, lo=round(100 * b.target_min), hi=round(100 * b.target_max))
            desc = t("a11y.balance", lang, span=span, share=share_s, zone=zone, target=target)
            notes = [t("balance.approx", lang)] if guess else []
            if band_pp is not None:
                notes.append(t("balance.band", lang, lo=band_pp[0], hi=band_pp[1]))
            if enrol:
                notes.append(t("balance.enrol", lang))
            if notes:
                desc += " " + " ".join(notes)
            self.setAccessibleDescription(desc)
            self.setToolTip("\n".join([target, *notes]))

    def overflow(self) -> list[str]:
        """Texts that would not fit where they are drawn (tests: digits are never cut)."""
        small, value = self._fonts()
        out = []
        if QFontMetrics(small).horizontalAdvance(self._label) > self.label_width() - 4:
            out.append(self._label)
        if QFontMetrics(value).horizontalAdvance(self._text) > self.value_width() - 2:
            out.append(self._text)
        return out

    def draw(self) -> None:
        b = self._b
        if b is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = theme.pal().color
        small, value = self._fonts()
        w, h = float(self.width()), float(self.height())
        lw, vw = self.label_width(), self.value_width()
        p.setFont(small)
        p.setPen(c("muted"))
        p.drawText(QRectF(0, 0, lw - 4, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._label)
        bar = QRectF(lw + 0.5, 3.5, w - lw - vw - 1, h - 7)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c("track"))
        p.drawRect(bar)
        if b.expert_share is not None:
            split = bar.left() + bar.width() * b.expert_share
            p.setBrush(c("expert"))
            p.drawRect(QRectF(bar.left(), bar.top(), split - bar.left(), bar.height()))
            p.setBrush(theme.client_brush())
            p.drawRect(QRectF(split, bar.top(), bar.right() - split, bar.height()))
            # A pointer at the split makes the reading independent of the fills.
            p.setBrush(c("text"))
            p.drawPolygon(QPolygonF([QPointF(split - 3, bar.bottom() + 3.5), QPointF(split + 3, bar.bottom() + 3.5),
                                     QPointF(split, bar.bottom())]))
        # Target zone: a bracket drawn over the bar, thicker than any fill edge.
        z0 = bar.left() + bar.width() * b.target_min
        z1 = bar.left() + bar.width() * b.target_max
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(c("text"), 1.6))
        top, bot = bar.top() - 2.5, bar.bottom() + 2.5
        p.drawLine(QPointF(z0, top), QPointF(z0, bot))
        p.drawLine(QPointF(z1, top), QPointF(z1, bot))
        p.drawLine(QPointF(z0, top), QPointF(z1, top))
        p.setPen(QPen(c("outline"), 1))
        p.drawRect(bar)
        p.setFont(value)
        p.setPen(c("warn") if b.zone == "above" else c("text"))
        p.drawText(QRectF(w - vw + 2, 0, vw - 2, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                   self._text)
        p.end()
