"""Open data pages: the catalogue page, its DCAT-AP.de JSON-LD and the streamed downloads."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import opendata


def _page_url(request) -> str:
    return request.build_absolute_uri(reverse("monitoring:opendata"))


@require_GET
def catalogue(request):
    overview = opendata.catalogue_overview()
    return render(
        request,
        "monitoring/opendata.html",
        {
            "entries": overview,
            "formats": opendata.FORMATS,
            "zero": opendata.ZERO,
            "by": opendata.BY,
        },
    )


@require_GET
def catalogue_jsonld(request):
    data = opendata.dcat_catalog(absolute=request.build_absolute_uri, page_url=_page_url(request))
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


@require_GET
def download(request, slug, fmt):
    dataset = opendata.get_dataset(slug)
    if dataset is None or fmt not in opendata.FORMATS:
        raise Http404("Diesen Datensatz gibt es nicht.")
    filename = f"{dataset.slug}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        chunks = (chunk.encode("utf-8") for chunk in opendata.csv_chunks(dataset))
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    else:
        meta = opendata.dataset_meta(dataset)
        chunks = (c.encode("utf-8") for c in opendata.json_chunks(dataset, meta=meta))
        response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
