app_name = "subgroups"

urlpatterns = []
