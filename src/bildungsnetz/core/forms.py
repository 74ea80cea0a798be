from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Feedback, Page


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["topic", "page_url", "message", "name", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "page_url": _("Adresse oder Titel der Seite, um die es geht (freiwillig)."),
            "name": _("Freiwillig."),
            "email": _("Freiwillig – nur wenn Sie eine Antwort wünschen."),
        }


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title_de", "body_de", "title_en", "body_en"]
        widgets = {
            "body_de": forms.Textarea(attrs={"rows": 18}),
            "body_en": forms.Textarea(attrs={"rows": 18}),
        }


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form without the "forgot password" link inside the password hint:
    the login page shows that link after the form, so the fields follow each other when
    tabbing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.pop("aria-describedby", None)
