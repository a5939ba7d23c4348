from kpss_pages.core.collation import czech_key


def test_czech_alphabetical_order():
    names = [
        "Žák",
        "Chalupa",
        "Šíma",
        "Cibulka",
        "Hrubý",
        "Čermák",
        "Adam",
        "Ábel",
        "Šimek",
        "Řehoř",
        "Rada",
        "Sýkora",
        "Ira",
        "Dvořáková",
        "Dvořák",
    ]
    assert sorted(names, key=czech_key) == [
        "Ábel",
        "Adam",
        "Cibulka",
        "Čermák",
        "Dvořák",
        "Dvořáková",
        "Hrubý",
        "Chalupa",
        "Ira",
        "Rada",
        "Řehoř",
        "Sýkora",
        "Šíma",
        "Šimek",
        "Žák",
    ]
