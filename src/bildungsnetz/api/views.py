"""„Mein Bereich“ → API-Schlüssel: list, create (secret shown once) and revoke own tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..core.errors import DomainError
from . import services
from .forms import TokenForm
from .models import ApiToken


def _page(request, form, *, secret=None, new_token=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"form": form, "tokens": tokens, "secret": secret, "new_token": new_token}
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_GET
def token_list(request):
    return _page(request, TokenForm())


@never_cache
@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = services.create_token(
                acting_user=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            # Rendered, not redirected: the secret exists only in this one response.
            return _page(request, TokenForm(), secret=secret, new_token=token, status=201)
    return _page(request, form, status=400)


@login_required
@require_POST
def token_revoke(request, pk):
    # Scoped fetch: another account's token is simply not found.
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    services.revoke_token(token, acting_user=request.user)
    messages.success(
        request, _("Der Schlüssel „%(name)s“ wurde widerrufen.") % {"name": token.name}
    )
    return redirect("api:tokens")
