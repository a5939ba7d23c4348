"""Every contact e-mail and phone number on public pages is a link (``contact_links``)."""

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from kpss_pages.core.templatetags.kpss_contacts import contact_links


@pytest.mark.parametrize(
    ("value", "html"),
    [
        ("+420 555 000 101", '<a href="tel:+420555000101">+420 555 000 101</a>'),
        ("00420 555 000 101", '<a href="tel:+420555000101">00420 555 000 101</a>'),
        ("555000101", '<a href="tel:555000101">555000101</a>'),
        ("555 00 01 01", '<a href="tel:555000101">555 00 01 01</a>'),
        ("800 12 34", '<a href="tel:8001234">800 12 34</a>'),  # a phone field: all of it
        (
            "info@slunovrat.example",
            '<a href="mailto:info@slunovrat.example">info@slunovrat.example</a>',
        ),
        (
            "tel. 555 000 101, 602 123 456.",
            'tel. <a href="tel:555000101">555 000 101</a>, '
            '<a href="tel:602123456">602 123 456</a>.',
        ),
        ("<b>x@y.cz</b>", '&lt;b&gt;<a href="mailto:x@y.cz">x@y.cz</a>&lt;/b&gt;'),
        ("", ""),
        (None, ""),
    ],
)
def test_contacts_become_links(value, html):
    assert contact_links(value) == html


@pytest.mark.parametrize(
    "text",
    [
        "1 480 000 000 Kč",
        "CZ.03.02.02/00/22_000/0009999",
        "IČO 12345678, účet 123456789012",
        "2025–2028, 1. 6. 2023",
        "ZM/15/2024/7",
    ],
)
def test_numbers_that_are_not_phones_stay_text(text):
    assert "<a" not in contact_links(mark_safe(f"<p>{text}</p>"))


def test_rich_text_links_its_contacts_but_not_inside_links_or_tags():
    html = mark_safe(
        "<p>Pište na kpss@ostrov.example, tel.&nbsp;+420&nbsp;555 000 101; "
        '<a href="mailto:jana@ostrov.example">jana@ostrov.example, 555 000 102</a></p>'
        '<p><a href="/k/" title="555 000 103">kontakty</a></p>'
    )
    assert contact_links(html) == (
        '<p>Pište na <a href="mailto:kpss@ostrov.example">kpss@ostrov.example</a>, '
        'tel.&nbsp;<a href="tel:+420555000101">+420&nbsp;555 000 101</a>; '
        '<a href="mailto:jana@ostrov.example">jana@ostrov.example, 555 000 102</a></p>'
        '<p><a href="/k/" title="555 000 103">kontakty</a></p>'
    )


def test_the_filter_in_a_template_escapes_plain_values():
    template = Template("{% load kpss_contacts %}{{ value|contact_links }}")
    rendered = template.render(Context({"value": '"><script>x@y.cz'}))
    assert "<script>" not in rendered
    assert '<a href="mailto:x@y.cz">x@y.cz</a>' in rendered
