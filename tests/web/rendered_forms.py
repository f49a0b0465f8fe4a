"""What a browser sends when a user presses a form's button without touching anything: the
form's fields read from the page as HTML's form-submission rules say (checked boxes only, a
select's selected options or else its first, textareas with CRLF line ends, no disabled or
unnamed fields, only the pressed button). Used to submit pages exactly as rendered."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.forms_seen = 0
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.buttons: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            if (self.form_id is None and self.forms_seen == 0) or (
                    self.form_id is not None and a.get("id") == self.form_id):
                self.inside = True
            self.forms_seen += 1
            return
        if not self.inside:
            return
        if tag == "input":
            self._input(a)
        elif tag == "button" and "name" in a and "disabled" not in a:
            if a.get("type", "submit") == "submit":
                self.buttons.append((a["name"], a.get("value", "")))
        elif tag == "select" and "name" in a and "disabled" not in a:
            self._select = {"name": a["name"], "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a,
                            "disabled": "disabled" in a, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea" and "name" in a and "disabled" not in a:
            self._textarea = {"name": a["name"], "text": ""}

    def _input(self, a: dict[str, str]) -> None:
        name = a.get("name")
        kind = a.get("type", "text").lower()
        if not name or "disabled" in a or kind in ("reset", "button", "image"):
            return
        if kind == "submit":
            self.buttons.append((name, a.get("value", "")))
        elif kind in ("checkbox", "radio"):
            if "checked" in a:
                self.fields.append((name, a.get("value", "on")))
        elif kind == "file":
            return  # an empty file part: Django reads no file, as when nothing is chosen
        else:
            self.fields.append((name, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            self._finish_select(self._select)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            text = text[1:] if text.startswith("\n") else text  # the parser's first-newline rule
            self.fields.append((self._textarea["name"], text.replace("\r\n", "\n").replace("\n", "\r\n")))
            self._textarea = None

    def _finish_select(self, select: dict) -> None:
        options = [o for o in select["options"] if not o["disabled"]]
        chosen = [o for o in options if o["selected"]]
        if not chosen and not select["multiple"] and options:
            chosen = options[:1]  # a single select shows, and sends, its first option
        if not select["multiple"]:
            chosen = chosen[-1:]
        for option in chosen:
            value = option["value"] if option["value"] is not None else option["text"].strip()
            self.fields.append((select["name"], value))


def submitted_fields(page: str, form_id: str | None = None, button: str | None = None) -> dict[str, list[str]]:
    """The fields a browser sends for the form `form_id` (else the page's first form) when the
    button named `button` is pressed (else its first submit button)."""
    reader = _FormReader(form_id)
    reader.feed(page)
    if reader.forms_seen == 0:
        raise AssertionError("the page has no form")
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    pressed = [(n, v) for n, v in reader.buttons if button is None or n == button][:1]
    for name, value in pressed:
        data.setdefault(name, []).append(value)
    return data
