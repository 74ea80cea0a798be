"""Errors of the API as JSON with German messages: ``{"detail": "…"}`` (plus ``errors``
for invalid input, each naming the parameter and the reason)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, ValidationError


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    feld: str
    grund: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


_REASONS = {
    "missing": "fehlt",
    "int_parsing": "ist keine ganze Zahl",
    "float_parsing": "ist keine Zahl",
    "bool_parsing": "ist kein Wahrheitswert (true/false)",
    "greater_than_equal": "ist zu klein",
    "less_than_equal": "ist zu groß",
    "enum": "ist kein erlaubter Wert",
    "literal_error": "ist kein erlaubter Wert",
    "string_too_long": "ist zu lang",
    "string_too_short": "ist zu kurz",
    "date_from_datetime_parsing": "ist kein Datum (JJJJ-MM-TT)",
    "date_parsing": "ist kein Datum (JJJJ-MM-TT)",
}


def _field(loc) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    # Query schemas are nested one level ("filters"); the client knows only the leaf name.
    return parts[-1] if parts else "Anfrage"


def german_validation_errors(errors: list[dict]) -> list[dict]:
    out = []
    for err in errors:
        reason = _REASONS.get(err.get("type", ""), "ist ungültig")
        ctx = err.get("ctx") or {}
        if "ge" in ctx:
            reason = f"muss mindestens {ctx['ge']} sein"
        elif "le" in ctx:
            reason = f"darf höchstens {ctx['le']} sein"
        elif "expected" in ctx:
            reason = f"ist kein erlaubter Wert (erlaubt: {ctx['expected']})"
        out.append({"feld": _field(err.get("loc", ())), "grund": reason})
    return out


def install(api) -> None:
    """Register the German error handlers on the NinjaAPI instance."""

    @api.exception_handler(ValidationError)
    def _invalid(request, exc):
        errors = german_validation_errors(exc.errors)
        summary = "; ".join(f"{e['feld']} {e['grund']}" for e in errors)
        return api.create_response(
            request, {"detail": f"Ungültige Angaben: {summary}", "errors": errors}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        response = api.create_response(
            request,
            {
                "detail": "Anmeldung erforderlich: Senden Sie einen gültigen API-Schlüssel "
                "im Kopf „Authorization: Bearer <Schlüssel>“."
            },
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="bildungsnetz"'
        return response

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        message = str(exc) or "Ihr Konto hat für diese Daten keine Berechtigung."
        return api.create_response(request, {"detail": message}, status=403)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        message = str(exc) or "Nicht gefunden."
        return api.create_response(request, {"detail": message}, status=404)
