"""Reads of the school register."""

from django.db.models import Q

from .models import School


def search_schools(query: str):
    qs = School.objects.select_related("schulform", "region")
    query = (query or "").strip()
    if not query:
        return qs
    if query.isdigit() and len(query) == 6:
        return qs.filter(schulnummer=query)
    cond = Q()
    for word in query.split():
        cond &= (
            Q(name__icontains=word)
            | Q(ort__icontains=word)
            | Q(strasse__icontains=word)
            | Q(plz__startswith=word)
        )
    return qs.filter(cond)


def get_school(schulnummer: str) -> School:
    return School.objects.select_related(
        "schulform", "region__schulamt", "regierungsbezirk", "gemeinde"
    ).get(schulnummer=schulnummer)
