"""Providers of social and related services."""

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from kpss_pages.core.safe_values import validate_web_url

from .validators import validate_ico


class Provider(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    ico = models.CharField(
        _("IČO"),
        max_length=8,
        blank=True,
        validators=[validate_ico],
        help_text=_("Company identification number, 8 digits including leading zeros."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=120, blank=True, help_text=_("E.g. obecně prospěšná společnost")
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("town"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    web = models.URLField(_("web"), blank=True, validators=[validate_web_url])
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="catalog_providers",
        verbose_name=_("provider editors"),
        help_text=_("Users of the provider editor group who may edit this provider's services."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("ico"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.UniqueConstraint(
                fields=["ico"], condition=~Q(ico=""), name="catalog_provider_ico_uniq"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def address(self):
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)

    @property
    def name_with_legal_form(self):
        """The name followed by the legal form, unless the name already states it: names
        from the national register usually end with it ("…, příspěvková organizace",
        "…, o. p. s."), and printing it twice reads as an error."""
        if not self.legal_form or name_states_legal_form(self.name, self.legal_form):
            return self.name
        return f"{self.name}, {self.legal_form}"


def _squeezed(text):
    """Lower case, without diacritics, spaces and punctuation: "Z. ú." → "zu"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


# Czech legal forms (squeezed) and the abbreviations names end with (squeezed).
LEGAL_FORM_ABBREVIATIONS = {
    "prispevkovaorganizace": ("po",),
    "obecneprospesnaspolecnost": ("ops",),
    "spolek": ("zs",),
    "zapsanyspolek": ("zs",),
    "ustav": ("zu",),
    "zapsanyustav": ("zu",),
    "akciovaspolecnost": ("as",),
    "spolecnostsrucenimomezenym": ("sro", "spolsro"),
    "verejnaobchodnispolecnost": ("vos",),
    "komanditnispolecnost": ("ks",),
    "nadacnifond": ("nf",),
    "zajmovesdruzenipravnickychosob": ("zspo",),
}


def name_states_legal_form(name, legal_form):
    """Whether ``name`` already states ``legal_form``, written out or abbreviated, after
    a comma ("Domov U Lip, příspěvková organizace", "Slunovrat, o. p. s.")."""
    form = _squeezed(legal_form)
    known = {form, *LEGAL_FORM_ABBREVIATIONS.get(form, ())}
    return any(_squeezed(part) in known for part in name.split(",")[1:])
