from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_(
            "Zum Beispiel „Auswertung Bildungsbüro“ – damit Sie den Schlüssel wiederfinden."
        ),
        error_messages={
            "required": _("Bitte geben Sie eine Bezeichnung für den Schlüssel an."),
            "max_length": _("Die Bezeichnung darf höchstens 100 Zeichen lang sein."),
        },
    )
