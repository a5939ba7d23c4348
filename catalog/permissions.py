"""Who may manage which services: municipal staff everything, provider editors only the
services of the providers they are attached to."""

from django.http import Http404
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import DeleteView, EditView, InspectView

PROVIDER_EDITORS_GROUP = "Editoři poskytovatelů"  # created by migration 0004
CATALOG_STAFF_GROUP = "Správci katalogu"


def sees_all_services(user):
    return user.is_active and (user.is_superuser or user.has_perm("catalog.manage_all_services"))


def can_manage_service(user, service):
    if sees_all_services(user):
        return True
    return service.provider.editors.filter(pk=user.pk).exists()


class ServicePermissionHelper(PermissionHelper):
    def user_can_inspect_obj(self, user, obj):
        return super().user_can_inspect_obj(user, obj) and can_manage_service(user, obj)

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and can_manage_service(user, obj)

    def user_can_delete_obj(self, user, obj):
        return super().user_can_delete_obj(user, obj) and can_manage_service(user, obj)


class ProviderPermissionHelper(PermissionHelper):
    """Provider editors may view and edit their own providers' details, nobody else's."""

    def _own(self, user, obj):
        return sees_all_services(user) or obj.editors.filter(pk=user.pk).exists()

    def user_can_inspect_obj(self, user, obj):
        return super().user_can_inspect_obj(user, obj) and self._own(user, obj)

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and self._own(user, obj)

    def user_can_delete_obj(self, user, obj):
        return super().user_can_delete_obj(user, obj) and sees_all_services(user)


class OwnServiceOnlyMixin:
    """Someone else's service does not exist for a provider editor: 404, not a redirect."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_service(request.user, self.instance):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ServiceEditView(OwnServiceOnlyMixin, EditView):
    pass


class ServiceInspectView(OwnServiceOnlyMixin, InspectView):
    pass


class ServiceDeleteView(OwnServiceOnlyMixin, DeleteView):
    pass
