from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Bildungsbereich, Foerderschwerpunkt


class SchoolSupplementForm(forms.Form):
    foerderschwerpunkte = forms.MultipleChoiceField(
        label=_("Förderschwerpunkte"),
        choices=Foerderschwerpunkt.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bildungsbereich = forms.ChoiceField(
        label=_("Bildungsbereich"),
        choices=Bildungsbereich.choices,
        required=False,
    )
