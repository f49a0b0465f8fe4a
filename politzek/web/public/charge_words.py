"""A charge in the page's language: "ч. 2 ст. 342 УК РБ" on /ru/, "ч. 2 арт. 342 КК РБ" on /be/,
"art. 342 part 2, CC of Belarus" on the English page, instead of the stored code "BY-CC 342
part 2". Codes nobody named here (a list's own "AZ-CC", "IR-IPC") are shown as written, marked
as data; so is an article title in a language other than the page's."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from politzek.registry.article_titles import article_title, split_charge, title_language

# The codes' short names as each language's press and courts write them.
CODE_NAMES = {
    "BY-CC": pgettext_lazy("criminal code", "CC of Belarus"),
    "RU-CC": pgettext_lazy("criminal code", "CC of Russia"),
    "UA-CC": pgettext_lazy("criminal code", "CC of Ukraine"),
    "BY-CAO": pgettext_lazy("code of administrative offences", "CAO of Belarus"),
    "RU-CAO": pgettext_lazy("code of administrative offences", "CAO of Russia"),
}


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def charge_name(text: str) -> SafeString:
    """The charge's article and code in the page's language ("" for an empty text)."""
    code, article, part = split_charge(text)
    name = CODE_NAMES.get(code)
    if name is None or not article:
        return format_html('<span translate="no">{}</span>', text)
    if part:
        return format_html(_("art. {article} part {part}, {code}"), article=article, part=part, code=name)
    return format_html(_("art. {article}, {code}"), article=article, code=name)


def charge_with_title(text: str, label: str = "") -> SafeString:
    """The charge's name, the article's published title (in the page's language, else the
    code's own language, marked as such) and the file's own label when it says more."""
    code, article, _part = split_charge(text)
    shown = charge_name(text)
    title = article_title(code, article, _language())
    if title:
        language = title_language(code, article, _language())
        if language == _language():
            shown = format_html("{} — {}", shown, title)
        else:
            shown = format_html('{} — <span lang="{}" translate="no">{}</span>', shown, language, title)
    if label and label != title:
        shown = format_html('{} (<span translate="no">{}</span>)', shown, label)
    return shown
