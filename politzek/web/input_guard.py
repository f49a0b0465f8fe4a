"""Refuses requests that carry a NUL character in the path, a query parameter or an API JSON
body. PostgreSQL cannot store or compare text with NUL, so such a value would otherwise end
as a server error deep inside a query; here it is a clear 4xx naming the parameter, for every
page, download and API endpoint at once."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

NUL = "\x00"


def _offending_parameter(request: HttpRequest) -> str | None:
    if NUL in request.path:
        return "path"
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return name.replace(NUL, "\\0")
    is_json = request.content_type == "application/json"
    if is_json and (b"\\u0000" in request.body or b"\x00" in request.body):
        return "body"
    return None


class RefuseNulCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        parameter = _offending_parameter(request)
        if parameter is None:
            return self.get_response(request)
        message = f"{parameter}: contains a NUL character (\\0), which no value here may hold"
        if request.path.startswith("/api/"):
            # The API's answer to bad input is 422, as for any other invalid parameter.
            return JsonResponse({"detail": message}, status=422)
        return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")



