"""Czech alphabetical order without ICU: "č", "ch", "ř", "š", "ž" are letters of their own
(Čermák after Cibulka, Chalupa after Hrubý); the other accents count only between names
that are otherwise the same (Ábel before Adam, Šíma before Šimek)."""

import unicodedata

# Letters sorted after their base letter ("ch" after "h"); every other letter sorts by its
# base without the accent.
_OWN_LETTERS = {"č": "c", "ř": "r", "š": "s", "ž": "z"}


def czech_key(text):
    """A sort key for ``sorted(..., key=czech_key)`` that orders names as a Czech reader
    expects."""
    text = (text or "").casefold().strip()
    primary = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "c" and text[i + 1 : i + 2] == "h":
            primary.append(("h", 1))
            i += 2
            continue
        if char in _OWN_LETTERS:
            primary.append((_OWN_LETTERS[char], 1))
        else:
            base = unicodedata.normalize("NFD", char)[0]
            primary.append((base, 0))
        i += 1
    return (primary, text)
