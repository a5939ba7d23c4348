from wagtail import hooks

from . import admin_outbox

# The permission policy must be registered before anything asks Wagtail for one.
OUTBOX_VIEWSET = admin_outbox.register()


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OUTBOX_VIEWSET
