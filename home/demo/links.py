"""Demo: links between pages that different parts create (run after all of them)."""

from .site import link_take_part


def load(ctx):
    link_take_part(ctx)
