"""Charts drawn on the server as SVG: no chart service, no JavaScript.

Each chart carries a title and a description for screen readers; pages should also
offer the figures as a table.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#0b5cad", "#1d6b38", "#b3122f", "#8a5a00", "#5b3f99", "#0a7c86")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _n(value: float) -> str:
    return f"{value:.1f}"


def _fmt(value: float) -> str:
    if value is None:
        return "—"
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    width: int = 720,
    height: int = 320,
) -> SafeString:
    """Grouped vertical bars, one group per label."""
    left, right, top, bottom = 64, 16, 28, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for s in series for v in s.values if v is not None), default=0)
    top_value = _nice_max(peak)
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-t {}-d" '
            'xmlns="http://www.w3.org/2000/svg">',
            width,
            height,
            id(series),
            id(series),
        ),
        format_html('<title id="{}-t">{}</title>', id(series), title),
        format_html(
            '<desc id="{}-d">{}</desc>',
            id(series),
            "; ".join(
                f"{s.name}: "
                + ", ".join(
                    f"{lab} {_fmt(v)}{(' ' + unit) if unit else ''}"
                    for lab, v in zip(labels, s.values, strict=False)
                )
                for s in series
            ),
        ),
    ]
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d5dbe1"/>',
                left,
                width - right,
                y,
                y,
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#4f5863">{}</text>',
                left - 6,
                y + 4,
                _fmt(top_value * i / 4),
            )
        )
    groups = max(len(labels), 1)
    group_w = plot_w / groups
    bar_w = group_w * 0.8 / max(len(series), 1)
    for g, label in enumerate(labels):
        x0 = left + g * group_w + group_w * 0.1
        for k, s in enumerate(series):
            value = s.values[g] if g < len(s.values) else None
            if value is None:
                continue
            h = plot_h * value / top_value
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                    _n(x0 + k * bar_w),
                    _n(top + plot_h - h),
                    _n(max(bar_w - 2, 1)),
                    _n(h),
                    PALETTE[k % len(PALETTE)],
                    f"{s.name} {label}",
                    _fmt(value),
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#1b1f24">{}</text>',
                _n(left + g * group_w + group_w / 2),
                height - bottom + 18,
                label,
            )
        )
    if unit:
        parts.append(
            format_html(
                '<text x="8" y="16" font-size="12" fill="#4f5863">{}</text>', unit
            )
        )
    if len(series) > 1:
        x = left
        for k, s in enumerate(series):
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12">{}</text>',
                    x,
                    height - 16,
                    PALETTE[k % len(PALETTE)],
                    x + 16,
                    height - 6,
                    s.name,
                )
            )
            x += 24 + 7 * len(s.name)
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))


def data_table(
    labels: Sequence[str], series: Sequence[Series], *, caption: str, unit: str = ""
) -> SafeString:
    """The chart's figures as an accessible table."""
    head = "".join(f'<th scope="col" class="num">{escape(s.name)}</th>' for s in series)
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(
            f'<td class="num">{escape(_fmt(s.values[i]) if i < len(s.values) else "—")}</td>'
            for s in series
        )
        + "</tr>"
        for i, label in enumerate(labels)
    )
    unit_text = f" ({escape(unit)})" if unit else ""
    return mark_safe(
        f'<div class="table-wrap"><table class="table"><caption class="visually-hidden">{escape(caption)}{unit_text}</caption>'
        f'<thead><tr><th scope="col"></th>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    )
