"""Pages for signed-in accounts: drafting and moving agreements, documents, institutions,
offers, contacts, verification, import, white spots.

Every object is fetched through a scoped selector (404 outside the user's view), every
write view asks a predicate from ``rules`` (403) and calls a service, which checks again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ...core.errors import DomainError
from ...core.exports import csv_response, dated_filename, xlsx_response
from ...core.rules import is_land_admin
from ...regions.models import Region
from .. import selectors, services
from ..agreement import agreement_docx, agreement_sections, signature_rows, template_texts
from ..forms import (
    ContactForm,
    ContactsHandoverForm,
    ImportForm,
    InstitutionForm,
    OfferForm,
    PartnershipForm,
    SchulkonferenzForm,
    SignForm,
    WhiteSpotForm,
)
from ..importers import ImportFileError, import_institutions
from ..models import Institution, InstitutionContact, LearningOffer, Partnership
from ..rules import (
    can_act_as_party,
    can_edit_partnership,
    can_import_institutions,
    can_manage_institution,
    can_record_schulkonferenz,
    can_sign,
    can_transition,
    can_verify_institution,
    can_view_white_spots,
    institution_ids,
    is_institution_party,
    is_partnership_office,
    is_partnership_party,
    is_school_party,
    office_region_ids,
)

SIDE_CHOICES = {
    "schule": gettext_lazy("Schule"),
    "einrichtung": gettext_lazy("Einrichtung"),
    "dritter": gettext_lazy("Dritter Partner"),
}
TRANSITION_MESSAGES = {
    "submit": gettext_lazy("Die Vereinbarung wurde eingereicht."),
    "register": gettext_lazy("Die Bildungspartnerschaft ist registriert."),
    "return": gettext_lazy("Die Vereinbarung wurde zur Überarbeitung zurückgegeben."),
    "publish": gettext_lazy("Die Bildungspartnerschaft steht jetzt in „Wir sind dabei“."),
    "pause": gettext_lazy("Die Bildungspartnerschaft ruht."),
    "resume": gettext_lazy("Die Bildungspartnerschaft ist wieder aufgenommen."),
    "end": gettext_lazy("Die Bildungspartnerschaft ist beendet."),
}


def _apply_error(form, exc: DomainError) -> None:
    if exc.code == "forbidden":
        raise PermissionDenied(exc.message)
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _partnership(request, pk: int) -> Partnership:
    return selectors.get_partnership_for_user(request.user, pk)


def _institution(pk: int) -> Institution:
    inst = Institution.objects.select_related("region").filter(pk=pk).first()
    if inst is None:
        raise Http404
    return inst


# --- My area -----------------------------------------------------------------------------


@login_required
@require_safe
def my_partnerships(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnerships = list(selectors.partnerships_for_user(user).order_by("state", "-updated")[:200])
    return render(
        request,
        "partners/my_partnerships.html",
        {
            "partnerships": partnerships,
            "institutions": list(selectors.institutions_for_user(user).order_by("name")[:200]),
            "pending": list(selectors.pending_institutions(user)[:100])
            if (is_land_admin(user) or office_region_ids(user))
            else [],
            "can_start": selectors.schools_for_user(user).exists()
            or bool(selectors.institutions_for_user(user).exists()),
            "can_import": can_import_institutions(user),
            "can_white_spots": can_view_white_spots(user),
        },
    )


# --- Partnerships -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    schools = selectors.schools_for_user(user)
    if not (schools.exists() or institution_ids(user) or office_region_ids(user)):
        raise PermissionDenied
    preselect_inst = _int(request.GET.get("einrichtung"))
    initial = {k: str(v) for k, v in template_texts().items()}
    if preselect_inst:
        initial["institution"] = preselect_inst
    nr = request.GET.get("schule")
    if nr:
        school = schools.filter(schulnummer=nr).first()
        if school:
            initial["school"] = school.pk
    if schools.count() == 1:
        initial.setdefault("school", schools.first().pk)
    form = PartnershipForm(
        request.POST or None,
        user=user,
        schools=schools if schools.exists() else _partner_schools(user, nr),
        preselect=[preselect_inst, _int(request.POST.get("institution"))],
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            p = services.create_partnership(
                acting_user=user,
                school=d["school"],
                institution=d["institution"],
                third_institution=d["third_institution"],
                data={k: d[k] for k in services.PARTNERSHIP_FIELDS},
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Der Entwurf der Vereinbarung wurde angelegt."))
            return redirect(p)
    return render(request, "partners/partnership_form.html", {"form": form, "p": None})


def _partner_schools(user, schulnummer: str | None):
    """Institution accounts choose among the open schools of their institutions' regions
    (or the school preselected from the partner search); the service checks the right."""
    from django.db.models import Q

    from ...schools.models import School

    regions = Institution.objects.filter(pk__in=institution_ids(user)).values("region_id")
    cond = Q(region_id__in=regions) | Q(schulnummer=schulnummer or "-")
    return School.objects.schools().open().filter(cond).order_by("name", "schulnummer")


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = _partnership(request, pk)
    if not can_edit_partnership(request.user, p):
        raise PermissionDenied
    form = PartnershipForm(
        request.POST or None,
        instance=p if request.method == "GET" else Partnership.objects.get(pk=p.pk),
        user=request.user,
        schools=selectors.schools_for_user(request.user),
        editing=True,
        preselect=[p.institution_id, p.third_institution_id],
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_partnership(
                p,
                acting_user=request.user,
                data={k: d[k] for k in services.PARTNERSHIP_FIELDS},
                third_institution=d["third_institution"],
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect(p)
    return render(request, "partners/partnership_form.html", {"form": form, "p": p})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_sign(request: HttpRequest, pk: int) -> HttpResponse:
    p = _partnership(request, pk)
    sides = [(s, SIDE_CHOICES[s]) for s in p.sides if can_sign(request.user, p, s)]
    if not sides:
        raise PermissionDenied
    open_sides = [(s, label) for s, label in sides if not any(p.signature(s))]
    form = SignForm(
        request.POST or None,
        sides=open_sides or sides,
        initial={"side": request.GET.get("seite")},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.sign_partnership(
                p,
                acting_user=request.user,
                side=d["side"],
                signer=d["signer"],
                signed_on=d["signed_on"],
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Unterschrift wurde erfasst."))
            return redirect(p)
    return render(
        request, "partners/partnership_step.html", _step(p, form, _("Unterschrift erfassen"))
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_schulkonferenz(request: HttpRequest, pk: int) -> HttpResponse:
    p = _partnership(request, pk)
    if not can_record_schulkonferenz(request.user, p):
        raise PermissionDenied
    form = SchulkonferenzForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_schulkonferenz(
                p,
                acting_user=request.user,
                consent_date=form.cleaned_data["schulkonferenz_date"],
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Zustimmung der Schulkonferenz wurde erfasst."))
            return redirect(p)
    title = _("Zustimmung der Schulkonferenz erfassen")
    return render(request, "partners/partnership_step.html", _step(p, form, title))


def _step(p, form, title):
    return {"p": p, "form": form, "title": title}


@login_required
@require_POST
def partnership_transition(request: HttpRequest, pk: int) -> HttpResponse:
    p = _partnership(request, pk)
    verb = request.POST.get("verb", "")
    if not can_transition(request.user, p, verb):
        raise PermissionDenied
    try:
        services.transition_partnership(
            p, acting_user=request.user, verb=verb, note=request.POST.get("notiz", "")
        )
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, str(TRANSITION_MESSAGES[verb]))
    return redirect(p)


@login_required
@require_POST
def partnership_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    p = _partnership(request, pk)
    if not can_act_as_party(request.user, p):
        raise PermissionDenied
    try:
        services.confirm_active(p, acting_user=request.user)
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Danke! Die Partnerschaft ist als aktiv bestätigt."))
    return redirect(p)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_contacts_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Contact handover in any state but "beendet", without touching the signatures."""
    p = _partnership(request, pk)
    user = request.user
    sides = set()
    if is_partnership_office(user, p) or is_school_party(user, p):
        sides.add("schule")
    if is_partnership_office(user, p) or is_institution_party(user, p):
        sides.add("einrichtung")
    if not sides or p.state == "beendet":
        raise PermissionDenied
    form = ContactsHandoverForm(
        request.POST or None,
        sides=sides,
        initial={"school_contact": p.school_contact, "institution_contact": p.institution_contact},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_contacts(p, acting_user=user, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Ansprechpersonen wurden gespeichert."))
            return redirect(p)
    title = _("Ansprechpersonen wechseln")
    return render(request, "partners/partnership_step.html", _step(p, form, title))


def _document_guard(request, pk) -> Partnership:
    p = _partnership(request, pk)
    if not (is_partnership_party(request.user, p) or is_partnership_office(request.user, p)):
        raise PermissionDenied
    return p


@login_required
@require_safe
def partnership_docx(request: HttpRequest, pk: int) -> HttpResponse:
    p = _document_guard(request, pk)
    response = HttpResponse(
        agreement_docx(p),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="kooperationsvereinbarung-{p.pk}.docx"'
    return response


@login_required
@require_safe
def partnership_print(request: HttpRequest, pk: int) -> HttpResponse:
    p = _document_guard(request, pk)
    return render(
        request,
        "partners/agreement_print.html",
        {"p": p, "sections": agreement_sections(p), "signatures": signature_rows(p)},
    )


# --- Institutions, contacts, offers ------------------------------------------------------


def _institution_form_data(d) -> dict:
    return {k: d[k] for k in InstitutionForm.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request: HttpRequest) -> HttpResponse:
    if not can_import_institutions(request.user):
        raise PermissionDenied
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            inst = services.create_institution(
                acting_user=request.user,
                data=_institution_form_data(d),
                lat=d["lat"],
                lon=d["lon"],
                region=d["region"],
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Einrichtung wurde angelegt."))
            return redirect(inst)
    return render(request, "partners/institution_form.html", {"form": form, "inst": None})


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inst = _institution(pk)
    if not can_manage_institution(request.user, inst):
        raise PermissionDenied
    initial = {"region": inst.region_id}
    if inst.geocode_method == "import":
        initial.update(lat=inst.lat, lon=inst.lon)
    form = InstitutionForm(
        request.POST or None,
        instance=None,
        initial={**{k: getattr(inst, k) for k in InstitutionForm.Meta.fields}, **initial},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_institution(
                inst,
                acting_user=request.user,
                data=_institution_form_data(d),
                lat=d["lat"],
                lon=d["lon"],
                region=d["region"],
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect(inst)
    return render(request, "partners/institution_form.html", {"form": form, "inst": inst})


@login_required
@require_POST
def institution_verify(request: HttpRequest, pk: int) -> HttpResponse:
    inst = _institution(pk)
    if not can_verify_institution(request.user, inst):
        raise PermissionDenied
    try:
        services.verify_institution(inst, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Die Einrichtung ist geprüft und erscheint in der Suche."))
    return redirect(request.POST.get("weiter") == "liste" and "partners:mine" or inst)


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _contact_form(request, _institution(pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int, contact_id: int) -> HttpResponse:
    inst = _institution(pk)
    contact = InstitutionContact.objects.filter(pk=contact_id, institution=inst).first()
    if contact is None:
        raise Http404
    return _contact_form(request, inst, contact)


def _contact_form(request, inst, contact):
    if not can_manage_institution(request.user, inst):
        raise PermissionDenied
    initial = {f: getattr(contact, f) for f in services.CONTACT_FIELDS} if contact else {}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contact(
                inst, acting_user=request.user, data=form.cleaned_data, contact=contact
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Die Ansprechperson wurde gespeichert."))
            return redirect(inst)
    title = _("Ansprechperson bearbeiten") if contact else _("Ansprechperson hinzufügen")
    return render(
        request, "partners/simple_form.html", {"form": form, "inst": inst, "title": title}
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _offer_form(request, _institution(pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int, offer_id: int) -> HttpResponse:
    inst = _institution(pk)
    offer = LearningOffer.objects.filter(pk=offer_id, institution=inst).first()
    if offer is None:
        raise Http404
    return _offer_form(request, inst, offer)


def _offer_form(request, inst, offer):
    if not can_manage_institution(request.user, inst):
        raise PermissionDenied
    form = OfferForm(request.POST or None, instance=None, initial=_offer_initial(offer))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.save_offer(
                inst,
                acting_user=request.user,
                data={k: d[k] for k in services.OFFER_FIELDS},
                schulformen=d["schulformen"],
                offer=offer,
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Das Lernangebot wurde gespeichert."))
            return redirect(inst)
    title = _("Lernangebot bearbeiten") if offer else _("Lernangebot anlegen")
    return render(
        request, "partners/simple_form.html", {"form": form, "inst": inst, "title": title}
    )


def _offer_initial(offer) -> dict:
    if offer is None:
        return {}
    initial = {f: getattr(offer, f) for f in services.OFFER_FIELDS}
    initial["schulformen"] = list(offer.schulformen.values_list("pk", flat=True))
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def institution_import(request: HttpRequest) -> HttpResponse:
    if not can_import_institutions(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_institutions(
                upload.read(),
                upload.name,
                acting_user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        except DomainError as exc:
            _apply_error(form, exc)
    return render(request, "partners/institution_import.html", {"form": form, "report": report})


# --- White spots --------------------------------------------------------------------------


def _white_spot_regions(user):
    regions = Region.objects.order_by("name")
    if is_land_admin(user):
        return list(regions)
    return list(regions.filter(pk__in=office_region_ids(user)))


WHITE_SPOT_HEADER = (
    "Schulnummer",
    "Schule",
    "Schulform",
    "Ort",
    "nächste Einrichtung",
    "Entfernung (km)",
    "ohne Einrichtung im Umkreis",
    "Partnerschaften",
)


def _white_spot_rows(request):
    if not can_view_white_spots(request.user):
        raise PermissionDenied
    regions = _white_spot_regions(request.user)
    data = request.GET.copy()
    if "region" not in data and regions:
        data.update({"region": regions[0].ags, "km": "5"})
    form = WhiteSpotForm(data, regions=regions)
    rows, region = [], None
    if form.is_valid():
        region = next(r for r in regions if r.ags == form.cleaned_data["region"])
        rows = selectors.white_spots(
            region, km=form.cleaned_data["km"], kind=form.cleaned_data["kind"]
        )
    return data, form, rows, region


@login_required
@require_safe
def white_spots_map(request: HttpRequest) -> HttpResponse:
    """Map layer: the schools of the same filtered list that have no eligible institution
    within the radius, as ``[[lat, lon, name, url, note], …]`` for ``core/map.js``."""
    from django.http import JsonResponse

    _data, _form, rows, _region = _white_spot_rows(request)
    return JsonResponse(selectors.white_spot_map_points(rows), safe=False)


@login_required
@require_safe
def white_spots(request: HttpRequest, fmt: str = "") -> HttpResponse:
    data, form, rows, region = _white_spot_rows(request)
    if fmt and form.is_valid():
        export = [
            (
                r.school.schulnummer,
                r.school.name,
                r.school.schulform.name,
                r.school.ort,
                r.nearest_name,
                r.nearest_km,
                r.without_institution,
                r.partnerships,
            )
            for r in rows
        ]
        name = dated_filename("weisse-flecken-" + region.ags, fmt)
        if fmt == "xlsx":
            return xlsx_response(name, WHITE_SPOT_HEADER, export, _("Weiße Flecken"))
        return csv_response(name, WHITE_SPOT_HEADER, export)
    params = data.urlencode()
    return render(
        request,
        "partners/white_spots.html",
        {
            "form": form,
            "rows": rows,
            "region": region,
            "filter_query": params,
            "without_institution": sum(1 for r in rows if r.without_institution),
            "without_partnership": sum(1 for r in rows if not r.partnerships),
            "map_data_url": reverse("partners:white_spots_map") + "?" + params,
        },
    )
